//! The modelled flood section of a scenario: catchments from rain to river, rating curves at the
//! gauges, dike fragility and breach, reservoir hydraulics and piping (models.md §2).

use super::dist::Dist;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Rain-to-river flood model. Gauges with a rating here take their stage from the model (a
/// prescribed series for the same gauge is then ignored); the map's dikes on those gauges can
/// overtop and breach into the zones they protect, and the reservoirs listed here fill, spill
/// and may fail by piping.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FloodModel {
    /// Catchments: each turns its zones' rain into runoff and routes it to a gauge or a
    /// reservoir.
    pub catchments: Vec<Catchment>,
    /// Rating curves of the modelled gauges.
    pub ratings: Vec<Rating>,
    /// Dikes on modelled gauges: fragility, breach width, polder drainage. Default: the values
    /// below.
    #[serde(default)]
    pub dikes: DikeModel,
    /// Reservoirs of the map that are modelled. Default: none.
    #[serde(default)]
    pub reservoirs: Vec<ReservoirModel>,
    /// Flash floods in the gullies and landslides at the geological hazard points. Default:
    /// the values below.
    #[serde(default)]
    pub slopes: SlopeModel,
}

/// Flash floods in zones tagged `flash_flood_gully` and landslides at zones tagged
/// `landslide_point`, from the rain on the zone.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlopeModel {
    /// Critical rainfall (临界雨量) of the gullies: (hours, mm) pairs; a gully floods once the
    /// rain over any of these windows reaches its amount. Default [(1, 40), (3, 60), (6, 80)]
    /// (illustrative of county flash-flood tables for small hill catchments; put the county's
    /// own here).
    #[serde(default = "critical_rain")]
    pub critical_rain: Vec<(f64, f64)>,
    /// From the critical rainfall being reached to the water in the village, min. Default 30.
    #[serde(default = "flash_lead")]
    pub flash_lead_min: Dist,
    /// Depth of the flash flood in the village, m, drawn per gully and run. Default
    /// Uniform(0.5, 1.5).
    #[serde(default = "flash_depth")]
    pub flash_depth_m: Dist,
    /// How long the water stays before it recedes, h (then it falls away over an hour).
    /// Default 2.
    #[serde(default = "flash_hours")]
    pub flash_duration_h: f64,
    /// Landslide rainfall threshold I = α·D^−β: "caine" (Caine 1980, I = 14.82·D^−0.39) or
    /// "guzzetti" (Guzzetti et al. 2008 global minimum, I = 2.20·D^−0.44). Default "caine".
    #[serde(default)]
    pub landslide_threshold: LandslideCurve,
    /// Exceedance scale s: a landslide point fails once 1 − exp(−(r − 1)/s) reaches a uniform
    /// draw made once per point and run, r being the ongoing rain's intensity over the
    /// threshold's at its duration (the probability rises from 0 as the rain crosses the
    /// threshold; s = 1: 63 % by twice the threshold intensity). Default 1.
    #[serde(default = "one_f")]
    pub landslide_scale: f64,
    /// Share of a landslide zone's houses the slide destroys. Default 0.05.
    #[serde(default = "slide_share")]
    pub houses_destroyed_share: f64,
}

/// A landslide intensity–duration threshold by its author.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum LandslideCurve {
    #[default]
    #[serde(rename = "caine")]
    Caine,
    #[serde(rename = "guzzetti")]
    Guzzetti,
}

impl Default for SlopeModel {
    fn default() -> SlopeModel {
        SlopeModel {
            critical_rain: critical_rain(),
            flash_lead_min: flash_lead(),
            flash_depth_m: flash_depth(),
            flash_duration_h: flash_hours(),
            landslide_threshold: LandslideCurve::Caine,
            landslide_scale: one_f(),
            houses_destroyed_share: slide_share(),
        }
    }
}

fn critical_rain() -> Vec<(f64, f64)> {
    vec![(1.0, 40.0), (3.0, 60.0), (6.0, 80.0)]
}
fn flash_lead() -> Dist {
    Dist::Fixed(30.0)
}
fn flash_depth() -> Dist {
    Dist::Uniform { lo: 0.5, hi: 1.5 }
}
fn flash_hours() -> f64 {
    2.0
}
fn one_f() -> f64 {
    1.0
}
fn slide_share() -> f64 {
    0.05
}

/// A catchment: SCS curve-number runoff (TR-55) on the area-weighted rain of its zones, routed
/// by a linear reservoir (exact exponential step, stable for any tick).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Catchment {
    /// Unique id.
    pub id: String,
    /// Zones whose rain falls on it (area-weighted mean).
    pub zones: Vec<String>,
    /// Area draining to its outlet, km².
    pub area_km2: f64,
    /// Curve number for normal antecedent moisture (AMC II), 30–100; a distribution is drawn
    /// once per run (draws are held to 30–100).
    pub curve_number: Dist,
    /// Antecedent moisture: "dry" (AMC I), "normal" (II) or "wet" (III, after days of rain).
    /// Default "normal".
    #[serde(default)]
    pub moisture: Moisture,
    /// Linear-reservoir constant K, h (≈ the lag from rain centroid to peak flow).
    pub k_h: f64,
    /// Base flow at its outlet before the event, m³/s. Default 0.
    #[serde(default)]
    pub baseflow_m3s: f64,
    /// Where it drains: a gauge id or a modelled reservoir id.
    pub to: String,
}

/// Antecedent moisture condition.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Moisture {
    #[serde(rename = "dry")]
    Dry,
    #[default]
    #[serde(rename = "normal")]
    Normal,
    #[serde(rename = "wet")]
    Wet,
}

/// A gauge's rating curve, Q = a·(h − h₀)^b.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// The gauge.
    pub gauge: String,
    /// Coefficient a, m³/s per m^b.
    pub a: f64,
    /// Stage of zero flow h₀, m above datum. Default: the gauge's bed.
    #[serde(default)]
    pub h0_m: Option<f64>,
    /// Exponent b (1.5–2.5).
    pub b: f64,
}

/// How the map's dikes on modelled gauges fail and drain.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DikeModel {
    /// Fragility: the river stage at which a dike breaches by piping or slip, as a normal
    /// distribution of this median below the crest and `sigma_m` (P(fail | h) = Φ((h − h50)/σ);
    /// the failure stage is drawn once per dike and run). Default 0.5.
    #[serde(default = "h50_below_crest")]
    pub h50_below_crest_m: f64,
    /// Fragility spread σ, m (0.2–0.5). Default 0.3.
    #[serde(default = "dike_sigma")]
    pub sigma_m: f64,
    /// Breach width, m, drawn per dike and run. Default Uniform(20, 60).
    #[serde(default = "breach_width")]
    pub breach_width_m: Dist,
    /// Pumps and sluices draining each polder to the river, m³/s. Default 5.
    #[serde(default = "pump")]
    pub drainage_m3s: f64,
    /// Curve number of the protected land for its own rain ponding in the polder (内涝).
    /// Default 85 (paddy and village land, wet).
    #[serde(default = "polder_cn")]
    pub polder_curve_number: f64,
}

impl Default for DikeModel {
    fn default() -> DikeModel {
        DikeModel {
            h50_below_crest_m: h50_below_crest(),
            sigma_m: dike_sigma(),
            breach_width_m: breach_width(),
            drainage_m3s: pump(),
            polder_curve_number: polder_cn(),
        }
    }
}

fn h50_below_crest() -> f64 {
    0.5
}
fn dike_sigma() -> f64 {
    0.3
}
fn breach_width() -> Dist {
    Dist::Uniform { lo: 20.0, hi: 60.0 }
}
fn pump() -> f64 {
    5.0
}
fn polder_cn() -> f64 {
    85.0
}

/// A modelled reservoir: level-pool routing over its spillway, piping failure by a fragility
/// on the pool level, breach outflow by Froehlich (1995) draining the pool, the flood wave's
/// depth in the valley below by Manning.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReservoirModel {
    /// The map's reservoir.
    pub reservoir: String,
    /// Pool level at the start, m above datum. Default: 1 m below the spillway crest (the
    /// flood-season limit level).
    #[serde(default)]
    pub initial_level_m: Option<f64>,
    /// Pool surface area, km². Default: 3 × storage / dam height (a valley pool).
    #[serde(default)]
    pub surface_area_km2: Option<f64>,
    /// Spillway crest length, m. Default 20.
    #[serde(default = "spillway_length")]
    pub spillway_length_m: f64,
    /// Pool level of 50 % piping failure, m above datum. Default: never (no piping).
    #[serde(default)]
    pub piping_h50_m: Option<f64>,
    /// Piping fragility spread σ, m. Default 0.3.
    #[serde(default = "dike_sigma")]
    pub piping_sigma_m: f64,
    /// Gauge the outflow reaches (spillway and breach).
    pub to: String,
    /// Linear-reservoir constant of the reach from the dam to that gauge, h (attenuates a
    /// breach wave on its way). Default 1.
    #[serde(default = "reach_k")]
    pub reach_k_h: f64,
    /// Bank-full capacity of the stream below the dam, m³/s: flows up to it stay in the
    /// channel, the rest spreads over the valley floor. Default 50.
    #[serde(default = "channel")]
    pub channel_m3s: f64,
    /// Width of the valley below the dam, m. Default 150.
    #[serde(default = "valley_width")]
    pub valley_width_m: f64,
    /// Slope of the valley below the dam. Default 0.02.
    #[serde(default = "valley_slope")]
    pub valley_slope: f64,
    /// Manning's n of the valley floor. Default 0.05 (fields, hedges, houses).
    #[serde(default = "valley_n")]
    pub valley_manning_n: f64,
}

fn reach_k() -> f64 {
    1.0
}
fn spillway_length() -> f64 {
    20.0
}
fn channel() -> f64 {
    50.0
}
fn valley_width() -> f64 {
    150.0
}
fn valley_slope() -> f64 {
    0.02
}
fn valley_n() -> f64 {
    0.05
}
