//! Hazard modules: when a jurisdiction reaches a level, the plan's actions for that hazard at
//! that level (and below, if skipped) are carried out — once, unless the level is lowered below
//! the module's and raised again.

use super::levels::{Levels, jurisdiction_name};
use super::orders::{County, Measures, Orders, Task, TaskKind, TeamTasks};
use crate::agents::shelter::Shelters;
use crate::core::setting::{ActionS, Jurisdiction, Setting};
use crate::core::{Clock, EventKind, SimTime, Timeline, ZoneId};
use crate::model::{FacilityKind, Level};
use crate::roads::Closures;
use bevy_ecs::prelude::*;
use std::collections::BTreeSet;

/// Modules already carried out, per (jurisdiction, module index).
#[derive(Resource, Debug, Default)]
pub struct Executed(pub BTreeSet<(Jurisdiction, usize)>);

/// The zones a jurisdiction covers.
fn zones_in(s: &Setting, j: Jurisdiction) -> Vec<ZoneId> {
    match j {
        Jurisdiction::Zone(z) => vec![z],
        _ => (0..s.zones.len() as u32).map(ZoneId).collect(),
    }
}

/// Resources the modules act on.
#[derive(bevy_ecs::system::SystemParam)]
pub struct Levers<'w> {
    orders: ResMut<'w, Orders>,
    shelters: ResMut<'w, Shelters>,
    tasks: ResMut<'w, TeamTasks>,
    county: ResMut<'w, County>,
    closures: ResMut<'w, Closures>,
    graph: Res<'w, crate::roads::RoadGraph>,
    measures: ResMut<'w, Measures>,
    standby: ResMut<'w, super::conflicts::Standby>,
    supplies: ResMut<'w, crate::agents::supplies::Supplies>,
    works: ResMut<'w, crate::agents::dikework::DikeWorks>,
    timeline: ResMut<'w, Timeline>,
}

/// Command stage: carry out the modules of every level reached.
pub fn execute_modules(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut levels: ResMut<Levels>,
    mut done: ResMut<Executed>,
    mut l: Levers,
) {
    // A level lowered below a module's: the module runs again if the level comes back.
    for (j, hazard) in std::mem::take(&mut levels.lowered) {
        let now_at = levels.get(j, hazard);
        done.0.retain(|&(jj, mi)| {
            let m = &s.plan.modules[mi];
            !(jj == j && m.hazard == hazard && m.level > now_at)
        });
    }
    let changed = std::mem::take(&mut levels.changed);
    for (j, hazard) in changed {
        let level = levels.get(j, hazard);
        if j == Jurisdiction::County {
            continue; // the county's level is context; its own measures are outside the township plan
        }
        for (mi, m) in s.plan.modules.iter().enumerate() {
            if m.hazard != hazard || m.level == Level::None || m.level > level || !done.0.insert((j, mi)) {
                continue;
            }
            for a in &m.actions {
                act(&s, (clock.now, m.hazard), j, a, &mut l);
            }
        }
    }
}

fn act(
    s: &Setting,
    (now, hazard): (SimTime, crate::model::HazardKind),
    j: Jurisdiction,
    a: &ActionS,
    l: &mut Levers,
) {
    let who = jurisdiction_name(s, j);
    match a {
        ActionS::Evacuate { tags, zones, order, assist, after_s } => {
            let at = SimTime(now.0 + after_s);
            for z in zones_in(s, j) {
                let zone = &s.zones[z.ix()];
                let named = zones.contains(&z);
                let tagged = zone.tags.iter().any(|t| tags.contains(t));
                if (named || tagged) && zone.households > 0 && l.orders.issue(z, *order, at, *assist) {
                    l.timeline.push(
                        at,
                        EventKind::Order,
                        who.clone(),
                        zone.id.clone(),
                        format!(
                            "{order} transfer ordered for {} ({} households)",
                            zone.name, zone.households
                        ),
                    );
                }
            }
        }
        ActionS::OpenShelters(list) => {
            for (f, fac) in s.facilities.iter().enumerate() {
                let wanted = list.is_empty() || list.iter().any(|x| x.ix() == f);
                let in_j = match j {
                    Jurisdiction::Zone(z) => fac.zone == z || !list.is_empty(),
                    _ => true,
                };
                if fac.kind == FacilityKind::Shelter && wanted && in_j && l.shelters.open(f) {
                    l.timeline.push(
                        now,
                        EventKind::Shelter,
                        who.clone(),
                        fac.id.clone(),
                        format!("shelter {} opened ({} places)", fac.name, fac.capacity_people),
                    );
                }
            }
        }
        ActionS::PrePosition(team, to) => {
            l.tasks.0.push(Task { team: *team, kind: TaskKind::PrePosition(*to), t: now });
            l.standby.teams.insert(*team, (hazard, *to));
            let text =
                format!("{} pre-positioned to {}", s.teams[team.ix()].name, s.facilities[to.ix()].name);
            l.timeline.push(now, EventKind::Action, who, s.facilities[to.ix()].id.clone(), text);
        }
        ActionS::FiveStops => {
            if l.measures.five_stops.is_none() {
                l.measures.five_stops = Some(now);
                l.timeline.push(
                    now,
                    EventKind::Action,
                    who,
                    "",
                    "five stops (五停): outdoor activities, school, work, business and transport stopped",
                );
            }
        }
        ActionS::CloseRoads(links) => {
            for &link in links {
                l.closures.close(link);
                let id = l.graph.link_ids[link].clone();
                l.timeline.push(now, EventKind::Road, who.clone(), id, "closed to the public by the plan");
            }
        }
        ActionS::ReinforceDikes { dikes, team, depot, sandbags, raise_m } => {
            // Another jurisdiction's module asking the same team for the same dikes: one order.
            if l.works.0.iter().any(|o| o.team == *team && o.dikes == *dikes) {
                return;
            }
            let order = l.works.0.len();
            l.works.0.push(crate::agents::dikework::DikeOrder {
                team: *team,
                dikes: dikes.clone(),
                depot: *depot,
                sandbags: *sandbags,
                raise_m: *raise_m,
                laid: 0.0,
            });
            l.tasks.0.push(Task { team: *team, kind: TaskKind::Reinforce(*depot, order), t: now });
            l.standby.teams.remove(team);
            let text = format!(
                "{} to reinforce {} dike(s) with {sandbags:.0} sandbags each from {}",
                s.teams[team.ix()].name,
                dikes.len(),
                s.facilities[depot.ix()].id
            );
            l.timeline.push(now, EventKind::Action, who, s.facilities[depot.ix()].id.clone(), text);
        }
        ActionS::Resupply(depot, items, delay_s) => {
            let arrive = now.plus_s(*delay_s);
            for &(item, qty) in items {
                l.supplies.bring_in(depot.ix(), item, qty, arrive);
            }
            let what: Vec<String> = items.iter().map(|(i, q)| format!("{q:.0} {i}")).collect();
            let text = format!(
                "relief supplies requested: {} to {} by {}",
                what.join(", "),
                s.facilities[depot.ix()].id,
                s.calendar.label(arrive.0)
            );
            l.timeline.push(now, EventKind::Request, who, s.facilities[depot.ix()].id.clone(), text);
        }
        ActionS::RequestCounty => {
            if l.county.requested_at.is_none() {
                l.county.requested_at = Some(now);
                l.county.available_at = Some(now.plus_s(s.plan.county_delay_s));
                l.timeline.push(now, EventKind::Request, who, "county", "county reinforcement requested");
            }
        }
    }
}
