//! The Alexandridis et al. (2008) wildland-fire cellular automaton (models.md §3.1): cells with
//! no fuel, unburnt, burning or burnt; each step every burning cell burns out and tries once to
//! ignite each unburnt neighbour with p_burn = p_h·(1+p_veg)·(1+p_den)·p_w·p_s, clipped to
//! [0, 1]; p_w from the wind against the spread direction, p_s from the slope. Only the burning
//! front is visited, so a step costs the front, not the raster.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// p_h: the probability a cell next to a burning one ignites on flat ground, no wind, in
/// thickets of normal density (Alexandridis et al. 2008).
pub const P_H: f64 = 0.58;
/// Wind coefficients c1 and c2, s/m.
pub const C1_S_PER_M: f64 = 0.045;
pub const C2_S_PER_M: f64 = 0.131;
/// Slope coefficient a, per degree.
pub const A_PER_DEG: f64 = 0.078;

/// Wind factor p_w = exp(c1·V)·exp(c2·V·(cos θ − 1)), θ between the wind's direction (where it
/// blows to) and the spread direction.
pub fn wind_factor(wind_mps: f64, theta_rad: f64) -> f64 {
    (C1_S_PER_M * wind_mps).exp() * (C2_S_PER_M * wind_mps * (theta_rad.cos() - 1.0)).exp()
}

/// Slope factor p_s = exp(a·θ_s) for a slope of `theta_deg` (uphill positive).
pub fn slope_factor(theta_deg: f64) -> f64 {
    (A_PER_DEG * theta_deg).exp()
}

/// A cell's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Cell {
    NoFuel = 1,
    Unburnt = 2,
    Burning = 3,
    Burnt = 4,
}

/// Which neighbours a burning cell reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Neighbourhood {
    /// The 8 cells around (the model's own).
    Moore,
    /// The 4 edge neighbours (a test setting: bond percolation with p_c = 1/2).
    VonNeumann,
}

/// The land: per cell (row-major, row 0 south) the vegetation and density terms and elevation.
#[derive(Debug, Clone)]
pub struct Land {
    pub nx: usize,
    pub ny: usize,
    pub cell_m: f64,
    /// Lower-left corner in the map frame, m.
    pub x0_m: f64,
    pub y0_m: f64,
    /// p_veg per cell; `None` for no fuel.
    pub p_veg: Vec<Option<f64>>,
    pub p_den: Vec<f64>,
    pub elevation_m: Vec<f64>,
}

impl Land {
    /// Flat land of one fuel everywhere.
    pub fn uniform(nx: usize, ny: usize, cell_m: f64, p_veg: f64, p_den: f64) -> Land {
        Land {
            nx,
            ny,
            cell_m,
            x0_m: 0.0,
            y0_m: 0.0,
            p_veg: vec![Some(p_veg); nx * ny],
            p_den: vec![p_den; nx * ny],
            elevation_m: vec![0.0; nx * ny],
        }
    }

    /// The cell containing a map point, if on the raster.
    pub fn cell_at(&self, x_m: f64, y_m: f64) -> Option<usize> {
        let (c, r) = ((x_m - self.x0_m) / self.cell_m, (y_m - self.y0_m) / self.cell_m);
        (c >= 0.0 && r >= 0.0 && (c as usize) < self.nx && (r as usize) < self.ny)
            .then(|| r as usize * self.nx + c as usize)
    }

    /// Centre of a cell in the map frame, m.
    pub fn centre(&self, i: usize) -> (f64, f64) {
        let (c, r) = (i % self.nx, i / self.nx);
        (self.x0_m + (c as f64 + 0.5) * self.cell_m, self.y0_m + (r as f64 + 0.5) * self.cell_m)
    }
}

/// Wind over the fire.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wind {
    pub speed_mps: f64,
    /// Direction the wind blows from, degrees clockwise from north.
    pub from_deg: f64,
}

/// The automaton.
#[derive(Debug, Clone)]
pub struct Ca {
    pub land: Land,
    pub state: Vec<Cell>,
    /// Burning cells, ascending.
    pub burning: Vec<u32>,
    pub neighbourhood: Neighbourhood,
    /// p_h (a test may set it so that p_burn is a chosen p).
    pub p_h: f64,
    /// Multiplier on p_burn into each cell (1; lower where crews hold the line).
    pub held: Vec<f32>,
    pub burnt_cells: u64,
    pub steps: u64,
}

/// Offsets (dc, dr) of the Moore and von Neumann neighbourhoods, in a fixed order.
const MOORE: [(i64, i64); 8] = [(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)];
const VON_NEUMANN: [(i64, i64); 4] = [(0, -1), (-1, 0), (1, 0), (0, 1)];

impl Ca {
    pub fn new(land: Land, neighbourhood: Neighbourhood) -> Ca {
        let state =
            land.p_veg.iter().map(|v| if v.is_some() { Cell::Unburnt } else { Cell::NoFuel }).collect();
        let n = land.nx * land.ny;
        Ca {
            land,
            state,
            burning: Vec::new(),
            neighbourhood,
            p_h: P_H,
            held: vec![1.0; n],
            burnt_cells: 0,
            steps: 0,
        }
    }

    /// Set a cell burning (if it has unburnt fuel). Returns whether it caught.
    pub fn ignite(&mut self, i: usize) -> bool {
        if self.state[i] != Cell::Unburnt {
            return false;
        }
        self.state[i] = Cell::Burning;
        match self.burning.binary_search(&(i as u32)) {
            Ok(_) => {}
            Err(k) => self.burning.insert(k, i as u32),
        }
        true
    }

    /// p_burn from burning cell `from` to unburnt neighbour `to` at offset (dc, dr).
    pub fn p_burn(&self, from: usize, to: usize, dc: i64, dr: i64, wind: Wind) -> f64 {
        let Some(veg) = self.land.p_veg[to] else { return 0.0 };
        let diagonal = dc != 0 && dr != 0;
        let run = if diagonal { self.land.cell_m * std::f64::consts::SQRT_2 } else { self.land.cell_m };
        let rise = self.land.elevation_m[to] - self.land.elevation_m[from];
        let slope_deg = (rise / run).atan().to_degrees();
        // Spread direction as a compass bearing (dr > 0 is north), against where the wind goes.
        let spread = (dc as f64).atan2(dr as f64);
        let wind_to = (wind.from_deg + 180.0).to_radians();
        let p = self.p_h
            * (1.0 + veg)
            * (1.0 + self.land.p_den[to])
            * wind_factor(wind.speed_mps, spread - wind_to)
            * slope_factor(slope_deg)
            * f64::from(self.held[to]);
        p.clamp(0.0, 1.0)
    }

    /// One step: every burning cell burns out and tries each unburnt neighbour once. Returns
    /// the cells newly set burning.
    pub fn step(&mut self, wind: Wind, rng: &mut ChaCha8Rng) -> usize {
        let offsets: &[(i64, i64)] = match self.neighbourhood {
            Neighbourhood::Moore => &MOORE,
            Neighbourhood::VonNeumann => &VON_NEUMANN,
        };
        let (nx, ny) = (self.land.nx as i64, self.land.ny as i64);
        let front = std::mem::take(&mut self.burning);
        let mut next: Vec<u32> = Vec::new();
        for &f in &front {
            self.state[f as usize] = Cell::Burnt;
        }
        self.burnt_cells += front.len() as u64;
        for &f in &front {
            let f = f as usize;
            let (c, r) = ((f % self.land.nx) as i64, (f / self.land.nx) as i64);
            for &(dc, dr) in offsets {
                let (cc, rr) = (c + dc, r + dr);
                if cc < 0 || rr < 0 || cc >= nx || rr >= ny {
                    continue;
                }
                let t = (rr * nx + cc) as usize;
                if self.state[t] != Cell::Unburnt {
                    continue;
                }
                let p = self.p_burn(f, t, dc, dr, wind);
                if p > 0.0 && rng.random::<f64>() < p {
                    self.state[t] = Cell::Burning;
                    next.push(t as u32);
                }
            }
        }
        next.sort_unstable();
        let n = next.len();
        self.burning = next;
        self.steps += 1;
        n
    }

    /// Cells burnt or burning.
    pub fn affected_cells(&self) -> u64 {
        self.burnt_cells + self.burning.len() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn published_wind_and_slope_factors() {
        // models.md §3.1: p_w(0°, 10 m/s) = e^0.45 = 1.568; p_w(180°) = 0.1142; p_s(10°) = 2.181.
        assert!((wind_factor(10.0, 0.0) - 1.568).abs() < 5e-4);
        assert!((wind_factor(10.0, std::f64::consts::PI) - 0.1142).abs() < 5e-5);
        assert!((slope_factor(10.0) - 2.181).abs() < 5e-4);
    }

    #[test]
    fn p_burn_for_the_papers_fuels() {
        // Sparse agricultural fuel: 0.58·0.7·0.6 = 0.2436; normal pine 0.58·1.4 = 0.812.
        let calm = Wind { speed_mps: 0.0, from_deg: 0.0 };
        let ca = Ca::new(Land::uniform(3, 3, 30.0, -0.3, -0.4), Neighbourhood::Moore);
        assert!((ca.p_burn(4, 5, 1, 0, calm) - 0.2436).abs() < 1e-12);
        let ca = Ca::new(Land::uniform(3, 3, 30.0, 0.4, 0.0), Neighbourhood::Moore);
        assert!((ca.p_burn(4, 5, 1, 0, calm) - 0.812).abs() < 1e-12);
    }

    #[test]
    fn wind_from_the_west_pushes_east() {
        let ca = Ca::new(Land::uniform(3, 3, 30.0, 0.0, 0.0), Neighbourhood::Moore);
        let west = Wind { speed_mps: 10.0, from_deg: 270.0 };
        let (east, back) = (ca.p_burn(4, 5, 1, 0, west), ca.p_burn(4, 3, -1, 0, west));
        assert!((east - (0.58 * 1.568_312)).abs() < 1e-3, "{east}");
        assert!((back - 0.58 * 0.1142).abs() < 1e-3, "{back}");
    }

    #[test]
    fn uphill_spreads_faster() {
        // Sparse agricultural fuel (0.2436 on the flat) on a 10° slope: ×2.181 uphill.
        let mut land = Land::uniform(3, 1, 30.0, -0.3, -0.4);
        land.elevation_m = vec![0.0, 0.0, 30.0 * 10f64.to_radians().tan()];
        let ca = Ca::new(land, Neighbourhood::Moore);
        let calm = Wind { speed_mps: 0.0, from_deg: 0.0 };
        assert!((ca.p_burn(1, 2, 1, 0, calm) - 0.2436 * 2.181).abs() < 1e-3);
        assert!((ca.p_burn(1, 0, -1, 0, calm) - 0.2436).abs() < 1e-12);
    }

    #[test]
    fn no_fuel_never_burns_and_the_area_only_grows() {
        let mut land = Land::uniform(20, 20, 30.0, 0.4, 0.3);
        for r in 0..20 {
            land.p_veg[r * 20 + 10] = None; // a firebreak down the middle
        }
        let mut ca = Ca::new(land, Neighbourhood::Moore);
        ca.ignite(5 * 20 + 2);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut last = ca.affected_cells();
        while !ca.burning.is_empty() {
            ca.step(Wind { speed_mps: 0.0, from_deg: 0.0 }, &mut rng);
            assert!(ca.affected_cells() >= last);
            last = ca.affected_cells();
        }
        for r in 0..20 {
            assert_eq!(ca.state[r * 20 + 10], Cell::NoFuel);
            for c in 11..20 {
                assert_eq!(ca.state[r * 20 + c], Cell::Unburnt, "fire jumped the break");
            }
        }
    }
}
