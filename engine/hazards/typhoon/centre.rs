//! The storm at one instant: where its centre is and how strong it is.

/// The storm at one instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Centre {
    /// Metres east of the map origin.
    pub x_m: f64,
    /// Metres north of the map origin.
    pub y_m: f64,
    /// Latitude of the centre, degrees (for the Coriolis parameter).
    pub lat_deg: f64,
    /// Central pressure, hPa.
    pub pressure_hpa: f64,
    /// Maximum 2-min mean wind near the centre, m/s.
    pub vmax_mps: f64,
    /// Radius of maximum wind, km.
    pub rmax_km: f64,
    /// Hours past the last track point (0 on the track): > 0 means extrapolated and decaying.
    pub hours_past_track: f64,
}

impl Centre {
    /// Distance from the centre to the map point (`x_m`, `y_m`), km.
    pub fn distance_km(&self, x_m: f64, y_m: f64) -> f64 {
        (x_m - self.x_m).hypot(y_m - self.y_m) / 1000.0
    }
}
