//! Roads: the road graph, closures by water and cuts, shortest paths cached until a closure
//! changes, link queues with capacity, and the travel-time yardsticks (RAND, Kolesar).

pub mod graph;
pub mod queue;
pub mod route;
pub mod travel_time;

pub use graph::{Arc, Closures, Mode, RoadGraph};
pub use queue::{LinkQueues, bpr_factor};
pub use route::{RoadAccess, Router, Tree, arc_cost, arc_time, shortest_tree};
