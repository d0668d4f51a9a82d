//! The common picture: which agency knows of which incident, and since when. With a joint
//! command post a report reaches every agency at once; without one it reaches only the
//! agencies that hear its kind of alarm (a fire the fire side, a trapped household the water
//! rescuers), and each acts on what it alone knows.

use crate::core::setting::Setting;
use crate::core::{IncidentId, SimTime};
use crate::model::Skill;
use bevy_ecs::prelude::*;
use std::collections::BTreeMap;

/// Who dispatches: the joint command post, or one agency on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Desk {
    /// The joint command post: every agency's teams, one dispatch per incident.
    Joint,
    /// One agency (index into the plan's agencies): its own teams only.
    Agency(usize),
}

/// When each agency learned of each reported incident.
#[derive(Resource, Debug, Default)]
pub struct Picture {
    known: BTreeMap<IncidentId, Vec<Option<SimTime>>>,
    integrated: bool,
}

impl Picture {
    /// An empty picture for a plan.
    pub fn new(s: &Setting) -> Picture {
        Picture { known: BTreeMap::new(), integrated: s.plan.integrated }
    }

    /// A report of an incident needing `skill` reaches the command at `t`: every agency learns
    /// of it with a joint post; without one, the agencies that hear that alarm (the command's
    /// own agency when none does).
    pub fn report(&mut self, s: &Setting, inc: IncidentId, skill: Skill, t: SimTime) {
        let n = s.plan.agencies.len();
        let mut who: Vec<Option<SimTime>> = (0..n)
            .map(|a| (self.integrated || s.plan.agencies[a].hears.contains(&skill)).then_some(t))
            .collect();
        if n > 0 && who.iter().all(Option::is_none) {
            who[0] = Some(t);
        }
        self.known.insert(inc, who);
    }

    /// Whether an agency knows of an incident at `now`.
    pub fn knows(&self, agency: usize, inc: IncidentId, now: SimTime) -> bool {
        self.known.get(&inc).and_then(|w| w.get(agency).copied().flatten()).is_some_and(|t| t <= now)
    }

    /// Whether the command knows of an incident: the joint post knows every report; without
    /// one, the command knows what reaches its own agency (the plan's first).
    pub fn command_knows(&self, inc: IncidentId, now: SimTime) -> bool {
        match self.known.get(&inc) {
            Some(w) if w.is_empty() => true,
            Some(_) => self.knows(0, inc, now),
            None => false,
        }
    }

    /// The desks that dispatch to an incident at `now`: the joint post, or each agency that
    /// knows of it, in plan order.
    pub fn desks(&self, inc: IncidentId, now: SimTime) -> Vec<Desk> {
        let Some(w) = self.known.get(&inc) else { return Vec::new() };
        if self.integrated || w.is_empty() {
            return vec![Desk::Joint];
        }
        (0..w.len()).filter(|&a| self.knows(a, inc, now)).map(Desk::Agency).collect()
    }

    /// Incidents each agency knew of by the end, by agency index.
    pub fn known_per_agency(&self, agencies: usize) -> Vec<u32> {
        (0..agencies)
            .map(|a| self.known.values().filter(|w| w.get(a).is_some_and(Option::is_some)).count() as u32)
            .collect()
    }
}

/// The desk that sends a team: the joint post, or the team's own agency.
pub fn desk_of(s: &Setting, team: crate::core::TeamId) -> Desk {
    match s.teams[team.ix()].agency {
        Some(a) if !s.plan.integrated => Desk::Agency(a),
        _ => Desk::Joint,
    }
}

/// Whether a team may be sent from a desk.
pub fn at_desk(desk: Desk, team_agency: Option<usize>) -> bool {
    match desk {
        Desk::Joint => team_agency.is_some(),
        Desk::Agency(a) => team_agency == Some(a),
    }
}
