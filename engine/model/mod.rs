//! Input side: the scenario, map and plan as plain serde data; loading, overlays and validation.
//!
//! Nothing here knows of bevy_ecs. Files are RON (primary) or JSON (by extension) with the same
//! schema; enumerations are lowercase strings, numbers may be distributions ([`Dist`]).

pub mod asc;
pub mod calendar;
pub mod calls;
pub mod cards;
pub mod dist;
pub mod evaluation;
pub mod flood;
pub mod hazards;
pub mod kinds;
pub mod limits;
pub mod map;
pub mod plan;
pub mod rasters;
pub mod scenario;

pub use calendar::{Calendar, When};
pub use calls::CallStream;
pub use cards::*;
pub use dist::Dist;
pub use evaluation::{Capability, Evaluation, Target};
pub use flood::*;
pub use hazards::*;
pub use kinds::*;
pub use map::*;
pub use plan::*;
pub use scenario::*;

/// The file format version this engine reads.
pub const FORMAT_VERSION: u32 = 1;

pub mod error;
pub mod load;
pub mod overlay;
pub mod schema;
pub mod source;
pub mod standards;
pub mod validate;

pub use error::{InputError, Problem};
pub use load::{DocKind, LoadedPlan, LoadedScenario, Sources};
pub mod overrides;
