//! The plan as a run reads it: jurisdictions, agencies and their alarm lines, level rules with
//! their triggers, hazard modules with their actions, role cards with their facts, priorities.

use super::ids::*;
use crate::model::{Colour, HazardKind, Item, Level, OrderKind, RiskTag, Skill};

/// Who holds a response level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Jurisdiction {
    County,
    Township,
    Zone(ZoneId),
}

/// The plan, resolved.
#[derive(Debug, Clone)]
pub struct PlanS {
    pub decision_delay_s: f64,
    pub integrated: bool,
    pub agencies: Vec<AgencyS>,
    pub rules: Vec<RuleS>,
    pub modules: Vec<ModuleS>,
    pub use_135: bool,
    pub reserve_teams: u32,
    /// The duty system: work after which a team rests, s, and rest per second worked.
    pub shift_limit_s: f64,
    pub rest_per_work: f64,
    pub county_delay_s: f64,
    pub standards: crate::model::Standards,
    /// Hazards in the plan's priority order, highest first.
    pub priorities: Vec<HazardKind>,
    pub cards: Vec<CardS>,
}

impl PlanS {
    /// A hazard's rank in the plan's priorities (0 highest; unlisted last).
    pub fn rank(&self, h: HazardKind) -> usize {
        self.priorities.iter().position(|&p| p == h).unwrap_or(self.priorities.len())
    }
}

/// A role card.
#[derive(Debug, Clone)]
pub struct CardS {
    pub role: String,
    pub hazard: HazardKind,
    pub level: Level,
    pub steps: Vec<StepS>,
}

/// A role-card step.
#[derive(Debug, Clone)]
pub struct StepS {
    pub text: String,
    pub within_s: f64,
    pub fact: Option<FactS>,
}

/// A resolved role-card fact.
#[derive(Debug, Clone)]
pub enum FactS {
    TransferOrdered(OrderKind),
    SheltersOpen(u32),
    CountyRequested,
    FiveStops,
    TeamAt(TeamId, FacilityId),
    RoadClosed(usize),
    TeamSent,
    Transferred(f64),
}

/// An agency.
#[derive(Debug, Clone)]
pub struct AgencyS {
    pub id: String,
    pub name: String,
    pub channel_delay_s: f64,
    /// The alarms that reach it directly, by skill.
    pub hears: Vec<Skill>,
}

/// A level rule.
#[derive(Debug, Clone)]
pub struct RuleS {
    pub jurisdiction: Jurisdiction,
    pub hazard: HazardKind,
    pub level: Level,
    pub trigger: TriggerS,
    /// De-escalation: lower to the level.
    pub lower: bool,
    /// The trigger in words, for the timeline.
    pub text: String,
}

/// A resolved trigger.
#[derive(Debug, Clone)]
pub enum TriggerS {
    Warning(HazardKind, Colour),
    LandfallWithin(f64),
    GaugeAbove(GaugeId, f64),
    RainTotal(Option<ZoneId>, f64, f64),
    Incidents(u32),
    /// An inject released, by id.
    Inject(String),
    /// (inject id, option id) chosen.
    Decision(String, String),
    WarningBelow(HazardKind, Colour),
    GaugeBelow(GaugeId, f64),
    LandfallPassed(f64),
    AllControlled,
}

/// A module: actions at a level.
#[derive(Debug, Clone)]
pub struct ModuleS {
    pub hazard: HazardKind,
    pub level: Level,
    pub actions: Vec<ActionS>,
}

/// A resolved action.
#[derive(Debug, Clone)]
pub enum ActionS {
    Evacuate {
        tags: Vec<RiskTag>,
        zones: Vec<ZoneId>,
        order: OrderKind,
        assist: bool,
        /// Takes effect this long after the level is reached, s.
        after_s: i64,
    },
    OpenShelters(Vec<FacilityId>),
    PrePosition(TeamId, FacilityId),
    FiveStops,
    CloseRoads(Vec<usize>),
    RequestCounty,
    /// Sandbags on dikes (map dike indices) by a team from a depot.
    ReinforceDikes {
        dikes: Vec<usize>,
        team: TeamId,
        depot: FacilityId,
        sandbags: f64,
        raise_m: f64,
    },
    /// Relief to a depot: (depot, items, delay s).
    Resupply(FacilityId, Vec<(Item, f64)>, f64),
}
