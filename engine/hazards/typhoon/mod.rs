//! Typhoon hazard, pure model functions (models.md §1 and §7): the track projected onto the map
//! with its interpolation and post-track decay, the Holland wind and pressure field,
//! Kaplan–DeMaria inland decay, R-CLIPER rain, China's intensity grades and Beaufort forces, and
//! the CMA typhoon and rainstorm warning colours from a forecast. No ECS here: the hazards stage
//! calls these.

pub mod centre;
pub mod decay;
pub mod grade;
pub mod holland;
pub mod projection;
pub mod rain;
pub mod track;
pub mod warning;

pub use centre::Centre;
pub use decay::{continue_decay_kt, continue_decay_mps, kaplan_demaria_kt, kt_to_mps, mps_to_kt};
pub use grade::{Beaufort, Grade};
pub use holland::{Holland, gust_mps, holland_b, rmax_vickery_wadhera_km, surface_wind_mps};
pub use projection::{project_m, unproject_deg};
pub use rain::{DEFAULT_RAIN_ENHANCEMENT, RCliper, rain_rate_mm_h, straight_pass_total_mm};
pub use track::{Approach, Motion, Track};
pub use warning::{RainForecast, WindForecast, rainstorm_colour, typhoon_colour, typhoon_colour_sampled};
