//! Incidents and what the command knows of them: true start, detection, the alarm received
//! (接警, `t_report`), dispatch, first arrival (per 135 tier), control.

use crate::core::setting::{FireS, Setting};
use crate::core::{Clock, EventKind, IncidentId, NodeId, SimTime, Timeline, ZoneId};
use crate::hazards::Fire;
use bevy_ecs::prelude::*;

/// The next free incident id: incidents raised during a run (power faults, the forest-fire
/// front) take theirs here, after the scenario's own fires.
#[derive(Resource, Debug, Clone, Copy)]
pub struct NextIncident(pub u32);

impl NextIncident {
    /// Take the next id.
    pub fn take(&mut self) -> IncidentId {
        self.0 += 1;
        IncidentId(self.0 - 1)
    }
}

/// The times of one incident (DESIGN §5). Response time = t_arrive − t_report.
#[derive(Component, Debug, Clone)]
pub struct Incident {
    pub idx: IncidentId,
    pub zone: ZoneId,
    pub node: NodeId,
    pub t_start: SimTime,
    pub t_detect: Option<SimTime>,
    pub t_report: Option<SimTime>,
    pub t_dispatch: Option<SimTime>,
    pub t_arrive: Option<SimTime>,
    pub t_control: Option<SimTime>,
    /// First arrival of each 135 tier (1, 2, 3).
    pub tier_arrive: [Option<SimTime>; 3],
    /// First arrival of the county brigade.
    pub county_arrive: Option<SimTime>,
    /// The command knows of it.
    pub reported: bool,
    /// Detection has been recorded on the timeline.
    pub detected: bool,
    /// The 135 standard applies (a fire in a built-up area or industrial park).
    pub in_135_scope: bool,
    /// When the last reinforcement was sent.
    pub last_dispatch: Option<SimTime>,
    /// Found by a grid worker on patrol (not by those nearby or an alarm).
    pub found_on_patrol: bool,
    /// The desks (the joint post, or agencies on their own) that have sent a first response.
    pub sent_by: Vec<super::picture::Desk>,
    /// Units sent beyond what was asked for: a second agency's answer to an incident another
    /// has answered (only without a joint post).
    pub duplicates: u32,
}

impl Incident {
    /// A not-yet-started incident for a fire.
    pub fn fire(s: &Setting, idx: IncidentId, f: &FireS) -> Incident {
        Incident { in_135_scope: s.zones[f.zone.ix()].in_135_scope, ..Incident::at(idx, f.zone, f.node, f.t) }
    }

    /// An incident starting at `t` at a node of a zone, nothing yet known of it.
    pub fn at(idx: IncidentId, zone: ZoneId, node: NodeId, t: SimTime) -> Incident {
        Incident {
            idx,
            zone,
            node,
            t_start: t,
            t_detect: None,
            t_report: None,
            t_dispatch: None,
            t_arrive: None,
            t_control: None,
            tier_arrive: [None; 3],
            county_arrive: None,
            reported: false,
            detected: false,
            in_135_scope: false,
            last_dispatch: None,
            found_on_patrol: false,
            sent_by: Vec::new(),
            duplicates: 0,
        }
    }

    /// A team arrived at `t` (as 135 tier `tier`, 0 for none; from the county or not): the
    /// first arrival of each kind is kept.
    pub fn record_arrival(&mut self, t: SimTime, tier: u8, county: bool) {
        let first = |slot: &mut Option<SimTime>| *slot = Some(slot.map_or(t, |x| x.min(t)));
        first(&mut self.t_arrive);
        if (1..=3).contains(&tier) {
            first(&mut self.tier_arrive[tier as usize - 1]);
        }
        if county {
            first(&mut self.county_arrive);
        }
    }

    /// Response time, s, once a force has arrived.
    pub fn response_s(&self) -> Option<i64> {
        Some(self.t_arrive?.0 - self.t_report?.0)
    }
}

/// Detection stage: incidents are detected, then reported to the command after their delays.
pub fn report_incidents(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut incidents: Query<(&mut Incident, Option<&Fire>, Option<&super::calls::Call>)>,
    mut picture: ResMut<super::picture::Picture>,
    mut timeline: ResMut<Timeline>,
) {
    let pending = |i: &Incident| {
        i.t_detect.is_some_and(|t| t <= clock.now && !i.detected)
            || i.t_report.is_some_and(|t| t <= clock.now && !i.reported)
    };
    if !incidents.iter().any(|(i, ..)| pending(i)) {
        return;
    }
    let mut list: Vec<_> = incidents.iter_mut().filter(|(i, ..)| pending(i)).collect();
    list.sort_by_key(|(i, ..)| i.idx);
    for (mut inc, fire, call) in list {
        let place = s.zones[inc.zone.ix()].id.clone();
        let (noticed, alarm, skill) = match (fire, call) {
            (Some(f), _) => {
                let skill = if f.spec.kind.hazard() == crate::model::HazardKind::ForestFire {
                    crate::model::Skill::ForestFire
                } else {
                    crate::model::Skill::Fire
                };
                let id = &f.spec.id;
                let by = if inc.found_on_patrol { " by a grid worker on patrol" } else { "" };
                (format!("fire {id} noticed{by}"), format!("alarm received for fire {id} (接警)"), skill)
            }
            (None, Some(c)) => (String::new(), format!("call {} received: {}", c.idx.0, c.what), c.skill),
            (None, None) => continue,
        };
        if let Some(t) = inc.t_detect.filter(|&t| t <= clock.now && !inc.detected) {
            inc.detected = true;
            if !noticed.is_empty() {
                timeline.push(t, EventKind::Detection, "", place.clone(), noticed);
            }
        }
        if let Some(t) = inc.t_report.filter(|&t| t <= clock.now && !inc.reported) {
            inc.reported = true;
            picture.report(&s, inc.idx, skill, t);
            let by = if s.plan.integrated || s.plan.agencies.is_empty() {
                "joint command post".to_string()
            } else {
                let heard: Vec<&str> = (0..s.plan.agencies.len())
                    .filter(|&a| picture.knows(a, inc.idx, t))
                    .map(|a| s.plan.agencies[a].id.as_str())
                    .collect();
                heard.join(" + ")
            };
            timeline.push(t, EventKind::Report, by, place, alarm);
        }
    }
}
