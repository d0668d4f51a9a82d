//! What each team was doing over the run (the team Gantt): its state every tick, kept as spans
//! of one activity. A team idle at its own station has no span.

use crate::agents::{Team, TeamState};
use crate::command::orders::TaskKind;
use crate::core::setting::Setting;
use crate::core::{Clock, Span};
use bevy_ecs::prelude::*;

/// Open and closed activity spans per team.
#[derive(Resource, Debug, Default)]
pub struct Activity {
    /// Per team (by index): the activity under way and since when.
    pub open: Vec<Option<(&'static str, i64)>>,
    /// Closed spans, team index first.
    pub closed: Vec<(usize, &'static str, i64, i64)>,
}

impl Activity {
    /// An empty record for `teams` teams.
    pub fn new(teams: usize) -> Activity {
        Activity { open: vec![None; teams], closed: Vec::new() }
    }

    /// Note what team `ix` is doing at `now_s` (None: idle at its station).
    pub fn note(&mut self, ix: usize, what: Option<&'static str>, now_s: i64) {
        let current = self.open[ix].map(|(w, _)| w);
        if current == what {
            return;
        }
        if let Some((w, t0)) = self.open[ix].take() {
            self.closed.push((ix, w, t0, now_s));
        }
        self.open[ix] = what.map(|w| (w, now_s));
    }

    /// Every span, the open ones closed at `end_s`, in team order then time.
    pub fn spans(&self, s: &Setting, end_s: i64) -> Vec<Span> {
        let mut all = self.closed.clone();
        all.extend(self.open.iter().enumerate().filter_map(|(ix, o)| o.map(|(w, t0)| (ix, w, t0, end_s))));
        all.sort_by_key(|&(ix, _, t0, _)| (ix, t0));
        all.into_iter()
            .filter(|&(_, _, t0, t1)| t1 > t0)
            .map(|(ix, w, t0_s, t1_s)| Span { who: s.teams[ix].id.clone(), what: w.to_string(), t0_s, t1_s })
            .collect()
    }
}

/// The activity a team's state shows, or None when it is idle at its own station.
pub fn activity(state: &TeamState, home: crate::core::NodeId) -> Option<&'static str> {
    Some(match state {
        TeamState::Idle { node } if *node == home => return None,
        TeamState::Idle { .. } => "standing by",
        TeamState::EnRoute { task: TaskKind::Reinforce(..), .. } => "to dike work",
        TeamState::EnRoute { task: TaskKind::PrePosition(_), .. } => "pre-positioning",
        TeamState::EnRoute { task: TaskKind::ClearRoad(_), .. } => "to a cut road",
        TeamState::EnRoute { .. } => "en route",
        TeamState::Working { .. } => "on scene",
        TeamState::Clearing { .. } => "clearing road",
        TeamState::Returning { .. } => "returning",
        TeamState::Serving { .. } => "answering call",
        TeamState::Resting { .. } => "resting",
        TeamState::Reinforcing { .. } => "dike work",
        TeamState::Unavailable => "out of service",
    })
}

/// Outcomes stage: note each team's activity this tick.
pub fn record_activity(
    s: Res<Setting>,
    clock: Res<Clock>,
    teams: Query<(&Team, &TeamState)>,
    mut act: ResMut<Activity>,
) {
    for (team, st) in &teams {
        let ix = team.0.ix();
        act.note(ix, activity(st, s.teams[ix].node), clock.now.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_of_activity_closes_a_span() {
        let mut a = Activity::new(2);
        a.note(0, Some("en route"), 60);
        a.note(0, Some("en route"), 120);
        a.note(0, Some("on scene"), 300);
        a.note(0, None, 900);
        a.note(1, Some("standing by"), 600);
        assert_eq!(a.closed, [(0, "en route", 60, 300), (0, "on scene", 300, 900)]);
        assert_eq!(a.open[1], Some(("standing by", 600)));
    }
}
