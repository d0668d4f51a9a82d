//! The plan's standards: the 135 tiers, the rescue circle, the transfer share and the shelter
//! supply norms — the targets the simulation and its evaluation measure against.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Targets for scoring.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Standards {
    /// 135 tier 1 (micro station of the unit or block), min from t_report. Default 1.
    pub tier1_min: f64,
    /// 135 tier 2 (village micro stations, joint-defence force), min. Default 3.
    pub tier2_min: f64,
    /// 135 tier 3 (township comprehensive station), min. Default 5.
    pub tier3_min: f64,
    /// The rescue circle, min (turnout + travel). Default 15.
    pub circle_min: f64,
    /// Share of should-transfer people out by the deadline. Default 1.0 (应转尽转).
    pub transfer_share: f64,
    /// Water per sheltered person per day, L (Sphere: 7.5–15). Default 15.
    pub water_l_per_person_day: f64,
    /// Food rations per sheltered person per day. Default 3.
    pub rations_per_person_day: f64,
}

impl Default for Standards {
    fn default() -> Self {
        Standards {
            tier1_min: 1.0,
            tier2_min: 3.0,
            tier3_min: 5.0,
            circle_min: 15.0,
            transfer_share: 1.0,
            water_l_per_person_day: 15.0,
            rations_per_person_day: 3.0,
        }
    }
}
