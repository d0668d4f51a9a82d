//! CMA warning colours from a forecast (CMA Order No. 16 of 2007; domain.md §2): the typhoon
//! signal from the forecast mean wind and gust within 24 / 12 / 6 h, and the rainstorm signal from
//! the forecast rain totals over 12 / 6 / 3 h. Pure functions: issuing, upgrading and lifting
//! belong to the caller.

use super::grade::BEAUFORT_LOWER_MPS;
use super::holland::GUST_FACTOR_LAND;
use crate::model::Colour;

/// One typhoon signal criterion: affected within `within_h` hours by a mean wind of at least
/// Beaufort `mean_force` or gusts of at least `gust_force`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TyphoonCriterion {
    /// Signal colour.
    pub colour: Colour,
    /// Lead window, h.
    pub within_h: f64,
    /// Least Beaufort force of the mean (2-min) wind.
    pub mean_force: u8,
    /// Least Beaufort force of the gust.
    pub gust_force: u8,
}

/// The typhoon signal table, highest colour first (domain.md §2).
pub const TYPHOON_CRITERIA: [TyphoonCriterion; 4] = [
    TyphoonCriterion { colour: Colour::Red, within_h: 6.0, mean_force: 12, gust_force: 14 },
    TyphoonCriterion { colour: Colour::Orange, within_h: 12.0, mean_force: 10, gust_force: 12 },
    TyphoonCriterion { colour: Colour::Yellow, within_h: 24.0, mean_force: 8, gust_force: 10 },
    TyphoonCriterion { colour: Colour::Blue, within_h: 24.0, mean_force: 6, gust_force: 8 },
];

/// Longest lead window of the typhoon signals, h.
pub const TYPHOON_LEAD_H: f64 = 24.0;

/// A forecast wind over the area some hours ahead.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WindForecast {
    /// Hours from now (0 = now: "already affected" counts).
    pub hours_ahead: f64,
    /// Mean (2-min) surface wind, m/s.
    pub mean_mps: f64,
    /// Gust, m/s.
    pub gust_mps: f64,
}

impl WindForecast {
    /// A forecast of the mean wind `mean_mps` with the gust taken as [`GUST_FACTOR_LAND`] × mean.
    ///
    /// With that factor the gust criteria decide yellow, orange and red first (e.g. a gust of
    /// force 10, 24.5 m/s, is a mean of 16.3 m/s, below force 8's 17.2 m/s); only blue is set by
    /// the mean wind.
    pub fn from_mean(hours_ahead: f64, mean_mps: f64) -> WindForecast {
        WindForecast { hours_ahead, mean_mps, gust_mps: GUST_FACTOR_LAND * mean_mps }
    }
}

/// The typhoon signal colour for a forecast: the highest colour some sample meets within its
/// window (0 ≤ hours ahead ≤ window). `None` if no criterion is met. Samples with a negative or
/// NaN lead are ignored.
pub fn typhoon_colour(forecast: &[WindForecast]) -> Option<Colour> {
    let meets = |c: &TyphoonCriterion, s: &WindForecast| {
        (0.0..=c.within_h).contains(&s.hours_ahead)
            && (s.mean_mps >= BEAUFORT_LOWER_MPS[c.mean_force as usize]
                || s.gust_mps >= BEAUFORT_LOWER_MPS[c.gust_force as usize])
    };
    TYPHOON_CRITERIA.iter().find(|c| forecast.iter().any(|s| meets(c, s))).map(|c| c.colour)
}

/// [`typhoon_colour`] for a forecast mean wind given as a function of hours ahead,
/// `mean_mps_at(h)`, sampled at 0, `step_h`, 2·`step_h`, … up to 24 h and at the window ends
/// 6, 12 and 24 h; gusts from [`WindForecast::from_mean`].
pub fn typhoon_colour_sampled(mean_mps_at: impl Fn(f64) -> f64, step_h: f64) -> Option<Colour> {
    let steps = if step_h > 0.0 { (TYPHOON_LEAD_H / step_h).floor() as usize } else { 0 };
    let times = (0..=steps).map(|k| k as f64 * step_h.max(0.0)).chain([6.0, 12.0, TYPHOON_LEAD_H]);
    let forecast: Vec<WindForecast> = times.map(|h| WindForecast::from_mean(h, mean_mps_at(h))).collect();
    typhoon_colour(&forecast)
}

/// Rainstorm signal thresholds, highest colour first: (colour, window h, least total mm).
pub const RAINSTORM_CRITERIA: [(Colour, f64, f64); 4] = [
    (Colour::Red, 3.0, 100.0),
    (Colour::Orange, 3.0, 50.0),
    (Colour::Yellow, 6.0, 50.0),
    (Colour::Blue, 12.0, 50.0),
];

/// Forecast rain totals over the area from now.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RainForecast {
    /// Rain in the next 3 h, mm.
    pub next_3h_mm: f64,
    /// Rain in the next 6 h, mm.
    pub next_6h_mm: f64,
    /// Rain in the next 12 h, mm.
    pub next_12h_mm: f64,
}

impl RainForecast {
    /// Totals from a forecast rain rate `rate_mm_h_at(h)` at `h` hours ahead, mm/h, integrated
    /// by the midpoint rule with steps of at most `step_h` (each window is split evenly).
    pub fn from_rate(rate_mm_h_at: impl Fn(f64) -> f64, step_h: f64) -> RainForecast {
        let total = |window_h: f64| {
            let n = if step_h > 0.0 { (window_h / step_h).ceil().max(1.0) } else { 1.0 };
            let dt_h = window_h / n;
            (0..n as usize).map(|k| rate_mm_h_at((k as f64 + 0.5) * dt_h) * dt_h).sum()
        };
        RainForecast { next_3h_mm: total(3.0), next_6h_mm: total(6.0), next_12h_mm: total(12.0) }
    }

    fn within_mm(&self, window_h: f64) -> f64 {
        match window_h {
            h if h <= 3.0 => self.next_3h_mm,
            h if h <= 6.0 => self.next_6h_mm,
            _ => self.next_12h_mm,
        }
    }
}

/// The rainstorm signal colour for forecast rain totals: red 3 h ≥ 100 mm, orange 3 h ≥ 50 mm,
/// yellow 6 h ≥ 50 mm, blue 12 h ≥ 50 mm; `None` below. (CMA also issues a signal when the total
/// has already reached the threshold and rain continues: callers add observed rain for that.)
pub fn rainstorm_colour(rain: &RainForecast) -> Option<Colour> {
    RAINSTORM_CRITERIA.iter().find(|(_, window_h, mm)| rain.within_mm(*window_h) >= *mm).map(|c| c.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Colour::*;

    fn mean(hours_ahead: f64, mean_mps: f64) -> Option<Colour> {
        typhoon_colour(&[WindForecast { hours_ahead, mean_mps, gust_mps: 0.0 }])
    }

    fn gust(hours_ahead: f64, gust_mps: f64) -> Option<Colour> {
        typhoon_colour(&[WindForecast { hours_ahead, mean_mps: 0.0, gust_mps }])
    }

    #[test]
    fn typhoon_mean_wind_thresholds_and_windows() {
        assert_eq!(mean(24.0, 10.7), None);
        assert_eq!(mean(24.0, 10.8), Some(Blue));
        assert_eq!(mean(24.1, 60.0), None);
        assert_eq!(mean(24.0, 17.1), Some(Blue));
        assert_eq!(mean(24.0, 17.2), Some(Yellow));
        assert_eq!(mean(12.0, 24.4), Some(Yellow));
        assert_eq!(mean(12.0, 24.5), Some(Orange));
        assert_eq!(mean(12.1, 24.5), Some(Yellow));
        assert_eq!(mean(6.0, 32.6), Some(Orange));
        assert_eq!(mean(6.0, 32.7), Some(Red));
        assert_eq!(mean(6.1, 32.7), Some(Orange));
        assert_eq!(mean(0.0, 32.7), Some(Red));
        assert_eq!(mean(-1.0, 40.0), None);
    }

    #[test]
    fn typhoon_gust_thresholds() {
        assert_eq!(gust(24.0, 17.1), None);
        assert_eq!(gust(24.0, 17.2), Some(Blue));
        assert_eq!(gust(24.0, 24.5), Some(Yellow));
        assert_eq!(gust(12.0, 32.6), Some(Yellow));
        assert_eq!(gust(12.0, 32.7), Some(Orange));
        assert_eq!(gust(6.0, 41.4), Some(Orange));
        assert_eq!(gust(6.0, 41.5), Some(Red));
        assert_eq!(gust(7.0, 41.5), Some(Orange));
    }

    #[test]
    fn highest_colour_over_the_samples() {
        let f = [WindForecast::from_mean(20.0, 12.0), WindForecast::from_mean(5.0, 22.0)];
        // 22 m/s mean (force 9) in 5 h gusts to 33 m/s (force 12): orange by the gust.
        assert_eq!(typhoon_colour(&f), Some(Orange));
        assert_eq!(typhoon_colour(&[]), None);
        // With the 1.5 gust factor, a 16.4 m/s mean (force 7) already gusts to force 10: yellow.
        assert_eq!(typhoon_colour(&[WindForecast::from_mean(24.0, 16.4)]), Some(Yellow));
        assert_eq!(typhoon_colour(&[WindForecast::from_mean(24.0, 16.3)]), Some(Blue));
    }

    #[test]
    fn sampled_forecast_includes_the_window_ends() {
        // A storm arriving in 6 h: 0 before, 30 m/s from 6 h (gust 45, force 14) → red.
        let arriving = |h: f64| if h >= 6.0 { 30.0 } else { 0.0 };
        assert_eq!(typhoon_colour_sampled(arriving, 5.0), Some(Red));
        // Arriving in 13 h: only the 24 h window sees it → yellow (gust 45 ≥ force 10).
        assert_eq!(typhoon_colour_sampled(|h| if h >= 13.0 { 30.0 } else { 0.0 }, 1.0), Some(Yellow));
        assert_eq!(typhoon_colour_sampled(|_| 5.0, 1.0), None);
        assert_eq!(typhoon_colour_sampled(|h| if h >= 24.0 { 11.0 } else { 0.0 }, 0.0), Some(Blue));
    }

    #[test]
    fn rainstorm_thresholds() {
        let r = |next_3h_mm, next_6h_mm, next_12h_mm| {
            rainstorm_colour(&RainForecast { next_3h_mm, next_6h_mm, next_12h_mm })
        };
        assert_eq!(r(0.0, 0.0, 49.9), None);
        assert_eq!(r(0.0, 0.0, 50.0), Some(Blue));
        assert_eq!(r(0.0, 49.9, 80.0), Some(Blue));
        assert_eq!(r(0.0, 50.0, 80.0), Some(Yellow));
        assert_eq!(r(49.9, 60.0, 80.0), Some(Yellow));
        assert_eq!(r(50.0, 60.0, 80.0), Some(Orange));
        assert_eq!(r(99.9, 100.0, 120.0), Some(Orange));
        assert_eq!(r(100.0, 100.0, 120.0), Some(Red));
    }

    #[test]
    fn rain_totals_from_a_rate() {
        let f = RainForecast::from_rate(|_| 10.0, 1.0);
        assert_eq!(f, RainForecast { next_3h_mm: 30.0, next_6h_mm: 60.0, next_12h_mm: 120.0 });
        assert_eq!(rainstorm_colour(&f), Some(Yellow));
        // A linear ramp integrates exactly by the midpoint rule: ∫₀³ 10h dh = 45 mm.
        let ramp = RainForecast::from_rate(|h| 10.0 * h, 0.25);
        assert!((ramp.next_3h_mm - 45.0).abs() < 1e-9);
        assert_eq!(rainstorm_colour(&RainForecast::default()), None);
    }
}
