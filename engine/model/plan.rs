//! The plan file: one multi-plan-in-one (多案合一) township plan — organisation, response levels
//! per jurisdiction with triggers, hazard modules with actions, dispatch, standards, role cards.

use super::cards::RoleCard;
use super::dist::Dist;
use super::kinds::*;
pub use super::standards::Standards;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A plan (`kind: "plan"`). With `base`, only what differs from the base plan is given.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Must be `"plan"`.
    pub kind: String,
    /// File format version; this engine reads 1.
    pub format_version: u32,
    /// A plan file this one overlays, relative to this file. Default: none.
    #[serde(default)]
    pub base: Option<String>,
    /// Readable name.
    pub name: String,
    /// Chinese name. Default: none.
    #[serde(default)]
    pub name_zh: Option<String>,
    /// What the plan (or variant) is. Default: empty.
    #[serde(default)]
    pub description: String,
    /// Command organisation and agencies.
    pub organisation: Organisation,
    /// Response-level rules: a trigger raises a jurisdiction to a level.
    pub levels: Vec<LevelRule>,
    /// Hazard modules: the actions taken at each level.
    pub modules: Vec<Module>,
    /// How teams are sent to incidents.
    #[serde(default)]
    pub dispatch: Dispatch,
    /// Targets that scoring uses. Default: the documented defaults.
    #[serde(default)]
    pub standards: Standards,
    /// Role cards (应急处置卡). Default: none.
    #[serde(default)]
    pub role_cards: Vec<RoleCard>,
    /// How a drill of this plan is rated. Default: the policy's six capabilities, DESIGN §8.
    #[serde(default)]
    pub evaluation: super::evaluation::Evaluation,
}

/// Command organisation.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Delay from a trigger being known to the command's decision, min. Default 15.
    #[serde(default = "decision_delay")]
    pub decision_delay_min: Dist,
    /// A joint command post integrates the agencies: one shared picture, cross-agency dispatch.
    /// Default: true.
    #[serde(default = "yes")]
    pub integrated: bool,
    /// Agencies and the teams each directs. The first is the command's own: without a joint
    /// post, the command knows what is reported to it.
    pub agencies: Vec<Agency>,
    /// Command roles (for role cards and injects). Default: none.
    #[serde(default)]
    pub roles: Vec<Role>,
}

fn decision_delay() -> Dist {
    Dist::Fixed(15.0)
}
fn yes() -> bool {
    true
}

/// An agency and its channel.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Unique id.
    pub id: String,
    /// Readable name.
    pub name: String,
    /// Chinese name. Default: none.
    #[serde(default)]
    pub name_zh: Option<String>,
    /// Delay for a task to reach its teams through the agency's own channel, min (when not
    /// integrated). Default 5.
    #[serde(default = "channel_delay")]
    pub channel_delay_min: Dist,
    /// Team ids it directs.
    pub teams: Vec<String>,
    /// The alarms that reach it directly, by the skill the incident needs (a fire needs `fire`,
    /// a trapped household `water_rescue`). Without a joint post an agency knows only these.
    /// Default: the skills of its teams.
    #[serde(default)]
    pub hears: Option<Vec<Skill>>,
}

fn channel_delay() -> Dist {
    Dist::Fixed(5.0)
}

/// A command role.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Unique id, e.g. `"commander"`.
    pub id: String,
    /// Readable name.
    pub name: String,
    /// Chinese name. Default: none.
    #[serde(default)]
    pub name_zh: Option<String>,
}

/// When `when` starts to hold, raise `jurisdiction` to `level` for `hazard` (or lower it to
/// `level`, with `change: "lower"`), after the decision delay. A rule acts when its trigger
/// turns true, so a lowered level stays lowered while an old trigger still holds.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelRule {
    /// `"township"` or a zone id (a village may be at I while the township is at II).
    #[serde(default = "township")]
    pub jurisdiction: String,
    /// The hazard module this level activates.
    pub hazard: HazardKind,
    /// The level.
    pub level: Level,
    /// The trigger.
    pub when: Trigger,
    /// Raise to the level (escalation) or lower to it (de-escalation; `level: "none"` ends the
    /// response). Default: raise.
    #[serde(default)]
    pub change: Change,
}

/// Escalation or de-escalation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Raise to the level if below it.
    #[default]
    Raise,
    /// Lower to the level if above it.
    Lower,
}

fn township() -> String {
    "township".into()
}

/// A trigger condition, evaluated on what the command knows.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "on", rename_all = "snake_case", deny_unknown_fields)]
pub enum Trigger {
    /// A warning of at least this colour for the hazard is in force.
    Warning {
        /// Hazard warned of.
        hazard: HazardKind,
        /// Lowest colour that triggers.
        colour: Colour,
    },
    /// Forecast landfall is within this many hours.
    LandfallWithin {
        /// Hours, h.
        hours: f64,
    },
    /// A gauge's stage is at or above a level.
    GaugeAbove {
        /// Gauge id.
        gauge: String,
        /// Stage, m above datum.
        stage_m: f64,
    },
    /// Rain over the last `window_h` hours in any zone (or the named zone) reaches `mm`.
    RainTotal {
        /// Zone id; default any zone.
        #[serde(default)]
        zone: Option<String>,
        /// Window, h.
        window_h: f64,
        /// Total, mm.
        mm: f64,
    },
    /// At least this many incidents of the hazard have been reported.
    Incidents {
        /// Count.
        count: u32,
    },
    /// An inject has been released.
    Inject {
        /// Inject id.
        id: String,
    },
    /// An option was chosen at an inject's decision point.
    Decision {
        /// Inject id.
        inject: String,
        /// Option id.
        option: String,
    },
    /// No warning of this colour or above for the hazard is in force (lifted or downgraded).
    WarningBelow {
        /// Hazard warned of.
        hazard: HazardKind,
        /// Colour.
        colour: Colour,
    },
    /// A gauge's stage is below a level.
    GaugeBelow {
        /// Gauge id.
        gauge: String,
        /// Stage, m above datum.
        stage_m: f64,
    },
    /// At least this many hours have passed since landfall.
    LandfallPassed {
        /// Hours, h.
        hours: f64,
    },
    /// Every reported incident of the hazard is under control (and at least one was reported).
    AllControlled,
}

/// A hazard module: the actions at one level.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Module {
    /// Hazard.
    pub hazard: HazardKind,
    /// Level at which the actions are taken (once, when the jurisdiction reaches it).
    pub level: Level,
    /// Actions.
    pub actions: Vec<Action>,
}

/// An action of a hazard module.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "do", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// Order the households of zones (by tag, within the jurisdiction) to leave.
    Evacuate {
        /// Zones carrying any of these tags. Default: none.
        #[serde(default)]
        tags: Vec<RiskTag>,
        /// Named zones. Default: none.
        #[serde(default)]
        zones: Vec<String>,
        /// Order type.
        order: OrderKind,
        /// Send evacuation-assist teams to households that cannot leave unaided. Default: true.
        #[serde(default = "yes")]
        assist_vulnerable: bool,
        /// Hours after the level is reached that the order takes effect (e.g. the second sweep
        /// some hours after the first). Default 0.
        #[serde(default)]
        after_h: f64,
    },
    /// Open shelters (all, or the named ones).
    OpenShelters {
        /// Facility ids; empty means all shelters. Default: all.
        #[serde(default)]
        facilities: Vec<String>,
    },
    /// Move a team to a facility and keep it there as the first responder.
    PrePosition {
        /// Team id.
        team: String,
        /// Facility id.
        to: String,
    },
    /// The five stops (五停): outdoor activities, school, work, business, transport.
    FiveStops,
    /// Close road links.
    CloseRoads {
        /// Link ids.
        links: Vec<String>,
    },
    /// Request county reinforcement.
    RequestCounty,
    /// Reinforce dikes with sandbags (加高加固): a team with `dike_work` loads them at a depot
    /// and raises the weak reaches, so the dikes breach only at a higher river stage.
    ReinforceDikes {
        /// Dike ids; empty means every dike. Default: all.
        #[serde(default)]
        dikes: Vec<String>,
        /// Team id.
        team: String,
        /// Depot id the sandbags come from.
        depot: String,
        /// Sandbags laid on each dike. Default 5,000 (about 125 m of a 0.5 m sandbag wall at
        /// ~40 bags per metre — illustrative).
        #[serde(default = "five_thousand")]
        sandbags: f64,
        /// How much higher the weak reaches hold once all the bags are laid, m. Default 0.5.
        #[serde(default = "half_m")]
        raise_m: f64,
    },
    /// Ask for relief supplies from outside the township (the county's reserve, 救灾物资): they
    /// reach a depot after a delay, and the depot's trucks take them on to the shelters.
    Resupply {
        /// Depot id.
        depot: String,
        /// What and how much.
        items: Vec<Relief>,
        /// From the request to the delivery at the depot, h. Default 6.
        #[serde(default = "six")]
        after_h: f64,
    },
}

/// An item and a quantity of relief.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relief {
    /// Item; its unit is in the name.
    pub item: Item,
    /// Quantity in the item's unit.
    pub quantity: f64,
}

fn six() -> f64 {
    6.0
}
fn five_thousand() -> f64 {
    5000.0
}
fn half_m() -> f64 {
    0.5
}

/// How teams are sent.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Dispatch {
    /// Apply the 135 tiers to fires in built-up and industrial zones. Default: true.
    pub use_135: bool,
    /// Teams kept back: never sent while fewer than this many capable teams are idle. Default 0.
    pub reserve_teams: u32,
    /// Delay from a county request to the county's dispatch, min. Default 10.
    pub county_delay_min: Dist,
    /// The duty system: work since its last rest after which a team back at its station
    /// rests, h. Default 16 (NWCG work/rest guideline).
    pub shift_limit_h: f64,
    /// Rest owed per hour worked, h. Default 0.5 (NWCG's 2:1 work/rest ratio).
    pub rest_per_work_h: f64,
    /// Whose work comes first when two hazards draw on one team, highest first: a team standing
    /// by or clearing a road for one hazard is taken for an incident of a hazard ranked above
    /// it, and kept for one ranked below (hazards not listed rank last). Default: fire, forest
    /// fire, flood, typhoon, rainstorm, geological — a fire or a flood rescue is life at risk
    /// now; a standby or a cleared road is for what may come.
    pub priorities: Vec<HazardKind>,
}

impl Default for Dispatch {
    fn default() -> Self {
        Dispatch {
            use_135: true,
            reserve_teams: 0,
            county_delay_min: Dist::Fixed(10.0),
            shift_limit_h: 16.0,
            rest_per_work_h: 0.5,
            priorities: vec![
                HazardKind::Fire,
                HazardKind::ForestFire,
                HazardKind::Flood,
                HazardKind::Typhoon,
                HazardKind::Rainstorm,
                HazardKind::Geological,
            ],
        }
    }
}
