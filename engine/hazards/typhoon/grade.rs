//! Intensity classes: China's tropical-cyclone grades (GB/T 19201-2006) from the maximum 2-min
//! mean wind near the centre, and the Beaufort force of a wind speed — WMO lower bounds for
//! forces 0–12 and China's extension GB/T 28591-2012 to force 17 (models.md §1.5).
//!
//! Classes are closed below: a speed at a lower bound (e.g. 32.7 m/s) is in the higher class.

use std::fmt;

/// Lower bounds of Beaufort forces 0–17 and of "above 17" (index 18), m/s.
pub const BEAUFORT_LOWER_MPS: [f64; 19] = [
    0.0, 0.3, 1.6, 3.4, 5.5, 8.0, 10.8, 13.9, 17.2, 20.8, 24.5, 28.5, 32.7, 37.0, 41.5, 46.2, 51.0, 56.1,
    61.3,
];

/// A Beaufort force 0–17, or 18 for "above force 17" (≥ 61.3 m/s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Beaufort(u8);

impl Beaufort {
    /// "Above force 17", the top class of GB/T 28591-2012.
    pub const ABOVE_17: Beaufort = Beaufort(18);

    /// The force of a wind speed `v_mps` (any averaging period the caller chooses: 2-min mean
    /// for the grade tables, gust for gust thresholds). Negative or NaN speeds give force 0.
    pub fn from_mps(v_mps: f64) -> Beaufort {
        let above = BEAUFORT_LOWER_MPS.iter().skip(1).take_while(|&&lo| v_mps >= lo).count();
        Beaufort(above as u8)
    }

    /// Force `n`, if 0–18 (18 = above 17).
    pub fn new(n: u8) -> Option<Beaufort> {
        (n <= 18).then_some(Beaufort(n))
    }

    /// The force number (18 = above 17).
    pub fn force(self) -> u8 {
        self.0
    }

    /// Lowest speed of this force, m/s.
    pub fn lower_bound_mps(self) -> f64 {
        BEAUFORT_LOWER_MPS[self.0 as usize]
    }

    /// WMO description (forces 0–12), "force 13"–"force 17", or "above force 17".
    pub fn as_str(self) -> &'static str {
        const NAMES: [&str; 19] = [
            "calm",
            "light air",
            "light breeze",
            "gentle breeze",
            "moderate breeze",
            "fresh breeze",
            "strong breeze",
            "near gale",
            "gale",
            "strong gale",
            "storm",
            "violent storm",
            "hurricane force",
            "force 13",
            "force 14",
            "force 15",
            "force 16",
            "force 17",
            "above force 17",
        ];
        NAMES[self.0 as usize]
    }
}

impl fmt::Display for Beaufort {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// China's tropical-cyclone grades (GB/T 19201-2006), weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    /// 热带低压 TD: 10.8–17.1 m/s (force 6–7).
    TropicalDepression,
    /// 热带风暴 TS: 17.2–24.4 m/s (force 8–9).
    TropicalStorm,
    /// 强热带风暴 STS: 24.5–32.6 m/s (force 10–11).
    SevereTropicalStorm,
    /// 台风 TY: 32.7–41.4 m/s (force 12–13).
    Typhoon,
    /// 强台风 STY: 41.5–50.9 m/s (force 14–15).
    SevereTyphoon,
    /// 超强台风 SuperTY: ≥ 51.0 m/s (force ≥ 16).
    SuperTyphoon,
}

impl Grade {
    /// Every grade, weakest first.
    pub const ALL: [Grade; 6] = [
        Grade::TropicalDepression,
        Grade::TropicalStorm,
        Grade::SevereTropicalStorm,
        Grade::Typhoon,
        Grade::SevereTyphoon,
        Grade::SuperTyphoon,
    ];

    /// The grade for a maximum 2-min mean wind near the centre `vmax_mps`; `None` below
    /// 10.8 m/s (not a graded tropical cyclone).
    pub fn from_max_wind_mps(vmax_mps: f64) -> Option<Grade> {
        Grade::ALL.iter().rev().copied().find(|g| vmax_mps >= g.lower_bound_mps())
    }

    /// Lowest maximum wind of the grade, m/s.
    pub fn lower_bound_mps(self) -> f64 {
        BEAUFORT_LOWER_MPS[self.lowest_force().force() as usize]
    }

    /// Lowest Beaufort force of the grade (6, 8, 10, 12, 14, 16).
    pub fn lowest_force(self) -> Beaufort {
        Beaufort(6 + 2 * self as u8)
    }

    /// Highest Beaufort force of the grade; `None` for the open top grade.
    pub fn highest_force(self) -> Option<Beaufort> {
        (self != Grade::SuperTyphoon).then(|| Beaufort(7 + 2 * self as u8))
    }

    /// Abbreviation: TD, TS, STS, TY, STY, SuperTY.
    pub fn as_str(self) -> &'static str {
        ["TD", "TS", "STS", "TY", "STY", "SuperTY"][self as usize]
    }

    /// English name, e.g. "severe tropical storm".
    pub fn name_en(self) -> &'static str {
        [
            "tropical depression",
            "tropical storm",
            "severe tropical storm",
            "typhoon",
            "severe typhoon",
            "super typhoon",
        ][self as usize]
    }

    /// Chinese name, e.g. 台风.
    pub fn name_zh(self) -> &'static str {
        ["热带低压", "热带风暴", "强热带风暴", "台风", "强台风", "超强台风"][self as usize]
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(v: f64) -> Option<Grade> {
        Grade::from_max_wind_mps(v)
    }

    #[test]
    fn grade_edges() {
        use Grade::*;
        assert_eq!(g(10.7), None);
        assert_eq!(g(0.0), None);
        assert_eq!(g(f64::NAN), None);
        let edges = [
            (10.8, 17.1, TropicalDepression),
            (17.2, 24.4, TropicalStorm),
            (24.5, 32.6, SevereTropicalStorm),
            (32.7, 41.4, Typhoon),
            (41.5, 50.9, SevereTyphoon),
        ];
        for (lo, hi, grade) in edges {
            assert_eq!((g(lo), g(hi)), (Some(grade), Some(grade)), "{grade}");
        }
        assert_eq!(g(32.6), Some(SevereTropicalStorm));
        assert_eq!(g(32.7), Some(Typhoon));
        assert_eq!(g(51.0), Some(SuperTyphoon));
        assert_eq!(g(90.0), Some(SuperTyphoon));
    }

    #[test]
    fn force_edges() {
        for (n, &lo) in BEAUFORT_LOWER_MPS.iter().enumerate() {
            assert_eq!(Beaufort::from_mps(lo).force(), n as u8, "{lo}");
            if n > 0 {
                // 0.1 m/s below the edge (the tables step in tenths) is the force below.
                let below = (lo * 10.0).round() / 10.0 - 0.1;
                assert_eq!(Beaufort::from_mps(below).force(), n as u8 - 1, "{below}");
            }
        }
        assert_eq!(Beaufort::from_mps(10.8).force(), 6);
        assert_eq!(Beaufort::from_mps(10.7).force(), 5);
        assert_eq!(Beaufort::from_mps(36.9).force(), 12);
        assert_eq!(Beaufort::from_mps(61.2).force(), 17);
        assert_eq!(Beaufort::from_mps(61.3), Beaufort::ABOVE_17);
        assert_eq!(Beaufort::from_mps(-1.0).force(), 0);
        assert_eq!(Beaufort::from_mps(f64::NAN).force(), 0);
        assert_eq!(Beaufort::new(19), None);
        assert_eq!(Beaufort::from_mps(17.2).as_str(), "gale");
    }

    #[test]
    fn grade_edges_equal_force_edges() {
        let bounds: Vec<f64> = Grade::ALL.iter().map(|g| g.lower_bound_mps()).collect();
        assert_eq!(bounds, [10.8, 17.2, 24.5, 32.7, 41.5, 51.0]);
        // Every speed in a grade has a force inside the grade's force range, in tenths of m/s.
        for tenths in 0..=900 {
            let v = tenths as f64 / 10.0;
            let force = Beaufort::from_mps(v);
            match g(v) {
                None => assert!(force.force() < 6, "{v}"),
                Some(grade) => {
                    assert!(force >= grade.lowest_force(), "{v}");
                    assert!(grade.highest_force().is_none_or(|hi| force <= hi), "{v}");
                }
            }
        }
    }

    #[test]
    fn empirical_beaufort_relation_falls_in_its_bands() {
        // models.md §1.5: v = 0.836·B^1.5 gives 18.9 m/s for force 8 and 34.8 m/s for force 12.
        assert_eq!(Beaufort::from_mps(0.836 * 8f64.powf(1.5)).force(), 8);
        assert_eq!(Beaufort::from_mps(0.836 * 12f64.powf(1.5)).force(), 12);
    }

    #[test]
    fn names() {
        assert_eq!(Grade::Typhoon.name_zh(), "台风");
        assert_eq!(Grade::SuperTyphoon.as_str(), "SuperTY");
        assert_eq!(Grade::SevereTropicalStorm.name_en(), "severe tropical storm");
        assert_eq!(Grade::Typhoon.lowest_force().force(), 12);
        assert_eq!(Grade::Typhoon.highest_force().map(Beaufort::force), Some(13));
    }
}
