//! Shortest paths: one Dijkstra tree per (origin, mode), cached until a closure changes.

use super::graph::{Closures, Mode, RoadGraph};
use crate::core::{ArcId, NodeId};
use bevy_ecs::prelude::*;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// A shortest-path tree from one origin: cost to every node and the arc reaching it.
#[derive(Debug, Clone)]
pub struct Tree {
    /// Cost to each node (s for vehicles, m for walkers); infinite if unreachable.
    pub cost: Vec<f64>,
    /// Arc by which each node is reached (`u32::MAX` for the origin and unreachable nodes).
    pub via: Vec<u32>,
    /// The node that arc leaves from, so a path needs no graph.
    via_from: Vec<u32>,
}

impl Tree {
    /// The arcs from the origin to `to`, or `None` if unreachable.
    pub fn path(&self, to: NodeId) -> Option<Vec<ArcId>> {
        if !self.cost[to.ix()].is_finite() {
            return None;
        }
        Some(self.path_rev(to).into_iter().rev().collect())
    }

    fn path_rev(&self, to: NodeId) -> Vec<ArcId> {
        let mut out = Vec::new();
        let mut n = to.ix();
        while self.via[n] != u32::MAX {
            out.push(ArcId(self.via[n]));
            n = self.via_from[n] as usize;
        }
        out
    }
}

impl Tree {
    fn new(n: usize) -> Tree {
        Tree { cost: vec![f64::INFINITY; n], via: vec![u32::MAX; n], via_from: vec![u32::MAX; n] }
    }
}

#[derive(PartialEq)]
struct Entry(f64, u32);
impl Eq for Entry {}
impl Ord for Entry {
    fn cmp(&self, o: &Self) -> Ordering {
        o.0.total_cmp(&self.0).then_with(|| o.1.cmp(&self.1))
    }
}
impl PartialOrd for Entry {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// Arc cost for a mode: driving time at free flow (s), or length for walkers (m).
pub fn arc_cost(g: &RoadGraph, arc: ArcId, mode: Mode) -> f64 {
    let a = &g.arcs[arc.ix()];
    match mode {
        Mode::Walk => a.length_m,
        Mode::Car | Mode::Emergency | Mode::Boat => a.drive_s(),
    }
}

/// Arc cost for a mode under the closures now: as [`arc_cost`], but a boat crew crosses water
/// too deep for a vehicle at boat speed.
pub fn arc_time(g: &RoadGraph, c: &Closures, arc: ArcId, mode: Mode) -> f64 {
    let a = &g.arcs[arc.ix()];
    if mode == Mode::Boat && c.depth_m[a.link] > Mode::Emergency.max_depth_m() {
        a.length_m / super::graph::BOAT_SPEED_MPS
    } else {
        arc_cost(g, arc, mode)
    }
}

/// Dijkstra from `origin` for `mode` under `closures`.
pub fn shortest_tree(g: &RoadGraph, c: &Closures, origin: NodeId, mode: Mode) -> Tree {
    let mut t = Tree::new(g.nodes());
    let mut heap = BinaryHeap::new();
    t.cost[origin.ix()] = 0.0;
    heap.push(Entry(0.0, origin.0));
    while let Some(Entry(d, n)) = heap.pop() {
        if d > t.cost[n as usize] {
            continue;
        }
        for &arc in &g.out[n as usize] {
            let a = &g.arcs[arc.ix()];
            if !c.passable(a.link, mode) {
                continue;
            }
            let nd = d + arc_time(g, c, arc, mode);
            let to = a.to.ix();
            if nd < t.cost[to] {
                t.cost[to] = nd;
                t.via[to] = arc.0;
                t.via_from[to] = n;
                heap.push(Entry(nd, a.to.0));
            }
        }
    }
    t
}

/// Cached shortest-path trees, dropped whenever the closures' epoch moves on.
#[derive(Resource, Debug, Default)]
pub struct Router {
    epoch: u64,
    trees: HashMap<(NodeId, Mode), Tree>,
    /// Trees computed so far (the cache test counts them).
    pub computed: u64,
}

impl Router {
    /// Driving time for an emergency vehicle from `from` to `to`, s, at `speed_factor` × the
    /// free-flow speed; `None` when no open route exists.
    pub fn drive_s(
        &mut self,
        g: &RoadGraph,
        c: &Closures,
        from: NodeId,
        to: NodeId,
        speed_factor: f64,
    ) -> Option<f64> {
        self.travel_s(g, c, from, to, speed_factor, Mode::Emergency)
    }

    /// Travel time by `mode` (emergency vehicle or boat crew), s, if reachable.
    pub fn travel_s(
        &mut self,
        g: &RoadGraph,
        c: &Closures,
        from: NodeId,
        to: NodeId,
        speed_factor: f64,
        mode: Mode,
    ) -> Option<f64> {
        let cost = self.tree(g, c, from, mode).cost[to.ix()];
        cost.is_finite().then(|| cost / speed_factor.max(0.1))
    }

    /// The tree from `origin` for `mode`, computing it if the cache lacks it.
    pub fn tree(&mut self, g: &RoadGraph, c: &Closures, origin: NodeId, mode: Mode) -> &Tree {
        if c.epoch != self.epoch {
            self.trees.clear();
            self.epoch = c.epoch;
        }
        let computed = &mut self.computed;
        self.trees.entry((origin, mode)).or_insert_with(|| {
            *computed += 1;
            shortest_tree(g, c, origin, mode)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three nodes in a line, a → b → c, plus a slow direct link a → c.
    fn graph() -> (RoadGraph, Closures) {
        let link = |id: &str, from: &str, to: &str, length_m: f64| {
            serde_json::json!({"id": id, "from": from, "to": to, "length_m": length_m, "speed_kmh": 36.0,
                "capacity_vph": 1000.0, "low_point_m": 10.0})
        };
        let map: crate::model::Map = serde_json::from_value(serde_json::json!({
            "kind": "map", "format_version": 1, "name": "line", "origin": {"lat_deg": 30.0, "lon_deg": 120.0},
            "zones": [], "facilities": [],
            "nodes": [{"id": "a", "x_m": 0.0, "y_m": 0.0}, {"id": "b", "x_m": 1000.0, "y_m": 0.0},
                      {"id": "c", "x_m": 2000.0, "y_m": 0.0}],
            "links": [link("ab", "a", "b", 1000.0), link("bc", "b", "c", 1000.0), link("ac", "a", "c", 3000.0)],
        }))
        .unwrap();
        let g = RoadGraph::from_map(&map).unwrap();
        let c = Closures::new(map.links.len());
        (g, c)
    }

    #[test]
    fn shortest_paths_take_the_fastest_open_route() {
        let (g, mut c) = graph();
        let t = shortest_tree(&g, &c, NodeId(0), Mode::Car);
        // 2 km at 10 m/s.
        assert!((t.cost[2] - 200.0).abs() < 1e-9);
        assert_eq!(t.path(NodeId(2)).unwrap().len(), 2);
        c.cut(1);
        let t = shortest_tree(&g, &c, NodeId(0), Mode::Car);
        assert!((t.cost[2] - 300.0).abs() < 1e-9);
        c.cut(2);
        assert!(shortest_tree(&g, &c, NodeId(0), Mode::Car).path(NodeId(2)).is_none());
    }

    #[test]
    fn trees_are_cached_until_a_closure_changes() {
        let (g, mut c) = graph();
        let mut r = Router::default();
        assert_eq!(r.drive_s(&g, &c, NodeId(0), NodeId(2), 1.0), Some(200.0));
        assert_eq!(r.drive_s(&g, &c, NodeId(0), NodeId(1), 2.0), Some(50.0));
        assert_eq!(r.computed, 1);
        c.cut(1);
        assert_eq!(r.drive_s(&g, &c, NodeId(0), NodeId(2), 1.0), Some(300.0));
        assert_eq!(r.computed, 2);
    }
}

/// What a system needs to estimate drives: the graph, the closures now and the route cache.
#[derive(bevy_ecs::system::SystemParam)]
pub struct RoadAccess<'w> {
    pub g: Res<'w, RoadGraph>,
    pub closures: Res<'w, Closures>,
    pub router: ResMut<'w, Router>,
}

impl RoadAccess<'_> {
    /// Travel time by `mode`, s, if reachable.
    pub fn travel_s(&mut self, from: NodeId, to: NodeId, speed_factor: f64, mode: Mode) -> Option<f64> {
        self.router.travel_s(&self.g, &self.closures, from, to, speed_factor, mode)
    }

    /// The arcs of the fastest way by `mode`, if reachable.
    pub fn path(&mut self, from: NodeId, to: NodeId, mode: Mode) -> Option<Vec<ArcId>> {
        self.router.tree(&self.g, &self.closures, from, mode).path(to)
    }
}
