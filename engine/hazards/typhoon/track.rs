//! The typhoon track on the map: best-track points at sim times, projected to local metres
//! ([`super::projection`]), interpolated linearly between points and extrapolated past the last
//! point (straight on at the last segment's velocity, maximum wind decaying by Kaplan–DeMaria;
//! models.md §1.2, §1.3, §7).

use super::centre::Centre;
use super::decay::continue_decay_mps;
use super::holland::{P_AMBIENT_HPA, rmax_vickery_wadhera_km};
use super::projection::{project_m, unproject_deg};
use crate::model::{Calendar, Origin, TyphoonTrack};

/// One track point on the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Node {
    /// Sim time, s since the scenario start.
    pub t_s: i64,
    /// Metres east of the map origin.
    pub x_m: f64,
    /// Metres north of the map origin.
    pub y_m: f64,
    /// Central pressure, hPa.
    pub pressure_hpa: f64,
    /// Maximum 2-min mean wind near the centre, m/s.
    pub vmax_mps: f64,
    /// Radius of maximum wind, km: the track's, or the Vickery–Wadhera fit's where it gives none.
    pub rmax_km: f64,
    /// Whether `rmax_km` came from the fit rather than the track.
    pub rmax_from_fit: bool,
}

/// Motion of the centre along one segment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Motion {
    /// Forward speed, m/s.
    pub speed_mps: f64,
    /// Heading it moves towards, degrees clockwise from north (0–360).
    pub heading_deg: f64,
}

impl Motion {
    /// Forward speed, km/h (the unit R-CLIPER totals use).
    pub fn speed_kmh(&self) -> f64 {
        self.speed_mps * 3.6
    }
}

/// The time and distance of the closest approach of the centre to a map point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Approach {
    /// Sim time, s.
    pub t_s: f64,
    /// Distance from the centre, m.
    pub distance_m: f64,
}

/// A typhoon track ready to be sampled at sim times.
#[derive(Debug, Clone)]
pub struct Track {
    /// Storm name, e.g. "In-Fa (2106)".
    pub name: String,
    /// Map origin the positions are relative to.
    pub origin: Origin,
    nodes: Vec<Node>,
}

impl Track {
    /// Resolve the scenario's track: point times against `calendar`, positions onto the map
    /// about `origin`, missing R_max from the Vickery–Wadhera fit.
    ///
    /// Errors: fewer than 2 points, a time that does not resolve, points not strictly in time
    /// order, or a value out of range (latitude, longitude, pressure, wind, R_max).
    pub fn new(track: &TyphoonTrack, calendar: &Calendar, origin: Origin) -> Result<Track, String> {
        let name = &track.name;
        if track.points.len() < 2 {
            return Err(format!(
                "typhoon track \"{name}\": needs at least 2 points, has {}",
                track.points.len()
            ));
        }
        let mut nodes: Vec<Node> = Vec::with_capacity(track.points.len());
        for (i, p) in track.points.iter().enumerate() {
            let at = |what: String| format!("typhoon track \"{name}\" point {} ({}): {what}", i + 1, p.at);
            let t_s = calendar.resolve(&p.at).map_err(at)?;
            if !(-90.0..=90.0).contains(&p.lat_deg) || !(-180.0..=180.0).contains(&p.lon_deg) {
                return Err(at(format!("latitude {} or longitude {} out of range", p.lat_deg, p.lon_deg)));
            }
            if !(p.pressure_hpa.is_finite() && p.pressure_hpa > 0.0) {
                return Err(at(format!("central pressure {} hPa is not positive", p.pressure_hpa)));
            }
            if !(p.max_wind_mps.is_finite() && p.max_wind_mps >= 0.0) {
                return Err(at(format!("maximum wind {} m/s is not a non-negative number", p.max_wind_mps)));
            }
            if let Some(r) = p.rmax_km.filter(|r| !(r.is_finite() && *r > 0.0)) {
                return Err(at(format!("radius of maximum wind {r} km is not positive")));
            }
            if nodes.last().is_some_and(|prev| t_s <= prev.t_s) {
                return Err(at(format!("not after point {i}: track points must be in time order")));
            }
            let (x_m, y_m) = project_m(origin, p.lat_deg, p.lon_deg);
            let fit = || rmax_vickery_wadhera_km(P_AMBIENT_HPA - p.pressure_hpa, p.lat_deg);
            nodes.push(Node {
                t_s,
                x_m,
                y_m,
                pressure_hpa: p.pressure_hpa,
                vmax_mps: p.max_wind_mps,
                rmax_km: p.rmax_km.unwrap_or_else(fit),
                rmax_from_fit: p.rmax_km.is_none(),
            });
        }
        Ok(Track { name: name.clone(), origin, nodes })
    }

    /// The track points, in time order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Sim time of the first point, s.
    pub fn start_s(&self) -> i64 {
        self.nodes[0].t_s
    }

    /// Sim time of the last point, s.
    pub fn end_s(&self) -> i64 {
        self.nodes[self.nodes.len() - 1].t_s
    }

    /// The storm at sim time `t_s`: `None` before the first point (or for NaN); linear between points; past
    /// the last point the centre moves on at the last segment's velocity, the maximum wind decays
    /// from the last point's by Kaplan–DeMaria without the landfall step
    /// ([`continue_decay_mps`]), the pressure deficit shrinks with V_max² (Holland B held) and
    /// R_max is held.
    pub fn at(&self, t_s: f64) -> Option<Centre> {
        if t_s.is_nan() || t_s < self.start_s() as f64 {
            return None;
        }
        let n = self.nodes.len();
        let centre = |x_m: f64, y_m: f64, pressure_hpa, vmax_mps, rmax_km, hours_past_track| Centre {
            x_m,
            y_m,
            lat_deg: unproject_deg(self.origin, x_m, y_m).0,
            pressure_hpa,
            vmax_mps,
            rmax_km,
            hours_past_track,
        };
        if t_s >= self.end_s() as f64 {
            let (a, b) = (&self.nodes[n - 2], &self.nodes[n - 1]);
            let dt_s = t_s - b.t_s as f64;
            let span_s = (b.t_s - a.t_s) as f64;
            let x_m = b.x_m + (b.x_m - a.x_m) / span_s * dt_s;
            let y_m = b.y_m + (b.y_m - a.y_m) / span_s * dt_s;
            let hours = dt_s / 3600.0;
            let vmax_mps = continue_decay_mps(b.vmax_mps, hours);
            let ratio_sq = if b.vmax_mps > 0.0 { (vmax_mps / b.vmax_mps).powi(2) } else { 1.0 };
            let dp_hpa = (P_AMBIENT_HPA - b.pressure_hpa).max(0.0) * ratio_sq;
            let pressure_hpa = b.pressure_hpa.max(P_AMBIENT_HPA - dp_hpa);
            return Some(centre(x_m, y_m, pressure_hpa, vmax_mps, b.rmax_km, hours));
        }
        let i = self.nodes.partition_point(|p| p.t_s as f64 <= t_s);
        let (a, b) = (&self.nodes[i - 1], &self.nodes[i]);
        let w = (t_s - a.t_s as f64) / (b.t_s - a.t_s) as f64;
        let lerp = |u: f64, v: f64| u + (v - u) * w;
        Some(centre(
            lerp(a.x_m, b.x_m),
            lerp(a.y_m, b.y_m),
            lerp(a.pressure_hpa, b.pressure_hpa),
            lerp(a.vmax_mps, b.vmax_mps),
            lerp(a.rmax_km, b.rmax_km),
            0.0,
        ))
    }

    /// Motion along segment `i` (from point `i` to point `i + 1`); `None` past the last segment.
    pub fn segment_motion(&self, i: usize) -> Option<Motion> {
        let (a, b) = (self.nodes.get(i)?, self.nodes.get(i + 1)?);
        let (dx, dy) = (b.x_m - a.x_m, b.y_m - a.y_m);
        Some(Motion {
            speed_mps: dx.hypot(dy) / (b.t_s - a.t_s) as f64,
            heading_deg: dx.atan2(dy).to_degrees().rem_euclid(360.0),
        })
    }

    /// Motion of the centre at sim time `t_s`: the segment's it is on, the last segment's past the
    /// end; `None` before the first point (or for NaN).
    pub fn motion_at(&self, t_s: f64) -> Option<Motion> {
        if t_s.is_nan() || t_s < self.start_s() as f64 {
            return None;
        }
        let i = self.nodes.partition_point(|p| p.t_s as f64 <= t_s);
        self.segment_motion((i - 1).min(self.nodes.len() - 2))
    }

    /// Closest approach of the centre to the map point (`x_m`, `y_m`), sampling sim times
    /// `from_s`, `from_s + step_s`, … and `to_s` (times before the track starts are skipped).
    /// The first sample at the least distance wins. `None` if no sample falls on the track, if
    /// `step_s` is not positive, or if `to_s` is before `from_s` or either is not finite.
    pub fn closest_approach(
        &self,
        x_m: f64,
        y_m: f64,
        from_s: f64,
        to_s: f64,
        step_s: f64,
    ) -> Option<Approach> {
        let sampled = step_s > 0.0 && to_s >= from_s && (to_s - from_s).is_finite();
        if !sampled {
            return None;
        }
        let steps = ((to_s - from_s) / step_s).floor() as u64;
        let times = (0..=steps).map(|k| from_s + k as f64 * step_s).chain(std::iter::once(to_s));
        let mut best: Option<Approach> = None;
        for t_s in times {
            let Some(c) = self.at(t_s) else { continue };
            let distance_m = (x_m - c.x_m).hypot(y_m - c.y_m);
            if best.is_none_or(|b| distance_m < b.distance_m) {
                best = Some(Approach { t_s, distance_m });
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::super::projection::EARTH_RADIUS_M;
    use super::*;
    use crate::model::{TrackPoint, When};

    const ORIGIN: Origin = Origin { lat_deg: 29.7, lon_deg: 120.2 };

    fn cal() -> Calendar {
        Calendar::parse("2021-07-24T08:00:00+08:00").unwrap()
    }

    fn point(at: &str, lat_deg: f64, lon_deg: f64, pressure_hpa: f64, max_wind_mps: f64) -> TrackPoint {
        TrackPoint { at: When(at.into()), lat_deg, lon_deg, pressure_hpa, max_wind_mps, rmax_km: None }
    }

    fn track(points: Vec<TrackPoint>) -> Result<Track, String> {
        // Through serde, so the section's other (defaulted) fields need not be spelled out here.
        let section: TyphoonTrack =
            serde_json::from_value(serde_json::json!({ "name": "Test", "points": points })).unwrap();
        Track::new(&section, &cal(), ORIGIN)
    }

    /// Two points 6 h apart, moving 1° north: 00Z and 06Z on 25 July (+24 h and +30 h).
    fn northward() -> Track {
        let mut a = point("2021-07-25T00:00:00Z", 29.0, 121.0, 960.0, 40.0);
        a.rmax_km = Some(30.0);
        let mut b = point("2021-07-25T06:00:00Z", 30.0, 121.0, 970.0, 30.0);
        b.rmax_km = Some(50.0);
        track(vec![a, b]).unwrap()
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn interpolates_at_the_midpoint() {
        let t = northward();
        assert_eq!((t.start_s(), t.end_s()), (24 * 3600, 30 * 3600));
        let c = t.at(27.0 * 3600.0).unwrap();
        let (_, y0) = project_m(ORIGIN, 29.0, 121.0);
        let (x1, y1) = project_m(ORIGIN, 30.0, 121.0);
        assert!(close(c.y_m, (y0 + y1) / 2.0, 1e-6) && close(c.x_m, x1, 1e-6));
        assert!(close(c.lat_deg, 29.5, 1e-9));
        assert_eq!((c.pressure_hpa, c.vmax_mps, c.rmax_km, c.hours_past_track), (965.0, 35.0, 40.0, 0.0));
        assert_eq!(t.at(24.0 * 3600.0).unwrap().vmax_mps, 40.0);
        assert_eq!(t.at(30.0 * 3600.0).unwrap().vmax_mps, 30.0);
    }

    #[test]
    fn nothing_before_the_first_point() {
        let t = northward();
        assert_eq!(t.at(24.0 * 3600.0 - 1.0), None);
        assert_eq!(t.motion_at(0.0), None);
        assert_eq!(t.at(f64::NAN), None);
        assert_eq!(t.motion_at(f64::NAN), None);
    }

    #[test]
    fn past_the_end_it_continues_straight_and_decays() {
        let t = northward();
        let end = t.at(30.0 * 3600.0).unwrap();
        let later = t.at(33.0 * 3600.0).unwrap();
        // Half a segment further north in 3 h, on the same meridian.
        assert!(close(later.y_m - end.y_m, 111_194.9 / 2.0, 0.1), "{}", later.y_m - end.y_m);
        assert!(close(later.x_m, end.x_m, 1e-6));
        assert!(close(later.lat_deg, 30.5, 1e-6));
        assert_eq!(later.hours_past_track, 3.0);
        assert!(close(later.vmax_mps, continue_decay_mps(30.0, 3.0), 1e-12));
        assert!(later.vmax_mps < 30.0);
        assert!(later.pressure_hpa > 970.0 && later.pressure_hpa < 1010.0);
        assert_eq!(later.rmax_km, 50.0);
        // The Holland B implied by the decayed wind and filled pressure (∝ V_max²/Δp) is unchanged.
        let b_ratio = |c: Centre| c.vmax_mps.powi(2) / (P_AMBIENT_HPA - c.pressure_hpa);
        assert!(close(b_ratio(later), b_ratio(end), 1e-9));
        // Far later: still moving, wind towards the background.
        let much_later = t.at(100.0 * 3600.0).unwrap();
        assert!(much_later.y_m > later.y_m && much_later.vmax_mps < later.vmax_mps);
    }

    #[test]
    fn segment_speed_and_heading() {
        let t = northward();
        let m = t.segment_motion(0).unwrap();
        assert!(close(m.speed_mps, 111_194.9 / 21_600.0, 1e-4) && close(m.heading_deg, 0.0, 1e-9));
        assert!(close(m.speed_kmh(), 111.1949 / 6.0, 1e-4));
        assert_eq!(t.segment_motion(1), None);
        assert_eq!(t.motion_at(40.0 * 3600.0), Some(m));
        let east = track(vec![
            point("+0h", 29.7, 120.0, 980.0, 30.0),
            point("+10h", 29.7, 121.0, 980.0, 30.0),
            point("+20h", 28.7, 121.0, 980.0, 30.0),
        ])
        .unwrap();
        assert!(close(east.segment_motion(0).unwrap().heading_deg, 90.0, 1e-9));
        assert!(close(east.segment_motion(1).unwrap().heading_deg, 180.0, 1e-9));
        assert!(close(east.motion_at(15.0 * 3600.0).unwrap().heading_deg, 180.0, 1e-9));
    }

    #[test]
    fn closest_approach_of_a_straight_pass() {
        // Due east along the origin's parallel, 100 km west to 100 km east in 10 h (20 km/h).
        let dlon = (100_000.0 / (EARTH_RADIUS_M * 29.7f64.to_radians().cos())).to_degrees();
        let t = track(vec![
            point("+0h", 29.7, 120.2 - dlon, 980.0, 30.0),
            point("+10h", 29.7, 120.2 + dlon, 980.0, 30.0),
        ])
        .unwrap();
        // A point 20 km east and 30 km north: closest at x = 20 km, i.e. 6 h in, 30 km away.
        let a = t.closest_approach(20_000.0, 30_000.0, -3600.0, 12.0 * 3600.0, 60.0).unwrap();
        assert!(close(a.t_s, 6.0 * 3600.0, 1e-6) && close(a.distance_m, 30_000.0, 1.0), "{a:?}");
        assert_eq!(t.closest_approach(0.0, 0.0, 0.0, 3600.0, 0.0), None);
        assert_eq!(t.closest_approach(0.0, 0.0, -7200.0, -3600.0, 60.0), None);
        // The end time is sampled even off the step grid.
        let end = t.closest_approach(1e7, 0.0, 0.0, 1000.0, 300.0).unwrap();
        assert_eq!(end.t_s, 1000.0);
    }

    #[test]
    fn missing_rmax_comes_from_the_fit() {
        let t = track(vec![point("+0h", 28.0, 122.0, 960.0, 45.0), point("+6h", 28.5, 121.5, 965.0, 42.0)]);
        let n = t.unwrap().nodes()[0];
        assert!(n.rmax_from_fit && close(n.rmax_km, rmax_vickery_wadhera_km(50.0, 28.0), 1e-12));
        assert!(!northward().nodes()[0].rmax_from_fit);
    }

    #[test]
    fn bad_tracks_are_errors_not_panics() {
        let e = track(vec![point("+0h", 28.0, 122.0, 960.0, 45.0)]).unwrap_err();
        assert_eq!(e, "typhoon track \"Test\": needs at least 2 points, has 1");
        let e = track(vec![point("+6h", 28.0, 122.0, 960.0, 45.0), point("+0h", 28.5, 121.5, 965.0, 42.0)])
            .unwrap_err();
        assert!(e.contains("point 2 (+0h): not after point 1"), "{e}");
        let e = track(vec![point("+6h", 28.0, 122.0, 960.0, 45.0), point("+6h", 28.5, 121.5, 965.0, 42.0)])
            .unwrap_err();
        assert!(e.contains("time order"), "{e}");
        let e = track(vec![point("soon", 28.0, 122.0, 960.0, 45.0), point("+6h", 28.5, 121.5, 965.0, 42.0)])
            .unwrap_err();
        assert!(e.contains("point 1 (soon)") && e.contains("expected"), "{e}");
        let e = track(vec![point("+0h", 95.0, 122.0, 960.0, 45.0), point("+6h", 28.5, 121.5, 965.0, 42.0)])
            .unwrap_err();
        assert!(e.contains("out of range"), "{e}");
        let mut p = point("+6h", 28.5, 121.5, 965.0, 42.0);
        p.rmax_km = Some(0.0);
        assert!(track(vec![point("+0h", 28.0, 122.0, 960.0, 45.0), p]).unwrap_err().contains("not positive"));
        assert!(track(vec![]).is_err());
    }
}
