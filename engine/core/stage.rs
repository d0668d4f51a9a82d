//! The seven stages of a tick, as system sets; `run/` chains them in this order.

use bevy_ecs::prelude::*;

/// A stage of the tick (DESIGN §3).
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// 1: advance sim time.
    Clock,
    /// 2: rain, river stage, flooding, fire growth, road cuts.
    Hazards,
    /// 3: incidents become reports; official warnings are issued.
    Detection,
    /// 4: scenario injects and decision points due now.
    Injects,
    /// 5: plan interpreter — levels, actions, dispatch.
    Command,
    /// 6: households, teams, supplies act.
    Agents,
    /// 7: harm, metrics, time series, invariants.
    Outcomes,
}
