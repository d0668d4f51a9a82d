//! Flood warnings from the river stage: the hydrological service's colour by the highest stage
//! against each gauge's levels (MWR water-regime warnings, domain.md §2): blue nearing the
//! warning stage, yellow at it, orange at the guaranteed stage, red at the record. Prescribed
//! flood warnings switch these off.

use super::forecast::set_warning;
use super::water::HazardState;
use crate::core::setting::{GaugeS, Setting};
use crate::core::{Clock, Timeline};
use crate::model::{Colour, HazardKind};
use bevy_ecs::prelude::*;

/// How far below the warning stage the river is "near" it (blue), m.
pub const BLUE_BELOW_WARNING_M: f64 = 0.5;

const SERVICE: &str = "county hydrological service (stage)";

/// The flood warning colour for `stage_m` at a gauge (`None` below blue).
pub fn flood_colour(g: &GaugeS, stage_m: f64) -> Option<Colour> {
    if !stage_m.is_finite() {
        None
    } else if stage_m >= g.historic_max_m {
        Some(Colour::Red)
    } else if stage_m >= g.guaranteed_stage_m {
        Some(Colour::Orange)
    } else if stage_m >= g.warning_stage_m {
        Some(Colour::Yellow)
    } else if stage_m >= g.warning_stage_m - BLUE_BELOW_WARNING_M {
        Some(Colour::Blue)
    } else {
        None
    }
}

/// Detection stage: the flood warning follows the highest colour over the gauges, unless the
/// scenario prescribes flood warnings.
pub fn warn_of_floods(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut h: ResMut<HazardState>,
    mut timeline: ResMut<Timeline>,
) {
    if s.hazards.warnings.iter().any(|w| w.hazard == HazardKind::Flood) {
        return;
    }
    let colour = s.gauges.iter().zip(&h.stage_m).filter_map(|(g, &st)| flood_colour(g, st)).max();
    set_warning(&mut h, &mut timeline, clock.now, HazardKind::Flood, colour, SERVICE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_by_the_gauge_levels() {
        let g = GaugeS {
            id: "g".into(),
            name: "g".into(),
            bed_m: 6.2,
            warning_stage_m: 10.5,
            guaranteed_stage_m: 11.8,
            historic_max_m: 12.35,
        };
        assert_eq!(flood_colour(&g, f64::NAN), None);
        assert_eq!(flood_colour(&g, 9.99), None);
        assert_eq!(flood_colour(&g, 10.0), Some(Colour::Blue));
        assert_eq!(flood_colour(&g, 10.5), Some(Colour::Yellow));
        assert_eq!(flood_colour(&g, 11.8), Some(Colour::Orange));
        assert_eq!(flood_colour(&g, 12.35), Some(Colour::Red));
    }
}
