//! What every stage shares: sim time and the clock, typed ids, RNG streams, the timeline of
//! events, the stage labels and the Outcome type.

pub mod ids;
pub mod outcome;
pub mod resolve;
pub mod rng;
pub mod setting;
pub mod setting_plan;
pub mod stage;
pub mod time;
pub mod timeline;

pub use ids::*;
pub use outcome::{Decided, Outcome, Override, Play, PlayerOrder, Response, Series, Span, ZoneResult};
pub use rng::{Process, stream};
pub use setting::Setting;
pub use stage::Stage;
pub use time::{Clock, SimTime};
pub use timeline::{Event, EventKind, Timeline};
