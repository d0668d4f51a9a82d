//! Prescribed rain and river stage, and the flooding they cause: depth per zone
//! (stage − ground elevation) and at each road link's low point, closing links by depth.

use super::flood::failure::PONDED_PLAIN_VELOCITY_MPS;
use super::flood::{Aidr, debris_factor_conservative, hazard_rating};
use crate::core::{Clock, EventKind, SimTime, Timeline, setting::Setting};
use crate::model::{Colour, HazardKind};
use crate::roads::{Closures, Mode, RoadGraph};
use bevy_ecs::prelude::*;
use std::collections::BTreeMap;

/// The hazard state everyone reads: rain, stages, depths, warnings in force.
#[derive(Resource, Debug, Clone)]
pub struct HazardState {
    /// Rain intensity this tick per zone, mm/h.
    pub rain_mm_h: Vec<f64>,
    /// Rain since the start per zone, mm.
    pub rain_total_mm: Vec<f64>,
    /// Surface wind per zone (2-min mean at 10 m), m/s.
    pub wind_mps: Vec<f64>,
    /// Zones whose dilapidated houses the wind has damaged (their households become
    /// should-transfer).
    pub wind_damaged: Vec<bool>,
    /// Zones the modelled forest-fire front has reached (their households become
    /// should-transfer).
    pub fire_reached: Vec<bool>,
    /// River stage per gauge, m above datum (NaN before any value is given).
    pub stage_m: Vec<f64>,
    /// Flood depth per zone, m.
    pub depth_m: Vec<f64>,
    /// Flow velocity per flooded zone, m/s (the velocity rule, models.md §7).
    pub velocity_mps: Vec<f64>,
    /// Highest Defra FD2321 hazard rating so far per zone (conservative debris factor).
    pub max_hazard_rating: Vec<f64>,
    /// Worst AIDR class so far per zone.
    pub worst_aidr: Vec<Aidr>,
    /// Highest depth so far per zone, m.
    pub max_depth_m: Vec<f64>,
    /// When each zone first had water ≥ the deadline depth (if the deadline is by depth).
    pub depth_reached_at: Vec<Option<SimTime>>,
    /// Warning colour in force per hazard.
    pub warnings: BTreeMap<HazardKind, Colour>,
    /// Houses that fell this tick, for the outcomes stage to harm those inside.
    pub collapses: Vec<Collapse>,
}

/// Houses falling on a zone: each of its houses with a chance (wind on dilapidated houses), or
/// its first `houses` in the household index (a landslide's path).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Collapse {
    /// Zone index.
    pub zone: usize,
    /// Which houses.
    pub which: Fallen,
    /// What brought them down, for the record ("the wind", "a landslide").
    pub cause: &'static str,
}

/// Which of a zone's houses fall.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fallen {
    /// Each house independently with this probability.
    EachWith(f64),
    /// The first n houses of the zone.
    First(u32),
}

impl HazardState {
    /// Whether a zone's households should be transferred: by the scenario, because the wind
    /// has damaged its dilapidated houses, or because the forest fire front has reached it.
    pub fn should_transfer(&self, s: &Setting, zone: usize) -> bool {
        s.zones[zone].should_transfer
            || ((self.wind_damaged[zone] || self.fire_reached[zone]) && s.zones[zone].households > 0)
    }

    /// Set a zone's flood depth and flow velocity now, keeping its highest depth and when it first reached the
    /// deadline depth (if the scenario's deadline is by depth).
    pub fn set_depth(&mut self, s: &Setting, z: usize, depth_m: f64, velocity_mps: f64, now: SimTime) {
        self.depth_m[z] = depth_m;
        let v = if depth_m > 0.0 { velocity_mps } else { 0.0 };
        self.velocity_mps[z] = v;
        let hr = hazard_rating(depth_m, v, debris_factor_conservative(depth_m));
        self.max_hazard_rating[z] = self.max_hazard_rating[z].max(hr);
        self.worst_aidr[z] = self.worst_aidr[z].max(Aidr::classify(depth_m, v));
        if depth_m > self.max_depth_m[z] {
            self.max_depth_m[z] = depth_m;
        }
        if let Some(crate::core::setting::DeadlineS::FloodDepth(d)) = s.deadline
            && depth_m >= d
            && self.depth_reached_at[z].is_none()
        {
            self.depth_reached_at[z] = Some(now);
        }
    }

    /// A dry, calm start.
    pub fn new(s: &Setting) -> HazardState {
        HazardState {
            rain_mm_h: vec![0.0; s.zones.len()],
            rain_total_mm: vec![0.0; s.zones.len()],
            wind_mps: vec![0.0; s.zones.len()],
            wind_damaged: vec![false; s.zones.len()],
            fire_reached: vec![false; s.zones.len()],
            stage_m: vec![f64::NAN; s.gauges.len()],
            depth_m: vec![0.0; s.zones.len()],
            velocity_mps: vec![0.0; s.zones.len()],
            max_hazard_rating: vec![0.0; s.zones.len()],
            worst_aidr: vec![Aidr::H1; s.zones.len()],
            max_depth_m: vec![0.0; s.zones.len()],
            depth_reached_at: vec![None; s.zones.len()],
            warnings: BTreeMap::new(),
            collapses: Vec::new(),
        }
    }
}

/// Rain (mm) a step series puts down in [t0, t1).
pub fn series_rain_between(start_s: i64, step_s: i64, mm: &[f64], t0: i64, t1: i64) -> f64 {
    if step_s <= 0 || t1 <= t0 {
        return 0.0;
    }
    let mut total = 0.0;
    let first = ((t0 - start_s).div_euclid(step_s)).max(0);
    let last = ((t1 - 1 - start_s).div_euclid(step_s)).min(mm.len() as i64 - 1);
    for k in first..=last {
        let (a, b) = (start_s + k * step_s, start_s + (k + 1) * step_s);
        let overlap = (b.min(t1) - a.max(t0)).max(0) as f64;
        total += mm[k as usize] * overlap / step_s as f64;
    }
    total
}

/// Rain in zone `zone` over [t0, t1), from every series that covers it.
pub fn zone_rain_between(s: &Setting, zone: usize, t0: i64, t1: i64) -> f64 {
    s.hazards
        .rain
        .iter()
        .filter(|(zones, ..)| zones.is_empty() || zones.iter().any(|z| z.ix() == zone))
        .map(|(_, start, step, mm)| series_rain_between(*start, *step, mm, t0, t1))
        .sum()
}

/// Stage from a series at `t`, linear between values; `None` outside the series.
pub fn series_stage_at(start_s: i64, step_s: i64, values: &[f64], t: i64) -> Option<f64> {
    if values.is_empty() || t < start_s || step_s <= 0 {
        return None;
    }
    let k = ((t - start_s) / step_s) as usize;
    if k + 1 >= values.len() {
        return Some(values[values.len() - 1]);
    }
    let frac = ((t - start_s) % step_s) as f64 / step_s as f64;
    Some(values[k] + (values[k + 1] - values[k]) * frac)
}

/// Hazards stage: rain falls on each zone from the prescribed series.
pub fn fall_rain(s: Res<Setting>, clock: Res<Clock>, mut h: ResMut<HazardState>) {
    let (t0, t1) = (clock.tick_start().0, clock.now.0);
    for z in 0..s.zones.len() {
        let mm = zone_rain_between(&s, z, t0, t1);
        h.rain_mm_h[z] = mm * 3600.0 / clock.tick_s as f64;
        h.rain_total_mm[z] += mm;
    }
}

/// Hazards stage: river stages follow the prescribed gauge series (modelled gauges already have
/// theirs); zones on a gauge flood to stage − elevation, except zones the
/// flood model floods itself (behind its dikes, below its dams).
pub fn flood_from_stages(
    s: Res<Setting>,
    clock: Res<Clock>,
    rivers: Option<Res<super::river::Rivers>>,
    mut h: ResMut<HazardState>,
) {
    let now = clock.now;
    for (gauge, start, step, values) in &s.hazards.stages {
        if let Some(v) = series_stage_at(*start, *step, values, now.0) {
            h.stage_m[gauge.ix()] = v;
        }
    }
    for (z, zone) in s.zones.iter().enumerate() {
        let Some(gauge) = zone.gauge else { continue };
        if rivers.as_ref().is_some_and(|r| r.zone_by_model[z]) {
            continue;
        }
        let stage = h.stage_m[gauge.ix()];
        let depth = if stage.is_finite() { (stage - zone.elevation_m).max(0.0) } else { 0.0 };
        h.set_depth(&s, z, depth, PONDED_PLAIN_VELOCITY_MPS, now);
    }
}

/// Hazards stage (after every source of water): links on a gauge close and reopen by the depth
/// at their low point — the polder's water level where a modelled dike protects an end of the
/// link, the river's stage elsewhere.
pub fn close_flooded_links(
    clock: Res<Clock>,
    g: Res<RoadGraph>,
    dikes: Option<Res<super::dikes::Dikes>>,
    h: Res<HazardState>,
    mut closures: ResMut<Closures>,
    mut timeline: ResMut<Timeline>,
) {
    let now = clock.now;
    for (link, arcs) in g.link_arcs.iter().enumerate() {
        let a = &g.arcs[arcs[0].ix()];
        let Some(gauge) = a.gauge else { continue };
        let polder = dikes.as_ref().and_then(|d| match (d.level_at(a.from), d.level_at(a.to)) {
            (Some(x), Some(y)) => Some(x.max(y)),
            (x, y) => x.or(y),
        });
        let level = polder.unwrap_or(h.stage_m[gauge.ix()]);
        let depth = if level.is_finite() { (level - a.low_point_m).max(0.0) } else { 0.0 };
        let was_car = closures.passable(link, Mode::Car);
        let was_walk = closures.passable(link, Mode::Walk);
        if closures.set_depth(link, depth) {
            let id = &g.link_ids[link];
            let text = match (
                was_car,
                closures.passable(link, Mode::Car),
                was_walk,
                closures.passable(link, Mode::Walk),
            ) {
                (true, false, _, true) => format!("flooded {depth:.2} m at its low point: closed to cars"),
                (_, _, true, false) => {
                    format!("flooded {depth:.2} m at its low point: closed to everyone on foot")
                }
                (false, true, _, _) => format!("water down to {depth:.2} m: open to cars again"),
                _ => format!("water {depth:.2} m at its low point"),
            };
            timeline.push(now, EventKind::Road, "", id.clone(), text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rain_is_split_over_partial_steps() {
        // 10 mm/h for 2 h from t = 0: the half hour 30–60 min gets 5 mm; 90–150 min gets 5 mm.
        let mm = [10.0, 10.0];
        assert!((series_rain_between(0, 3600, &mm, 1800, 3600) - 5.0).abs() < 1e-12);
        assert!((series_rain_between(0, 3600, &mm, 5400, 9000) - 5.0).abs() < 1e-12);
        assert_eq!(series_rain_between(0, 3600, &mm, -3600, 0), 0.0);
        // Totals are conserved over any partition.
        let parts: f64 = (0..120).map(|k| series_rain_between(0, 3600, &mm, k * 60, (k + 1) * 60)).sum();
        assert!((parts - 20.0).abs() < 1e-9);
    }

    #[test]
    fn stage_interpolates_and_holds_the_last_value() {
        let v = [10.0, 12.0];
        assert_eq!(series_stage_at(0, 3600, &v, -1), None);
        assert_eq!(series_stage_at(0, 3600, &v, 1800), Some(11.0));
        assert_eq!(series_stage_at(0, 3600, &v, 3600), Some(12.0));
    }
}
