//! Injects (the MSEL): released at their time onto the timeline, their effects applied, their
//! decision points put up; contingency injects held back when their expected action was taken.

use super::decisions::DecisionPoints;
use crate::agents::shelter::Shelters;
use crate::agents::team::{Team, TeamState};
use crate::command::calls::Call;
use crate::command::incident::{Incident, NextIncident};
use crate::command::levels::{Levels, jurisdiction_name};
use crate::command::orders::Orders;
use crate::core::setting::{EffectS, Setting};
use crate::core::{Clock, EventKind, SimTime, Timeline};
use crate::hazards::HazardState;
use crate::model::HazardKind;
use crate::roads::{Closures, RoadGraph};
use bevy_ecs::prelude::*;
use std::collections::BTreeSet;

/// Index of the next inject to release.
#[derive(Resource, Debug, Default)]
pub struct InjectCursor(pub usize);

/// Contingency injects not released because their expected action was taken, by index.
#[derive(Resource, Debug, Default)]
pub struct Withheld(pub BTreeSet<usize>);

/// What effects act on.
#[derive(bevy_ecs::system::SystemParam)]
pub struct Targets<'w, 's> {
    hazard: ResMut<'w, HazardState>,
    closures: ResMut<'w, Closures>,
    graph: Res<'w, RoadGraph>,
    pub(super) shelters: ResMut<'w, Shelters>,
    pub(super) orders: ResMut<'w, Orders>,
    pub(super) levels: ResMut<'w, Levels>,
    pub(super) teams: Query<'w, 's, (&'static Team, &'static mut TeamState)>,
    next: ResMut<'w, NextIncident>,
    commands: Commands<'w, 's>,
    pub(super) timeline: ResMut<'w, Timeline>,
}

/// Injects stage: release every inject due (a contingency inject only if its expected action is
/// still missing), apply its effect, and put its decision point up.
pub fn release_injects(
    s: Res<Setting>,
    clock: Res<Clock>,
    withheld: Res<Withheld>,
    mut cursor: ResMut<InjectCursor>,
    mut points: ResMut<DecisionPoints>,
    mut x: Targets,
) {
    while let Some(inj) = s.injects.get(cursor.0).filter(|i| i.t <= clock.now) {
        let ix = cursor.0;
        cursor.0 += 1;
        if withheld.0.contains(&ix) {
            let of = inj.contingency_for.as_ref().map_or(String::new(), |o| format!(" (for {o})"));
            x.timeline.push(
                inj.t,
                EventKind::Inject,
                inj.target_role.clone(),
                "",
                format!("[{}] contingency inject withheld{of}: the expected action was taken", inj.id),
            );
            continue;
        }
        x.levels.injects_released.insert(inj.id.clone());
        x.timeline.push(
            inj.t,
            EventKind::Inject,
            inj.target_role.clone(),
            "",
            format!("[{}] {}", inj.id, inj.message),
        );
        if let Some(e) = &inj.effect {
            apply(&s, inj.t, e, "inject", &mut x);
        }
        if inj.decision.is_some() {
            points.pending.push((ix, inj.t));
        }
    }
}

/// Take an option at a decision point: record it, put it on the timeline, apply its effect.
pub(super) fn take_option(
    s: &Setting,
    (t, inject, option): (SimTime, usize, usize),
    by: &str,
    x: &mut Targets,
) {
    let inj = &s.injects[inject];
    let Some(d) = &inj.decision else { return };
    let o = &d.options[option];
    x.levels.decisions.insert((inj.id.clone(), o.id.clone()));
    x.timeline.push(
        t,
        EventKind::Decision,
        inj.target_role.clone(),
        "",
        format!("[{}] {} → {}: {} ({by})", inj.id, d.prompt, o.id, o.text),
    );
    if let Some(e) = &o.effect {
        apply(s, t, e, "decision", x);
    }
}

pub(super) fn apply(s: &Setting, t: SimTime, e: &EffectS, who: &str, x: &mut Targets) {
    match e {
        EffectS::Call(c) => {
            let idx = x.next.take();
            let zone = &s.zones[c.zone.ix()];
            let mut inc = Incident::at(idx, c.zone, zone.node, t);
            inc.t_detect = Some(t);
            inc.t_report = Some(t);
            let call = Call {
                idx,
                what: c.what.clone(),
                skill: c.skill,
                boat: false,
                priority: c.priority,
                service_s: c.service_s,
                households: Vec::new(),
                people: c.people,
                stream: None,
            };
            x.commands.spawn((inc, call));
            let text = format!("call for help: {} ({} people, priority {})", c.what, c.people, c.priority);
            x.timeline.push(t, EventKind::Report, who, zone.id.clone(), text);
        }
        EffectS::Warning(h, c) => {
            x.hazard.warnings.insert(*h, *c);
            x.timeline.push(t, EventKind::Warning, who, "", format!("{c} {h} warning issued"));
        }
        EffectS::RoadCut(link) => {
            x.closures.cut(*link);
            x.timeline.push(
                t,
                EventKind::Road,
                who,
                x.graph.link_ids[*link].clone(),
                "road cut: closed to everyone",
            );
        }
        EffectS::TeamUnavailable(team) => {
            for (tm, mut st) in &mut x.teams {
                if tm.0 == *team {
                    *st = TeamState::Unavailable;
                }
            }
            x.timeline.push(t, EventKind::Action, s.teams[team.ix()].id.clone(), "", "team out of service");
        }
        EffectS::ShelterClosed(f) => {
            x.shelters.closed[f.ix()] = true;
            x.timeline.push(
                t,
                EventKind::Shelter,
                who,
                s.facilities[f.ix()].id.clone(),
                "shelter closed to new arrivals",
            );
        }
        EffectS::Evacuate(zones, order) => {
            for z in zones {
                if x.orders.issue(*z, *order, t, true) {
                    let zone = &s.zones[z.ix()];
                    x.timeline.push(
                        t,
                        EventKind::Order,
                        who,
                        zone.id.clone(),
                        format!("{order} transfer ordered for {}", zone.name),
                    );
                }
            }
        }
        EffectS::SetLevel(j, hazard, level) => {
            let hazards: Vec<HazardKind> = hazard.map_or_else(|| HazardKind::ALL.to_vec(), |h| vec![h]);
            let what = hazard.map_or("every hazard".to_string(), |h| h.to_string());
            for h in hazards {
                x.levels.set(t, *j, h, *level, who);
            }
            let name = jurisdiction_name(s, *j);
            x.timeline.push(
                t,
                EventKind::Level,
                who,
                name,
                format!("response level for {what} set to {}", level.label()),
            );
        }
    }
}
