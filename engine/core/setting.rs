//! The Setting: the scenario, map and plan resolved for one run — ids made dense, times made
//! seconds, distributions sampled. Read-only during the run; every stage reads it.

use super::ids::*;
pub use super::setting_plan::*;
use super::time::SimTime;
use crate::model::{
    Calendar, Colour, Dist, FacilityKind, FireKind, HazardKind, Item, Level, OrderKind, RiskTag, Skill,
    StationKind, TeamKind, ZoneKind,
};
use bevy_ecs::prelude::*;
use std::collections::BTreeMap;

/// The resolved, read-only world description of one run.
#[derive(Resource, Debug, Clone)]
pub struct Setting {
    pub scenario_name: String,
    pub plan_name: String,
    pub calendar: Calendar,
    pub tick_s: i64,
    pub duration_s: i64,
    pub zones: Vec<ZoneS>,
    pub nodes: Vec<(f64, f64)>,
    pub facilities: Vec<FacilityS>,
    pub gauges: Vec<GaugeS>,
    pub teams: Vec<TeamS>,
    pub stocks: Vec<(FacilityId, Item, f64)>,
    pub behaviour: BehaviourS,
    pub hazards: HazardsS,
    pub injects: Vec<InjectS>,
    pub deadline: Option<DeadlineS>,
    pub plan: PlanS,
    /// Inputs sampled for this run, by name.
    pub sampled: BTreeMap<String, f64>,
    /// Whether distributions took their nominal (median) values.
    pub nominal: bool,
    /// The run seed.
    pub seed: u64,
    /// The scenario has a typhoon track (the storm is modelled).
    pub typhoon_modelled: bool,
    /// When the modelled forest fire ignites.
    pub forest_fire_at: Option<SimTime>,
}

/// A zone.
#[derive(Debug, Clone)]
pub struct ZoneS {
    pub id: String,
    pub name: String,
    pub kind: ZoneKind,
    pub node: NodeId,
    pub x_m: f64,
    pub y_m: f64,
    pub population: u32,
    pub households: u32,
    pub vulnerable_share: f64,
    pub car_share: f64,
    pub elevation_m: f64,
    pub tags: Vec<RiskTag>,
    pub gauge: Option<GaugeId>,
    pub grid_workers: u32,
    /// Area, km².
    pub area_km2: f64,
    /// Reporting group (the map's, or the zone kind).
    pub group: String,
    /// Its households should be transferred in this scenario.
    pub should_transfer: bool,
    /// The 135 standard applies to fires here (built-up or industrial).
    pub in_135_scope: bool,
}

/// A facility.
#[derive(Debug, Clone)]
pub struct FacilityS {
    pub id: String,
    pub name: String,
    pub kind: FacilityKind,
    pub node: NodeId,
    pub zone: ZoneId,
    pub station: Option<StationKind>,
    /// Zones for which this station is 135 tier 1.
    pub serves: Vec<ZoneId>,
    pub capacity_people: u32,
    pub open_at_start: bool,
    pub flow_lps: f64,
}

/// A river gauge.
#[derive(Debug, Clone)]
pub struct GaugeS {
    pub id: String,
    pub name: String,
    pub bed_m: f64,
    pub warning_stage_m: f64,
    pub guaranteed_stage_m: f64,
    pub historic_max_m: f64,
}

/// A team.
#[derive(Debug, Clone)]
pub struct TeamS {
    pub id: String,
    pub name: String,
    pub kind: TeamKind,
    pub station: FacilityId,
    pub node: NodeId,
    pub members: u32,
    pub on_duty: u32,
    pub skills: Vec<Skill>,
    pub tank_l: f64,
    pub boats: u32,
    /// Places for evacuees over all its boats.
    pub boat_seats: u32,
    /// Fire engines (pumps): each supplies at most two handlines.
    pub engines: u32,
    pub turnout_s: Dist,
    pub speed_factor: f64,
    /// The plan agency directing it; `None` means the plan does not use it.
    pub agency: Option<usize>,
}

impl TeamS {
    /// Whether it has a skill.
    pub fn can(&self, s: Skill) -> bool {
        self.skills.contains(&s)
    }
    /// Its station's kind.
    pub fn station_kind(&self, facilities: &[FacilityS]) -> Option<StationKind> {
        facilities[self.station.ix()].station
    }
}

/// Behaviour parameters, sampled for this run.
#[derive(Debug, Clone, Copy)]
pub struct BehaviourS {
    pub warning_p_per_min: f64,
    pub warning_q_per_min: f64,
    pub warning_reach_day: f64,
    pub warning_reach_night: f64,
    pub knock_s_per_household: Dist,
    pub escort_min: Dist,
    /// One patrol round of a grid's risk points while a warning is in force, s.
    pub patrol_round_s: f64,
    pub compliance_organised: f64,
    pub compliance_mandatory: f64,
    pub compliance_advice: f64,
    pub compliance_sweep: f64,
    pub compliance_visible_danger: f64,
    pub shelter_share: f64,
    pub prep_sigma_min: f64,
    pub walk_speed_mps: f64,
    pub assisted_speed_mps: f64,
    /// Share of road capacity everyday traffic takes by day, until the five stops.
    pub background_traffic_share: f64,
}

impl BehaviourS {
    /// Compliance with an order of a kind.
    pub fn compliance(&self, order: OrderKind) -> f64 {
        match order {
            OrderKind::Organised => self.compliance_organised,
            OrderKind::Mandatory => self.compliance_mandatory,
            OrderKind::Advice => self.compliance_advice,
            OrderKind::Sweep => self.compliance_sweep,
        }
    }
}

/// Prescribed hazards in seconds.
#[derive(Debug, Clone, Default)]
pub struct HazardsS {
    pub landfall: Option<SimTime>,
    /// Rain series: zones (empty = all), start, step, mm per step.
    pub rain: Vec<(Vec<ZoneId>, i64, i64, Vec<f64>)>,
    /// Stage series: gauge, start, step, stage per step (linear between).
    pub stages: Vec<(GaugeId, i64, i64, Vec<f64>)>,
    /// Warnings in time order.
    pub warnings: Vec<WarningS>,
    pub fires: Vec<FireS>,
    pub fire_front: Vec<(ZoneId, SimTime)>,
    pub calls: Vec<CallStreamS>,
}

/// A stream of calls for help (see [`crate::model::CallStream`]), zones resolved and the window
/// in seconds.
#[derive(Debug, Clone)]
pub struct CallStreamS {
    pub id: String,
    pub what: String,
    pub zones: Vec<ZoneId>,
    pub from: SimTime,
    pub to: SimTime,
    pub rate_per_h: f64,
    pub skill: Skill,
    pub service_min: Dist,
    pub priority: u8,
    pub report_delay_s: Dist,
}

/// A warning issue.
#[derive(Debug, Clone)]
pub struct WarningS {
    pub t: SimTime,
    pub hazard: HazardKind,
    pub colour: Colour,
    pub by: String,
}

/// A fire incident.
#[derive(Debug, Clone)]
pub struct FireS {
    pub id: String,
    pub kind: FireKind,
    pub zone: ZoneId,
    pub node: NodeId,
    pub t: SimTime,
    pub floor_area_m2: f64,
    pub rhr_kw_m2: f64,
    pub detect_delay_s: Dist,
    pub report_delay_s: Dist,
    pub cause: String,
    pub buildings: u32,
    pub spread_delay_min: Dist,
    /// A_o·√H_o of each building's opening, m^2.5.
    pub ventilation: Option<f64>,
    pub occupants: u32,
    pub escape_s: Dist,
}

impl FireS {
    /// A fire in one building with no occupants and no ventilation limit.
    pub fn single(
        id: String,
        kind: FireKind,
        zone: ZoneId,
        node: NodeId,
        t: SimTime,
        floor_area_m2: f64,
        cause: String,
    ) -> FireS {
        FireS {
            id,
            kind,
            zone,
            node,
            t,
            floor_area_m2,
            rhr_kw_m2: 250.0,
            detect_delay_s: crate::model::hazards::detect(),
            report_delay_s: crate::model::hazards::report(),
            cause,
            buildings: 1,
            spread_delay_min: Dist::Uniform { lo: 10.0, hi: 20.0 },
            ventilation: None,
            occupants: 0,
            escape_s: Dist::Uniform { lo: 60.0, hi: 600.0 },
        }
    }
}

/// An inject of the MSEL.
#[derive(Debug, Clone)]
pub struct InjectS {
    pub id: String,
    pub t: SimTime,
    pub message: String,
    pub message_zh: Option<String>,
    pub target_role: String,
    pub expected_action: String,
    pub capability: Option<String>,
    pub effect: Option<EffectS>,
    pub decision: Option<DecisionS>,
    /// A contingency inject: released only if this fact does not hold at its time.
    pub unless: Option<super::setting_plan::FactS>,
    /// The inject it stands in for.
    pub contingency_for: Option<String>,
}

/// A decision point: its question, its options and the one taken when no player answers.
#[derive(Debug, Clone)]
pub struct DecisionS {
    pub prompt: String,
    pub options: Vec<OptionS>,
    /// Index into `options`.
    pub default: usize,
}

/// One option of a decision point.
#[derive(Debug, Clone)]
pub struct OptionS {
    pub id: String,
    pub text: String,
    pub effect: Option<EffectS>,
}

/// A resolved effect.
#[derive(Debug, Clone)]
pub enum EffectS {
    Warning(HazardKind, Colour),
    RoadCut(usize),
    TeamUnavailable(TeamId),
    ShelterClosed(FacilityId),
    Evacuate(Vec<ZoneId>, OrderKind),
    /// Set a jurisdiction's level for one hazard, or for every hazard.
    SetLevel(Jurisdiction, Option<HazardKind>, Level),
    /// A call for help reaches the command.
    Call(CallS),
}

/// A call made by an inject.
#[derive(Debug, Clone)]
pub struct CallS {
    pub zone: ZoneId,
    pub what: String,
    pub skill: crate::model::Skill,
    pub people: u32,
    pub priority: u8,
    pub service_s: f64,
}

/// A resolved deadline reference.
#[derive(Debug, Clone)]
pub enum DeadlineS {
    /// One time for every zone.
    At(SimTime),
    /// Per zone: when water first reaches this depth.
    FloodDepth(f64),
    /// Per zone: when the fire front reaches it.
    FireFront,
}
