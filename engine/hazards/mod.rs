//! Hazards: prescribed rain, river stage and flooding; the modelled typhoon (wind, rain, fallen
//! trees, power-fault fires, warnings from the forecast); the modelled river (catchment runoff,
//! reservoirs, rated stage, dikes and polders, flash floods and landslides, flood warnings from
//! stage); structure and industrial fires (buildings, flashover, spread); the forest fire on
//! rasters; official warnings.

pub mod dikes;
pub mod fire;
pub mod flood;
pub mod forecast;
pub mod power;
pub mod river;
pub mod slopes;
pub mod stage_warning;
pub mod storm;
pub mod structure;
pub mod typhoon;
pub mod warning;
pub mod water;
pub mod wildfire;

pub use fire::{Fire, FirePhase};
pub use storm::Storm;
pub use warning::WarningCursor;
pub use water::{Collapse, Fallen, HazardState};
