//! Damage to buildings and hazard to people and vehicles (models.md §2.5–§2.6): JRC Asia
//! depth–damage curves (Huizinga et al. 2017), the Defra/EA FD2321 flood hazard rating with its
//! debris factor and classes, and the AIDR Guideline 7-3 (2017) H1–H6 classes with their
//! movement gates.

use crate::model::LandCover;

/// Depths of the JRC table, m.
pub const JRC_DEPTHS_M: [f64; 9] = [0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0];
/// JRC Asia residential damage fractions at [`JRC_DEPTHS_M`] (climada_petals test table).
pub const JRC_ASIA_RESIDENTIAL: [f64; 9] = [0.0, 0.327, 0.494, 0.617, 0.721, 0.870, 0.931, 0.984, 1.0];
/// JRC Asia commercial damage fractions at [`JRC_DEPTHS_M`].
pub const JRC_ASIA_COMMERCIAL: [f64; 9] = [0.0, 0.377, 0.538, 0.659, 0.763, 0.883, 0.942, 0.981, 1.0];

/// Which JRC depth–damage curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JrcCurve {
    AsiaResidential,
    AsiaCommercial,
}

impl JrcCurve {
    /// Damage fractions at [`JRC_DEPTHS_M`].
    pub fn table(self) -> &'static [f64; 9] {
        match self {
            JrcCurve::AsiaResidential => &JRC_ASIA_RESIDENTIAL,
            JrcCurve::AsiaCommercial => &JRC_ASIA_COMMERCIAL,
        }
    }

    /// Damage fraction (0–1) at water depth `depth_m` above the ground floor, by linear
    /// interpolation in the table: 0 at or below 0 m, 1 at and above 6 m.
    pub fn damage(self, depth_m: f64) -> f64 {
        let table = self.table();
        if depth_m.is_nan() || depth_m <= 0.0 {
            return 0.0;
        }
        for i in 1..JRC_DEPTHS_M.len() {
            let (d0, d1) = (JRC_DEPTHS_M[i - 1], JRC_DEPTHS_M[i]);
            if depth_m <= d1 {
                return table[i - 1] + (table[i] - table[i - 1]) * (depth_m - d0) / (d1 - d0);
            }
        }
        1.0
    }
}

/// FD2321 debris-factor depth rows: up to this depth, DF = 0 on every land cover, m.
pub const DF_SHALLOW_MAX_M: f64 = 0.25;
/// Up to this depth (and velocity at most [`DF_FAST_VELOCITY_MPS`]) the middle row applies, m.
pub const DF_MIDDLE_MAX_M: f64 = 0.75;
/// Velocity above which the deep row applies at depths over [`DF_SHALLOW_MAX_M`], m/s.
pub const DF_FAST_VELOCITY_MPS: f64 = 2.0;
/// Offset added to velocity in HR = d·(v + 0.5) + DF, m/s.
pub const HR_VELOCITY_OFFSET_MPS: f64 = 0.5;
/// HR at and above which the class is "danger for some".
pub const HR_DANGER_SOME: f64 = 0.75;
/// HR at and above which the class is "danger for most".
pub const HR_DANGER_MOST: f64 = 1.25;
/// HR above which the class is "danger for all".
pub const HR_DANGER_ALL: f64 = 2.0;

/// Debris factor DF, FD2321 Table 3.1 (EA 2008 Supplementary Note, Table 1). Columns: urban →
/// urban; farmland and tea → pasture/arable; woodland and bamboo → woodland. Rows are taken top
/// down: d ≤ 0.25 m gives 0 whatever the velocity; 0.25 < d ≤ 0.75 m with v ≤ 2 m/s gives
/// 0/0.5/1; otherwise (d > 0.75 m or v > 2 m/s) 0.5/1/1.
pub fn debris_factor(cover: LandCover, depth_m: f64, v_mps: f64) -> f64 {
    let column = match cover {
        LandCover::Farmland | LandCover::Tea => 0,
        LandCover::Woodland | LandCover::Bamboo => 1,
        LandCover::Urban => 2,
    };
    if depth_m <= DF_SHALLOW_MAX_M {
        0.0
    } else if depth_m <= DF_MIDDLE_MAX_M && v_mps <= DF_FAST_VELOCITY_MPS {
        [0.0, 0.5, 1.0][column]
    } else {
        [0.5, 1.0, 1.0][column]
    }
}

/// The conservative planning debris factor (FD2320/TR2 Table 13.1): 0.5 for d ≤ 0.25 m, 1 above.
pub fn debris_factor_conservative(depth_m: f64) -> f64 {
    if depth_m <= DF_SHALLOW_MAX_M { 0.5 } else { 1.0 }
}

/// Flood hazard rating HR = d·(v + 0.5) + DF, with d in m and v in m/s. Zero in dry places
/// (d ≤ 0), whatever DF.
pub fn hazard_rating(depth_m: f64, v_mps: f64, debris: f64) -> f64 {
    if depth_m <= 0.0 { 0.0 } else { depth_m * (v_mps + HR_VELOCITY_OFFSET_MPS) + debris }
}

/// FD2321 hazard-to-people class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HazardClass {
    /// HR < 0.75: "caution".
    Low,
    /// 0.75 ≤ HR < 1.25: danger for some (children, elderly, infirm).
    DangerForSome,
    /// 1.25 ≤ HR ≤ 2.0: danger for most.
    DangerForMost,
    /// HR > 2.0: danger for all, including the emergency services.
    DangerForAll,
}

impl HazardClass {
    /// The class of a hazard rating. Boundaries: 0.75 and 1.25 belong to the class above them;
    /// 2.0 belongs to "danger for most" (the top class is HR > 2.0).
    pub fn of(hr: f64) -> Self {
        if hr > HR_DANGER_ALL {
            HazardClass::DangerForAll
        } else if hr >= HR_DANGER_MOST {
            HazardClass::DangerForMost
        } else if hr >= HR_DANGER_SOME {
            HazardClass::DangerForSome
        } else {
            HazardClass::Low
        }
    }
}

/// AIDR Guideline 7-3 hazard class, H1 (safe) to H6 (buildings fail).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Aidr {
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
}

/// AIDR limits for H1–H5 (H6 is anything worse): (D·V m²/s, D m, V m/s), each "at most".
pub const AIDR_LIMITS: [(f64, f64, f64); 5] =
    [(0.3, 0.3, 2.0), (0.6, 0.5, 2.0), (0.6, 1.2, 2.0), (1.0, 2.0, 2.0), (4.0, 4.0, 4.0)];

impl Aidr {
    const CLASSES: [Aidr; 6] = [Aidr::H1, Aidr::H2, Aidr::H3, Aidr::H4, Aidr::H5, Aidr::H6];

    /// The lowest class whose three limits (D·V, D, V) all hold at depth `depth_m` and velocity
    /// `v_mps`; H6 if none does. Dry ground (d ≤ 0) is H1.
    pub fn classify(depth_m: f64, v_mps: f64) -> Self {
        let d = depth_m.max(0.0);
        if d == 0.0 {
            return Aidr::H1;
        }
        let v = v_mps.abs();
        AIDR_LIMITS
            .iter()
            .position(|&(dv_max, d_max, v_max)| d * v <= dv_max && d <= d_max && v <= v_max)
            .map_or(Aidr::H6, |i| Self::CLASSES[i])
    }

    /// Small cars cannot pass: H2 and above.
    pub fn blocks_small_cars(self) -> bool {
        self >= Aidr::H2
    }

    /// No vehicle can pass: H3 and above.
    pub fn blocks_vehicles(self) -> bool {
        self >= Aidr::H3
    }

    /// Children and the elderly cannot walk through: H3 and above.
    pub fn blocks_children_elderly(self) -> bool {
        self >= Aidr::H3
    }

    /// No one can walk through: H4 and above.
    pub fn blocks_walkers(self) -> bool {
        self >= Aidr::H4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jrc_interpolation() {
        // models.md §2.5: residential at 0.75 m → 0.4105.
        assert!((JrcCurve::AsiaResidential.damage(0.75) - 0.4105).abs() < 1e-12);
        assert!((JrcCurve::AsiaCommercial.damage(2.5) - 0.823).abs() < 1e-12);
        assert!((JrcCurve::AsiaResidential.damage(5.0) - 0.984).abs() < 1e-12);
        for curve in [JrcCurve::AsiaResidential, JrcCurve::AsiaCommercial] {
            assert_eq!(curve.damage(0.0), 0.0);
            assert_eq!(curve.damage(-1.0), 0.0);
            assert_eq!(curve.damage(6.0), 1.0);
            assert_eq!(curve.damage(9.0), 1.0);
        }
    }

    #[test]
    fn hazard_rating_checks_and_boundaries() {
        // models.md §2.6: d = 0.25, v = 0.5, DF = 0.5 → HR = 0.75, exactly on the boundary,
        // which belongs to "danger for some".
        let hr = hazard_rating(0.25, 0.5, 0.5);
        assert_eq!(hr, 0.75);
        assert_eq!(HazardClass::of(hr), HazardClass::DangerForSome);
        assert_eq!(HazardClass::of(0.7499), HazardClass::Low);
        assert_eq!(HazardClass::of(1.25), HazardClass::DangerForMost);
        assert_eq!(HazardClass::of(2.0), HazardClass::DangerForMost);
        // d = 1, v = 1 in urban land: DF = 1, HR = 2.5, danger for all.
        let df = debris_factor(LandCover::Urban, 1.0, 1.0);
        assert_eq!(df, 1.0);
        let hr = hazard_rating(1.0, 1.0, df);
        assert!((hr - 2.5).abs() < 1e-12);
        assert_eq!(HazardClass::of(hr), HazardClass::DangerForAll);
        assert_eq!(hazard_rating(0.0, 3.0, 1.0), 0.0);
    }

    #[test]
    fn debris_factor_table() {
        use LandCover::*;
        for cover in LandCover::ALL {
            assert_eq!(debris_factor(*cover, 0.25, 3.0), 0.0);
        }
        assert_eq!(debris_factor(Farmland, 0.5, 1.0), 0.0);
        assert_eq!(debris_factor(Tea, 0.5, 1.0), 0.0);
        assert_eq!(debris_factor(Woodland, 0.5, 1.0), 0.5);
        assert_eq!(debris_factor(Bamboo, 0.5, 1.0), 0.5);
        assert_eq!(debris_factor(Urban, 0.5, 1.0), 1.0);
        assert_eq!(debris_factor(Farmland, 0.8, 0.1), 0.5);
        assert_eq!(debris_factor(Farmland, 0.5, 2.5), 0.5);
        assert_eq!(debris_factor(Woodland, 0.8, 0.1), 1.0);
        assert_eq!(debris_factor(Urban, 0.8, 0.1), 1.0);
        assert_eq!(debris_factor_conservative(0.25), 0.5);
        assert_eq!(debris_factor_conservative(0.26), 1.0);
    }

    #[test]
    fn aidr_classes_and_gates() {
        // models.md §2.6: d = 0.4, v = 1.0 → H2.
        assert_eq!(Aidr::classify(0.4, 1.0), Aidr::H2);
        assert_eq!(Aidr::classify(0.0, 5.0), Aidr::H1);
        assert_eq!(Aidr::classify(0.3, 1.0), Aidr::H1);
        assert_eq!(Aidr::classify(1.0, 0.5), Aidr::H3);
        assert_eq!(Aidr::classify(1.5, 0.5), Aidr::H4);
        assert_eq!(Aidr::classify(0.3, 2.5), Aidr::H5);
        assert_eq!(Aidr::classify(3.0, 1.0), Aidr::H5);
        assert_eq!(Aidr::classify(4.5, 0.1), Aidr::H6);
        assert_eq!(Aidr::classify(1.0, 4.5), Aidr::H6);
        let h2 = Aidr::H2;
        assert!(h2.blocks_small_cars() && !h2.blocks_vehicles() && !h2.blocks_children_elderly());
        let h3 = Aidr::H3;
        assert!(h3.blocks_vehicles() && h3.blocks_children_elderly() && !h3.blocks_walkers());
        assert!(Aidr::H4.blocks_walkers());
        assert!(!Aidr::H1.blocks_small_cars());
    }
}
