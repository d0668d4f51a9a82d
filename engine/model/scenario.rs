//! The scenario file: the day being drilled — map, forces, supplies, behaviour, hazards, injects,
//! and who should be transferred by when.

use super::calendar::When;
use super::dist::Dist;
use super::hazards::Hazards;
use super::kinds::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A scenario (`kind: "scenario"`). With `base`, only what differs from the base file is given.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Must be `"scenario"`.
    pub kind: String,
    /// File format version; this engine reads 1.
    pub format_version: u32,
    /// A scenario file this one overlays, relative to this file. Default: none.
    #[serde(default)]
    pub base: Option<String>,
    /// Readable name.
    pub name: String,
    /// Chinese name. Default: none.
    #[serde(default)]
    pub name_zh: Option<String>,
    /// What the scenario drills. Default: empty.
    #[serde(default)]
    pub description: String,
    /// The map file, relative to this file.
    pub map: String,
    /// Calendar start with its UTC offset, e.g. `"2021-07-24T08:00:00+08:00"`.
    pub start: String,
    /// Simulated duration, hours (≤ 240).
    pub duration_h: f64,
    /// Tick, seconds (10–600, and a divisor of 3600). Default: 60.
    #[serde(default = "default_tick")]
    pub tick_s: u32,
    /// Teams on duty that day.
    pub teams: Vec<Team>,
    /// Stocks at depots and shelters. Default: none.
    #[serde(default)]
    pub supplies: Vec<Stock>,
    /// How households and reporters behave. Default: the documented defaults.
    #[serde(default)]
    pub behaviour: Behaviour,
    /// The hazards, prescribed or modelled. Default: none (a quiet day).
    #[serde(default)]
    pub hazards: Hazards,
    /// Who should be transferred for this scenario's hazards, and by when. Default: nobody.
    #[serde(default)]
    pub transfer: Transfer,
    /// The master scenario events list (MSEL). Default: none.
    #[serde(default)]
    pub injects: Vec<Inject>,
}

fn default_tick() -> u32 {
    60
}

/// A team (one entity): people, vehicles and skills at a home station.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Unique id.
    pub id: String,
    /// Readable name.
    pub name: String,
    /// Chinese name. Default: none.
    #[serde(default)]
    pub name_zh: Option<String>,
    /// What the team is.
    pub kind: TeamKind,
    /// Home station (a facility id).
    pub station: String,
    /// People on the team; the policy asks ≥ 20 for the township team.
    pub members: u32,
    /// People on duty per shift (micro stations: ≥ 3). Default: all members.
    #[serde(default)]
    pub on_duty: Option<u32>,
    /// Vehicles. Default: none.
    #[serde(default)]
    pub vehicles: Vec<Vehicle>,
    /// What it can do.
    pub skills: Vec<Skill>,
    /// Turnout time from alarm to wheels rolling, s (NFPA 1710: 80 s for fire). Default: 60.
    #[serde(default = "default_turnout")]
    pub turnout_s: Dist,
    /// Travel speed as a share of the road's free-flow speed (lights and siren > 1). Default: 1.
    #[serde(default = "one")]
    pub speed_factor: f64,
}

fn default_turnout() -> Dist {
    Dist::Fixed(60.0)
}
fn one() -> f64 {
    1.0
}

/// A vehicle.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vehicle {
    /// Kind of vehicle.
    pub kind: VehicleKind,
    /// Water tank, L (engines). Default: 0.
    #[serde(default)]
    pub tank_l: f64,
    /// Seats or boat places, persons. Default: 0.
    #[serde(default)]
    pub seats: u32,
}

/// A stock of one item at one facility.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stock {
    /// Depot or shelter id.
    pub facility: String,
    /// Item; its unit is in the name.
    pub item: Item,
    /// Quantity in the item's unit.
    pub quantity: f64,
}

/// How people hear, decide and move. Every number may be a distribution.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Behaviour {
    /// Bass diffusion of a broadcast warning: external (broadcast) rate p, per minute.
    /// Default 0.05 (models.md §4.1 check value).
    pub warning_p_per_min: Dist,
    /// Bass diffusion: word-of-mouth rate q, per minute. Default 0.15.
    pub warning_q_per_min: Dist,
    /// Maximum share reached by broadcast by day (06:00–22:00). Default 0.95 (Rogers & Sorensen).
    pub warning_reach_day: Dist,
    /// Maximum share reached by broadcast at night. Default 0.8.
    pub warning_reach_night: Dist,
    /// Time a grid worker spends per household door-to-door, s. Default Uniform(120, 300).
    pub knock_s_per_household: Dist,
    /// Compliance with an organised door-to-door transfer. Default 0.95 (domain.md §4).
    pub compliance_organised: Dist,
    /// Compliance with a mandatory order by broadcast. Default 0.8 (0.7–0.9).
    pub compliance_mandatory: Dist,
    /// Compliance with advice to leave. Default 0.4 (0.3–0.5).
    pub compliance_advice: Dist,
    /// Share of the households still at home that the second sweep (回头看) takes out: by then
    /// refusal meets compulsory transfer under the provincial flood regulation, so by default
    /// everyone reached goes. Default 1.0 (illustrative; lower it to test a sweep that fails).
    pub compliance_sweep: Dist,
    /// Added to compliance when water is already in the zone. Default 0.15.
    pub compliance_visible_danger: Dist,
    /// Share of leaving households that go to public shelters (the rest to relatives).
    /// Default 0.2: the upper end of Lekima's ≈ 16 % Zhejiang-wide (domain.md §4).
    pub shelter_share: Dist,
    /// Rayleigh σ of the preparation delay from deciding to departure, min. Default 30.
    pub prep_sigma_min: Dist,
    /// Walking speed, m/s (MUTCD slow walkers 0.91). Default 1.1.
    pub walk_speed_mps: Dist,
    /// Walking speed of a household with a vulnerable member, m/s. Default 0.6 (0.5–0.8).
    pub assisted_speed_mps: Dist,
    /// A grid worker's time to help a household with a vulnerable member and no car get ready
    /// and out (the request for assistance), min, per household. Default Uniform(10, 20)
    /// (illustrative: packing essentials and walking an elderly person to the collection point).
    pub escort_min: Dist,
    /// While any warning is in force, the grid workers patrol their grids' risk points (巡查):
    /// one round takes this long, min, so a fire in a zone with grid workers is found within a
    /// round if no one has reported it sooner. Default 60 (illustrative: an hourly round, not a
    /// sourced figure).
    pub patrol_round_min: Dist,
    /// Share of a road's capacity everyday traffic (work, school, business) takes by day
    /// (06–22), until the plan's five stops (五停) clear the roads. Default 0.25 (illustrative:
    /// an uncongested township road by day, not a sourced figure).
    pub background_traffic_share: Dist,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            warning_p_per_min: Dist::Fixed(0.05),
            warning_q_per_min: Dist::Fixed(0.15),
            warning_reach_day: Dist::Fixed(0.95),
            warning_reach_night: Dist::Fixed(0.8),
            knock_s_per_household: Dist::Uniform { lo: 120.0, hi: 300.0 },
            compliance_organised: Dist::Fixed(0.95),
            compliance_mandatory: Dist::Fixed(0.8),
            compliance_advice: Dist::Fixed(0.4),
            compliance_sweep: Dist::Fixed(1.0),
            compliance_visible_danger: Dist::Fixed(0.15),
            shelter_share: Dist::Fixed(0.2),
            prep_sigma_min: Dist::Fixed(30.0),
            escort_min: Dist::Uniform { lo: 10.0, hi: 20.0 },
            patrol_round_min: Dist::Fixed(60.0),
            background_traffic_share: Dist::Fixed(0.25),
            walk_speed_mps: Dist::Fixed(1.1),
            assisted_speed_mps: Dist::Fixed(0.6),
        }
    }
}

/// Who should be transferred (应转移人员), and the deadline the evacuation is scored against.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Transfer {
    /// Zones carrying any of these tags are should-transfer. Default: none.
    pub tags: Vec<RiskTag>,
    /// Further zones that are should-transfer by name. Default: none.
    pub zones: Vec<String>,
    /// The deadline reference. Default: none (no deadline is scored).
    pub deadline: Option<Deadline>,
}

impl Transfer {
    /// Whether a zone's households are should-transfer in this scenario: it carries one of the
    /// tags or is named, and someone lives there.
    pub fn includes(&self, zone: &super::map::Zone) -> bool {
        zone.households > 0
            && (zone.tags.iter().any(|t| self.tags.contains(t)) || self.zones.contains(&zone.id))
    }
}

/// A deadline reference (DESIGN §6).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "reference", rename_all = "snake_case", deny_unknown_fields)]
pub enum Deadline {
    /// Typhoon landfall (hazards.landfall) minus some hours.
    Landfall {
        /// Hours before landfall, h.
        hours_before: f64,
    },
    /// Per zone: the time water first reaches this depth in the zone.
    FloodDepth {
        /// Depth, m (0.3 m: unsafe for small vehicles, AIDR H2).
        depth_m: f64,
    },
    /// Per zone: the time a fire (the forest front) reaches the zone.
    FireFront,
    /// A fixed time.
    Fixed {
        /// The deadline.
        at: When,
    },
}

/// One inject of the MSEL.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    /// Unique id.
    pub id: String,
    /// When it is released.
    pub at: When,
    /// The message players receive.
    pub message: String,
    /// The message in Chinese. Default: none.
    #[serde(default)]
    pub message_zh: Option<String>,
    /// The role it is addressed to (a plan role id). Default: the commander.
    #[serde(default)]
    pub target_role: Option<String>,
    /// What the players are expected to do. Default: empty.
    #[serde(default)]
    pub expected_action: String,
    /// Capability it tests (e.g. `"monitoring_warning"`). Default: none.
    #[serde(default)]
    pub capability: Option<String>,
    /// What the inject changes in the world when released. Default: nothing.
    #[serde(default)]
    pub effect: Option<Effect>,
    /// A decision the players must take. Default: none.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// A contingency inject: released only if this fact does not hold at its time — the
    /// expected action of an earlier inject has not been taken. Default: always released.
    #[serde(default)]
    pub unless: Option<crate::model::cards::Fact>,
    /// The inject this one stands in for when its expected action is missing (for the record).
    /// Default: none.
    #[serde(default)]
    pub contingency_for: Option<String>,
}

/// A decision point with named options; `run` and `batch` take the default.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The question.
    pub prompt: String,
    /// The options.
    pub options: Vec<DecisionOption>,
    /// The option id taken when no player answers.
    pub default: String,
}

/// One option of a decision point.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionOption {
    /// Unique within the decision.
    pub id: String,
    /// What it means.
    pub text: String,
    /// What choosing it changes. Default: nothing.
    #[serde(default)]
    pub effect: Option<Effect>,
}

/// A change to the world made by an inject or a decision.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "do", rename_all = "snake_case", deny_unknown_fields)]
pub enum Effect {
    /// A warning is issued.
    Warning {
        /// Hazard.
        hazard: HazardKind,
        /// Colour.
        colour: Colour,
    },
    /// A road link is cut (landslide, fallen trees).
    RoadCut {
        /// Link id.
        link: String,
    },
    /// A team becomes unavailable (vehicle fault, called away).
    TeamUnavailable {
        /// Team id.
        team: String,
    },
    /// A shelter closes to new arrivals (damage, power loss).
    ShelterClosed {
        /// Facility id.
        facility: String,
    },
    /// Evacuation of zones is ordered (a decision by the command).
    Evacuate {
        /// Zone ids.
        zones: Vec<String>,
        /// Order type.
        order: OrderKind,
    },
    /// A call for help reaches the command (someone injured, trapped, a pump-out): one team
    /// with the skill is needed on scene.
    Call {
        /// Zone the call comes from.
        zone: String,
        /// What it is, for the record.
        what: String,
        /// The skill the team needs. Default `water_rescue`.
        #[serde(default = "water_rescue")]
        skill: Skill,
        /// People waiting. Default 1.
        #[serde(default = "one_person")]
        people: u32,
        /// Priority, 1 (life at risk) to 5; lower is served first. Default 1.
        #[serde(default = "first")]
        priority: u8,
        /// Time on scene, min. Default 30.
        #[serde(default = "half_hour")]
        service_min: f64,
    },
    /// The township response level is set.
    SetLevel {
        /// Level.
        level: Level,
        /// Jurisdiction: `"county"`, `"township"` or a zone id. Default: township.
        #[serde(default)]
        jurisdiction: Option<String>,
        /// Hazard whose response level is set. Default: every hazard.
        #[serde(default)]
        hazard: Option<HazardKind>,
    },
}

fn water_rescue() -> Skill {
    Skill::WaterRescue
}
fn one_person() -> u32 {
    1
}
fn first() -> u8 {
    1
}
fn half_hour() -> f64 {
    30.0
}
