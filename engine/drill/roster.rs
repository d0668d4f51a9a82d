//! The team table of `drill play`: every team, its crew, what it is doing, where, since and until
//! when, grouped by kind.

use super::brief::incident_names;
use super::text::{cut, put};
use crate::agents::team::FreeSince;
use crate::agents::{Team, TeamState};
use crate::command::Incident;
use crate::command::calls::Call;
use crate::command::orders::TaskKind;
use crate::core::setting::Setting;
use crate::core::{Clock, IncidentId, NodeId, SimTime};
use crate::hazards::Fire;
use crate::run::activity::{Activity, activity};
use bevy_ecs::prelude::*;

/// Every team: id, name, crew on duty / members, what it is doing, where, since when and until
/// when; grouped by kind, in team order.
pub fn teams(w: &mut World) -> String {
    let mut q = w.query::<(&Team, &TeamState, Option<&FreeSince>)>();
    let mut incidents = w.query::<(&Incident, Option<&Fire>, Option<&Call>)>();
    let w: &World = w;
    let (s, clock) = (w.resource::<Setting>(), w.resource::<Clock>());
    let act = w.get_resource::<Activity>();
    let links = w.get_resource::<crate::roads::RoadGraph>().map(|g| &g.link_ids);
    let incs: Vec<_> = incidents.iter(w).collect();
    let names = incident_names(s, &incs);
    let mut tv: Vec<_> = q.iter(w).collect();
    tv.sort_by_key(|(t, ..)| t.0);
    let mut out = String::new();
    put(&mut out, &format!("TEAMS at {} ({})", clock.label(clock.now), tv.len()));
    let row = |a: &str, b: &str, c: &str, d: &str, e: &str, f: &str, g: &str| {
        format!("  {a:<18} {b:<24} {c:>5} {d:<15} {e:<22} {f:<8} {g}")
    };
    put(&mut out, &row("id", "name", "crew", "state", "where", "since", "until"));
    let mut kind = None;
    for (team, st, free) in tv {
        let ix = team.0.ix();
        let ts = &s.teams[ix];
        if kind != Some(ts.kind) {
            kind = Some(ts.kind);
            let n = s.teams.iter().filter(|t| t.kind == ts.kind).count();
            put(&mut out, &format!("{} ({n})", ts.kind));
        }
        let state = activity(st, ts.node).unwrap_or("idle");
        let home = || s.facilities[ts.station.ix()].id.clone();
        let link = |l: usize| links.and_then(|v| v.get(l)).cloned().unwrap_or_else(|| format!("link {l}"));
        let inc = |i: &IncidentId| names.get(i).cloned().unwrap_or_else(|| format!("incident-{}", i.0));
        let (place, until) = match st {
            TeamState::Idle { node } if *node == ts.node => (home(), None),
            TeamState::Idle { node } => (node_place(s, *node), None),
            TeamState::EnRoute { task, arrive, .. } => {
                let to = match task {
                    TaskKind::Incident(i, _) | TaskKind::Call(i) => inc(i),
                    TaskKind::PrePosition(f) => s.facilities[f.ix()].id.clone(),
                    TaskKind::ClearRoad(l) => link(*l),
                    TaskKind::Reinforce(f, _) => format!("dikes via {}", s.facilities[f.ix()].id),
                };
                (format!("→ {to}"), Some(format!("ETA {}", clock.label(*arrive))))
            }
            TeamState::Working { incident, tier, .. } if *tier > 0 => {
                (format!("{} (t{tier})", inc(incident)), None)
            }
            TeamState::Working { incident, .. } => (inc(incident), None),
            TeamState::Clearing { link: l, until } => (link(*l), Some(clock.label(*until))),
            TeamState::Returning { arrive } => {
                (format!("→ {}", home()), Some(format!("ETA {}", clock.label(*arrive))))
            }
            TeamState::Serving { incident, until } => (inc(incident), Some(clock.label(*until))),
            TeamState::Resting { until } => (home(), Some(clock.label(*until))),
            TeamState::Reinforcing { order, until, .. } => {
                (format!("dike work #{order}"), Some(clock.label(*until)))
            }
            TeamState::Unavailable => ("-".into(), None),
        };
        let since = match act.and_then(|a| a.open.get(ix).copied().flatten()) {
            Some((_, t0)) => clock.label(SimTime(t0)),
            None => free.filter(|f| f.0.0 > 0).map_or(String::new(), |f| clock.label(f.0)),
        };
        let crew = format!("{}/{}", ts.on_duty, ts.members);
        let name = cut(&ts.name, 24);
        put(
            &mut out,
            &row(&ts.id, &name, &crew, state, &cut(&place, 22), &since, &until.unwrap_or_default()),
        );
    }
    out
}

/// The place a node stands for: a facility there, else a zone whose node it is.
pub(crate) fn node_place(s: &Setting, node: NodeId) -> String {
    if let Some(f) = s.facilities.iter().find(|f| f.node == node) {
        return f.id.clone();
    }
    s.zones.iter().find(|z| z.node == node).map_or_else(|| format!("node {}", node.0), |z| z.id.clone())
}
