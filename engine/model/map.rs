//! The map file: zones, the road graph, facilities, gauges, dikes, reservoirs, forest rasters.
//!
//! Positions are local metres east (`x_m`) and north (`y_m`) of the map origin; elevations are
//! metres above the national datum (1985 Yellow Sea), the same datum as gauge stages.

use super::kinds::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A township map (`kind: "map"`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Map {
    /// Must be `"map"`.
    pub kind: String,
    /// File format version; this engine reads 1.
    pub format_version: u32,
    /// Readable name.
    pub name: String,
    /// Chinese name. Default: none.
    #[serde(default)]
    pub name_zh: Option<String>,
    /// Latitude/longitude of the local origin (x = 0, y = 0).
    pub origin: Origin,
    /// Villages, communities, the industrial park, forest.
    pub zones: Vec<Zone>,
    /// Road nodes.
    pub nodes: Vec<Node>,
    /// Road links between nodes.
    pub links: Vec<Link>,
    /// Stations, shelters, depots, water sources, the command centre.
    pub facilities: Vec<Facility>,
    /// River gauges. Default: none.
    #[serde(default)]
    pub gauges: Vec<Gauge>,
    /// Dikes (for the modelled flood). Default: none.
    #[serde(default)]
    pub dikes: Vec<Dike>,
    /// Reservoirs (for the modelled flood). Default: none.
    #[serde(default)]
    pub reservoirs: Vec<Reservoir>,
}

/// The map origin.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    /// Latitude, degrees north (−90..90).
    pub lat_deg: f64,
    /// Longitude, degrees east (−180..180).
    pub lon_deg: f64,
}

/// A village, community, industrial park or forest area.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    /// Unique id, e.g. `"fq-zhangjia"`.
    pub id: String,
    /// Readable name.
    pub name: String,
    /// Chinese name. Default: none.
    #[serde(default)]
    pub name_zh: Option<String>,
    /// What the zone is.
    pub kind: ZoneKind,
    /// Road node where its households join the road graph.
    pub node: String,
    /// Centre, metres east of the origin.
    pub x_m: f64,
    /// Centre, metres north of the origin.
    pub y_m: f64,
    /// Area, km².
    pub area_km2: f64,
    /// Resident population, persons.
    pub population: u32,
    /// Households; population / households is the mean household size.
    pub households: u32,
    /// Share of households with a member who cannot leave unaided (elderly, disabled), 0–1.
    /// Rural Zhejiang: 65+ is 17.7 % of people (2020 census), so ~0.25–0.35 of households.
    pub vulnerable_share: f64,
    /// Share of households with a car, 0–1.
    pub car_share: f64,
    /// Ground elevation of the houses, m above datum (flood depth = stage − elevation).
    pub elevation_m: f64,
    /// Land cover. Default: farmland.
    #[serde(default = "default_cover")]
    pub land_cover: LandCover,
    /// Risk tags: which hazards make its households should-transfer. Default: none.
    #[serde(default)]
    pub tags: Vec<RiskTag>,
    /// River gauge whose stage floods this zone (prescribed flood: depth = stage − elevation).
    /// Default: none (the river does not reach it).
    #[serde(default)]
    pub gauge: Option<String>,
    /// People knocking on doors in an organised transfer: grid workers (网格员) and village
    /// cadres. Default: one per 50 households (a grid of 150–300 households has a grid leader,
    /// a full-time and several part-time members, joined by the cadres assigned to the village).
    #[serde(default)]
    pub grid_workers: Option<u32>,
    /// Group the zone is reported in: `series.csv` gains area-weighted rain columns per group
    /// (e.g. "plain", "hills"). Default: the zone's kind.
    #[serde(default)]
    pub group: Option<String>,
}

fn default_cover() -> LandCover {
    LandCover::Farmland
}

impl Zone {
    /// The 135 standard applies to fires here: the policy's scope, urban built-up areas and
    /// industrial parks (城镇建成区、工业园区), by tag or by the zone's kind.
    pub fn in_135_scope(&self) -> bool {
        self.tags.iter().any(|t| matches!(t, RiskTag::BuiltUp | RiskTag::Industrial))
            || matches!(self.kind, ZoneKind::TownCentre | ZoneKind::IndustrialPark)
    }
}

/// A road node.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Unique id.
    pub id: String,
    /// Metres east of the origin.
    pub x_m: f64,
    /// Metres north of the origin.
    pub y_m: f64,
}

/// A road link; two-way unless `one_way`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Unique id.
    pub id: String,
    /// Start node.
    pub from: String,
    /// End node.
    pub to: String,
    /// Length, m.
    pub length_m: f64,
    /// Free-flow speed, km/h (county road 40, village road 25, mountain lane 15).
    pub speed_kmh: f64,
    /// Capacity per direction, vehicles per hour (HCM two-lane ≈ 1,700; village lanes 400–900).
    pub capacity_vph: f64,
    /// Elevation of the link's lowest point, m above datum: it floods when the stage exceeds it.
    pub low_point_m: f64,
    /// River gauge whose stage floods the low point. Default: none.
    #[serde(default)]
    pub gauge: Option<String>,
    /// Tree-lined: typhoon winds may block it. Default: false.
    #[serde(default)]
    pub tree_lined: bool,
    /// One way from `from` to `to`. Default: false.
    #[serde(default)]
    pub one_way: bool,
}

/// A facility on a road node.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    /// Unique id.
    pub id: String,
    /// What it is.
    pub kind: FacilityKind,
    /// Readable name.
    pub name: String,
    /// Chinese name. Default: none.
    #[serde(default)]
    pub name_zh: Option<String>,
    /// Road node it stands on.
    pub node: String,
    /// Zone it stands in.
    pub zone: String,
    /// Stations: which kind (sets its 135 tier). Required for stations.
    #[serde(default)]
    pub station: Option<StationKind>,
    /// Micro stations: the zones (units, blocks, villages) for which it is tier 1. Default: its zone.
    #[serde(default)]
    pub serves: Vec<String>,
    /// Shelters: capacity, persons (Zhejiang: ≥ 50 per village point, ≥ 100 per township centre).
    #[serde(default)]
    pub capacity_people: Option<u32>,
    /// Shelters: open from the start (otherwise the plan opens them). Default: false.
    #[serde(default)]
    pub open_at_start: bool,
    /// Water sources: sustainable flow, L/s.
    #[serde(default)]
    pub flow_lps: Option<f64>,
}

/// A river gauge with its warning stages.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gauge {
    /// Unique id.
    pub id: String,
    /// Readable name.
    pub name: String,
    /// Chinese name. Default: none.
    #[serde(default)]
    pub name_zh: Option<String>,
    /// Stage with no flow (channel bed), m above datum.
    pub bed_m: f64,
    /// Warning stage (警戒水位), m above datum.
    pub warning_stage_m: f64,
    /// Guaranteed stage (保证水位), m above datum.
    pub guaranteed_stage_m: f64,
    /// Highest stage on record, m above datum.
    pub historic_max_m: f64,
}

/// A dike protecting zones from a river reach (modelled flood: overtopping and breach).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dike {
    /// Unique id.
    pub id: String,
    /// Gauge on the reach it holds back.
    pub gauge: String,
    /// Crest level, m above datum.
    pub crest_m: f64,
    /// Length, m.
    pub length_m: f64,
    /// Zones it protects.
    pub protects: Vec<String>,
}

/// A reservoir upstream of zones (modelled flood: spillway and piping failure).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reservoir {
    /// Unique id.
    pub id: String,
    /// Readable name.
    pub name: String,
    /// Chinese name. Default: none.
    #[serde(default)]
    pub name_zh: Option<String>,
    /// Storage at normal pool, m³.
    pub storage_m3: f64,
    /// Dam height above the downstream toe, m.
    pub dam_height_m: f64,
    /// Spillway crest, m above datum.
    pub spillway_crest_m: f64,
    /// Zones below the dam.
    pub below: Vec<String>,
}
