//! Role cards (应急处置卡): each step a role is expected to take once its hazard reaches the
//! card's level, judged against what happened — done in time, late, or missed by the end — each
//! with its time on the timeline. A step whose fact is already true when the level is reached
//! counts as done then; a step without a fact is left to the evaluator.

use super::incident::Incident;
use super::levels::Levels;
use super::orders::{County, Measures, Orders, strength};
use crate::agents::shelter::Shelters;
use crate::agents::team::{Team, TeamState};
use crate::core::setting::{FactS, Jurisdiction, Setting};
use crate::core::{Clock, EventKind, SimTime, Timeline};
use crate::hazards::Fire;
use crate::model::HazardKind;
use crate::roads::Closures;
use crate::run::observe::Observer;
use bevy_ecs::prelude::*;

/// How a step went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Done within its time limit, at this time.
    Done(SimTime),
    /// Done after its time limit, at this time.
    Late(SimTime),
    /// Not done by the end of the run.
    Missed,
    /// No fact in the simulation shows it: for the evaluator.
    Unobserved,
}

/// Each card's start (when its level was first reached) and each step's verdict.
#[derive(Resource, Debug, Default)]
pub struct Cards {
    pub started: Vec<Option<SimTime>>,
    pub verdicts: Vec<Vec<Option<Verdict>>>,
}

impl Cards {
    /// No card started.
    pub fn new(s: &Setting) -> Cards {
        Cards {
            started: vec![None; s.plan.cards.len()],
            verdicts: s.plan.cards.iter().map(|c| vec![None; c.steps.len()]).collect(),
        }
    }

    /// Steps (done, late, missed, unobserved) over every started card.
    pub fn counts(&self) -> [u32; 4] {
        let mut n = [0u32; 4];
        for v in self.verdicts.iter().flatten().flatten() {
            n[match v {
                Verdict::Done(_) => 0,
                Verdict::Late(_) => 1,
                Verdict::Missed => 2,
                Verdict::Unobserved => 3,
            }] += 1;
        }
        n
    }
}

/// What the facts are read from.
#[derive(bevy_ecs::system::SystemParam)]
pub struct Facts<'w, 's> {
    orders: Res<'w, Orders>,
    shelters: Res<'w, Shelters>,
    county: Res<'w, County>,
    measures: Res<'w, Measures>,
    closures: Res<'w, Closures>,
    observer: Res<'w, Observer>,
    works: Res<'w, crate::agents::dikework::DikeWorks>,
    teams: Query<'w, 's, (&'static Team, &'static TeamState)>,
    fires: Query<'w, 's, (&'static Incident, &'static Fire)>,
}

impl Facts<'_, '_> {
    /// Whether a fact holds now; `hazard` is the card's (a team sent to an incident of it), or
    /// none for any hazard.
    pub fn hold(&self, s: &Setting, hazard: Option<HazardKind>, f: &FactS) -> bool {
        match f {
            FactS::TransferOrdered(kind) => {
                self.orders.in_effect.iter().flatten().any(|k| strength(*k) >= strength(*kind))
            }
            FactS::SheltersOpen(n) => self.shelters.open_ids().count() >= *n as usize,
            FactS::CountyRequested => self.county.requested_at.is_some(),
            FactS::FiveStops => self.measures.five_stops.is_some(),
            // Standing by there, or at work there with its sandbags.
            FactS::TeamAt(team, facility) => self.teams.iter().any(|(t, st)| {
                t.0 == *team
                    && match st {
                        TeamState::Idle { node } => *node == s.facilities[facility.ix()].node,
                        TeamState::Reinforcing { order, .. } => self.works.0[*order].depot == *facility,
                        _ => false,
                    }
            }),
            FactS::RoadClosed(link) => self.closures.is_closed(*link),
            FactS::TeamSent => self
                .fires
                .iter()
                .any(|(i, f)| hazard.is_none_or(|h| f.spec.kind.hazard() == h) && i.t_dispatch.is_some()),
            FactS::Transferred(share) => self
                .observer
                .transfer_now
                .is_some_and(|(out, all)| all > 0 && out as f64 >= share * all as f64),
        }
    }
}

/// Outcomes stage: start the cards whose level was reached; judge their steps.
pub fn judge_cards(
    s: Res<Setting>,
    clock: Res<Clock>,
    levels: Res<Levels>,
    facts: Facts,
    mut cards: ResMut<Cards>,
    mut timeline: ResMut<Timeline>,
) {
    let now = clock.now;
    for (c, card) in s.plan.cards.iter().enumerate() {
        if cards.started[c].is_none() {
            cards.started[c] = levels
                .history
                .iter()
                .find(|(_, j, h, l, _)| *j != Jurisdiction::County && *h == card.hazard && *l >= card.level)
                .map(|e| e.0);
        }
        let Some(start) = cards.started[c] else { continue };
        for (k, step) in card.steps.iter().enumerate() {
            if cards.verdicts[c][k].is_some() {
                continue;
            }
            let who = card.role.clone();
            let head = format!(
                "role card {} ({} {}): \"{}\"",
                card.role,
                card.hazard,
                card.level.label(),
                step.text
            );
            let limit_min = step.within_s / 60.0;
            let Some(fact) = &step.fact else {
                cards.verdicts[c][k] = Some(Verdict::Unobserved);
                continue;
            };
            if facts.hold(&s, Some(card.hazard), fact) {
                let t = now.max(start);
                let took_min = (t.0 - start.0) as f64 / 60.0;
                let (v, word) = if (t.0 - start.0) as f64 <= step.within_s {
                    (Verdict::Done(t), "done")
                } else {
                    (Verdict::Late(t), "late")
                };
                cards.verdicts[c][k] = Some(v);
                let text = format!("{head} {word} after {took_min:.0} min (limit {limit_min:.0})");
                timeline.push(t, EventKind::Step, who, "", text);
            } else if clock.finished() {
                cards.verdicts[c][k] = Some(Verdict::Missed);
                timeline.push(
                    now,
                    EventKind::Step,
                    who,
                    "",
                    format!("{head} missed (limit {limit_min:.0} min)"),
                );
            }
        }
    }
}
