//! Hazards: prescribed rain, river stage and flooding; structure and industrial fires;
//! official warnings. Modelled typhoon, flood and forest fire arrive with their issues.

pub mod fire;
pub mod warning;
pub mod water;

pub use fire::{Fire, FirePhase};
pub use warning::WarningCursor;
pub use water::HazardState;
