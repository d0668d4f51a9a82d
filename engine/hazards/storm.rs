//! The modelled typhoon in a run: the centre each tick, Holland surface wind at every zone,
//! R-CLIPER rain on zones no prescribed series covers, grade changes and landfall on the
//! timeline, and trees brought down across tree-lined roads.

use super::typhoon::{Beaufort, Centre, Grade, Holland, RCliper, Track, gust_mps, mps_to_kt};
use super::water::{Collapse, Fallen, HazardState};
use crate::core::setting::Setting;
use crate::core::{Clock, EventKind, Process, Timeline, stream};
use crate::model::{Map, RiskTag, TyphoonTrack};
use crate::roads::{Closures, RoadGraph};
use bevy_ecs::prelude::*;

/// A tree-lined link, with the gust that brings its trees down.
#[derive(Debug, Clone, Copy)]
pub struct TreeLine {
    pub link: usize,
    pub gust_mps: f64,
    /// Midpoint of the link, m east and north of the origin.
    pub x_m: f64,
    pub y_m: f64,
    /// Its trees are down (they fall once; a cleared road stays open).
    pub fallen: bool,
}

/// The storm's wind and rain field at one instant.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub centre: Centre,
    holland: Holland,
    rain: RCliper,
    surface_factor: f64,
    rain_enhancement: f64,
}

/// Surface inflow angle of a tropical cyclone's wind toward its centre, degrees (a common
/// value over land for parametric wind fields).
pub const INFLOW_DEG: f64 = 20.0;

impl Field {
    /// Direction the surface wind blows from at a map point, degrees clockwise from north:
    /// cyclonic (counter-clockwise in the northern hemisphere) and turned [`INFLOW_DEG`] in
    /// toward the centre.
    pub fn wind_from_deg(&self, x_m: f64, y_m: f64) -> f64 {
        let (dx, dy) = (x_m - self.centre.x_m, y_m - self.centre.y_m);
        // Counter-clockwise tangent (−dy, dx), as a compass bearing of where the air goes.
        let tangent_to = (-dy).atan2(dx).to_degrees();
        let to = tangent_to - INFLOW_DEG; // a left turn, toward the centre
        (to + 180.0).rem_euclid(360.0)
    }

    /// Surface 2-min mean wind (m/s) and enhanced R-CLIPER rain rate (mm/h) at a map point.
    pub fn wind_rain(&self, x_m: f64, y_m: f64) -> (f64, f64) {
        let r_km = self.centre.distance_km(x_m, y_m);
        (
            self.holland.surface_wind_mps(r_km, self.surface_factor),
            self.rain.rate_mm_h(r_km) * self.rain_enhancement,
        )
    }
}

/// The storm of a run with a modelled typhoon.
#[derive(Resource, Debug, Clone)]
pub struct Storm {
    /// The best track as it happens.
    pub track: Track,
    /// The track the forecasters see: displaced across the motion by this run's forecast error.
    pub forecast: Track,
    /// R-CLIPER multiplier for orography (drawn for this run).
    pub rain_enhancement: f64,
    /// Gradient-to-surface wind factor.
    pub surface_factor: f64,
    /// Tree-lined links: the gust that fells their trees and their midpoint.
    pub trees: Vec<TreeLine>,
    /// Gust that damages each zone's dilapidated houses, m/s (`None` for zones without them),
    /// and the share of the damaged houses that then collapse.
    pub house_damage_gust_mps: Vec<Option<f64>>,
    pub house_collapse_share: Vec<f64>,
    /// Zones whose rain comes from a prescribed series instead.
    pub prescribed_rain: Vec<bool>,
    /// Grade last reported.
    pub grade: Option<Grade>,
    /// Whether landfall has been put on the timeline.
    pub landfall_logged: bool,
}

impl Storm {
    /// The storm for a scenario's track, or an error naming what is wrong with the track.
    pub fn new(s: &Setting, map: &Map, t: &TyphoonTrack) -> Result<Storm, String> {
        let track = Track::new(t, &s.calendar, map.origin)?;
        let mut rng = stream(s.seed, Process::Storm, 0);
        let error_km = t.forecast_error_km.value(&mut rng, s.nominal);
        let forecast = Track::new(&displaced(t, error_km), &s.calendar, map.origin)?;
        let rain_enhancement = t.rain_enhancement.value(&mut rng, s.nominal).max(0.0);
        let node: std::collections::HashMap<&str, (f64, f64)> =
            map.nodes.iter().map(|n| (n.id.as_str(), (n.x_m, n.y_m))).collect();
        let trees = map
            .links
            .iter()
            .enumerate()
            .filter(|(_, l)| l.tree_lined)
            .map(|(i, l)| {
                let mut r = stream(s.seed, Process::TreeFall, i as u32);
                let (a, b) = (node.get(l.from.as_str()), node.get(l.to.as_str()));
                let ((x0, y0), (x1, y1)) = (a.copied().unwrap_or_default(), b.copied().unwrap_or_default());
                let gust_mps = t.tree_fall_gust_mps.value(&mut r, s.nominal);
                TreeLine { link: i, gust_mps, x_m: 0.5 * (x0 + x1), y_m: 0.5 * (y0 + y1), fallen: false }
            })
            .collect();
        let (house_damage_gust_mps, house_collapse_share) = s
            .zones
            .iter()
            .enumerate()
            .map(|(i, z)| {
                let mut r = stream(s.seed, Process::HouseDamage, i as u32);
                let gust = z
                    .tags
                    .contains(&RiskTag::DilapidatedHouses)
                    .then(|| t.house_damage_gust_mps.value(&mut r, s.nominal));
                (gust, t.house_collapse_share.value(&mut r, s.nominal).clamp(0.0, 1.0))
            })
            .unzip();
        let mut prescribed_rain = vec![false; s.zones.len()];
        for (zones, ..) in &s.hazards.rain {
            if zones.is_empty() {
                prescribed_rain.iter_mut().for_each(|p| *p = true);
            }
            for z in zones {
                prescribed_rain[z.ix()] = true;
            }
        }
        Ok(Storm {
            track,
            forecast,
            rain_enhancement,
            surface_factor: t.surface_factor,
            trees,
            house_damage_gust_mps,
            house_collapse_share,
            prescribed_rain,
            grade: None,
            landfall_logged: false,
        })
    }

    /// The wind and rain field on `track` at sim time `t_s` (`None` before the track starts).
    pub fn field(&self, track: &Track, t_s: f64) -> Option<Field> {
        let c = track.at(t_s)?;
        // The track's V_max is a surface wind: Holland's B is fitted to the gradient-level
        // V_max / K, so the surface wind at R_max is the track's own V_max.
        let k = self.surface_factor;
        Some(Field {
            centre: c,
            holland: Holland::from_track(c.pressure_hpa, c.vmax_mps / k, Some(c.rmax_km), None, c.lat_deg),
            rain: RCliper::from_vmax_kt(mps_to_kt(c.vmax_mps)),
            surface_factor: k,
            rain_enhancement: self.rain_enhancement,
        })
    }
}

/// The track moved `error_km` to the right of its overall motion (negative: to the left).
fn displaced(t: &TyphoonTrack, error_km: f64) -> TyphoonTrack {
    let mut out = t.clone();
    let (first, last) = (&t.points[0], &t.points[t.points.len() - 1]);
    let lat0 = first.lat_deg.to_radians();
    let (dx, dy) = ((last.lon_deg - first.lon_deg) * lat0.cos(), last.lat_deg - first.lat_deg);
    let len = dx.hypot(dy);
    if len == 0.0 || error_km == 0.0 {
        return out;
    }
    // Right of the motion: (dy, −dx) normalised; degrees of latitude are 111.19 km.
    let (ex, ey) = (dy / len, -dx / len);
    let deg = error_km / 111.19;
    for p in &mut out.points {
        p.lat_deg += ey * deg;
        p.lon_deg += ex * deg / p.lat_deg.to_radians().cos();
    }
    out
}

/// Hazards stage (after prescribed rain): the storm's wind at every zone, its rain where no
/// prescribed series applies, grade changes and landfall.
pub fn blow_storm(
    s: Res<Setting>,
    clock: Res<Clock>,
    storm: Option<ResMut<Storm>>,
    mut h: ResMut<HazardState>,
    mut timeline: ResMut<Timeline>,
) {
    let Some(mut storm) = storm else { return };
    let now = clock.now;
    let mid_s = now.0 as f64 - clock.tick_s as f64 / 2.0;
    let field = storm.field(&storm.track, now.0 as f64);
    // Rain over the tick falls at the tick's midpoint rate.
    let mid_field = storm.field(&storm.track, mid_s);
    let centre = field.map(|f| f.centre);
    for (z, zone) in s.zones.iter().enumerate() {
        h.wind_mps[z] = field.map_or(0.0, |f| f.wind_rain(zone.x_m, zone.y_m).0);
        if !storm.prescribed_rain[z] {
            let rate = mid_field.map_or(0.0, |f| f.wind_rain(zone.x_m, zone.y_m).1);
            h.rain_mm_h[z] += rate;
            h.rain_total_mm[z] += rate * clock.tick_s as f64 / 3600.0;
        }
    }
    let grade = centre.as_ref().and_then(|c| Grade::from_max_wind_mps(c.vmax_mps));
    if grade != storm.grade {
        let text = match (grade, centre.as_ref()) {
            (Some(g), Some(c)) => format!(
                "{} is a {} ({}): {:.0} m/s near the centre, {:.0} hPa, {:.0} km from the township",
                storm.track.name,
                g.name_en(),
                g.name_zh(),
                c.vmax_mps,
                c.pressure_hpa,
                c.distance_km(0.0, 0.0)
            ),
            _ => format!("{} has weakened below a tropical depression", storm.track.name),
        };
        if storm.grade.is_some() || grade.is_some() {
            timeline.push(now, EventKind::Warning, "meteorological observation", "", text);
        }
        storm.grade = grade;
    }
    if let Some(lf) = s.hazards.landfall.filter(|lf| *lf <= now && !storm.landfall_logged) {
        storm.landfall_logged = true;
        timeline.push(
            lf,
            EventKind::Warning,
            "meteorological observation",
            "",
            format!("{} makes landfall", storm.track.name),
        );
    }
}

/// Hazards stage: trees fall across tree-lined roads where the gust at the link's midpoint
/// reaches that link's threshold; the road is cut until cleared. Each line of trees falls once.
pub fn fell_trees(
    clock: Res<Clock>,
    storm: Option<ResMut<Storm>>,
    g: Res<RoadGraph>,
    mut closures: ResMut<Closures>,
    mut timeline: ResMut<Timeline>,
) {
    let Some(mut storm) = storm else { return };
    let Some(field) = storm.field(&storm.track, clock.now.0 as f64) else { return };
    for tree in &mut storm.trees {
        if tree.fallen || closures.cut[tree.link] {
            continue;
        }
        let gust = gust_mps(field.wind_rain(tree.x_m, tree.y_m).0);
        if gust >= tree.gust_mps {
            tree.fallen = true;
            closures.cut(tree.link);
            let force = Beaufort::from_mps(gust).force();
            let text = format!(
                "blocked by fallen trees: gust {gust:.0} m/s (force {force}) ≥ {:.0} m/s",
                tree.gust_mps
            );
            timeline.push(clock.now, EventKind::Road, "", g.link_ids[tree.link].clone(), text);
        }
    }
}

/// Hazards stage (after the wind): dilapidated houses are damaged where the gust reaches the
/// zone's threshold; the zone's households become should-transfer.
pub fn damage_houses(
    s: Res<Setting>,
    clock: Res<Clock>,
    storm: Option<Res<Storm>>,
    mut h: ResMut<HazardState>,
    mut timeline: ResMut<Timeline>,
) {
    let Some(storm) = storm else { return };
    for (z, threshold) in storm.house_damage_gust_mps.iter().enumerate() {
        let Some(threshold) = threshold else { continue };
        let gust = gust_mps(h.wind_mps[z]);
        if h.wind_damaged[z] || gust < *threshold {
            continue;
        }
        h.wind_damaged[z] = true;
        let share = storm.house_collapse_share[z];
        h.collapses.push(Collapse { zone: z, which: Fallen::EachWith(share), cause: "the wind" });
        let zone = &s.zones[z];
        let text = format!(
            "dilapidated houses damaged by a {gust:.0} m/s gust (≥ {threshold:.0} m/s): {} households should be transferred",
            zone.households
        );
        timeline.push(clock.now, EventKind::Harm, "", zone.id.clone(), text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_at_origin() -> Field {
        let centre = Centre {
            x_m: 0.0,
            y_m: 0.0,
            lat_deg: 29.7,
            pressure_hpa: 960.0,
            vmax_mps: 35.0,
            rmax_km: 40.0,
            hours_past_track: 0.0,
        };
        Field {
            centre,
            holland: Holland::from_track(960.0, 50.0, Some(40.0), None, 29.7),
            rain: RCliper::from_vmax_kt(68.0),
            surface_factor: 0.7,
            rain_enhancement: 1.0,
        }
    }

    #[test]
    fn cyclonic_wind_turned_in_toward_the_centre() {
        let f = field_at_origin();
        // East of the centre the air goes north, turned 20° in: from 160°.
        assert!((f.wind_from_deg(10_000.0, 0.0) - 160.0).abs() < 1e-9);
        // North of it the air goes west, turned in toward the south: to 250°, from 70°.
        assert!((f.wind_from_deg(0.0, 10_000.0) - 70.0).abs() < 1e-9);
        // South of it the air goes east, turned in toward the north: to 70°, from 250°.
        assert!((f.wind_from_deg(0.0, -10_000.0) - 250.0).abs() < 1e-9);
    }
}
