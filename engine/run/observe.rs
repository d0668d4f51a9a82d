//! Watching the run: time series sampled from the entities' own states, and the conservation
//! of people checked at every sample (every tick when invariants are on).

use crate::agents::{Evac, Household, Place, TeamState};
use crate::command::Levels;
use crate::core::setting::{Jurisdiction, Setting};
use crate::core::{Clock, Series};
use crate::hazards::river::Rivers;
use crate::hazards::{Fire, FirePhase, HazardState};
use crate::model::Level;
use bevy_ecs::prelude::*;

/// Zone reporting groups in order of first appearance, each with its zones.
pub fn groups(s: &Setting) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for (z, zone) in s.zones.iter().enumerate() {
        match out.iter_mut().find(|(g, _)| *g == zone.group) {
            Some((_, zs)) => zs.push(z),
            None => out.push((zone.group.clone(), vec![z])),
        }
    }
    out
}

/// Area-weighted mean of a per-zone value over some zones (plain mean if they have no area).
fn areal_mean(s: &Setting, zones: &[usize], v: &[f64]) -> f64 {
    let area: f64 = zones.iter().map(|&z| s.zones[z].area_km2).sum();
    if area > 0.0 {
        zones.iter().map(|&z| v[z] * s.zones[z].area_km2).sum::<f64>() / area
    } else {
        zones.iter().map(|&z| v[z]).sum::<f64>() / zones.len().max(1) as f64
    }
}

/// Series columns, in order.
pub fn columns(s: &Setting) -> Vec<String> {
    let mut c: Vec<String> = s.gauges.iter().map(|g| format!("stage_m.{}", g.id)).collect();
    c.extend(
        [
            "wind_mps_max",
            "wind_mps_command",
            "beaufort_max",
            "typhoon_warning",
            "rainstorm_warning",
            "rain_mm_h_max",
            "rain_total_mm_max",
            "rain_total_mm_mean",
            "depth_m_max",
            "people_home",
            "people_warned",
            "people_decided",
            "people_travelling",
            "people_sheltered",
            "people_relatives",
            "people_dead",
            "should_transfer_out",
            "teams_busy",
            "fires_active",
            "fire_hrr_kw",
            "township_level",
        ]
        .map(String::from),
    );
    for (g, _) in groups(s) {
        c.push(format!("rain_mm_h.{g}"));
        c.push(format!("rain_total_mm.{g}"));
    }
    c.extend(s.zones.iter().filter(|z| z.gauge.is_some()).map(|z| format!("depth_m.{}", z.id)));
    for f in &s.hazards.fires {
        c.push(format!("fire_hrr_kw.{}", f.id));
        c.push(format!("fire_area_m2.{}", f.id));
    }
    c.extend(shelters(s).map(|f| format!("sheltered.{}", s.facilities[f].id)));
    c.extend(crate::model::Item::ALL.iter().map(|i| format!("stock.{}", i.as_str())));
    c
}

/// The shelters, by facility index.
fn shelters(s: &Setting) -> impl Iterator<Item = usize> + '_ {
    (0..s.facilities.len()).filter(|&f| s.facilities[f].kind == crate::model::FacilityKind::Shelter)
}

/// Zones the flood model floods that name no gauge — behind its dikes, below its dams, in the
/// flash-flood gullies (their depth columns follow the model's).
fn extra_depth_zones<'a>(s: &'a Setting, r: &'a Rivers) -> impl Iterator<Item = usize> + 'a {
    let gully = |z: usize| s.zones[z].tags.contains(&crate::model::RiskTag::FlashFloodGully);
    (0..s.zones.len()).filter(move |&z| (r.zone_by_model[z] || gully(z)) && s.zones[z].gauge.is_none())
}

/// Columns of the modelled river, after [`columns`]: discharge at rated gauges, runoff per
/// catchment, pool level per reservoir, depth in the zones it floods that name no gauge.
pub fn river_columns(s: &Setting, r: &Rivers) -> Vec<String> {
    let mut c: Vec<String> = Vec::new();
    for (g, rating) in r.ratings.iter().enumerate() {
        if rating.is_some() {
            c.push(format!("discharge_m3s.{}", s.gauges[g].id));
        }
    }
    c.extend(r.catchments.iter().map(|k| format!("runoff_mm.{}", k.id)));
    c.extend(r.reservoirs.iter().map(|p| format!("pool_m.{}", p.id)));
    c.extend(extra_depth_zones(s, r).map(|z| format!("depth_m.{}", s.zones[z].id)));
    c
}

fn river_values(s: &Setting, r: &Rivers, h: &HazardState, row: &mut Vec<f64>) {
    for (g, rating) in r.ratings.iter().enumerate() {
        if rating.is_some() {
            row.push(r.discharge_m3s[g]);
        }
    }
    row.extend(r.catchments.iter().map(|k| k.runoff_mm));
    row.extend(r.reservoirs.iter().map(|p| p.pool.level_m()));
    row.extend(extra_depth_zones(s, r).map(|z| h.depth_m[z]));
}

/// What observation collects, and whether conservation held.
#[derive(Resource, Debug)]
pub struct Observer {
    pub every_s: i64,
    pub check_every_tick: bool,
    pub series: Series,
    pub initial_people: u64,
    /// People per home zone at the start (the same count must hold per zone at every check).
    pub initial_by_zone: Vec<u64>,
    /// Samples at which people were not conserved (should stay empty).
    pub violations: Vec<String>,
    pub peak_sheltered: u64,
    /// Zone reporting groups (rain columns per group).
    pub groups: Vec<(String, Vec<usize>)>,
    /// People at home in a zone in danger (water ≥ 0.1 m, or the forest-fire front), summed
    /// over the samples, person-hours.
    pub exposure_person_h: f64,
    /// Team-seconds spent out of station or on task (not idle, not unavailable), every tick.
    pub team_busy_s: f64,
    /// People counted in shelters this tick (when the census ran), for the supplies check.
    pub sheltered_now: Option<u64>,
    /// Should-transfer people out and all should-transfer people, at the last census.
    pub transfer_now: Option<(u64, u64)>,
}

/// People per place, counted from the households' states.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Census {
    pub home: u64,
    pub warned: u64,
    /// Decided to leave (whether gone yet or not).
    pub decided: u64,
    pub travelling: u64,
    pub sheltered: u64,
    pub relatives: u64,
    pub dead: u64,
    pub should_out: u64,
    /// People of the zones that should be transferred now, wherever they are.
    pub should: u64,
}

impl Census {
    /// Everyone, wherever they are.
    pub fn total(&self) -> u64 {
        self.home + self.travelling + self.sheltered + self.relatives + self.dead
    }
}

/// Count people by place at `now_s`.
pub fn census<'a>(
    s: &Setting,
    h: &HazardState,
    now_s: i64,
    households: impl Iterator<Item = (&'a Household, &'a Evac)>,
) -> Census {
    let mut c = Census::default();
    for (hh, ev) in households {
        let n = u64::from(hh.size);
        match ev.place {
            Place::Home => c.home += n,
            Place::Travelling => c.travelling += n,
            Place::Shelter(_) => c.sheltered += n,
            Place::Relatives => c.relatives += n,
            Place::Dead => c.dead += n,
        }
        if ev.warned_s.is_some_and(|w| w <= now_s) {
            c.warned += n;
        }
        if ev.decided_s.is_some_and(|d| d <= now_s) && !ev.refused {
            c.decided += n;
        }
        if h.should_transfer(s, hh.zone.ix()) {
            c.should += n;
            if matches!(ev.place, Place::Shelter(_) | Place::Relatives) {
                c.should_out += n;
            }
        }
    }
    c
}

/// People of each home zone, wherever they are now.
pub fn people_by_zone<'a>(
    zones: usize,
    households: impl Iterator<Item = (&'a Household, &'a Evac)>,
) -> Vec<u64> {
    let mut v = vec![0u64; zones];
    for (hh, _) in households {
        v[hh.zone.ix()] += u64::from(hh.size);
    }
    v
}

/// Numeric level for series: none 0, IV 1 … I 4.
pub fn level_number(l: Level) -> f64 {
    match l {
        Level::None => 0.0,
        Level::IV => 1.0,
        Level::III => 2.0,
        Level::II => 3.0,
        Level::I => 4.0,
    }
}

/// Outcomes stage: sample the series and check conservation.
pub fn record_series(
    s: Res<Setting>,
    clock: Res<Clock>,
    h: Res<HazardState>,
    levels: Res<Levels>,
    households: Query<(&Household, &Evac)>,
    teams: Query<&TeamState>,
    fires: Query<&Fire>,
    (rivers, wildfire): (Option<Res<Rivers>>, Option<Res<crate::hazards::wildfire::Wildfire>>),
    (shelters_now, supplies): (Res<crate::agents::Shelters>, Res<crate::agents::supplies::Supplies>),
    mut obs: ResMut<Observer>,
) {
    let busy = teams
        .iter()
        .filter(|t| !matches!(t, TeamState::Idle { .. } | TeamState::Unavailable | TeamState::Resting { .. }))
        .count();
    obs.team_busy_s += busy as f64 * clock.tick_s as f64;
    let sample = clock.now.0 % obs.every_s == 0 || clock.finished();
    if !sample && !obs.check_every_tick {
        return;
    }
    let c = census(&s, &h, clock.now.0, households.iter());
    obs.transfer_now = Some((c.should_out, c.should));
    if c.total() != obs.initial_people {
        let msg = format!(
            "{}: {} people counted, {} at the start",
            clock.label(clock.now),
            c.total(),
            obs.initial_people
        );
        obs.violations.push(msg);
    }
    // Per home zone: at home + travelling + sheltered + with relatives + dead = initial.
    let by_zone = people_by_zone(s.zones.len(), households.iter());
    let broken: Vec<String> = by_zone
        .iter()
        .zip(&obs.initial_by_zone)
        .enumerate()
        .filter(|(_, (now, start))| now != start)
        .map(|(z, (now, start))| {
            format!(
                "{}: {now} people of {} counted, {start} at the start",
                clock.label(clock.now),
                s.zones[z].id
            )
        })
        .collect();
    obs.violations.extend(broken);
    obs.peak_sheltered = obs.peak_sheltered.max(c.sheltered);
    obs.sheltered_now = Some(c.sheltered);
    if !sample {
        return;
    }
    let danger = |z: usize| h.depth_m[z] >= 0.1 || h.fire_reached[z];
    if (0..s.zones.len()).any(danger) {
        let at_home: u64 = households
            .iter()
            .filter(|(hh, ev)| ev.place == Place::Home && danger(hh.zone.ix()))
            .map(|(hh, _)| u64::from(hh.size))
            .sum();
        obs.exposure_person_h += at_home as f64 * obs.every_s as f64 / 3600.0;
    }
    let mut row: Vec<f64> = h.stage_m.iter().map(|v| if v.is_finite() { *v } else { 0.0 }).collect();
    let level = crate::model::HazardKind::ALL
        .iter()
        .map(|&hz| levels.get(Jurisdiction::Township, hz))
        .max()
        .unwrap_or(Level::None);
    let active: Vec<&Fire> =
        fires.iter().filter(|f| matches!(f.phase, FirePhase::Growing | FirePhase::Controlled)).collect();
    let wind_max = h.wind_mps.iter().copied().fold(0.0, f64::max);
    let command = s.facilities.iter().find(|f| f.kind == crate::model::FacilityKind::CommandCentre);
    let colour = |hz| h.warnings.get(&hz).map_or(0.0, |c: &crate::model::Colour| 1.0 + *c as u8 as f64);
    let zones = s.zones.len().max(1) as f64;
    row.extend([
        wind_max,
        command.map_or(0.0, |f| h.wind_mps[f.zone.ix()]),
        f64::from(crate::hazards::typhoon::Beaufort::from_mps(wind_max).force()),
        colour(crate::model::HazardKind::Typhoon),
        colour(crate::model::HazardKind::Rainstorm),
        h.rain_mm_h.iter().copied().fold(0.0, f64::max),
        h.rain_total_mm.iter().copied().fold(0.0, f64::max),
        h.rain_total_mm.iter().sum::<f64>() / zones,
        h.depth_m.iter().copied().fold(0.0, f64::max),
        c.home as f64,
        c.warned as f64,
        c.decided as f64,
        c.travelling as f64,
        c.sheltered as f64,
        c.relatives as f64,
        c.dead as f64,
        c.should_out as f64,
        busy as f64,
        active.len() as f64,
        active.iter().map(|f| f.hrr_kw).sum(),
        level_number(level),
    ]);
    for (_, zones) in &obs.groups {
        row.push(areal_mean(&s, zones, &h.rain_mm_h));
        row.push(areal_mean(&s, zones, &h.rain_total_mm));
    }
    row.extend(s.zones.iter().zip(&h.depth_m).filter(|(z, _)| z.gauge.is_some()).map(|(_, d)| *d));
    let mut scenario_fires: Vec<&Fire> =
        fires.iter().filter(|f| f.idx.ix() < s.hazards.fires.len()).collect();
    scenario_fires.sort_by_key(|f| f.idx);
    for f in scenario_fires {
        row.push(f.hrr_kw);
        row.push(f.area_m2);
    }
    row.extend(shelters(&s).map(|f| f64::from(shelters_now.present[f])));
    row.extend(
        crate::model::Item::ALL
            .iter()
            .map(|&i| (0..s.facilities.len()).map(|f| supplies.at(f, i)).sum::<f64>()),
    );
    if let Some(wf) = &wildfire {
        row.push(wf.burned_ha());
    }
    if let Some(r) = &rivers {
        river_values(&s, r, &h, &mut row);
    }
    obs.series.rows.push((clock.now.0, row));
}

/// Outcomes stage: supplies balance — stock + in transit + consumed = initial + delivered for
/// every item, no stock below zero — and the shelters' count of people present matches the
/// households' places, or the break is recorded as a violation.
pub fn check_supplies(
    clock: Res<Clock>,
    sup: Res<crate::agents::supplies::Supplies>,
    shelters: Res<crate::agents::Shelters>,
    mut obs: ResMut<Observer>,
) {
    // The shelters' running count of people present (what supplies are eaten by) agrees with
    // the households' own places.
    if let Some(counted) = obs.sheltered_now.take() {
        let present: u64 = shelters.present.iter().map(|&p| u64::from(p)).sum();
        if present != counted {
            let t = clock.label(clock.now);
            obs.violations
                .push(format!("{t}: {present} people present in shelters, {counted} counted there"));
        }
    }
    let off = sup.unbalanced();
    if !off.is_empty() {
        let items: Vec<&str> = off.iter().map(|i| i.as_str()).collect();
        obs.violations.push(format!(
            "{}: supplies out of balance: {}",
            clock.label(clock.now),
            items.join(", ")
        ));
    }
}

/// Outcomes stage: no team is in two places — at most one task waits for each team, and only
/// for a team that is free to take it (idle) — or the break is recorded as a violation.
pub fn check_teams(
    s: Res<Setting>,
    clock: Res<Clock>,
    tasks: Res<crate::command::TeamTasks>,
    teams: Query<(&crate::agents::Team, &TeamState)>,
    mut obs: ResMut<Observer>,
) {
    if tasks.0.is_empty() {
        return;
    }
    for (team, st) in &teams {
        let n = tasks.0.iter().filter(|k| k.team == team.0).count();
        if n > 1 || (n == 1 && !matches!(st, TeamState::Idle { .. })) {
            let id = &s.teams[team.0.ix()].id;
            obs.violations
                .push(format!("{}: team {id} has {n} tasks waiting while {st:?}", clock.label(clock.now)));
        }
    }
}
