//! The duty system: a team back at its station after a long stretch of work hands over to its
//! relief crew if it has enough members for a second shift, or else rests before it can be
//! sent again. The plan sets the limits (`dispatch.shift_limit_h`, `rest_per_work_h`);
//! the defaults are NWCG's work/rest guideline (Standards for Interagency Incident Business
//! Management): no more than 16 h on shift, and 1 h of rest for every 2 h worked.

use super::team::{FreeSince, Team, TeamState};
use crate::core::setting::Setting;
use crate::core::{Clock, EventKind, SimTime, Timeline};
use bevy_ecs::prelude::*;

/// A team's work since its last rest: when it last left its station (or stand-by post) and
/// the time worked before that.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Duty {
    pub out_since: Option<SimTime>,
    pub worked_s: f64,
}

impl Duty {
    /// The team leaves for a task at `t` (keeps the earlier time if it is already out).
    pub fn leave(&mut self, t: SimTime) {
        self.out_since.get_or_insert(t);
    }

    /// The team is back at `t`: the time out is added to its work; if the work since its last
    /// rest reaches `shift_limit_s`, the work is cleared and — unless a relief crew takes over
    /// (`relief`: enough members for a second shift) — the rest it is owed, s.
    pub fn back(&mut self, t: SimTime, shift_limit_s: f64, rest_per_work: f64, relief: bool) -> Option<f64> {
        if let Some(out) = self.out_since.take() {
            self.worked_s += (t.0 - out.0).max(0) as f64;
        }
        if relief && self.worked_s >= shift_limit_s {
            self.worked_s = 0.0;
        }
        (self.worked_s >= shift_limit_s).then(|| {
            let rest = self.worked_s * rest_per_work;
            self.worked_s = 0.0;
            rest
        })
    }
}

/// Agents stage: teams whose rest is over are available again at their station.
pub fn end_rest(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut teams: Query<(&Team, &mut TeamState, &mut FreeSince)>,
    mut timeline: ResMut<Timeline>,
) {
    for (team, mut state, mut free) in &mut teams {
        let TeamState::Resting { until } = *state else { continue };
        if until > clock.now {
            continue;
        }
        let ts = &s.teams[team.0.ix()];
        *state = TeamState::Idle { node: ts.node };
        free.0 = until;
        let text = format!("{} rested: available again", ts.name);
        timeline.push(
            until,
            EventKind::Return,
            ts.id.clone(),
            s.facilities[ts.station.ix()].id.clone(),
            text,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_hours_out_earns_eight_hours_of_rest() {
        let mut d = Duty::default();
        d.leave(SimTime(0));
        d.leave(SimTime(100)); // already out
        let (limit, ratio) = (16.0 * 3600.0, 0.5);
        assert_eq!(d.back(SimTime(10 * 3600), limit, ratio, false), None, "10 h: no rest yet");
        d.leave(SimTime(11 * 3600));
        let rest = d.back(SimTime(17 * 3600), limit, ratio, false).expect("16 h worked");
        assert_eq!(rest, 8.0 * 3600.0);
        assert_eq!(d.worked_s, 0.0);
        // With a relief crew the shift changes at the station and no one is out of service.
        d.leave(SimTime(20 * 3600));
        assert_eq!(d.back(SimTime(40 * 3600), limit, ratio, true), None);
        assert_eq!(d.worked_s, 0.0);
    }
}
