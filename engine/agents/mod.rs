//! Agents: households (warning, decision, travel, harm from water, collapse and fire), shelters,
//! supplies, teams and grid workers on patrol.

pub mod dikework;
pub mod duty;
pub mod escorts;
pub mod grid;
pub mod harm;
pub mod household;
pub mod reroute;
pub mod ruin;
pub mod service;
pub mod shelter;
pub mod supplies;
pub mod team;
pub mod travel;

pub use household::{Agenda, Evac, Household, HouseholdIndex, Place};
pub use shelter::Shelters;
pub use team::{Team, TeamState};
pub use travel::{SafeZones, Trip};
