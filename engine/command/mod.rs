//! Command: incidents as the command knows them, response levels per jurisdiction from the
//! plan's triggers, the hazard modules' actions, dispatch with the 135 tiers, and the queue of
//! calls for help.

pub mod actions;
pub mod calls;
pub mod cards;
pub mod conflicts;
pub mod dispatch;
pub mod incident;
pub mod levels;
pub mod orders;
pub mod picture;
pub mod queueing;
pub mod roadworks;

pub use incident::Incident;
pub use levels::Levels;
pub use orders::{County, Orders, TeamTasks};
