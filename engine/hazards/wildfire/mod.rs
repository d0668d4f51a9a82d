//! Wildland fire: ESRI ASCII rasters, the Alexandridis cellular automaton, and the fire on the
//! township's hills in a run (step duration from a spread rate, local fuels mapped to the CA's
//! classes, crews holding the line, the front reaching villages).

pub mod ca;
pub mod spread;

pub use crate::model::asc::{AscError, Grid};
pub use ca::{Ca, Cell, Land, Neighbourhood, Wind, slope_factor, wind_factor};
pub use spread::Wildfire;
