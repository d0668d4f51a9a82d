//! The road graph: nodes and directed arcs (a two-way link is two arcs), read-only in a run,
//! and the closures that hazards, injects and the plan put on links.

use crate::core::{ArcId, GaugeId, NodeId};
use crate::model::Map;
use bevy_ecs::prelude::*;
use std::collections::HashMap;

/// One direction of a link.
#[derive(Debug, Clone)]
pub struct Arc {
    pub from: NodeId,
    pub to: NodeId,
    /// Index of the link in the map.
    pub link: usize,
    pub length_m: f64,
    pub speed_kmh: f64,
    pub capacity_vph: f64,
    pub low_point_m: f64,
    pub gauge: Option<GaugeId>,
}

impl Arc {
    /// Free-flow driving time, s.
    pub fn drive_s(&self) -> f64 {
        self.length_m / (self.speed_kmh / 3.6)
    }
}

/// Who is moving: each has its own closure rule (AIDR 7-3 gates, models.md §2.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// Private cars: blocked at H2+ (depth > 0.3 m) and by any closure.
    Car,
    /// People on foot: blocked at H4+ (depth > 1.2 m) and by any closure.
    Walk,
    /// Emergency vehicles (engines, trucks): blocked at H3+ (depth > 0.5 m) and by cuts, not by
    /// traffic closures the plan orders.
    Emergency,
    /// A rescue boat crew: drives (towing) where an emergency vehicle can, and goes by boat
    /// over water deeper than that at [`BOAT_SPEED_MPS`]; blocked only by cuts.
    Boat,
}

/// A rescue boat's speed over flooded roads, m/s (9 km/h: a named assumption for an inflatable
/// boat picking its way through debris-laden water, not a sourced figure).
pub const BOAT_SPEED_MPS: f64 = 2.5;

impl Mode {
    /// Depth at a link's low point above which this mode cannot pass, m.
    pub fn max_depth_m(self) -> f64 {
        match self {
            Mode::Car => 0.3,
            Mode::Walk => 1.2,
            Mode::Emergency => 0.5,
            Mode::Boat => f64::INFINITY,
        }
    }
}

/// The static road graph.
#[derive(Resource, Debug, Clone)]
pub struct RoadGraph {
    pub arcs: Vec<Arc>,
    /// Outgoing arcs per node, in arc order.
    pub out: Vec<Vec<ArcId>>,
    /// Link ids, for reports.
    pub link_ids: Vec<String>,
    /// Arcs of each link.
    pub link_arcs: Vec<Vec<ArcId>>,
}

impl RoadGraph {
    /// Build from a validated map (every link names existing nodes and gauges).
    pub fn from_map(map: &Map) -> Result<RoadGraph, String> {
        let node: HashMap<&str, u32> =
            map.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i as u32)).collect();
        let gauge: HashMap<&str, u32> =
            map.gauges.iter().enumerate().map(|(i, g)| (g.id.as_str(), i as u32)).collect();
        let mut arcs = Vec::with_capacity(map.links.len() * 2);
        let mut link_arcs = Vec::with_capacity(map.links.len());
        for (li, l) in map.links.iter().enumerate() {
            let look =
                |id: &str| node.get(id).copied().map(NodeId).ok_or_else(|| format!("unknown node \"{id}\""));
            let (a, b) = (look(&l.from)?, look(&l.to)?);
            let g = match &l.gauge {
                Some(g) => {
                    Some(GaugeId(*gauge.get(g.as_str()).ok_or_else(|| format!("unknown gauge \"{g}\""))?))
                }
                None => None,
            };
            let mk = |from, to| Arc {
                from,
                to,
                link: li,
                length_m: l.length_m,
                speed_kmh: l.speed_kmh,
                capacity_vph: l.capacity_vph,
                low_point_m: l.low_point_m,
                gauge: g,
            };
            let mut mine = vec![ArcId(arcs.len() as u32)];
            arcs.push(mk(a, b));
            if !l.one_way {
                mine.push(ArcId(arcs.len() as u32));
                arcs.push(mk(b, a));
            }
            link_arcs.push(mine);
        }
        let mut out = vec![Vec::new(); map.nodes.len()];
        for (i, a) in arcs.iter().enumerate() {
            out[a.from.ix()].push(ArcId(i as u32));
        }
        Ok(RoadGraph { arcs, out, link_ids: map.links.iter().map(|l| l.id.clone()).collect(), link_arcs })
    }

    /// Number of nodes.
    pub fn nodes(&self) -> usize {
        self.out.len()
    }
}

/// What blocks each link now. Changing it bumps `epoch`, which invalidates cached routes.
#[derive(Resource, Debug, Clone)]
pub struct Closures {
    /// Cut by a landslide, fallen trees or damage: closed to everyone.
    pub cut: Vec<bool>,
    /// Closed to the public by the plan (emergency vehicles pass).
    pub closed: Vec<bool>,
    /// Water depth at the low point, m.
    pub depth_m: Vec<f64>,
    /// Bumped on every change that can alter a route.
    pub epoch: u64,
}

impl Closures {
    /// All links open and dry.
    pub fn new(links: usize) -> Closures {
        Closures { cut: vec![false; links], closed: vec![false; links], depth_m: vec![0.0; links], epoch: 0 }
    }

    /// Whether `mode` can use link `link`.
    pub fn passable(&self, link: usize, mode: Mode) -> bool {
        !(self.cut[link] || (self.closed[link] && matches!(mode, Mode::Car | Mode::Walk)))
            && self.depth_m[link] <= mode.max_depth_m()
    }

    /// Set a link's depth; bumps the epoch only if passability changed for some mode.
    pub fn set_depth(&mut self, link: usize, depth_m: f64) -> bool {
        let before = [Mode::Car, Mode::Walk, Mode::Emergency].map(|m| self.passable(link, m));
        self.depth_m[link] = depth_m;
        let after = [Mode::Car, Mode::Walk, Mode::Emergency].map(|m| self.passable(link, m));
        let changed = before != after;
        if changed {
            self.epoch += 1;
        }
        changed
    }

    /// Cut a link for everyone.
    pub fn cut(&mut self, link: usize) {
        if !self.cut[link] {
            self.cut[link] = true;
            self.epoch += 1;
        }
    }

    /// Open a cut link again (cleared).
    pub fn uncut(&mut self, link: usize) {
        if self.cut[link] {
            self.cut[link] = false;
            self.epoch += 1;
        }
    }

    /// Whether a link is closed to the public (by the plan) or cut.
    pub fn is_closed(&self, link: usize) -> bool {
        self.closed[link] || self.cut[link]
    }

    /// Close a link to the public.
    pub fn close(&mut self, link: usize) {
        if !self.closed[link] {
            self.closed[link] = true;
            self.epoch += 1;
        }
    }
}
