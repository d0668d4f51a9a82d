//! Role cards (应急处置卡) in the plan file: the steps each role takes at a level, with time
//! limits, and the fact in the simulation that shows each step done.

use super::kinds::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A role card: the steps a role takes at a level.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleCard {
    /// Role id.
    pub role: String,
    /// Hazard.
    pub hazard: HazardKind,
    /// Level.
    pub level: Level,
    /// Steps.
    pub steps: Vec<Step>,
}

/// One step of a role card.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// What to do.
    pub text: String,
    /// Chinese text. Default: none.
    #[serde(default)]
    pub text_zh: Option<String>,
    /// Time limit from reaching the level, min.
    pub within_min: f64,
    /// The fact in the simulation that shows the step done; without one the step is left to
    /// the evaluator. Default: none.
    #[serde(default)]
    pub done_when: Option<Fact>,
}

/// A fact in the simulation that shows a role-card step done. A fact already true when the
/// level is reached counts as done then.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "fact", rename_all = "snake_case", deny_unknown_fields)]
pub enum Fact {
    /// A transfer order stands for a zone (the card's jurisdiction's zones), at least this
    /// strong. Default order: any.
    TransferOrdered {
        /// Weakest order that counts. Default: advice.
        #[serde(default)]
        order: Option<OrderKind>,
    },
    /// At least this many shelters are open. Default 1.
    SheltersOpen {
        /// Shelters.
        #[serde(default = "one")]
        count: u32,
    },
    /// The county has been asked for reinforcement.
    CountyRequested,
    /// The five stops are in force.
    FiveStops,
    /// A team stands by at a facility.
    TeamAt {
        /// Team id.
        team: String,
        /// Facility id.
        facility: String,
    },
    /// A road link is closed.
    RoadClosed {
        /// Link id.
        link: String,
    },
    /// A team has been sent to an incident of the card's hazard.
    TeamSent,
    /// This share of the should-transfer people have left their homes.
    Transferred {
        /// Share, 0–1.
        share: f64,
    },
}

fn one() -> u32 {
    1
}
