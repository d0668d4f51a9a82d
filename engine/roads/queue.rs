//! Link queues for vehicles: a point queue per arc discharging at its capacity — flow never
//! exceeds capacity, the excess waits — and free-flow time rising with load by the BPR curve.

use crate::core::ArcId;
use bevy_ecs::prelude::*;
use std::collections::VecDeque;

/// BPR volume–delay factor: t / t₀ = 1 + 0.15·(v/c)⁴ (Bureau of Public Roads 1964).
pub fn bpr_factor(v_over_c: f64) -> f64 {
    1.0 + 0.15 * v_over_c.powi(4)
}

/// Queue state per arc.
#[derive(Resource, Debug, Clone)]
pub struct LinkQueues {
    /// Earliest time the next vehicle may enter each arc, s.
    next_free_s: Vec<f64>,
    /// Entry times within the last hour per arc (the flow v for BPR).
    recent: Vec<VecDeque<f64>>,
    /// Vehicles that entered each arc in the run.
    pub entered: Vec<u32>,
    /// Total time vehicles waited to enter, s.
    pub waited_s: f64,
}

impl LinkQueues {
    /// Empty queues for `arcs` arcs.
    pub fn new(arcs: usize) -> LinkQueues {
        LinkQueues {
            next_free_s: vec![f64::NEG_INFINITY; arcs],
            recent: vec![VecDeque::new(); arcs],
            entered: vec![0; arcs],
            waited_s: 0.0,
        }
    }

    /// A vehicle reaching `arc` at `t_s` enters when the queue lets it and leaves after the
    /// BPR-loaded free-flow time; everyday traffic takes `background_share` of the capacity
    /// (and counts in the load). Returns (entry time, exit time), s.
    pub fn enter(
        &mut self,
        arc: ArcId,
        t_s: f64,
        capacity_vph: f64,
        free_s: f64,
        background_share: f64,
    ) -> (f64, f64) {
        let i = arc.ix();
        let headway = 3600.0 / (capacity_vph * (1.0 - background_share.clamp(0.0, 0.95))).max(1.0);
        let entry = t_s.max(self.next_free_s[i]);
        self.next_free_s[i] = entry + headway;
        self.waited_s += entry - t_s;
        let recent = &mut self.recent[i];
        while recent.front().is_some_and(|&x| x <= entry - 3600.0) {
            recent.pop_front();
        }
        recent.push_back(entry);
        self.entered[i] += 1;
        let v_over_c = recent.len() as f64 / capacity_vph.max(1.0) + background_share;
        (entry, entry + free_s * bpr_factor(v_over_c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bpr_published_values() {
        // models.md §4.4: v/c = 1 gives 1.15 t0; v/c = 1.5 gives 1.759 t0.
        assert!((bpr_factor(1.0) - 1.15).abs() < 1e-12);
        assert!((bpr_factor(1.5) - 1.759_375).abs() < 1e-12);
    }

    #[test]
    fn flow_never_exceeds_capacity() {
        let mut q = LinkQueues::new(1);
        // 1,000 cars arrive at once on a 600 veh/h arc: entries are 6 s apart.
        let entries: Vec<f64> = (0..1000).map(|_| q.enter(ArcId(0), 0.0, 600.0, 60.0, 0.0).0).collect();
        for w in entries.windows(2) {
            assert!((w[1] - w[0] - 6.0).abs() < 1e-9);
        }
        // In any hour at most 600 enter.
        let in_first_hour = entries.iter().filter(|&&t| t < 3600.0).count();
        assert_eq!(in_first_hour, 600);
        assert!(q.waited_s > 0.0);
    }

    #[test]
    fn light_traffic_travels_at_free_flow() {
        let mut q = LinkQueues::new(1);
        let (entry, exit) = q.enter(ArcId(0), 100.0, 1700.0, 90.0, 0.0);
        assert_eq!(entry, 100.0);
        assert!((exit - 190.0) < 1e-6 && exit >= 190.0);
    }

    #[test]
    fn everyday_traffic_leaves_the_rest_of_the_capacity() {
        // A quarter of 600 veh/h taken by everyday traffic: evacuees enter 8 s apart (450 veh/h),
        // and a lone car already sees v/c 0.25 (BPR 1 + 0.15·0.25⁴).
        let mut q = LinkQueues::new(1);
        let entries: Vec<f64> = (0..10).map(|_| q.enter(ArcId(0), 0.0, 600.0, 60.0, 0.25).0).collect();
        for w in entries.windows(2) {
            assert!((w[1] - w[0] - 8.0).abs() < 1e-9);
        }
        let mut q = LinkQueues::new(1);
        let (_, exit) = q.enter(ArcId(0), 0.0, 1e9, 100.0, 0.25);
        assert!((exit - 100.0 * bpr_factor(0.25)).abs() < 1e-6);
    }
}
