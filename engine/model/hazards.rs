//! The scenario's hazards: prescribed series (observed rain, gauge stages, warnings, fires) and
//! the sections for the modelled hazards (typhoon track, flood, forest fire).

use super::calendar::When;
use super::dist::Dist;
use super::flood::FloodModel;
use super::kinds::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Hazards of a scenario. Prescribed input pins what happened; modelled sections compute it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Hazards {
    /// Forecast (and actual) typhoon landfall time. Default: no typhoon.
    pub landfall: Option<When>,
    /// Hourly (or other step) rain series per set of zones.
    pub rain: Vec<RainSeries>,
    /// River stage series at gauges.
    pub gauges: Vec<StageSeries>,
    /// Warnings issued, with their times.
    pub warnings: Vec<WarningIssue>,
    /// Fire incidents, with place and time.
    pub fires: Vec<FireIncident>,
    /// Prescribed forest-fire front: when the front reaches each threatened zone.
    pub fire_front: Vec<FrontArrival>,
    /// Streams of calls for help (injured, trapped, pump-outs), each needing one team a while.
    pub calls: Vec<super::calls::CallStream>,
    /// Modelled: the typhoon track (Holland wind, R-CLIPER rain). Default: none.
    pub typhoon: Option<TyphoonTrack>,
    /// Modelled: rain-to-river flood parameters. Default: none.
    pub flood_model: Option<FloodModel>,
    /// Modelled: forest fire on a raster. Default: none.
    pub forest_fire: Option<ForestFire>,
}

/// A rain series applied to zones: `mm[k]` falls during step k after `start`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RainSeries {
    /// Zones it falls on; empty means every zone.
    #[serde(default)]
    pub zones: Vec<String>,
    /// Start of the first step.
    pub start: When,
    /// Step length, h. Default: 1.
    #[serde(default = "one_h")]
    pub step_h: f64,
    /// Rain per step, mm.
    pub mm: Vec<f64>,
}

fn one_h() -> f64 {
    1.0
}

/// A river stage series at a gauge, linear between points.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageSeries {
    /// Gauge id.
    pub gauge: String,
    /// Time of the first value.
    pub start: When,
    /// Step between values, h. Default: 1.
    #[serde(default = "one_h")]
    pub step_h: f64,
    /// Stage, m above datum.
    pub stage_m: Vec<f64>,
}

/// An official warning signal issued at a time.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WarningIssue {
    /// Hazard.
    pub hazard: HazardKind,
    /// Colour (blue < yellow < orange < red); a later issue replaces an earlier one.
    pub colour: Colour,
    /// Issue time.
    pub at: When,
    /// Who issued it. Default: "county meteorological bureau".
    #[serde(default)]
    pub by: Option<String>,
}

/// A fire that starts at a place and time.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FireIncident {
    /// Unique id.
    pub id: String,
    /// What is burning (sets t² growth).
    pub kind: FireKind,
    /// Zone it is in.
    pub zone: String,
    /// Road node the crews drive to. Default: the zone's node.
    #[serde(default)]
    pub node: Option<String>,
    /// Ignition time.
    pub at: When,
    /// Floor area of the building or compartment, m² (caps the involved area).
    pub floor_area_m2: f64,
    /// Heat release rate per unit area, kW/m² (EN 1991-1-2: 250 most occupancies). Default 250.
    #[serde(default = "rhr")]
    pub rhr_kw_m2: f64,
    /// Ignition to detection, s. Default: Uniform(60, 300).
    #[serde(default = "detect")]
    pub detect_delay_s: Dist,
    /// Detection to the alarm received by the command (接警), s. Default: Uniform(30, 120).
    #[serde(default = "report")]
    pub report_delay_s: Dist,
    /// Cause, for the record (e.g. "power fault"). Default: none.
    #[serde(default)]
    pub cause: Option<String>,
    /// Buildings (or compartments) in a row the fire can spread through, each of
    /// `floor_area_m2`; the fire starts in the first. Default 1.
    #[serde(default = "one_building")]
    pub buildings: u32,
    /// From a building fully involved (flashover, or its fuel all burning) while uncontrolled
    /// to the next one alight, min (models.md §3.2: 10–20 min). Default Uniform(10, 20).
    #[serde(default = "spread_delay")]
    pub spread_delay_min: Dist,
    /// Ventilation opening of each building: area, m², and height, m. With it the fire is
    /// capped at 1500·A_o·√H_o kW and flashes over at Babrauskas' 750·A_o·√H_o kW.
    /// Default: none (fuel-limited, no flashover criterion).
    #[serde(default)]
    pub opening: Option<Opening>,
    /// People inside the first building when it ignites. Default 0.
    #[serde(default)]
    pub occupants: u32,
    /// Each occupant's time from ignition to being out, s; those still inside when it flashes
    /// over (or is fully involved) are casualties. Default Uniform(60, 600).
    #[serde(default = "escape")]
    pub escape_s: Dist,
}

/// A ventilation opening (door, window, roller shutter).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Opening {
    /// Opening area A_o, m².
    pub area_m2: f64,
    /// Opening height H_o, m.
    pub height_m: f64,
}

fn one_building() -> u32 {
    1
}
fn spread_delay() -> Dist {
    Dist::Uniform { lo: 10.0, hi: 20.0 }
}
fn escape() -> Dist {
    Dist::Uniform { lo: 60.0, hi: 600.0 }
}

fn rhr() -> f64 {
    250.0
}
pub(crate) fn detect() -> Dist {
    Dist::Uniform { lo: 60.0, hi: 300.0 }
}
pub(crate) fn report() -> Dist {
    Dist::Uniform { lo: 30.0, hi: 120.0 }
}

/// A prescribed forest-fire front reaching a zone (a village becomes should-transfer then).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontArrival {
    /// Zone reached.
    pub zone: String,
    /// When the front reaches its edge.
    pub at: When,
}

/// A typhoon best track (CMA), times in UTC: Holland wind at every zone, R-CLIPER rain where
/// no prescribed series covers a zone, warnings from the forecast where none are prescribed.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TyphoonTrack {
    /// Name, e.g. "In-Fa (2106)".
    pub name: String,
    /// Track points, in time order (at least two).
    pub points: Vec<TrackPoint>,
    /// Multiplier on R-CLIPER rain for orography and moisture the symmetric model lacks (a named,
    /// reported parameter; models.md §7 notes In-Fa's hills got 2–3× R-CLIPER). Default 1.
    #[serde(default = "one")]
    pub rain_enhancement: Dist,
    /// Gradient-to-surface wind factor over land (models.md §1.1: ≈ 0.7). Default 0.7.
    #[serde(default = "surface_factor")]
    pub surface_factor: f64,
    /// Forecast track error, km: the forecast centre is displaced by this much across the track,
    /// sampled per run (24-h official errors are 60–80 km). Default Normal(0, 60).
    #[serde(default = "track_error")]
    pub forecast_error_km: Dist,
    /// Gust at which a tree-lined road is blocked by fallen trees, m/s, drawn per link.
    /// Default Uniform(22, 30) (Beaufort 9–11 gusts).
    #[serde(default = "tree_fall")]
    pub tree_fall_gust_mps: Dist,
    /// Gust at which a zone's dilapidated houses (tag `dilapidated_houses`) are damaged, m/s,
    /// drawn per zone; the zone's households then count as should-transfer. Default
    /// Uniform(28, 36) (force 10–12 gusts).
    #[serde(default = "house_damage")]
    pub house_damage_gust_mps: Dist,
    /// House fires set by wind-caused power faults. Default: the values below.
    #[serde(default)]
    pub power_faults: PowerFaults,
    /// Share of a zone's damaged dilapidated houses that collapse on those at home, drawn per
    /// zone. Default 0.15: HAZUS-MH MR4's collapse share of completely damaged unreinforced
    /// masonry (Technical Manual ch. 13), an earthquake figure borrowed for want of a typhoon one.
    #[serde(default = "collapse_share")]
    pub house_collapse_share: Dist,
}

fn collapse_share() -> Dist {
    Dist::Fixed(0.15)
}

/// House fires set by power faults in the wind: conductors clashing, trees and debris on the
/// lines, arcing on restoration. Each zone ignites as a Poisson process whose rate is the
/// calm-weather electrical fire rate of its households times the storm's excess,
/// `10^((gust − onset) / tenfold) − 1` above the onset gust: distribution faults rise steeply,
/// in an extreme-value fashion, with wind speed (Mitchell 2013, Fire Safety Journal 62:
/// 726–735). A named, reported parameter set, not a calibrated one.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PowerFaults {
    /// Electrical house fires per 1000 households per year in calm weather. Default 0.3 (NFPA,
    /// "Home Electrical Fires" 2019: ~35 000 US home fires a year involving electrical failure
    /// or malfunction among ~120 million households). 0 turns power-fault fires off.
    #[serde(default = "pf_base")]
    pub fires_per_1000_households_year: f64,
    /// Gust from which power faults multiply that rate, m/s. Default 20 (gusts of 40–45 mph
    /// begin to damage distribution lines).
    #[serde(default = "pf_onset")]
    pub onset_gust_mps: f64,
    /// Gust increase that multiplies the rate tenfold, m/s. Default 10.
    #[serde(default = "pf_tenfold")]
    pub tenfold_mps: f64,
    /// Floor area such a fire can involve, m² (one rural self-built house). Default 120.
    #[serde(default = "pf_area")]
    pub floor_area_m2: f64,
}

impl Default for PowerFaults {
    fn default() -> PowerFaults {
        PowerFaults {
            fires_per_1000_households_year: pf_base(),
            onset_gust_mps: pf_onset(),
            tenfold_mps: pf_tenfold(),
            floor_area_m2: pf_area(),
        }
    }
}

fn pf_base() -> f64 {
    0.3
}
fn pf_onset() -> f64 {
    20.0
}
fn pf_tenfold() -> f64 {
    10.0
}
fn pf_area() -> f64 {
    120.0
}

fn house_damage() -> Dist {
    Dist::Uniform { lo: 28.0, hi: 36.0 }
}

fn one() -> Dist {
    Dist::Fixed(1.0)
}
fn surface_factor() -> f64 {
    0.7
}
fn track_error() -> Dist {
    Dist::Normal { mean: 0.0, sd: 60.0 }
}
fn tree_fall() -> Dist {
    Dist::Uniform { lo: 22.0, hi: 30.0 }
}

/// One best-track point.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrackPoint {
    /// Time (UTC, `...Z`).
    pub at: When,
    /// Latitude, degrees north.
    pub lat_deg: f64,
    /// Longitude, degrees east.
    pub lon_deg: f64,
    /// Central pressure, hPa.
    pub pressure_hpa: f64,
    /// Maximum 2-min mean wind near the centre, m/s.
    pub max_wind_mps: f64,
    /// Radius of maximum wind, km. Default: from the Vickery–Wadhera fit.
    #[serde(default)]
    pub rmax_km: Option<f64>,
}

/// Forest fire on ESRI ASCII rasters, spread by the Alexandridis CA.
///
/// Fuel codes in `fuel_asc` (local fuels mapped to the CA's vegetation classes): 0 no fuel
/// (villages, roads, water, firebreaks); 1 Masson pine (马尾松, resinous: the paper's pine,
/// p_veg +0.4); 2 Chinese fir (杉木, thickets, 0); 3 bamboo (毛竹, moist groves: agricultural,
/// −0.3); 4 tea and orchards (agricultural, −0.3); 5 farmland (agricultural, −0.3); 6 shrub and
/// grass (thickets, 0). Density codes in `density_asc`: 0 sparse (−0.4), 1 normal (0), 2 dense
/// (+0.3). NODATA is no fuel.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForestFire {
    /// Fuel class raster (`.asc`), relative to the scenario file.
    pub fuel_asc: String,
    /// Elevation raster (`.asc`, m), relative to the scenario file, on the fuel raster's cells.
    pub elevation_asc: String,
    /// Fuel density raster (`.asc`), on the same cells. Default: normal density everywhere.
    #[serde(default)]
    pub density_asc: Option<String>,
    /// Ignition point, metres east of the origin.
    pub ignition_x_m: f64,
    /// Ignition point, metres north of the origin.
    pub ignition_y_m: f64,
    /// Ignition time.
    pub at: When,
    /// Wind speed, m/s (10 m, open ground).
    pub wind_mps: Dist,
    /// Direction the wind blows from, degrees clockwise from north.
    pub wind_from_deg: Dist,
    /// The wildland fire in `hazards.fires` this is (its detection, report and dispatch); its
    /// area comes from the raster. Default: a new incident at the ignition point.
    #[serde(default)]
    pub incident: Option<String>,
    /// Head-fire rate of spread that sets the duration of a CA step (cell size ÷ rate), m/s.
    /// Default: 10 % of the wind speed (Cruz & Alexander 2019, the "10 % wind speed rule of
    /// thumb" for forests and shrublands), at least 0.01 m/s.
    #[serde(default)]
    pub spread_rate_mps: Option<Dist>,
    /// How much a crew working the front lowers the ignition probability of the cells it holds
    /// (within 2 cells of the burning cell nearest it), 0–1. Default 0.5.
    #[serde(default = "crew_hold")]
    pub crew_hold: f64,
}

fn crew_hold() -> f64 {
    0.5
}
