//! Roads: the road graph, closures by water and cuts, shortest paths cached until a closure
//! changes, and link queues with capacity.

pub mod graph;
pub mod queue;
pub mod route;

pub use graph::{Arc, Closures, Mode, RoadGraph};
pub use queue::{LinkQueues, bpr_factor};
pub use route::{Router, Tree, arc_cost, shortest_tree};
