//! The map's dikes on modelled gauges in a run: overtopping as a broad-crested weir, breach at
//! a failure stage drawn once per run from the dike's fragility, flow through the breach as a
//! weir over its width, and the polder behind filling with that water and its own rain's runoff
//! (内涝) while pumps drain it; depth in each protected zone from the polder's level.

use super::flood::{FlowSituation, Polder, overtopping_m3s, runoff_increment_mm, weir_discharge_m3s};
use super::river::Rivers;
use super::water::HazardState;
use crate::core::setting::Setting;
use crate::core::{Clock, EventKind, NodeId, Process, SimTime, Timeline, stream};
use crate::model::{FloodModel, Map};
use bevy_ecs::prelude::*;
use rand_distr::{Distribution, StandardNormal};

/// A dike and the polder behind it.
#[derive(Debug, Clone)]
pub struct Dike {
    pub id: String,
    /// Index in the map's dikes.
    pub map_index: usize,
    pub gauge: usize,
    pub crest_m: f64,
    pub length_m: f64,
    /// River stage at which it breaches in this run, m.
    pub fail_stage_m: f64,
    /// How much higher sandbags have made its weak reaches hold, m.
    pub reinforced_m: f64,
    pub breach_width_m: f64,
    pub breached: Option<SimTime>,
    pub overtopping: bool,
    /// Protected zones, in the order of the polder's cells.
    pub zones: Vec<usize>,
    pub polder: Polder,
    /// Areal rain on the polder since the start, mm.
    rain_mm: f64,
}

/// The modelled dikes of a run.
#[derive(Resource, Debug, Clone)]
pub struct Dikes {
    pub dikes: Vec<Dike>,
    /// The dike whose polder each road node stands in (nodes of protected zones).
    polder_of_node: std::collections::BTreeMap<NodeId, usize>,
    drainage_m3s: f64,
    polder_cn: f64,
}

impl Dikes {
    /// The map's dikes on the gauges the model rates; each protected zone is marked as flooded
    /// by the model in `rivers`.
    pub fn new(s: &Setting, map: &Map, f: &FloodModel, rivers: &mut Rivers) -> Result<Dikes, String> {
        let mut dikes = Vec::new();
        for (i, d) in map.dikes.iter().enumerate() {
            let gauge = s.gauges.iter().position(|g| g.id == d.gauge).ok_or("unknown gauge")?;
            if rivers.ratings[gauge].is_none() {
                continue;
            }
            let zones = d
                .protects
                .iter()
                .map(|id| s.zones.iter().position(|z| z.id == *id).ok_or(format!("unknown zone {id}")))
                .collect::<Result<Vec<_>, _>>()?;
            zones.iter().for_each(|&z| rivers.zone_by_model[z] = true);
            let mut rng = stream(s.seed, Process::Dike, i as u32);
            let z: f64 = if s.nominal { 0.0 } else { StandardNormal.sample(&mut rng) };
            let m = &f.dikes;
            let fail_stage_m = d.crest_m - m.h50_below_crest_m + m.sigma_m * z;
            let breach_width_m = m.breach_width_m.value(&mut rng, s.nominal).max(0.0);
            rivers.sampled.push((format!("flood_model.dikes[{}].fail_stage_m", d.id), fail_stage_m));
            rivers.sampled.push((format!("flood_model.dikes[{}].breach_width_m", d.id), breach_width_m));
            dikes.push(Dike {
                id: d.id.clone(),
                map_index: i,
                gauge,
                crest_m: d.crest_m,
                length_m: d.length_m,
                fail_stage_m,
                reinforced_m: 0.0,
                breach_width_m,
                breached: None,
                overtopping: false,
                polder: Polder::new(
                    zones.iter().map(|&z| (s.zones[z].elevation_m, s.zones[z].area_km2 * 1e6)),
                ),
                zones,
                rain_mm: 0.0,
            });
        }
        let polder_of_node = dikes
            .iter()
            .enumerate()
            .flat_map(|(i, d)| d.zones.iter().map(move |&z| (s.zones[z].node, i)))
            .collect();
        Ok(Dikes {
            dikes,
            polder_of_node,
            drainage_m3s: f.dikes.drainage_m3s,
            polder_cn: f.dikes.polder_curve_number,
        })
    }

    /// Water level of the polder a road node stands in, m: −∞ while it is dry, `None` outside
    /// the polders.
    pub fn level_at(&self, node: NodeId) -> Option<f64> {
        let p = &self.dikes[*self.polder_of_node.get(&node)?].polder;
        Some(if p.volume_m3 > 0.0 { p.level_m().unwrap_or(f64::NEG_INFINITY) } else { f64::NEG_INFINITY })
    }
}

/// Hazards stage (after the stages): dikes overtop and breach; polders fill with river water
/// and their own runoff and are pumped out; protected zones take the polder's depth.
pub fn fill_polders(
    s: Res<Setting>,
    clock: Res<Clock>,
    dikes: Option<ResMut<Dikes>>,
    mut h: ResMut<HazardState>,
    mut timeline: ResMut<Timeline>,
) {
    let Some(mut dikes) = dikes else { return };
    let dikes = &mut *dikes;
    let (dt_s, now) = (clock.tick_s as f64, clock.now);
    for d in &mut dikes.dikes {
        let stage = h.stage_m[d.gauge];
        let level = d.polder.level_m().unwrap_or(f64::NEG_INFINITY);
        let over = overtopping_m3s(stage, d.crest_m, d.length_m);
        if (over > 0.0) != d.overtopping {
            d.overtopping = over > 0.0;
            let text = if d.overtopping {
                format!("overtopped: river at {stage:.2} m over the {:.2} m crest", d.crest_m)
            } else {
                "no longer overtopped".to_string()
            };
            timeline.push(now, EventKind::Flood, "", d.id.clone(), text);
        }
        if d.breached.is_none() && stage >= d.fail_stage_m {
            d.breached = Some(now);
            let text = format!(
                "breach: the dike fails at river stage {stage:.2} m (crest {:.2} m), a {:.0} m gap",
                d.crest_m, d.breach_width_m
            );
            timeline.push(now, EventKind::Flood, "dike patrol", d.id.clone(), text);
        }
        // Through the breach down to the polder floor: a weir over its width, drowned as the
        // polder fills to the river's level.
        let through = if d.breached.is_some() {
            let floor = d.polder.basin.floor_m().unwrap_or(stage);
            weir_discharge_m3s(stage - level.max(floor), d.breach_width_m)
        } else {
            0.0
        };
        let rain = d.zones.iter().map(|&z| h.rain_total_mm[z] * s.zones[z].area_km2).sum::<f64>()
            / d.zones.iter().map(|&z| s.zones[z].area_km2).sum::<f64>().max(1e-9);
        let runoff_m3 = runoff_increment_mm(d.rain_mm, rain, dikes.polder_cn) / 1000.0
            * d.polder.basin.cells().iter().map(|c| c.1).sum::<f64>();
        d.rain_mm = rain;
        d.polder.step((over + through) * dt_s + runoff_m3, dikes.drainage_m3s * dt_s);
        // Water through a breach finds the polder's lowest zone first: it takes the breach
        // velocity while the breach runs; the rest of the polder ponds.
        let lowest = d
            .zones
            .iter()
            .copied()
            .min_by(|&a, &b| s.zones[a].elevation_m.total_cmp(&s.zones[b].elevation_m));
        for (&z, depth) in d.zones.iter().zip(d.polder.depths_m()) {
            let situation = if through > 0.0 && Some(z) == lowest {
                FlowSituation::NearBreach { distance_m: 0.0 }
            } else {
                FlowSituation::PondedPlain
            };
            h.set_depth(&s, z, depth, situation.velocity_mps(), now);
        }
    }
}
