//! Dike work: a team with sandbags from a depot raises the weak reaches of the dikes it was
//! sent to (子堤, 加高加固). When its work is done the bags are used up and each dike that has
//! not yet failed breaches only at a river stage higher by the raise, in proportion to the bags
//! the depot had. Only modelled dikes (a modelled river) change; elsewhere the work still takes
//! the team and the bags.

use super::supplies::Supplies;
use super::team::{Team, TeamState};
use crate::core::setting::Setting;
use crate::core::{Clock, EventKind, FacilityId, Timeline};
use crate::hazards::dikes::Dikes;
use crate::model::Item;
use crate::roads::{Mode, RoadAccess};
use bevy_ecs::prelude::*;

/// Sandbags one worker fills, carries and lays per hour (illustrative, not a sourced figure).
pub const BAGS_PER_PERSON_H: f64 = 20.0;

/// One reinforcement ordered by the plan.
#[derive(Debug, Clone)]
pub struct DikeOrder {
    pub team: crate::core::TeamId,
    /// Map dike indices.
    pub dikes: Vec<usize>,
    pub depot: FacilityId,
    /// Bags per dike.
    pub sandbags: f64,
    pub raise_m: f64,
    /// Bags laid so far.
    pub laid: f64,
}

/// The reinforcements ordered so far.
#[derive(Resource, Debug, Default)]
pub struct DikeWorks(pub Vec<DikeOrder>);

impl DikeWorks {
    /// Hours a team of `workers` needs for an order.
    pub fn work_s(&self, order: usize, workers: u32) -> f64 {
        let o = &self.0[order];
        3600.0 * o.sandbags * o.dikes.len() as f64 / (f64::from(workers.max(1)) * BAGS_PER_PERSON_H)
    }
}

/// Agents stage: teams at the dikes lay their bags at a steady rate — the weak reaches rise
/// with the bags laid — and drive home when the work is done.
pub fn reinforce_dikes(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut works: ResMut<DikeWorks>,
    mut roads: RoadAccess,
    mut teams: Query<(&Team, &mut TeamState)>,
    mut supplies: ResMut<Supplies>,
    dikes: Option<ResMut<Dikes>>,
    mut timeline: ResMut<Timeline>,
) {
    let working = |st: &TeamState| matches!(st, TeamState::Reinforcing { .. });
    if !teams.iter().any(|(_, st)| working(st)) {
        return;
    }
    let mut dikes = dikes;
    let mut list: Vec<_> = teams.iter_mut().filter(|(_, st)| working(st)).collect();
    list.sort_by_key(|(t, _)| t.0);
    for (team, mut state) in list {
        let TeamState::Reinforcing { order, since, until } = *state else { continue };
        let now = clock.now.min(until);
        let share = if until > since { (now.0 - since.0) as f64 / (until.0 - since.0) as f64 } else { 1.0 };
        let o = &mut works.0[order];
        let wanted = o.sandbags * o.dikes.len() as f64;
        o.laid += supplies.consume(o.depot.ix(), Item::Sandbags, (wanted * share - o.laid).max(0.0));
        let raise = if wanted > 0.0 { o.raise_m * o.laid / wanted } else { 0.0 };
        let mut raised = Vec::new();
        if let Some(d) = dikes.as_deref_mut() {
            for &k in &o.dikes {
                // A second order tops the same sub-dike up to its height, no higher.
                if let Some(dike) = d.dikes.iter_mut().find(|x| x.map_index == k && x.breached.is_none()) {
                    let add = (raise.min(o.raise_m) - dike.reinforced_m).max(0.0);
                    dike.fail_stage_m += add;
                    dike.reinforced_m += add;
                    raised.push(format!("{} (+{:.2} m)", dike.id, dike.reinforced_m));
                }
            }
        }
        if clock.now < until {
            continue;
        }
        let ts = &s.teams[team.0.ix()];
        let what = if raised.is_empty() {
            "no modelled dike left to raise".to_string()
        } else {
            format!("the weak reaches of {} hold higher", raised.join(", "))
        };
        let depot = &s.facilities[o.depot.ix()].id;
        let text = format!("{} laid {:.0} sandbags from {depot}: {what}", ts.name, o.laid);
        timeline.push(until, EventKind::Action, ts.id.clone(), depot.clone(), text);
        let from = s.facilities[o.depot.ix()].node;
        let drive = roads.travel_s(from, ts.node, ts.speed_factor, Mode::Emergency).unwrap_or(0.0);
        *state = TeamState::Returning { arrive: until.plus_s(drive) };
    }
}
