//! Contingency injects (HSEEP MSEL): an inject that stands in for an expected action is held
//! back when, at its time, the fact showing that action holds.

use super::injects::{InjectCursor, Withheld};
use crate::command::cards::Facts;
use crate::core::Clock;
use crate::core::setting::Setting;
use bevy_ecs::prelude::*;

/// Injects stage, before the release: hold back each contingency inject due whose expected
/// action has been taken.
pub fn withhold_contingencies(
    s: Res<Setting>,
    clock: Res<Clock>,
    cursor: Res<InjectCursor>,
    facts: Facts,
    mut withheld: ResMut<Withheld>,
) {
    for (ix, inj) in s.injects.iter().enumerate().skip(cursor.0).take_while(|(_, i)| i.t <= clock.now) {
        if let Some(f) = &inj.unless
            && facts.hold(&s, None, f)
        {
            withheld.0.insert(ix);
        }
    }
}
