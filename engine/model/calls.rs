//! Calls for help that need one team on scene for a while — an injured person, someone
//! trapped, a pump-out — arriving as a Poisson stream per kind of call.

use super::calendar::When;
use super::dist::Dist;
use super::kinds::Skill;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A Poisson stream of calls: each comes from one of `zones` (drawn uniformly), needs one team
/// with `skill` for `service_min` on scene, and reaches the command `report_delay_s` after it
/// is made. Calls wait in priority order, first come first served, while no team is free.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CallStream {
    /// Id, unique among the streams.
    pub id: String,
    /// What a call is, for the record (e.g. "injured person"). Default: the id.
    #[serde(default)]
    pub what: Option<String>,
    /// Zones the calls come from; empty means every zone with households.
    #[serde(default)]
    pub zones: Vec<String>,
    /// Start of the stream. Default: the scenario start.
    #[serde(default)]
    pub from: Option<When>,
    /// End of the stream. Default: the scenario end.
    #[serde(default)]
    pub to: Option<When>,
    /// Mean calls per hour.
    pub rate_per_h: f64,
    /// The skill the team needs. Default `medical`.
    #[serde(default = "medical")]
    pub skill: Skill,
    /// Time on scene, min. Default Exponential(mean: 30).
    #[serde(default = "service")]
    pub service_min: Dist,
    /// Priority, 1 (life at risk) to 5; lower is served first. Default 2.
    #[serde(default = "two")]
    pub priority: u8,
    /// From the call to the alarm at the command, s. Default 60.
    #[serde(default = "sixty")]
    pub report_delay_s: Dist,
}

fn medical() -> Skill {
    Skill::Medical
}
fn service() -> Dist {
    Dist::Exponential { mean: 30.0 }
}
fn two() -> u8 {
    2
}
fn sixty() -> Dist {
    Dist::Fixed(60.0)
}
