//! Assembling one World from the resolved setting: resources for the clock, roads, hazards,
//! command and observation; entities for households, teams and fires.

use super::observe::{Observer, columns};
use crate::agents::harm::HarmState;
use crate::agents::household::{Agenda, spawn_households};
use crate::agents::team::{FreeSince, Team, TeamState, Turnouts};
use crate::agents::{SafeZones, Shelters};
use crate::command::actions::Executed;
use crate::command::{County, Incident, Levels, Orders, TeamTasks};
use crate::core::setting::Setting;
use crate::core::{Clock, IncidentId, NodeId, Series, SimTime, TeamId, Timeline};
use crate::drill::InjectCursor;
use crate::hazards::{Fire, HazardState, Storm, WarningCursor};
use crate::model::{Map, StationKind};
use crate::roads::{Closures, LinkQueues, Mode, RoadGraph, Router};
use bevy_ecs::prelude::*;

/// Share of the population within the rescue circle at the start, and the stations counted.
#[derive(Resource, Debug, Clone, Copy)]
pub struct Coverage {
    pub circle_population_share: f64,
    pub stations: usize,
}

/// Build the World for one run.
pub fn build_world(
    s: Setting,
    map: &Map,
    map_typhoon: Option<crate::model::TyphoonTrack>,
    flood: Option<&crate::model::FloodModel>,
    forest: Option<(&crate::model::ForestFire, &crate::model::rasters::Rasters)>,
    check_every_tick: bool,
) -> Result<World, String> {
    let mut w = World::new();
    let graph = RoadGraph::from_map(map)?;
    let closures = Closures::new(map.links.len());
    let mut router = Router::default();
    let coverage = coverage(&s, &graph, &closures, &mut router);
    let people: u64 = s.zones.iter().filter(|z| z.households > 0).map(|z| u64::from(z.population)).sum();
    let every_s = if s.duration_s <= 24 * 3600 { 300 } else { 600 }.max(s.tick_s);
    w.insert_resource(Clock {
        now: SimTime(0),
        tick_s: s.tick_s,
        end: SimTime(s.duration_s),
        calendar: s.calendar,
        ticks: 0,
    });
    w.insert_resource(LinkQueues::new(graph.arcs.len()));
    w.insert_resource(crate::command::roadworks::RoadWorks::new(map.links.len()));
    w.insert_resource(closures);
    w.insert_resource(router);
    w.insert_resource(coverage);
    w.insert_resource(HazardState::new(&s));
    w.insert_resource(WarningCursor::default());
    w.insert_resource(InjectCursor::default());
    w.insert_resource(crate::drill::Withheld::default());
    w.insert_resource(crate::drill::DecisionPoints::default());
    w.insert_resource(crate::drill::PlayerOrders::default());
    w.insert_resource(Levels::new(&s));
    w.insert_resource(crate::command::picture::Picture::new(&s));
    w.insert_resource(crate::command::cards::Cards::new(&s));
    w.insert_resource(crate::command::conflicts::Standby::default());
    w.insert_resource(crate::agents::dikework::DikeWorks::default());
    w.insert_resource(Executed::default());
    w.insert_resource(Orders::new(s.zones.len()));
    w.insert_resource(TeamTasks::default());
    w.insert_resource(County::default());
    w.insert_resource(crate::command::orders::Measures::default());
    w.insert_resource(Shelters::new(&s));
    w.insert_resource(Agenda::default());
    w.insert_resource(crate::agents::household::Escorts::new(&s));
    w.insert_resource(Timeline::default());
    w.insert_resource(SafeZones(
        s.zones
            .iter()
            .filter(|z| !z.should_transfer && z.households > 0)
            .map(|z| z.node)
            .collect::<Vec<NodeId>>(),
    ));
    w.insert_resource(Observer {
        every_s,
        check_every_tick,
        series: Series { columns: columns(&s), rows: Vec::new() },
        initial_people: people,
        initial_by_zone: Vec::new(),
        violations: Vec::new(),
        peak_sheltered: 0,
        groups: crate::run::observe::groups(&s),
        exposure_person_h: 0.0,
        team_busy_s: 0.0,
        sheltered_now: None,
        transfer_now: None,
    });
    w.insert_resource(crate::run::activity::Activity::new(s.teams.len()));
    spawn_households(&mut w, &s);
    let mut q = w.query::<(&crate::agents::Household, &crate::agents::Evac)>();
    let by_zone = crate::run::observe::people_by_zone(s.zones.len(), q.iter(&w));
    w.resource_mut::<Observer>().initial_by_zone = by_zone;
    let households = w.resource::<crate::agents::HouseholdIndex>().entity.len();
    w.insert_resource(HarmState::new(s.zones.len(), households));
    let stocks: Vec<_> = s.stocks.iter().map(|&(f, item, q)| (f.ix(), item, q)).collect();
    w.insert_resource(crate::agents::supplies::Supplies::new(s.facilities.len(), &stocks));
    for (i, t) in s.teams.iter().enumerate() {
        w.spawn((
            Team(TeamId(i as u32)),
            TeamState::Idle { node: t.node },
            Turnouts::default(),
            FreeSince::default(),
            crate::agents::duty::Duty::default(),
            crate::agents::reroute::Leg::default(),
        ));
    }
    for (i, f) in s.hazards.fires.iter().enumerate() {
        let idx = IncidentId(i as u32);
        w.spawn((Fire::dormant(idx, f.clone()), Incident::fire(&s, idx, f)));
    }
    if let Some((ff, rasters)) = forest {
        let idx = forest_incident(&mut w, &s, ff);
        w.insert_resource(crate::hazards::wildfire::Wildfire::new(&s, ff, rasters, idx));
        let c = w.resource::<Observer>().series.columns.len();
        w.resource_mut::<Observer>().series.columns.insert(c, "burned_area_ha".into());
    }
    let raised = u32::from(forest.is_some_and(|(ff, _)| ff.incident.is_none()));
    w.insert_resource(crate::command::incident::NextIncident(s.hazards.fires.len() as u32 + raised));
    crate::command::calls::spawn_calls(&mut w, &s);
    if let Some(t) = &map_typhoon {
        w.insert_resource(Storm::new(&s, map, t)?);
        if t.power_faults.fires_per_1000_households_year > 0.0 {
            w.insert_resource(crate::hazards::power::PowerFaults::new(&s, &t.power_faults));
        }
    }
    if let Some(f) = flood {
        let mut rivers = crate::hazards::river::Rivers::new(&s, map, f)?;
        w.insert_resource(crate::hazards::dikes::Dikes::new(&s, map, f, &mut rivers)?);
        w.insert_resource(crate::hazards::slopes::Slopes::new(&s, &graph, &f.slopes));
        let extra = crate::run::observe::river_columns(&s, &rivers);
        w.resource_mut::<Observer>().series.columns.extend(extra);
        w.insert_resource(rivers);
    }
    w.insert_resource(graph);
    w.insert_resource(s);
    Ok(w)
}

/// The fire incident the forest-fire raster drives: the scenario's wildland fire it names, now
/// igniting when the raster does, or a new one at the zone nearest the ignition point.
fn forest_incident(w: &mut World, s: &Setting, ff: &crate::model::ForestFire) -> IncidentId {
    let at = s.forest_fire_at.unwrap_or(SimTime(0));
    let mut q = w.query::<(&mut Fire, &mut Incident)>();
    if let Some(id) = &ff.incident
        && let Some((mut fire, mut inc)) = q.iter_mut(w).find(|(f, _)| f.spec.id == *id)
    {
        fire.raster = true;
        fire.spec.t = at;
        inc.t_start = at;
        return fire.idx;
    }
    let near = |z: &&crate::core::setting::ZoneS| (z.x_m - ff.ignition_x_m).hypot(z.y_m - ff.ignition_y_m);
    let zone = s.zones.iter().enumerate().min_by(|a, b| near(&a.1).total_cmp(&near(&b.1))).map_or(0, |z| z.0);
    let idx = IncidentId(s.hazards.fires.len() as u32);
    let spec = crate::core::setting::FireS::single(
        "forest-fire".into(),
        crate::model::FireKind::Wildland,
        crate::core::ZoneId(zone as u32),
        s.zones[zone].node,
        at,
        f64::INFINITY,
        String::new(),
    );
    let mut fire = Fire::dormant(idx, spec.clone());
    fire.raster = true;
    w.spawn((fire, Incident::fire(s, idx, &spec)));
    idx
}

/// The 15-minute rescue circle: people whose zone is within `circle_min` of a staffed
/// comprehensive station or the county brigade (1 min turnout + free-flow drive at the
/// station's fastest team's speed factor).
fn coverage(s: &Setting, g: &RoadGraph, c: &Closures, router: &mut Router) -> Coverage {
    // Each staffed station with the fastest speed factor of its teams.
    let mut stations: std::collections::BTreeMap<NodeId, f64> = std::collections::BTreeMap::new();
    for t in s.teams.iter().filter(|t| t.agency.is_some()) {
        if matches!(
            t.station_kind(&s.facilities),
            Some(StationKind::Comprehensive | StationKind::CountyBrigade)
        ) {
            let f = stations.entry(t.node).or_insert(t.speed_factor);
            *f = f.max(t.speed_factor);
        }
    }
    let limit_s = s.plan.standards.circle_min * 60.0 - 60.0;
    let mut best = vec![f64::INFINITY; s.zones.len()];
    for (&st, &speed) in &stations {
        let tree = router.tree(g, c, st, Mode::Emergency);
        for (z, zone) in s.zones.iter().enumerate() {
            best[z] = best[z].min(tree.cost[zone.node.ix()] / speed.max(0.1));
        }
    }
    let total: f64 = s.zones.iter().map(|z| f64::from(z.population)).sum();
    let covered: f64 =
        s.zones.iter().zip(&best).filter(|(_, b)| **b <= limit_s).map(|(z, _)| f64::from(z.population)).sum();
    Coverage {
        circle_population_share: if total > 0.0 { covered / total } else { 0.0 },
        stations: stations.len(),
    }
}
