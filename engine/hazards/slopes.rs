//! Flash floods in the gullies and landslides at the geological hazard points, from the rain on
//! each zone: a gully floods a lead time after its critical rainfall (临界雨量) is reached; a
//! landslide point fails once its ongoing rain's exceedance of the intensity–duration threshold
//! reaches the fragility drawn for it, cutting a road at the village and destroying houses.

use super::flood::failure::{CAINE_1980, FlowSituation, GUZZETTI_2008, LandslideThreshold};
use super::river::Rivers;
use super::water::{Collapse, Fallen, HazardState};
use crate::agents::{Evac, Household, HouseholdIndex, Place};
use crate::core::setting::Setting;
use crate::core::{Clock, EventKind, Process, SimTime, Timeline, stream};
use crate::model::{LandslideCurve, RiskTag, SlopeModel};
use crate::roads::{Closures, RoadGraph};
use bevy_ecs::prelude::*;
use rand::RngExt;

/// A flash-flood gully and what it does in this run.
#[derive(Debug, Clone)]
pub struct Gully {
    pub zone: usize,
    lead_s: i64,
    depth_m: f64,
    /// When the critical rainfall was reached, and when the water arrives.
    pub triggered: Option<SimTime>,
    pub arrives: Option<SimTime>,
    done: bool,
}

/// A landslide point and its fragility draw.
#[derive(Debug, Clone)]
pub struct SlidePoint {
    pub zone: usize,
    u: f64,
    /// The road it cuts when it fails (a link at the village's node).
    link: Option<usize>,
    rain_start_s: Option<i64>,
    pub failed: Option<SimTime>,
    pub houses_destroyed: u32,
    pub people_home: u32,
}

/// The run's gullies and landslide points.
#[derive(Resource, Debug, Clone)]
pub struct Slopes {
    params: SlopeModel,
    threshold: LandslideThreshold,
    /// Rain totals per zone over the last hours: (t s, total mm), oldest first.
    history: Vec<Vec<(i64, f64)>>,
    pub gullies: Vec<Gully>,
    pub points: Vec<SlidePoint>,
}

impl Slopes {
    pub fn new(s: &Setting, g: &RoadGraph, p: &SlopeModel) -> Slopes {
        let mut gullies = Vec::new();
        let mut points = Vec::new();
        for (z, zone) in s.zones.iter().enumerate() {
            let mut rng = stream(s.seed, Process::Slope, z as u32);
            if zone.tags.contains(&RiskTag::FlashFloodGully) {
                let lead_s = (p.flash_lead_min.value(&mut rng, s.nominal).max(0.0) * 60.0).round() as i64;
                let depth_m = p.flash_depth_m.value(&mut rng, s.nominal).max(0.0);
                gullies.push(Gully { zone: z, lead_s, depth_m, triggered: None, arrives: None, done: false });
            }
            if zone.tags.contains(&RiskTag::LandslidePoint) {
                let u = if s.nominal { 0.5 } else { rng.random::<f64>() };
                let mut at_node: Vec<usize> = g
                    .arcs
                    .iter()
                    .filter(|a| a.from == zone.node || a.to == zone.node)
                    .map(|a| a.link)
                    .collect();
                at_node.sort_unstable();
                at_node.dedup();
                let link = (!at_node.is_empty()).then(|| at_node[rng.random_range(0..at_node.len())]);
                points.push(SlidePoint {
                    zone: z,
                    u,
                    link,
                    rain_start_s: None,
                    failed: None,
                    houses_destroyed: 0,
                    people_home: 0,
                });
            }
        }
        let threshold = match p.landslide_threshold {
            LandslideCurve::Caine => CAINE_1980,
            LandslideCurve::Guzzetti => GUZZETTI_2008,
        };
        Slopes { params: p.clone(), threshold, history: vec![Vec::new(); s.zones.len()], gullies, points }
    }

    /// Rain in zone `z` over the last `hours` before `now_s`, mm (from the recorded totals).
    fn rain_over(&self, z: usize, now_s: i64, hours: f64) -> f64 {
        let h = &self.history[z];
        let Some(&(_, now_total)) = h.last() else { return 0.0 };
        let since = now_s - (hours * 3600.0).round() as i64;
        let before = h.iter().rev().find(|(t, _)| *t <= since).map_or(0.0, |p| p.1);
        now_total - before
    }
}

/// Probability a landslide point has failed at exceedance ratio `r`: 1 − exp(−(r − 1)/s) above
/// the threshold, 0 below.
pub fn slide_probability(r: f64, scale: f64) -> f64 {
    if r <= 1.0 { 0.0 } else { 1.0 - (-(r - 1.0) / scale).exp() }
}

/// Hazards stage (after the river): gullies reach their critical rainfall and flood; landslide
/// points fail, cutting a road and destroying houses.
pub fn move_slopes(
    s: Res<Setting>,
    clock: Res<Clock>,
    g: Res<RoadGraph>,
    slopes: Option<ResMut<Slopes>>,
    rivers: Option<Res<Rivers>>,
    index: Res<HouseholdIndex>,
    households: Query<(&Household, &Evac)>,
    mut h: ResMut<HazardState>,
    mut closures: ResMut<Closures>,
    mut timeline: ResMut<Timeline>,
) {
    let Some(mut slopes) = slopes else { return };
    let sl = &mut *slopes;
    let now = clock.now;
    let keep_s = sl.params.critical_rain.iter().map(|w| w.0).fold(0.0, f64::max) * 3600.0;
    for z in 0..s.zones.len() {
        let hist = &mut sl.history[z];
        match hist.last_mut() {
            Some(last) if last.0 >= now.0 => *last = (now.0, h.rain_total_mm[z]),
            _ => hist.push((now.0, h.rain_total_mm[z])),
        }
        let cut =
            hist.iter().position(|(t, _)| (now.0 - t) as f64 <= keep_s + clock.tick_s as f64).unwrap_or(0);
        if cut > 1 {
            hist.drain(..cut - 1);
        }
    }
    for i in 0..sl.gullies.len() {
        let z = sl.gullies[i].zone;
        if sl.gullies[i].triggered.is_none() {
            let hit = sl
                .params
                .critical_rain
                .iter()
                .find(|&&(hours, mm)| sl.rain_over(z, now.0, hours) >= mm)
                .copied();
            if let Some((hours, mm)) = hit {
                let got = sl.rain_over(z, now.0, hours);
                let gully = &mut sl.gullies[i];
                gully.triggered = Some(now);
                gully.arrives = Some(now.plus_s(gully.lead_s as f64));
                let text = format!(
                    "critical rainfall reached: {got:.0} mm in {hours} h ≥ {mm:.0} mm; the gully will flood"
                );
                timeline.push(now, EventKind::Flood, "flash-flood warner", s.zones[z].id.clone(), text);
            }
        }
        let gully = &mut sl.gullies[i];
        let Some(arrives) = gully.arrives.filter(|a| *a <= now) else { continue };
        if gully.done {
            continue;
        }
        let since_h = (now.0 - arrives.0) as f64 / 3600.0;
        let stay = sl.params.flash_duration_h;
        let depth =
            if since_h <= stay { gully.depth_m } else { gully.depth_m * (1.0 - (since_h - stay)).max(0.0) };
        if since_h < clock.tick_s as f64 / 3600.0 {
            let text = format!("flash flood: {:.1} m of fast water through the village", gully.depth_m);
            timeline.push(arrives, EventKind::Flood, "", s.zones[z].id.clone(), text);
        }
        gully.done = depth <= 0.0;
        let other = s.zones[z].gauge.is_some() || rivers.as_ref().is_some_and(|r| r.zone_by_model[z]);
        let base = if other { h.depth_m[z] } else { 0.0 };
        h.set_depth(&s, z, base.max(depth), FlowSituation::FlashGully.velocity_mps(), now);
    }
    for p in &mut sl.points {
        if p.failed.is_some() {
            continue;
        }
        let total = h.rain_total_mm[p.zone];
        if total <= 0.0 {
            continue;
        }
        let start = *p.rain_start_s.get_or_insert(now.0 - clock.tick_s);
        let duration_h = ((now.0 - start) as f64 / 3600.0).max(clock.tick_s as f64 / 3600.0);
        let ratio = sl.threshold.exceedance(total / duration_h, duration_h).ratio;
        if slide_probability(ratio, sl.params.landslide_scale) < p.u {
            continue;
        }
        p.failed = Some(now);
        let zone = &s.zones[p.zone];
        p.houses_destroyed = (f64::from(zone.households) * sl.params.houses_destroyed_share).round() as u32;
        let hit = index.by_zone[p.zone].iter().take(p.houses_destroyed as usize);
        p.people_home = hit
            .filter_map(|hh| households.get(index.entity[hh.ix()]).ok())
            .filter(|(_, ev)| ev.place == Place::Home)
            .map(|(hh, _)| u32::from(hh.size))
            .sum();
        let text = format!(
            "landslide: {total:.0} mm in {duration_h:.0} h is {ratio:.1}× the threshold; {} houses destroyed, {} people were at home in them",
            p.houses_destroyed, p.people_home
        );
        timeline.push(now, EventKind::Flood, "", zone.id.clone(), text);
        let fallen = Fallen::First(p.houses_destroyed);
        h.collapses.push(Collapse { zone: p.zone, which: fallen, cause: "a landslide" });
        if let Some(link) = p.link.filter(|&l| !closures.cut[l]) {
            closures.cut(link);
            timeline.push(
                now,
                EventKind::Road,
                "",
                g.link_ids[link].clone(),
                "blocked by a landslide".to_string(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slide_probability_rises_from_the_threshold() {
        assert_eq!(slide_probability(0.5, 1.0), 0.0);
        assert_eq!(slide_probability(1.0, 1.0), 0.0);
        assert!((slide_probability(2.0, 1.0) - (1.0 - (-1.0f64).exp())).abs() < 1e-12);
        assert!(slide_probability(3.0, 1.0) > slide_probability(2.0, 1.0));
    }
}
