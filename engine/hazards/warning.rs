//! Official warnings: prescribed warning signals are issued at their times.

use super::water::HazardState;
use crate::core::{Clock, EventKind, Timeline, setting::Setting};
use bevy_ecs::prelude::*;

/// Index of the next warning to issue.
#[derive(Resource, Debug, Default)]
pub struct WarningCursor(pub usize);

/// Detection stage: issue the prescribed warnings whose time has come.
pub fn issue_warnings(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut cursor: ResMut<WarningCursor>,
    mut h: ResMut<HazardState>,
    mut timeline: ResMut<Timeline>,
) {
    while let Some(w) = s.hazards.warnings.get(cursor.0).filter(|w| w.t <= clock.now) {
        let previous = h.warnings.insert(w.hazard, w.colour);
        let verb = match previous {
            None => "issued",
            Some(p) if p < w.colour => "raised",
            Some(p) if p > w.colour => "lowered",
            Some(_) => "renewed",
        };
        timeline.push(
            w.t,
            EventKind::Warning,
            w.by.clone(),
            "",
            format!("{} {} warning {verb}", w.colour, w.hazard),
        );
        cursor.0 += 1;
    }
}
