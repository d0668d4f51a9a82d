//! The Outcome of a run: metrics, the timeline and time series. Scoring and reports read this,
//! never the World.

use super::timeline::Event;
use crate::model::Calendar;
use std::collections::BTreeMap;

/// Time series sampled at a fixed interval.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    /// Column names (after `t_s`).
    pub columns: Vec<String>,
    /// Rows: sim seconds and one value per column.
    pub rows: Vec<(i64, Vec<f64>)>,
}

/// Everything a run produced.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Metric name → value, sorted by name.
    pub metrics: BTreeMap<String, f64>,
    /// Counts of things in the world (households, teams, …), sorted by name.
    pub counts: BTreeMap<String, u64>,
    /// Every event, in time order.
    pub timeline: Vec<Event>,
    /// Time series.
    pub series: Series,
    /// Calendar, for labels.
    pub calendar: Calendar,
    /// Scenario and plan inputs sampled for this run (name → value).
    pub sampled: BTreeMap<String, f64>,
    /// Modelling choices and defaults this run used, in words.
    pub assumptions: Vec<String>,
}
