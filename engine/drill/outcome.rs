//! What the players did, for the Outcome: each order with its consequence (a team sent gets its
//! arrival from the timeline), each option taken at a decision point, the evaluator's ratings.

use super::decisions::{Act, DecisionPoints, PlayerOrders, span};
use crate::core::setting::Setting;
use crate::core::{Decided, Event, EventKind, Override, Play, PlayerOrder};
use bevy_ecs::prelude::*;

/// The players' part of a finished run.
pub fn play(w: &World, s: &Setting, timeline: &[Event]) -> Play {
    let player = w.resource::<PlayerOrders>();
    let orders = player
        .done
        .iter()
        .map(|d| {
            let mut consequence = d.consequence.clone();
            if let Some(team) = &d.team {
                let arrival =
                    timeline.iter().find(|e| e.kind == EventKind::Arrival && e.who == *team && e.t >= d.t);
                match arrival {
                    Some(e) => consequence.push_str(&format!(
                        "; arrived {} ({} after the order)",
                        s.calendar.label(e.t.0),
                        span(e.t.0 - d.t.0)
                    )),
                    None => consequence.push_str("; did not arrive before the end"),
                }
            }
            PlayerOrder { t_s: d.t.0, line: d.line.clone(), consequence }
        })
        .collect();
    let overrides = player
        .given
        .iter()
        .zip(&player.done)
        .filter_map(|(g, d)| match &g.act {
            Act::Rate(cap, r, why) => Some(Override {
                t_s: d.t.0,
                capability: cap.clone(),
                rating: r.to_string(),
                reason: why.clone(),
            }),
            _ => None,
        })
        .collect();
    let decisions = w
        .resource::<DecisionPoints>()
        .taken
        .iter()
        .filter_map(|k| {
            let inj = &s.injects[k.inject];
            let d = inj.decision.as_ref()?;
            let o = &d.options[k.option];
            Some(Decided {
                t_s: k.t.0,
                inject: inj.id.clone(),
                prompt: d.prompt.clone(),
                option: o.id.clone(),
                text: o.text.clone(),
                by_player: k.by_player,
            })
        })
        .collect();
    Play { orders, decisions, overrides }
}
