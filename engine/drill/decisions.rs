//! Decision points and the players' orders. A decision point stays open from its inject's tick
//! to the next: a player's `choose` given at that stop takes an option, otherwise the default is
//! taken. A player's order given at a stop (sim time `t`) is carried out in the first tick after
//! `t`, the same in `drill play` and in `drill run --decisions`, so a replay is byte-identical.

use super::injects::{Targets, apply, take_option};
use crate::agents::team::TeamState;
use crate::command::orders::{Task, TaskKind, TeamTasks};
use crate::core::setting::{EffectS, Jurisdiction, Setting};
use crate::core::{Clock, EventKind, FacilityId, IncidentId, SimTime, TeamId, ZoneId};
use crate::model::{HazardKind, Level, OrderKind};
use bevy_ecs::prelude::*;

/// Decision points put up and not yet decided, and those taken.
#[derive(Resource, Debug, Default)]
pub struct DecisionPoints {
    /// (inject index, when it was put up).
    pub pending: Vec<(usize, SimTime)>,
    /// Every option taken, in order.
    pub taken: Vec<Taken>,
}

/// An option taken at a decision point.
#[derive(Debug, Clone, PartialEq)]
pub struct Taken {
    pub t: SimTime,
    pub inject: usize,
    pub option: usize,
    /// Chosen by a player, or the default.
    pub by_player: bool,
}

/// Where a team is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// Stand by at a facility.
    Facility(FacilityId),
    /// Work a fire.
    Fire(IncidentId),
    /// Answer a call.
    Call(IncidentId),
}

/// Which zones an evacuation order names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zones {
    One(ZoneId),
    /// Every zone with households carrying a risk tag.
    Tagged(crate::model::RiskTag),
    /// Every should-transfer zone with households (the scenario's transfer groups).
    ShouldTransfer,
}

impl Zones {
    /// The zones, in zone order.
    pub fn list(self, s: &Setting) -> Vec<ZoneId> {
        (0..s.zones.len())
            .filter(|&z| {
                let zone = &s.zones[z];
                match self {
                    Zones::One(one) => one.ix() == z,
                    Zones::Tagged(tag) => zone.households > 0 && zone.tags.contains(&tag),
                    Zones::ShouldTransfer => zone.households > 0 && zone.should_transfer,
                }
            })
            .map(|z| ZoneId(z as u32))
            .collect()
    }
}

/// A player's order on the run's dense ids.
#[derive(Debug, Clone, PartialEq)]
pub enum Act {
    Dispatch(TeamId, Goal),
    Evacuate(Zones, OrderKind),
    Level(Jurisdiction, Option<HazardKind>, Level),
    Open(FacilityId),
    Choose(usize, usize),
    Note(String),
    /// An evaluator's rating of a capability: (capability id, P/S/M/U, reason).
    Rate(String, char, String),
}

/// One order: when it was given, what it is, and the command line that gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct Given {
    pub t: SimTime,
    pub act: Act,
    pub line: String,
}

/// What became of an order: the line, when it was carried out, what it did.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    pub t: SimTime,
    pub line: String,
    pub consequence: String,
    /// The team it sent, to find its arrival at the end.
    pub team: Option<String>,
}

/// The players' orders in the order given, the next to carry out, and what each did.
#[derive(Resource, Debug, Default)]
pub struct PlayerOrders {
    pub given: Vec<Given>,
    pub next: usize,
    pub done: Vec<Done>,
}

/// Injects stage, after the release: carry out the orders given before this tick, then take the
/// default at every decision point put up before this tick and still open.
pub fn carry_out_orders(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut player: ResMut<PlayerOrders>,
    mut points: ResMut<DecisionPoints>,
    mut tasks: ResMut<TeamTasks>,
    mut x: Targets,
) {
    while let Some(g) = player.given.get(player.next).filter(|g| g.t < clock.now).cloned() {
        player.next += 1;
        let t = clock.now;
        let (consequence, team) = carry_out(&s, t, &g.act, (&mut points, &mut tasks), &mut x);
        player.done.push(Done { t, line: g.line, consequence, team });
    }
    let due: Vec<(usize, SimTime)> = points.pending.iter().copied().filter(|p| p.1 < clock.now).collect();
    points.pending.retain(|p| p.1 >= clock.now);
    for (inject, _) in due {
        let Some(d) = &s.injects[inject].decision else { continue };
        take_option(&s, (clock.now, inject, d.default), "default option: no answer", &mut x);
        points.taken.push(Taken { t: clock.now, inject, option: d.default, by_player: false });
    }
}

fn carry_out(
    s: &Setting,
    t: SimTime,
    act: &Act,
    (points, tasks): (&mut DecisionPoints, &mut TeamTasks),
    x: &mut Targets,
) -> (String, Option<String>) {
    match act {
        Act::Dispatch(team, goal) => {
            let ts = &s.teams[team.ix()];
            let (kind, place) = match *goal {
                Goal::Facility(f) => (TaskKind::PrePosition(f), s.facilities[f.ix()].id.clone()),
                Goal::Fire(i) => (TaskKind::Incident(i, 0), format!("fire {}", fire_id(s, i))),
                Goal::Call(i) => (TaskKind::Call(i), format!("call-{}", i.0)),
            };
            if let Goal::Facility(f) = goal {
                let node = s.facilities[f.ix()].node;
                let there = x.teams.iter().any(|(tm, st)| tm.0 == *team && *st == TeamState::Idle { node });
                if there {
                    return (format!("no effect: {} already stands by at {place}", ts.id), None);
                }
            }
            tasks.0.push(Task { team: *team, kind, t });
            x.timeline.push(
                t,
                EventKind::Dispatch,
                "player",
                place.clone(),
                format!("{} sent to {place}", ts.name),
            );
            (format!("{} sent to {place}", ts.id), Some(ts.id.clone()))
        }
        Act::Evacuate(which, kind) => {
            let zones = which.list(s);
            let stronger = |z: &ZoneId| {
                x.orders.strongest[z.ix()].is_some_and(|k| {
                    crate::command::orders::strength(k) >= crate::command::orders::strength(*kind)
                })
            };
            let new: Vec<ZoneId> = zones.iter().copied().filter(|z| !stronger(z)).collect();
            apply(s, t, &EffectS::Evacuate(new.clone(), *kind), "player", x);
            let since = last_warning(x, t).map_or(String::new(), |(wt, what)| {
                format!(", {} after the {what} ({})", span(t.0 - wt.0), s.calendar.label(wt.0))
            });
            if new.is_empty() {
                return (
                    format!("no effect: a {kind} or stronger order already stood for every zone named"),
                    None,
                );
            }
            let named =
                if new.len() == 1 { s.zones[new[0].ix()].id.clone() } else { format!("{} zones", new.len()) };
            (format!("{kind} transfer ordered for {named} at {}{since}", s.calendar.label(t.0)), None)
        }
        Act::Level(j, hazard, level) => {
            let hazards: Vec<HazardKind> = hazard.map_or_else(|| HazardKind::ALL.to_vec(), |h| vec![h]);
            let changed: Vec<String> = hazards
                .iter()
                .filter(|h| x.levels.get(*j, **h) != *level)
                .map(|h| format!("{h} {} → {}", x.levels.get(*j, *h).label(), level.label()))
                .collect();
            apply(s, t, &EffectS::SetLevel(*j, *hazard, *level), "player", x);
            let name = crate::command::levels::jurisdiction_name(s, *j);
            if changed.is_empty() {
                (format!("no change: {name} already at {}", level.label()), None)
            } else {
                (format!("{name}: {}", changed.join(", ")), None)
            }
        }
        Act::Open(f) => {
            let fac = &s.facilities[f.ix()];
            if x.shelters.open(f.ix()) {
                let text = format!("shelter {} opened ({} places)", fac.name, fac.capacity_people);
                x.timeline.push(t, EventKind::Shelter, "player", fac.id.clone(), text.clone());
                (text, None)
            } else {
                (format!("no effect: {} was already open", fac.id), None)
            }
        }
        Act::Choose(inject, option) => {
            let Some(at) = points.pending.iter().position(|p| p.0 == *inject) else {
                return ("no effect: the decision was no longer open".into(), None);
            };
            points.pending.remove(at);
            take_option(s, (t, *inject, *option), "chosen by the players", x);
            points.taken.push(Taken { t, inject: *inject, option: *option, by_player: true });
            let d = s.injects[*inject].decision.as_ref().map(|d| &d.options[*option]);
            (d.map_or(String::new(), |o| format!("option {}: {}", o.id, o.text)), None)
        }
        Act::Note(text) => {
            x.timeline.push(t, EventKind::Note, "facilitator", "", text.clone());
            ("noted".into(), None)
        }
        Act::Rate(cap, r, reason) => {
            x.timeline.push(
                t,
                EventKind::Note,
                "evaluator",
                "",
                format!("{cap} rated {r} by the evaluator: {reason}"),
            );
            (format!("{cap} rated {r}"), None)
        }
    }
}

/// The fire's scenario id.
fn fire_id(s: &Setting, i: IncidentId) -> String {
    s.hazards.fires.get(i.ix()).map_or_else(|| format!("incident-{}", i.0), |f| f.id.clone())
}

/// The last warning issued by `t`: its time and "orange typhoon warning".
fn last_warning(x: &Targets, t: SimTime) -> Option<(SimTime, String)> {
    x.timeline.0.iter().rev().find(|e| e.kind == EventKind::Warning && e.t <= t).map(|e| {
        let what = e.text.trim_end_matches(" issued").trim_end_matches(" raised");
        (e.t, what.to_string())
    })
}

/// "3 h 10 min", "45 min".
pub fn span(s: i64) -> String {
    let m = s.max(0) / 60;
    if m >= 60 { format!("{} h {} min", m / 60, m % 60) } else { format!("{m} min") }
}
