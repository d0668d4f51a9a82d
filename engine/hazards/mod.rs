//! Hazards: prescribed rain, river stage and flooding; the modelled typhoon (wind, rain, fallen
//! trees, warnings from the forecast); structure and industrial fires; official warnings.
//! The modelled flood and forest fire arrive with their issues.

pub mod fire;
pub mod flood;
pub mod forecast;
pub mod power;
pub mod storm;
pub mod typhoon;
pub mod warning;
pub mod water;

pub use fire::{Fire, FirePhase};
pub use storm::Storm;
pub use warning::WarningCursor;
pub use water::HazardState;
