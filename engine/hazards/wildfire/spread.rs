//! The forest fire in a run: the CA on the scenario's rasters, stepped at cell size ÷ head-fire
//! rate of spread, in the scenario's wind or a modelled typhoon's; crews working the fire hold the cells around the front nearest them; the
//! front reaching a village raises a house-fire incident there and makes the village
//! should-transfer; the fire's incident takes its area from the raster and burns out with it.

use super::ca::{Ca, Land, Neighbourhood, Wind};
use crate::agents::{Team, TeamState};
use crate::command::Incident;
use crate::core::setting::{FireS, Setting};
use crate::core::{Clock, EventKind, IncidentId, Process, SimTime, Timeline, ZoneId, stream};
use crate::hazards::fire::{Fire, FirePhase};
use crate::hazards::water::HazardState;
use crate::model::{ForestFire, ZoneKind, rasters::Rasters};
use bevy_ecs::prelude::*;
use rand_chacha::ChaCha8Rng;

/// The vegetation term p_veg of a local fuel code (see `model::ForestFire`); `None`: no fuel.
pub fn p_veg_of(code: f64) -> Option<f64> {
    match code.round() as i64 {
        1 => Some(0.4),      // Masson pine: the paper's pine
        2 | 6 => Some(0.0),  // Chinese fir, shrub and grass: thickets
        3..=5 => Some(-0.3), // bamboo, tea and orchards, farmland: agricultural
        _ => None,           // 0 and anything else: no fuel
    }
}

/// The density term p_den of a density code: sparse −0.4, normal 0, dense +0.3.
pub fn p_den_of(code: f64) -> f64 {
    match code.round() as i64 {
        0 => -0.4,
        2 => 0.3,
        _ => 0.0,
    }
}

/// Lowest head-fire rate used for the step duration, m/s (a creeping litter fire).
pub const MIN_SPREAD_MPS: f64 = 0.01;
/// Cells on each side of a crew's cell that it holds.
const CREW_REACH_CELLS: i64 = 2;
/// A house at the forest edge set alight by the front, m².
const INTERFACE_HOUSE_M2: f64 = 120.0;

/// A village the front may reach: zone, centre and radius (√(area/π)).
#[derive(Debug, Clone)]
struct Village {
    zone: usize,
    x_m: f64,
    y_m: f64,
    r_m: f64,
    reached: Option<SimTime>,
}

/// The forest fire of a run.
#[derive(Resource, Debug, Clone)]
pub struct Wildfire {
    pub ca: Ca,
    pub wind: Wind,
    /// Duration of one CA step, s.
    pub step_s: f64,
    ignite_at: SimTime,
    ignition: Option<usize>,
    /// Where it was lit, m (where a modelled typhoon's wind is read).
    ignition_xy: (f64, f64),
    /// The step follows the wind by the 10 % rule (no `spread_rate_mps` given).
    step_from_wind: bool,
    lit: bool,
    next_step_s: f64,
    rng: ChaCha8Rng,
    /// The fire incident the raster drives.
    pub incident: IncidentId,
    villages: Vec<Village>,
    /// The village each cell lies within (index into `villages`; `u16::MAX`: none), fixed at
    /// World building so the tick only looks up the burning cells.
    village_of: Vec<u16>,
    crew_hold: f32,
    held: Vec<usize>,
    cell_area_m2: f64,
}

impl Wildfire {
    /// The fire for a scenario's forest-fire section and rasters; `incident` is the fire it
    /// drives (already spawned).
    pub fn new(s: &Setting, ff: &ForestFire, r: &Rasters, incident: IncidentId) -> Wildfire {
        let g = &r.fuel;
        let n = g.ncols * g.nrows;
        let p_veg = g.values.iter().map(|v| v.and_then(p_veg_of)).collect();
        let p_den = match &r.density {
            Some(d) => d.values.iter().map(|v| v.map_or(0.0, p_den_of)).collect(),
            None => vec![0.0; n],
        };
        let elevation_m = r.elevation.values.iter().map(|v| v.unwrap_or(0.0)).collect();
        // Grid frames are the map frame (m east and north of the origin).
        let land = Land {
            nx: g.ncols,
            ny: g.nrows,
            cell_m: g.cell_m,
            x0_m: g.x0_m,
            y0_m: g.y0_m,
            p_veg,
            p_den,
            elevation_m,
        };
        let mut rng = stream(s.seed, Process::Wildfire, 0);
        let wind = Wind {
            speed_mps: ff.wind_mps.value(&mut rng, s.nominal).max(0.0),
            from_deg: ff.wind_from_deg.value(&mut rng, s.nominal),
        };
        let rate = match &ff.spread_rate_mps {
            Some(d) => d.value(&mut rng, s.nominal),
            None => 0.1 * wind.speed_mps,
        }
        .max(MIN_SPREAD_MPS);
        let ignition = land.cell_at(ff.ignition_x_m, ff.ignition_y_m);
        let cell_m = land.cell_m;
        let villages: Vec<Village> = s
            .zones
            .iter()
            .enumerate()
            .filter(|(_, z)| {
                z.households > 0
                    && matches!(z.kind, ZoneKind::Village | ZoneKind::Community | ZoneKind::TownCentre)
            })
            .map(|(i, z)| Village {
                zone: i,
                x_m: z.x_m,
                y_m: z.y_m,
                r_m: (z.area_km2 * 1e6 / std::f64::consts::PI).sqrt(),
                reached: None,
            })
            .collect();
        let village_of: Vec<u16> = (0..n)
            .map(|i| {
                let (cx, cy) = land.centre(i);
                villages
                    .iter()
                    .enumerate()
                    .filter(|(_, v): &(usize, &Village)| (cx - v.x_m).hypot(cy - v.y_m) <= v.r_m)
                    .min_by(|a, b| {
                        let d = |v: &Village| (cx - v.x_m).hypot(cy - v.y_m);
                        d(a.1).total_cmp(&d(b.1))
                    })
                    .map_or(u16::MAX, |(k, _)| k as u16)
            })
            .collect();
        let ignite_at = s.forest_fire_at.unwrap_or(SimTime(0));
        Wildfire {
            ca: Ca::new(land, Neighbourhood::Moore),
            wind,
            step_s: cell_m / rate,
            ignite_at,
            ignition,
            ignition_xy: (ff.ignition_x_m, ff.ignition_y_m),
            step_from_wind: ff.spread_rate_mps.is_none(),
            lit: false,
            next_step_s: 0.0,
            rng: stream(s.seed, Process::Wildfire, 1),
            incident,
            village_of,
            villages,
            crew_hold: ff.crew_hold as f32,
            held: Vec::new(),
            cell_area_m2: cell_m * cell_m,
        }
    }

    /// Villages the front reached, with when.
    pub fn reached(&self) -> impl Iterator<Item = (usize, SimTime)> + '_ {
        self.villages.iter().filter_map(|v| v.reached.map(|t| (v.zone, t)))
    }

    /// The model and its parameters this run, in words (for the assumptions).
    pub fn describe(&self) -> String {
        format!(
            "forest fire: Alexandridis et al. (2008) CA (Moore neighbourhood, p_h 0.58) on {}×{} cells of {:.0} m; \
             wind {:.1} m/s from {:.0}°; one step = cell ÷ head-fire rate = {:.0} s; local fuels mapped to the \
             paper's classes (Masson pine → pine, fir and shrub → thickets, bamboo, tea and farmland → agricultural); \
             crews hold the cells within 2 of the front nearest them at ×{:.2}",
            self.ca.land.nx,
            self.ca.land.ny,
            self.ca.land.cell_m,
            self.wind.speed_mps,
            self.wind.from_deg,
            self.step_s,
            1.0 - self.crew_hold
        )
    }

    /// Area burnt or burning, ha.
    pub fn burned_ha(&self) -> f64 {
        self.ca.affected_cells() as f64 * self.cell_area_m2 / 1e4
    }

    /// Crews hold the cells around the burning cells nearest their position: crew k the k-th
    /// nearest (every fifth, so crews spread along the front).
    fn place_crews(&mut self, crews: usize, x_m: f64, y_m: f64) {
        for &i in &self.held {
            self.ca.held[i] = 1.0;
        }
        self.held.clear();
        if crews == 0 || self.ca.burning.is_empty() {
            return;
        }
        let mut by_distance: Vec<(f64, usize)> = self
            .ca
            .burning
            .iter()
            .map(|&i| {
                let (cx, cy) = self.ca.land.centre(i as usize);
                ((cx - x_m).hypot(cy - y_m), i as usize)
            })
            .collect();
        by_distance.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let (nx, ny) = (self.ca.land.nx as i64, self.ca.land.ny as i64);
        for k in 0..crews {
            let Some(&(_, cell)) = by_distance.get(k * 5) else { break };
            let (c, r) = ((cell % self.ca.land.nx) as i64, (cell / self.ca.land.nx) as i64);
            for dr in -CREW_REACH_CELLS..=CREW_REACH_CELLS {
                for dc in -CREW_REACH_CELLS..=CREW_REACH_CELLS {
                    let (cc, rr) = (c + dc, r + dr);
                    if cc >= 0 && rr >= 0 && cc < nx && rr < ny {
                        let i = (rr * nx + cc) as usize;
                        self.ca.held[i] = 1.0 - self.crew_hold;
                        self.held.push(i);
                    }
                }
            }
        }
    }
}

/// Hazards stage (after fires ignite): the forest fire spreads by as many CA steps as fit in
/// the tick, held where crews work; the front reaching a village raises a house fire there and
/// makes the village should-transfer; the fire's incident follows the raster.
pub fn spread_wildfire(
    mut commands: Commands,
    s: Res<Setting>,
    clock: Res<Clock>,
    wildfire: Option<ResMut<Wildfire>>,
    storm: Option<Res<crate::hazards::Storm>>,
    mut next: ResMut<crate::command::incident::NextIncident>,
    teams: Query<(&Team, &TeamState)>,
    mut fires: Query<(&mut Fire, &mut Incident)>,
    mut h: ResMut<HazardState>,
    mut timeline: ResMut<Timeline>,
) {
    let Some(mut wf) = wildfire else { return };
    let wf = &mut *wf;
    let now = clock.now;
    if !wf.lit {
        if now < wf.ignite_at {
            return;
        }
        wf.lit = true;
        wf.next_step_s = wf.ignite_at.0 as f64 + wf.step_s;
        if let Some(i) = wf.ignition {
            wf.ca.ignite(i);
        }
    }
    // With a modelled typhoon the fire burns in the storm's wind at its ignition point.
    if let Some(field) = storm.as_ref().and_then(|st| st.field(&st.track, now.0 as f64)) {
        let (x, y) = wf.ignition_xy;
        wf.wind = Wind { speed_mps: field.wind_rain(x, y).0, from_deg: field.wind_from_deg(x, y) };
        if wf.step_from_wind {
            wf.step_s = wf.ca.land.cell_m / (0.1 * wf.wind.speed_mps).max(MIN_SPREAD_MPS);
        }
    }
    if !wf.ca.burning.is_empty() {
        let crews = teams
            .iter()
            .filter(|(_, st)| matches!(st, TeamState::Working { incident, .. } if *incident == wf.incident))
            .count();
        let node = fires.iter().find(|(f, _)| f.idx == wf.incident).map(|(f, _)| f.spec.node);
        let (x, y) =
            node.and_then(|n| s.zones.iter().find(|z| z.node == n)).map_or((0.0, 0.0), |z| (z.x_m, z.y_m));
        wf.place_crews(crews, x, y);
        while wf.next_step_s <= now.0 as f64 && !wf.ca.burning.is_empty() {
            let wind = wf.wind;
            wf.ca.step(wind, &mut wf.rng);
            wf.next_step_s += wf.step_s;
        }
    }
    let mut newly: Vec<usize> = wf
        .ca
        .burning
        .iter()
        .map(|&i| wf.village_of[i as usize])
        .filter(|&k| k != u16::MAX && wf.villages[k as usize].reached.is_none())
        .map(usize::from)
        .collect();
    newly.sort_unstable();
    newly.dedup();
    for k in newly {
        let v = &mut wf.villages[k];
        v.reached = Some(now);
        h.fire_reached[v.zone] = true;
        let zone = &s.zones[v.zone];
        timeline.push(
            now,
            EventKind::Ignition,
            "",
            zone.id.clone(),
            format!("the forest fire front reaches {}: its households should be transferred", zone.name),
        );
        let mut spec = FireS::single(
            format!("front-{}", zone.id),
            crate::model::FireKind::Dwelling,
            ZoneId(v.zone as u32),
            zone.node,
            now,
            INTERFACE_HOUSE_M2,
            "the forest fire front at the village edge".into(),
        );
        spec.detect_delay_s = crate::model::Dist::Fixed(60.0);
        let idx = next.take();
        commands.spawn((Incident::fire(&s, idx, &spec), Fire::dormant(idx, spec)));
    }
    let cell = wf.cell_area_m2;
    for (mut fire, mut inc) in &mut fires {
        if fire.idx != wf.incident || fire.phase == FirePhase::Dormant || fire.phase == FirePhase::Out {
            continue;
        }
        fire.area_m2 = wf.ca.burning.len() as f64 * cell;
        fire.damaged_m2 = wf.ca.affected_cells() as f64 * cell;
        fire.hrr_kw = fire.area_m2 * fire.spec.rhr_kw_m2;
        if wf.lit && wf.ca.burning.is_empty() {
            fire.phase = FirePhase::Out;
            inc.t_control = Some(now);
            let text = format!("forest fire {} burnt out: {:.1} ha burnt", fire.spec.id, wf.burned_ha());
            timeline.push(now, EventKind::Control, "", s.zones[fire.spec.zone.ix()].id.clone(), text);
        }
    }
}
