//! Flood hazard, pure model functions (models.md §2 and §7): SCS curve-number runoff with
//! antecedent moisture, the linear reservoir, Nash cascade and SCS triangular unit hydrograph,
//! Muskingum coefficients on their stable interval, rating curve, Manning depth and weir
//! overtopping, bathtub storage and its inverse, JRC depth–damage, the Defra FD2321 hazard rating
//! and AIDR H1–H6 classes, Froehlich breach outflow, dike fragility, landslide rainfall thresholds
//! and the flow-velocity rule; a reservoir pool (level-pool routing, breach) and a polder behind a
//! dike with their books kept. No ECS here: the hazards stage calls these.

pub mod damage;
pub mod failure;
pub mod polder;
pub mod pool;
pub mod routing;
pub mod runoff;
pub mod stage;
pub mod storage;

pub use damage::{Aidr, HazardClass, JrcCurve, debris_factor, debris_factor_conservative, hazard_rating};
pub use failure::{
    CAINE_1980, Exceedance, FlowSituation, GUZZETTI_2008, LandslideThreshold, dike_failure_probability,
    froehlich_peak_outflow_m3s,
};
pub use polder::Polder;
pub use pool::Pool;
pub use routing::{Muskingum, MuskingumError, ScsTriangle, linear_reservoir_step, ln_gamma, nash_uh_per_h};
pub use runoff::{
    CnError, amc_dry_cn, amc_wet_cn, check_cn, initial_abstraction_mm, potential_retention_mm,
    runoff_increment_mm, runoff_mm,
};
pub use stage::{RatingCurve, manning_depth_wide_m, overtopping_m3s, weir_discharge_m3s};
pub use storage::Basin;
