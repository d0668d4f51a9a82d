//! Two hazards, one pool of forces: a team the plan pre-positioned for one hazard stands by for
//! it, and an incident of another hazard may take it only if the plan's priorities rank that
//! hazard at or above the standby's; a crew clearing a road (the storm's work) is taken off it
//! for a fire only if the plan ranks fire above the storm. Either way the conflict goes on the
//! timeline.

use crate::core::setting::Setting;
use crate::core::{EventKind, FacilityId, IncidentId, SimTime, TeamId, Timeline};
use crate::model::HazardKind;
use bevy_ecs::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The hazard road clearing serves: the storm's (trees down in the wind, slips in the rain).
pub const ROAD_WORK: HazardKind = HazardKind::Typhoon;

/// What the dispatcher may take teams from: standbys and road works.
#[derive(bevy_ecs::system::SystemParam)]
pub struct Forces<'w> {
    pub standby: ResMut<'w, Standby>,
    pub works: ResMut<'w, super::roadworks::RoadWorks>,
}

/// Teams standing by for a hazard at a facility, and the conflicts already recorded.
#[derive(Resource, Debug, Default)]
pub struct Standby {
    pub teams: BTreeMap<TeamId, (HazardKind, FacilityId)>,
    seen: BTreeSet<(TeamId, IncidentId)>,
    /// Conflicts recorded: (team taken from its standby, kept on it).
    pub taken: u32,
    pub kept: u32,
}

impl Standby {
    /// Whether `team` may be sent to an incident of `hazard` (a call not tied to a hazard, `None`,
    /// may take any team). A team kept on its standby is recorded once per incident.
    pub fn may_take(
        &mut self,
        s: &Setting,
        (team, inc, hazard): (TeamId, IncidentId, Option<HazardKind>),
        now: SimTime,
        timeline: &mut Timeline,
    ) -> bool {
        let (Some(h), Some(&(standby, at))) = (hazard, self.teams.get(&team)) else { return true };
        if h == standby || s.plan.rank(h) <= s.plan.rank(standby) {
            return true;
        }
        if self.first_kept(team, inc) {
            let place = &s.facilities[at.ix()].id;
            let what = format!(
                "kept on its {standby} standby at {place}: incident {} ({h}) waits for another team (plan priorities: {standby} before {h})",
                inc.0
            );
            record(s, team, place, &what, now, timeline);
        }
        false
    }

    /// Whether a crew clearing road `link` may be taken off it for an incident of `hazard`; a
    /// crew kept at its road is recorded once per incident.
    pub fn may_divert(
        &mut self,
        s: &Setting,
        (team, inc, hazard): (TeamId, IncidentId, HazardKind),
        link: &str,
        now: SimTime,
        timeline: &mut Timeline,
    ) -> bool {
        if s.plan.rank(hazard) < s.plan.rank(ROAD_WORK) {
            return true;
        }
        if self.first_kept(team, inc) {
            let what = format!(
                "kept clearing {link} ({ROAD_WORK} work): incident {} ({hazard}) waits for another team (plan priorities: {ROAD_WORK} before {hazard})",
                inc.0
            );
            record(s, team, link, &what, now, timeline);
        }
        false
    }

    /// A crew is taken off road `link` for an incident of `hazard`.
    pub fn divert(
        &mut self,
        s: &Setting,
        (team, inc, hazard): (TeamId, IncidentId, HazardKind),
        link: &str,
        now: SimTime,
        timeline: &mut Timeline,
    ) {
        self.taken += 1;
        let what = format!(
            "taken off clearing {link} ({ROAD_WORK} work) for incident {} ({hazard}; plan priorities: {hazard} before {ROAD_WORK}); the road waits for another crew",
            inc.0
        );
        record(s, team, link, &what, now, timeline);
    }

    /// A team is sent to an incident of `hazard`: if it stood by for another hazard, record
    /// that it was taken from it.
    pub fn take(
        &mut self,
        s: &Setting,
        (team, inc, hazard): (TeamId, IncidentId, Option<HazardKind>),
        now: SimTime,
        timeline: &mut Timeline,
    ) {
        let Some((standby, at)) = self.teams.remove(&team) else { return };
        let Some(h) = hazard.filter(|h| *h != standby) else { return };
        self.taken += 1;
        let place = &s.facilities[at.ix()].id;
        let what = format!(
            "taken from its {standby} standby at {place} for incident {} ({h}; plan priorities: {h} before {standby})",
            inc.0
        );
        record(s, team, place, &what, now, timeline);
    }

    /// Count a team kept from an incident, the first time only; whether it was the first.
    fn first_kept(&mut self, team: TeamId, inc: IncidentId) -> bool {
        let first = self.seen.insert((team, inc));
        self.kept += u32::from(first);
        first
    }
}

/// A conflict on the timeline: the team's name, then what happened to it.
fn record(s: &Setting, team: TeamId, place: &str, what: &str, now: SimTime, timeline: &mut Timeline) {
    let ts = &s.teams[team.ix()];
    timeline.push(now, EventKind::Conflict, ts.id.clone(), place.to_string(), format!("{} {what}", ts.name));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting() -> Setting {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let inp = crate::run::load_inputs(&root.join("scenario.ron"), &root.join("plan.ron")).unwrap();
        let opts = crate::run::RunOptions { seed: 1, nominal: true, ..Default::default() };
        crate::run::world(&inp, &opts).unwrap().remove_resource::<Setting>().unwrap()
    }

    #[test]
    fn the_plans_priorities_decide_who_gets_a_team_on_standby() {
        let mut s = setting();
        let (team, shelter, t) = (TeamId(0), FacilityId(3), SimTime(600));
        let mut tl = Timeline::default();
        let mut sb = Standby::default();
        // Default priorities, fire before typhoon: a fire takes the team from its typhoon standby.
        sb.teams.insert(team, (HazardKind::Typhoon, shelter));
        assert!(sb.may_take(&s, (team, IncidentId(7), Some(HazardKind::Fire)), t, &mut tl));
        sb.take(&s, (team, IncidentId(7), Some(HazardKind::Fire)), t, &mut tl);
        assert_eq!((sb.taken, sb.kept), (1, 0));
        assert!(!sb.teams.contains_key(&team), "no longer standing by");
        // A plan that ranks the flood first keeps its flood standby from a fire, and says so once.
        s.plan.priorities = vec![HazardKind::Flood, HazardKind::Fire];
        sb.teams.insert(team, (HazardKind::Flood, shelter));
        for _ in 0..3 {
            assert!(!sb.may_take(&s, (team, IncidentId(8), Some(HazardKind::Fire)), t, &mut tl));
        }
        // The same hazard, or a call tied to none, may always take it.
        assert!(sb.may_take(&s, (team, IncidentId(9), Some(HazardKind::Flood)), t, &mut tl));
        assert!(sb.may_take(&s, (team, IncidentId(9), None), t, &mut tl));
        assert_eq!((sb.taken, sb.kept), (1, 1));
        let texts: Vec<&str> =
            tl.0.iter().filter(|e| e.kind == EventKind::Conflict).map(|e| e.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(
            texts[0].contains("taken from its typhoon standby") && texts[0].contains("fire before typhoon")
        );
        assert!(texts[1].contains("kept on its flood standby") && texts[1].contains("flood before fire"));
        // A crew clearing a road: taken off it for a fire by default, kept on it where the plan
        // ranks the storm first.
        assert!(sb.may_divert(&s, (team, IncidentId(10), HazardKind::Fire), "l-x", t, &mut tl));
        s.plan.priorities = vec![HazardKind::Typhoon, HazardKind::Fire];
        assert!(!sb.may_divert(&s, (team, IncidentId(10), HazardKind::Fire), "l-x", t, &mut tl));
        assert!(!sb.may_divert(&s, (team, IncidentId(10), HazardKind::Fire), "l-x", t, &mut tl));
        assert_eq!((sb.taken, sb.kept), (1, 2));
        let last = tl.0.last().unwrap();
        assert!(
            last.text.contains("kept clearing l-x") && last.text.contains("typhoon before fire"),
            "{}",
            last.text
        );
    }
}
