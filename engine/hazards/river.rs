//! The modelled river in a run: each catchment's SCS runoff on its zones' rain, routed by a
//! linear reservoir to a gauge or a reservoir; reservoir pools over their spillways, piping by
//! a fragility sampled once per run; the stage at each rated gauge from its discharge.

use super::flood::failure::PONDED_PLAIN_VELOCITY_MPS;
use super::flood::{
    Pool, RatingCurve, amc_dry_cn, amc_wet_cn, linear_reservoir_step, manning_depth_wide_m,
    runoff_increment_mm,
};
use super::water::HazardState;
use crate::core::setting::Setting;
use crate::core::{Clock, EventKind, Process, Timeline, stream};
use crate::model::{FloodModel, Map, Moisture};
use bevy_ecs::prelude::*;
use rand_distr::{Distribution, StandardNormal};

/// Where a catchment drains.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outlet {
    Gauge(usize),
    Reservoir(usize),
}

/// A catchment and its state.
#[derive(Debug, Clone)]
pub struct Catchment {
    pub id: String,
    /// (zone, area km²) whose rain falls on it.
    zones: Vec<(usize, f64)>,
    area_m2: f64,
    /// Curve number for this run's antecedent moisture.
    pub cn: f64,
    k_h: f64,
    baseflow_m3s: f64,
    pub to: Outlet,
    /// Areal rain since the start, mm, and runoff produced, mm.
    pub rain_mm: f64,
    pub runoff_mm: f64,
    /// Routed direct runoff at the outlet now, m³/s (base flow not included).
    pub q_m3s: f64,
}

impl Catchment {
    /// Outflow at its outlet now, m³/s.
    pub fn outflow_m3s(&self) -> f64 {
        self.q_m3s + self.baseflow_m3s
    }
}

/// A modelled reservoir and its state.
#[derive(Debug, Clone)]
pub struct Reservoir {
    pub id: String,
    pub name: String,
    pub pool: Pool,
    /// Pool level at which it fails by piping in this run (`None`: it does not).
    pub piping_level_m: Option<f64>,
    pub piped: bool,
    pub spilling: bool,
    pub to_gauge: usize,
    /// Zones in the valley below the dam.
    pub below: Vec<usize>,
    valley: (f64, f64, f64),
    channel_m3s: f64,
    /// Outflow over the last tick, m³/s.
    pub outflow_m3s: f64,
    reach_k_h: f64,
    /// That outflow routed down the reach to the gauge, m³/s.
    pub at_gauge_m3s: f64,
}

impl Reservoir {
    /// Depth of the flood wave on the valley floor below the dam, m: Manning depth of the flow
    /// the stream's channel cannot hold.
    pub fn valley_depth_m(&self) -> f64 {
        let (n, width, slope) = self.valley;
        manning_depth_wide_m(n, (self.outflow_m3s - self.channel_m3s).max(0.0), width, slope)
    }

    /// Mean velocity of that flow over the valley floor, m/s (at least the ponded rule's).
    pub fn valley_velocity_mps(&self) -> f64 {
        let depth = self.valley_depth_m();
        let q = (self.outflow_m3s - self.channel_m3s).max(0.0);
        if depth > 0.0 { (q / (self.valley.1 * depth)).max(PONDED_PLAIN_VELOCITY_MPS) } else { 0.0 }
    }
}

/// The modelled river of a run.
#[derive(Resource, Debug, Clone)]
pub struct Rivers {
    pub catchments: Vec<Catchment>,
    pub reservoirs: Vec<Reservoir>,
    /// Rating curve per gauge (`None`: not modelled).
    pub ratings: Vec<Option<RatingCurve>>,
    /// Discharge per gauge now, m³/s.
    pub discharge_m3s: Vec<f64>,
    /// Zones whose depth the model sets (below a modelled dam or behind a modelled dike),
    /// rather than the gauge's bathtub.
    pub zone_by_model: Vec<bool>,
    /// What this run drew: curve numbers, piping levels (and the dikes' draws), by name.
    pub sampled: Vec<(String, f64)>,
}

impl Rivers {
    /// The river for a scenario's flood model, or an error naming what does not resolve.
    pub fn new(s: &Setting, map: &Map, f: &FloodModel) -> Result<Rivers, String> {
        let zone = |id: &str| s.zones.iter().position(|z| z.id == id).ok_or(format!("unknown zone {id}"));
        let gauge = |id: &str| s.gauges.iter().position(|g| g.id == id).ok_or(format!("unknown gauge {id}"));
        let mut ratings = vec![None; s.gauges.len()];
        for r in &f.ratings {
            let g = gauge(&r.gauge)?;
            let h0_m = r.h0_m.unwrap_or(map.gauges[g].bed_m);
            ratings[g] = Some(RatingCurve { a: r.a, h0_m, b: r.b });
        }
        let mut zone_by_model = vec![false; s.zones.len()];
        let mut sampled = Vec::new();
        let mut reservoirs = Vec::new();
        for (i, m) in f.reservoirs.iter().enumerate() {
            let r = map.reservoirs.iter().find(|r| r.id == m.reservoir).ok_or("unknown reservoir")?;
            let area_m2 = m.surface_area_km2.map_or(3.0 * r.storage_m3 / r.dam_height_m, |a| a * 1e6);
            let level = m.initial_level_m.unwrap_or(r.spillway_crest_m - 1.0);
            let pool = Pool::new(
                r.storage_m3,
                area_m2,
                r.spillway_crest_m,
                r.dam_height_m,
                m.spillway_length_m,
                level,
            );
            let mut rng = stream(s.seed, Process::Reservoir, i as u32);
            let z: f64 = if s.nominal { 0.0 } else { StandardNormal.sample(&mut rng) };
            let below = r.below.iter().map(|b| zone(b)).collect::<Result<Vec<_>, _>>()?;
            below.iter().for_each(|&b| zone_by_model[b] = true);
            if let Some(h50) = m.piping_h50_m {
                sampled.push((
                    format!("flood_model.reservoirs[{}].piping_level_m", r.id),
                    h50 + m.piping_sigma_m * z,
                ));
            }
            reservoirs.push(Reservoir {
                id: r.id.clone(),
                name: r.name.clone(),
                pool,
                piping_level_m: m.piping_h50_m.map(|h| h + m.piping_sigma_m * z),
                piped: false,
                spilling: false,
                to_gauge: gauge(&m.to)?,
                below,
                valley: (m.valley_manning_n, m.valley_width_m, m.valley_slope),
                channel_m3s: m.channel_m3s,
                outflow_m3s: 0.0,
                reach_k_h: m.reach_k_h,
                at_gauge_m3s: 0.0,
            });
        }
        let catchments = f
            .catchments
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let mut rng = stream(s.seed, Process::Catchment, i as u32);
                let cn2 = k.curve_number.value(&mut rng, s.nominal).clamp(30.0, 100.0);
                if !matches!(k.curve_number, crate::model::Dist::Fixed(_)) {
                    sampled.push((format!("flood_model.catchments[{}].curve_number", k.id), cn2));
                }
                let to = match f.reservoirs.iter().position(|r| r.reservoir == k.to) {
                    Some(r) => Outlet::Reservoir(r),
                    None => Outlet::Gauge(gauge(&k.to)?),
                };
                let zones = k
                    .zones
                    .iter()
                    .map(|z| zone(z).map(|i| (i, s.zones[i].area_km2)))
                    .collect::<Result<_, _>>()?;
                let cn = match k.moisture {
                    Moisture::Dry => amc_dry_cn(cn2),
                    Moisture::Normal => cn2,
                    Moisture::Wet => amc_wet_cn(cn2),
                };
                Ok(Catchment {
                    id: k.id.clone(),
                    zones,
                    area_m2: k.area_km2 * 1e6,
                    cn,
                    k_h: k.k_h,
                    baseflow_m3s: k.baseflow_m3s,
                    to,
                    rain_mm: 0.0,
                    runoff_mm: 0.0,
                    q_m3s: 0.0,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let mut rivers = Rivers {
            catchments,
            reservoirs,
            ratings,
            discharge_m3s: vec![0.0; s.gauges.len()],
            zone_by_model,
            sampled,
        };
        rivers.sum_discharge();
        Ok(rivers)
    }

    /// Discharge at every gauge from what reaches it now.
    fn sum_discharge(&mut self) {
        self.discharge_m3s.iter_mut().for_each(|q| *q = 0.0);
        for k in &self.catchments {
            if let Outlet::Gauge(g) = k.to {
                self.discharge_m3s[g] += k.outflow_m3s();
            }
        }
        for r in &self.reservoirs {
            self.discharge_m3s[r.to_gauge] += r.at_gauge_m3s;
        }
    }

    /// Stage at every rated gauge from its discharge (NaN where not rated).
    pub fn stages_m(&self) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.ratings.iter().enumerate().filter_map(|(g, r)| r.map(|r| (g, r.stage_m(self.discharge_m3s[g]))))
    }
}

/// Areal (area-weighted) mean of a per-zone value.
fn areal(zones: &[(usize, f64)], v: &[f64]) -> f64 {
    let area: f64 = zones.iter().map(|z| z.1).sum();
    if area > 0.0 {
        zones.iter().map(|&(z, a)| v[z] * a).sum::<f64>() / area
    } else {
        zones.iter().map(|&(z, _)| v[z]).sum::<f64>() / zones.len().max(1) as f64
    }
}

/// Hazards stage (after the rain): runoff from every catchment, routed to its outlet; the
/// reservoirs fill, spill and may pipe; the stage at every rated gauge.
pub fn route_rivers(
    s: Res<Setting>,
    clock: Res<Clock>,
    rivers: Option<ResMut<Rivers>>,
    mut h: ResMut<HazardState>,
    mut timeline: ResMut<Timeline>,
) {
    let Some(mut rivers) = rivers else { return };
    let rivers = &mut *rivers;
    let (dt_s, now) = (clock.tick_s as f64, clock.now);
    let mut into_pool = vec![0.0; rivers.reservoirs.len()];
    for k in &mut rivers.catchments {
        let rain = areal(&k.zones, &h.rain_total_mm);
        let inc_mm = runoff_increment_mm(k.rain_mm, rain, k.cn);
        k.rain_mm = rain;
        k.runoff_mm += inc_mm;
        let inflow_m3s = inc_mm / 1000.0 * k.area_m2 / dt_s;
        k.q_m3s = linear_reservoir_step(k.q_m3s, inflow_m3s, dt_s / 3600.0, k.k_h);
        if let Outlet::Reservoir(r) = k.to {
            into_pool[r] += k.outflow_m3s();
        }
    }
    for (r, res) in rivers.reservoirs.iter_mut().enumerate() {
        let level = res.pool.level_m();
        if !res.piped && res.piping_level_m.is_some_and(|p| level >= p) {
            res.piped = true;
            let peak = res.pool.breach();
            let text = format!(
                "piping at the dam of {}: pool at {level:.2} m (spillway crest {:.1} m); the dam breaches, outflow peaking at {peak:.0} m³/s",
                res.name, res.pool.crest_m
            );
            timeline.push(now, EventKind::Flood, "dam watcher", res.id.clone(), text);
        }
        res.outflow_m3s = res.pool.step(into_pool[r], dt_s) / dt_s;
        res.at_gauge_m3s =
            linear_reservoir_step(res.at_gauge_m3s, res.outflow_m3s, dt_s / 3600.0, res.reach_k_h);
        let spilling = res.pool.level_m() > res.pool.crest_m;
        if spilling != res.spilling {
            res.spilling = spilling;
            let text = if spilling {
                format!("{} spills: pool over the spillway crest ({:.1} m)", res.name, res.pool.crest_m)
            } else {
                format!("{} stops spilling", res.name)
            };
            timeline.push(now, EventKind::Flood, "", res.id.clone(), text);
        }
        let (depth, velocity) = (res.valley_depth_m(), res.valley_velocity_mps());
        for &z in &res.below {
            h.set_depth(&s, z, depth, velocity, now);
        }
    }
    rivers.sum_discharge();
    let stages: Vec<(usize, f64)> = rivers.stages_m().collect();
    for (g, stage) in stages {
        h.stage_m[g] = stage;
    }
}
