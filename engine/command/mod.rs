//! Command: incidents as the command knows them, response levels per jurisdiction from the
//! plan's triggers, the hazard modules' actions, and dispatch with the 135 tiers.

pub mod actions;
pub mod dispatch;
pub mod incident;
pub mod levels;
pub mod orders;
pub mod roadworks;

pub use incident::Incident;
pub use levels::Levels;
pub use orders::{County, Orders, TeamTasks};
