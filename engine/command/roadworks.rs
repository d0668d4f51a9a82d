//! Road clearing: a cut link becomes known to the command after a patrol's report delay, and
//! the nearest idle team with the road-clearing skill (county teams once the county has been
//! asked) is sent to clear it.

use super::orders::{County, Task, TaskKind, TeamTasks};
use crate::agents::team::{Team, TeamState};
use crate::core::setting::Setting;
use crate::core::{Clock, EventKind, SimTime, TeamId, Timeline};
use crate::model::{Skill, TeamKind};
use crate::roads::{Closures, RoadGraph, Router};
use bevy_ecs::prelude::*;

/// Delay from a road being cut to the command knowing it (grid workers' and patrols' reports), s.
pub const REPORT_DELAY_S: f64 = 900.0;

/// What the command knows of cut roads.
#[derive(Resource, Debug, Default)]
pub struct RoadWorks {
    /// Closure epoch last scanned.
    epoch: u64,
    /// When each link's cut becomes known (`None`: not cut, or not yet noticed).
    pub known_at: Vec<Option<SimTime>>,
    /// A team has been sent to the link.
    pub assigned: Vec<bool>,
}

impl RoadWorks {
    /// Nothing known, for `links` links.
    pub fn new(links: usize) -> RoadWorks {
        RoadWorks { epoch: 0, known_at: vec![None; links], assigned: vec![false; links] }
    }
}

/// Command stage: notice new cuts; send the nearest idle road-clearing team to each known one.
pub fn dispatch_road_clearing(
    s: Res<Setting>,
    clock: Res<Clock>,
    g: Res<RoadGraph>,
    closures: Res<Closures>,
    mut router: ResMut<Router>,
    mut works: ResMut<RoadWorks>,
    teams: Query<(&Team, &TeamState)>,
    county: Res<County>,
    mut tasks: ResMut<TeamTasks>,
    mut timeline: ResMut<Timeline>,
) {
    let now = clock.now;
    if closures.epoch != works.epoch {
        works.epoch = closures.epoch;
        for link in 0..closures.cut.len() {
            if closures.cut[link] && works.known_at[link].is_none() {
                works.known_at[link] = Some(now.plus_s(REPORT_DELAY_S));
            } else if !closures.cut[link] {
                works.known_at[link] = None;
                works.assigned[link] = false;
            }
        }
    }
    let waiting: Vec<usize> = (0..works.known_at.len())
        .filter(|&l| works.known_at[l].is_some_and(|t| t <= now) && !works.assigned[l])
        .collect();
    if waiting.is_empty() {
        return;
    }
    let mut idle: Vec<(TeamId, crate::core::NodeId)> = teams
        .iter()
        .filter_map(|(t, st)| match st {
            TeamState::Idle { node } => Some((t.0, *node)),
            _ => None,
        })
        .filter(|(t, _)| {
            let ts = &s.teams[t.ix()];
            let county_ok = ts.kind != TeamKind::CountyFire || county.available(now);
            ts.agency.is_some()
                && county_ok
                && ts.can(Skill::RoadClearing)
                && !tasks.0.iter().any(|k| k.team == *t)
        })
        .collect();
    idle.sort();
    for link in waiting {
        let a = &g.arcs[g.link_arcs[link][0].ix()];
        let best = idle
            .iter()
            .enumerate()
            .filter_map(|(i, (t, node))| {
                let sf = s.teams[t.ix()].speed_factor;
                let d = [a.from, a.to]
                    .iter()
                    .filter_map(|&end| router.drive_s(&g, &closures, *node, end, sf))
                    .fold(f64::INFINITY, f64::min);
                d.is_finite().then_some((d, i))
            })
            .min_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        let Some((_, i)) = best else { continue };
        let (team, _) = idle.remove(i);
        works.assigned[link] = true;
        tasks.0.push(Task { team, kind: TaskKind::ClearRoad(link), t: now });
        let ts = &s.teams[team.ix()];
        timeline.push(
            now,
            EventKind::Dispatch,
            ts.id.clone(),
            g.link_ids[link].clone(),
            format!("{} sent to clear the road", ts.name),
        );
    }
}
