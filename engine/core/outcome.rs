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

/// A span of one team's activity (the team Gantt): what it was doing from `t0_s` to `t1_s`.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Team id.
    pub who: String,
    /// "en route", "on scene", "standing by", …
    pub what: String,
    pub t0_s: i64,
    pub t1_s: i64,
}

/// One incident's response: when the command heard of it and when units arrived.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The scenario fire's id, or what the call was.
    pub what: String,
    /// Zone id.
    pub zone: String,
    /// A fire (the 135 standard may apply), not a call.
    pub fire: bool,
    /// The 135 standard applies (a fire in a built-up area or industrial park).
    pub in_135_scope: bool,
    pub t_report_s: Option<i64>,
    /// First arrival of any unit.
    pub t_arrive_s: Option<i64>,
    /// First arrival of each 135 tier (1, 2, 3).
    pub tier_arrive_s: [Option<i64>; 3],
}

/// The players' part of a tabletop session (empty for a plain run, except the decision points
/// the defaults answered).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Play {
    /// Every order, note and rating, in the order given, with what it did.
    pub orders: Vec<PlayerOrder>,
    /// Every option taken at a decision point.
    pub decisions: Vec<Decided>,
    /// The evaluator's ratings, kept beside the computed ones.
    pub overrides: Vec<Override>,
}

/// A player's order and its consequence.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayerOrder {
    /// When it was carried out (the tick after it was given).
    pub t_s: i64,
    /// The command, with full ids.
    pub line: String,
    /// What it did, in words.
    pub consequence: String,
}

/// An option taken at a decision point.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    pub t_s: i64,
    pub inject: String,
    pub prompt: String,
    pub option: String,
    pub text: String,
    /// Chosen by the players; otherwise the default.
    pub by_player: bool,
}

/// An evaluator's rating of a capability.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub t_s: i64,
    pub capability: String,
    /// "P", "S", "M" or "U".
    pub rating: String,
    pub reason: String,
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
    /// What each team was doing when it was not idle at its station, in team order.
    pub spans: Vec<Span>,
    /// Every incident's response, in incident order.
    pub responses: Vec<Response>,
    /// The players' orders, decisions and ratings.
    pub play: Play,
    /// Evacuation per zone, in zone order.
    pub zones: Vec<ZoneResult>,
}

/// How one zone's people fared (counts of people at the end of the run).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ZoneResult {
    pub id: String,
    pub people: u64,
    /// The zone is one that should transfer (flood depth, a forest edge, a typhoon target group).
    pub should_transfer: bool,
    pub warned: u64,
    pub left: u64,
    /// Arrived at a shelter or relatives, and of them by the zone's deadline.
    pub out: u64,
    pub out_by_deadline: u64,
    pub sheltered: u64,
    pub with_relatives: u64,
    pub at_home: u64,
    pub dead: u64,
    /// Mean hours from the start to leaving home and to arriving, of those who did (NaN: none).
    pub departure_mean_h: f64,
    pub arrival_mean_h: f64,
}
