//! Latitude/longitude to local map metres and back: the equirectangular projection about the
//! map origin on a sphere of radius 6,371 km.

use crate::model::Origin;

/// Earth radius of the spherical projection, m.
pub const EARTH_RADIUS_M: f64 = 6_371_000.0;

/// Position of (`lat_deg`, `lon_deg`) in metres east and north of `origin`: the equirectangular
/// projection x = R·Δλ·cos φ₀, y = R·Δφ (R = [`EARTH_RADIUS_M`]).
///
/// Against great-circle distance on the same sphere the error is < 0.1 % within a township's
/// extent (≈ 10 km of the origin at 30° N; tested). It grows with the north–south offset as
/// tan φ₀·Δφ on the east–west offset (≈ 3 % for a centre 300 km north), well inside the position
/// uncertainty of a forecast track. The sphere itself differs from WGS-84's local radii of
/// curvature by up to ≈ 0.3 %.
pub fn project_m(origin: Origin, lat_deg: f64, lon_deg: f64) -> (f64, f64) {
    let dlon_deg = (lon_deg - origin.lon_deg + 540.0).rem_euclid(360.0) - 180.0;
    let x_m = EARTH_RADIUS_M * dlon_deg.to_radians() * origin.lat_deg.to_radians().cos();
    let y_m = EARTH_RADIUS_M * (lat_deg - origin.lat_deg).to_radians();
    (x_m, y_m)
}

/// Latitude and longitude, degrees, of a point `x_m` east and `y_m` north of `origin` (the
/// inverse of [`project_m`]).
pub fn unproject_deg(origin: Origin, x_m: f64, y_m: f64) -> (f64, f64) {
    let lat_deg = origin.lat_deg + (y_m / EARTH_RADIUS_M).to_degrees();
    let lon_deg = origin.lon_deg + (x_m / (EARTH_RADIUS_M * origin.lat_deg.to_radians().cos())).to_degrees();
    (lat_deg, lon_deg)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: Origin = Origin { lat_deg: 29.7, lon_deg: 120.2 };

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn one_degree_north_is_111_19_km() {
        let (x, y) = project_m(ORIGIN, ORIGIN.lat_deg + 1.0, ORIGIN.lon_deg);
        assert!(close(y, 111_194.9, 0.1) && x.abs() < 1e-9, "{y}");
        let (x, _) = project_m(ORIGIN, ORIGIN.lat_deg, ORIGIN.lon_deg + 1.0);
        assert!(close(x, 111_194.9 * 29.7f64.to_radians().cos(), 0.1));
        let (lat, lon) = unproject_deg(ORIGIN, 12_345.0, -6_789.0);
        let (x, y) = project_m(ORIGIN, lat, lon);
        assert!(close(x, 12_345.0, 1e-6) && close(y, -6_789.0, 1e-6));
    }

    #[test]
    fn projection_error_is_below_0_1_percent_over_a_township() {
        // Great-circle (haversine) distance on the same sphere, for points 10 km from the origin.
        let o = Origin { lat_deg: 30.0, lon_deg: 120.0 };
        for bearing_deg in (0..360).step_by(15) {
            let b = (bearing_deg as f64).to_radians();
            let (lat, lon) = unproject_deg(o, 10_000.0 * b.sin(), 10_000.0 * b.cos());
            let (p1, p2) = (o.lat_deg.to_radians(), lat.to_radians());
            let (dp, dl) = (p2 - p1, (lon - o.lon_deg).to_radians());
            let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
            let great_circle_m = 2.0 * EARTH_RADIUS_M * h.sqrt().asin();
            assert!((great_circle_m / 10_000.0 - 1.0).abs() < 1e-3, "{bearing_deg}°: {great_circle_m}");
        }
    }
}
