//! Injects (the MSEL): released at their time onto the timeline, their effects applied, and the
//! default option taken at each decision point (a player's choice comes with `drill play`).

use crate::agents::shelter::Shelters;
use crate::agents::team::{Team, TeamState};
use crate::command::levels::{Levels, jurisdiction_name};
use crate::command::orders::Orders;
use crate::core::setting::{EffectS, Setting};
use crate::core::{Clock, EventKind, SimTime, Timeline};
use crate::hazards::HazardState;
use crate::model::HazardKind;
use crate::roads::{Closures, RoadGraph};
use bevy_ecs::prelude::*;

/// Index of the next inject to release.
#[derive(Resource, Debug, Default)]
pub struct InjectCursor(pub usize);

/// What effects act on.
#[derive(bevy_ecs::system::SystemParam)]
pub struct Targets<'w, 's> {
    hazard: ResMut<'w, HazardState>,
    closures: ResMut<'w, Closures>,
    graph: Res<'w, RoadGraph>,
    shelters: ResMut<'w, Shelters>,
    orders: ResMut<'w, Orders>,
    levels: ResMut<'w, Levels>,
    teams: Query<'w, 's, (&'static Team, &'static mut TeamState)>,
    timeline: ResMut<'w, Timeline>,
}

/// Injects stage: release every inject due, apply its effect and its decision's default option.
pub fn release_injects(s: Res<Setting>, clock: Res<Clock>, mut cursor: ResMut<InjectCursor>, mut x: Targets) {
    while let Some(inj) = s.injects.get(cursor.0).filter(|i| i.t <= clock.now) {
        cursor.0 += 1;
        x.levels.injects_released.insert(inj.id.clone());
        x.timeline.push(
            inj.t,
            EventKind::Inject,
            inj.target_role.clone(),
            "",
            format!("[{}] {}", inj.id, inj.message),
        );
        if let Some(e) = &inj.effect {
            apply(&s, inj.t, e, &mut x);
        }
        if let Some((prompt, option, effect)) = &inj.decision {
            x.levels.decisions.insert((inj.id.clone(), option.clone()));
            x.timeline.push(
                inj.t,
                EventKind::Decision,
                inj.target_role.clone(),
                "",
                format!("{prompt} → {option} (default option)"),
            );
            if let Some(e) = effect {
                apply(&s, inj.t, e, &mut x);
            }
        }
    }
}

fn apply(s: &Setting, t: SimTime, e: &EffectS, x: &mut Targets) {
    match e {
        EffectS::Warning(h, c) => {
            x.hazard.warnings.insert(*h, *c);
            x.timeline.push(t, EventKind::Warning, "inject", "", format!("{c} {h} warning issued"));
        }
        EffectS::RoadCut(link) => {
            x.closures.cut(*link);
            x.timeline.push(
                t,
                EventKind::Road,
                "inject",
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
                "inject",
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
                        "command",
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
                x.levels.set(t, *j, h, *level, "inject");
            }
            let name = jurisdiction_name(s, *j);
            x.timeline.push(
                t,
                EventKind::Level,
                "inject",
                name,
                format!("response level for {what} set to {}", level.label()),
            );
        }
    }
}
