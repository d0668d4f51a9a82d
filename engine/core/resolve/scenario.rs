//! Resolving the scenario and its map: zones with their should-transfer flag, facilities,
//! teams under the plan's agencies, prescribed hazards in seconds, injects, the deadline.

use super::ids::{Ids, Sampler};
use super::plan::resolve_plan;
use crate::core::ids::*;
use crate::core::rng::Process;
use crate::core::setting::*;
use crate::core::time::SimTime;
use crate::model::*;
use std::collections::{BTreeMap, HashMap};

/// Resolve a scenario (validated) and a plan (validated against it) for one run.
pub fn resolve(s: &LoadedScenario, p: &LoadedPlan, seed: u64, nominal: bool) -> Result<Setting, String> {
    let (sc, map, plan) = (&s.scenario, &s.map, &p.plan);
    let calendar = Calendar::parse(&sc.start)?;
    let at = |w: &When| calendar.resolve(w).map(SimTime);
    let ids = Ids::new(sc, map);
    let zone = |id: &str| ids.zone(id);
    let zones_of = |list: &[String]| ids.zones(list);
    let (ni, fi, gi, li, ti) = (&ids.node, &ids.facility, &ids.gauge, &ids.link, &ids.team);

    // Every named should-transfer zone exists (validation says so; a defect otherwise).
    zones_of(&sc.transfer.zones)?;
    let mut zones = Vec::with_capacity(map.zones.len());
    for z in &map.zones {
        zones.push(ZoneS {
            id: z.id.clone(),
            name: z.name.clone(),
            kind: z.kind,
            node: NodeId(ni.get("node", &z.node)?),
            x_m: z.x_m,
            y_m: z.y_m,
            population: z.population,
            households: z.households,
            vulnerable_share: z.vulnerable_share,
            car_share: z.car_share,
            elevation_m: z.elevation_m,
            tags: z.tags.clone(),
            gauge: z.gauge.as_deref().map(|g| gi.get("gauge", g).map(GaugeId)).transpose()?,
            grid_workers: z.grid_workers.unwrap_or(z.households.div_ceil(50)).max(1),
            area_km2: z.area_km2,
            group: z.group.clone().unwrap_or_else(|| z.kind.as_str().to_string()),
            should_transfer: sc.transfer.includes(z),
            in_135_scope: z.in_135_scope(),
        });
    }

    let facilities = map
        .facilities
        .iter()
        .map(|f| {
            let zone_id = zone(&f.zone)?;
            let serves = if f.serves.is_empty() { vec![zone_id] } else { zones_of(&f.serves)? };
            Ok(FacilityS {
                id: f.id.clone(),
                name: f.name.clone(),
                kind: f.kind,
                node: NodeId(ni.get("node", &f.node)?),
                zone: zone_id,
                station: f.station,
                serves,
                capacity_people: f.capacity_people.unwrap_or(0),
                open_at_start: f.open_at_start,
                flow_lps: f.flow_lps.unwrap_or(0.0),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;

    let gauges = map
        .gauges
        .iter()
        .map(|g| GaugeS {
            id: g.id.clone(),
            name: g.name.clone(),
            bed_m: g.bed_m,
            warning_stage_m: g.warning_stage_m,
            guaranteed_stage_m: g.guaranteed_stage_m,
            historic_max_m: g.historic_max_m,
        })
        .collect();

    // Which agency directs each team under this plan.
    let mut agency_of: HashMap<&str, usize> = HashMap::new();
    for (a, ag) in plan.organisation.agencies.iter().enumerate() {
        for t in &ag.teams {
            agency_of.entry(t.as_str()).or_insert(a);
        }
    }
    let teams = sc
        .teams
        .iter()
        .map(|t| {
            let station = FacilityId(fi.get("facility", &t.station)?);
            Ok(TeamS {
                id: t.id.clone(),
                name: t.name.clone(),
                kind: t.kind,
                station,
                node: facilities[station.ix()].node,
                members: t.members,
                on_duty: t.on_duty.unwrap_or(t.members).min(t.members),
                skills: t.skills.clone(),
                tank_l: t.vehicles.iter().map(|v| v.tank_l).sum(),
                boats: t.vehicles.iter().filter(|v| v.kind == VehicleKind::Boat).count() as u32,
                boat_seats: t.vehicles.iter().filter(|v| v.kind == VehicleKind::Boat).map(|v| v.seats).sum(),
                engines: t.vehicles.iter().filter(|v| v.kind == VehicleKind::Engine).count() as u32,
                turnout_s: t.turnout_s,
                speed_factor: t.speed_factor,
                agency: agency_of.get(t.id.as_str()).copied(),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;

    let stocks = sc
        .supplies
        .iter()
        .map(|st| Ok((FacilityId(fi.get("facility", &st.facility)?), st.item, st.quantity)))
        .collect::<Result<Vec<_>, String>>()?;

    let mut sampled = BTreeMap::new();
    let mut draw = Sampler { seed, process: Process::ScenarioInputs, nominal, next: 0, record: &mut sampled };
    let b = &sc.behaviour;
    let behaviour = BehaviourS {
        warning_p_per_min: draw.take("behaviour.warning_p_per_min", &b.warning_p_per_min),
        warning_q_per_min: draw.take("behaviour.warning_q_per_min", &b.warning_q_per_min),
        warning_reach_day: draw.take("behaviour.warning_reach_day", &b.warning_reach_day).clamp(0.0, 1.0),
        warning_reach_night: draw
            .take("behaviour.warning_reach_night", &b.warning_reach_night)
            .clamp(0.0, 1.0),
        knock_s_per_household: b.knock_s_per_household,
        escort_min: b.escort_min,
        compliance_organised: draw
            .take("behaviour.compliance_organised", &b.compliance_organised)
            .clamp(0.0, 1.0),
        compliance_mandatory: draw
            .take("behaviour.compliance_mandatory", &b.compliance_mandatory)
            .clamp(0.0, 1.0),
        compliance_advice: draw.take("behaviour.compliance_advice", &b.compliance_advice).clamp(0.0, 1.0),
        compliance_sweep: draw.take("behaviour.compliance_sweep", &b.compliance_sweep).clamp(0.0, 1.0),
        compliance_visible_danger: draw
            .take("behaviour.compliance_visible_danger", &b.compliance_visible_danger),
        shelter_share: draw.take("behaviour.shelter_share", &b.shelter_share).clamp(0.0, 1.0),
        prep_sigma_min: draw.take("behaviour.prep_sigma_min", &b.prep_sigma_min).max(0.0),
        walk_speed_mps: draw.take("behaviour.walk_speed_mps", &b.walk_speed_mps).max(0.1),
        assisted_speed_mps: draw.take("behaviour.assisted_speed_mps", &b.assisted_speed_mps).max(0.1),
        // Drawn last, so adding it moved no earlier draw.
        patrol_round_s: 60.0 * draw.take("behaviour.patrol_round_min", &b.patrol_round_min).max(0.0),
        background_traffic_share: draw
            .take("behaviour.background_traffic_share", &b.background_traffic_share)
            .clamp(0.0, 0.95),
    };

    let h = &sc.hazards;
    let step = |h: f64| (h * 3600.0).round() as i64;
    let mut warnings = h
        .warnings
        .iter()
        .map(|w| {
            Ok(WarningS {
                t: at(&w.at)?,
                hazard: w.hazard,
                colour: w.colour,
                by: w.by.clone().unwrap_or_else(|| "county meteorological bureau".into()),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    warnings.sort_by_key(|w| w.t);
    let hazards = HazardsS {
        landfall: h.landfall.as_ref().map(&at).transpose()?,
        rain: h
            .rain
            .iter()
            .map(|r| Ok((zones_of(&r.zones)?, at(&r.start)?.0, step(r.step_h), r.mm.clone())))
            .collect::<Result<_, String>>()?,
        // A gauge the flood model rates takes its stage from the model, not from a series.
        stages: h
            .gauges
            .iter()
            .filter(|g| !h.flood_model.as_ref().is_some_and(|f| f.ratings.iter().any(|r| r.gauge == g.gauge)))
            .map(|g| {
                Ok((GaugeId(gi.get("gauge", &g.gauge)?), at(&g.start)?.0, step(g.step_h), g.stage_m.clone()))
            })
            .collect::<Result<_, String>>()?,
        warnings,
        fires: h
            .fires
            .iter()
            .map(|f| {
                let z = zone(&f.zone)?;
                let node = match &f.node {
                    Some(n) => NodeId(ni.get("node", n)?),
                    None => zones[z.ix()].node,
                };
                Ok(FireS {
                    id: f.id.clone(),
                    kind: f.kind,
                    zone: z,
                    node,
                    t: at(&f.at)?,
                    floor_area_m2: f.floor_area_m2,
                    rhr_kw_m2: f.rhr_kw_m2,
                    detect_delay_s: f.detect_delay_s,
                    report_delay_s: f.report_delay_s,
                    cause: f.cause.clone().unwrap_or_default(),
                    buildings: f.buildings.max(1),
                    spread_delay_min: f.spread_delay_min,
                    ventilation: f.opening.map(|o| o.area_m2 * o.height_m.sqrt()),
                    occupants: f.occupants,
                    escape_s: f.escape_s,
                })
            })
            .collect::<Result<_, String>>()?,
        fire_front: h
            .fire_front
            .iter()
            .map(|f| Ok((zone(&f.zone)?, at(&f.at)?)))
            .collect::<Result<_, String>>()?,
        calls: h
            .calls
            .iter()
            .map(|k| {
                let mut zs = zones_of(&k.zones)?;
                if zs.is_empty() {
                    zs = (0..zones.len())
                        .filter(|&i| zones[i].households > 0)
                        .map(|i| ZoneId(i as u32))
                        .collect();
                }
                Ok(CallStreamS {
                    id: k.id.clone(),
                    what: k.what.clone().unwrap_or_else(|| k.id.clone()),
                    zones: zs,
                    from: k.from.as_ref().map(&at).transpose()?.unwrap_or(SimTime(0)),
                    to: k
                        .to
                        .as_ref()
                        .map(&at)
                        .transpose()?
                        .unwrap_or(SimTime((sc.duration_h * 3600.0).round() as i64)),
                    rate_per_h: k.rate_per_h,
                    skill: k.skill,
                    service_min: k.service_min,
                    priority: k.priority,
                    report_delay_s: k.report_delay_s,
                })
            })
            .collect::<Result<_, String>>()?,
    };

    let jurisdiction = |j: &str| ids.jurisdiction(j);
    let effect = |e: &Effect| -> Result<EffectS, String> {
        Ok(match e {
            Effect::Warning { hazard, colour } => EffectS::Warning(*hazard, *colour),
            Effect::RoadCut { link } => EffectS::RoadCut(li.get("link", link)? as usize),
            Effect::TeamUnavailable { team } => EffectS::TeamUnavailable(TeamId(ti.get("team", team)?)),
            Effect::ShelterClosed { facility } => {
                EffectS::ShelterClosed(FacilityId(fi.get("facility", facility)?))
            }
            Effect::Evacuate { zones, order } => EffectS::Evacuate(zones_of(zones)?, *order),
            Effect::SetLevel { level, jurisdiction: j, hazard } => {
                EffectS::SetLevel(jurisdiction(j.as_deref().unwrap_or("township"))?, *hazard, *level)
            }
            Effect::Call { zone, what, skill, people, priority, service_min } => EffectS::Call(CallS {
                zone: ids.zone(zone)?,
                what: what.clone(),
                skill: *skill,
                people: *people,
                priority: *priority,
                service_s: service_min * 60.0,
            }),
        })
    };
    let mut injects = sc
        .injects
        .iter()
        .map(|i| {
            let decision = match &i.decision {
                Some(d) => Some(DecisionS {
                    prompt: d.prompt.clone(),
                    default: d
                        .options
                        .iter()
                        .position(|o| o.id == d.default)
                        .ok_or("unknown default option")?,
                    options: d
                        .options
                        .iter()
                        .map(|o| {
                            Ok(OptionS {
                                id: o.id.clone(),
                                text: o.text.clone(),
                                effect: o.effect.as_ref().map(&effect).transpose()?,
                            })
                        })
                        .collect::<Result<_, String>>()?,
                }),
                None => None,
            };
            Ok(InjectS {
                id: i.id.clone(),
                t: at(&i.at)?,
                message: i.message.clone(),
                message_zh: i.message_zh.clone(),
                target_role: i.target_role.clone().unwrap_or_else(|| "commander".into()),
                expected_action: i.expected_action.clone(),
                capability: i.capability.clone(),
                effect: i.effect.as_ref().map(&effect).transpose()?,
                decision,
                unless: i.unless.as_ref().map(|f| super::plan::fact(&ids, f)).transpose()?,
                contingency_for: i.contingency_for.clone(),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    injects.sort_by_key(|i| i.t);

    let deadline = match &sc.transfer.deadline {
        None => None,
        Some(Deadline::Fixed { at: w }) => Some(DeadlineS::At(at(w)?)),
        Some(Deadline::Landfall { hours_before }) => {
            let lf = hazards.landfall.ok_or("a landfall deadline needs hazards.landfall")?;
            Some(DeadlineS::At(SimTime(lf.0 - (hours_before * 3600.0).round() as i64)))
        }
        Some(Deadline::FloodDepth { depth_m }) => Some(DeadlineS::FloodDepth(*depth_m)),
        Some(Deadline::FireFront) => Some(DeadlineS::FireFront),
    };

    let mut plan_draw =
        Sampler { seed, process: Process::PlanInputs, nominal, next: 0, record: &mut sampled };
    let plan_s = resolve_plan(plan, &ids, &mut plan_draw)?;

    Ok(Setting {
        scenario_name: sc.name.clone(),
        plan_name: plan.name.clone(),
        calendar,
        tick_s: sc.tick_s as i64,
        duration_s: (sc.duration_h * 3600.0).round() as i64,
        zones,
        nodes: map.nodes.iter().map(|n| (n.x_m, n.y_m)).collect(),
        facilities,
        gauges,
        teams,
        stocks,
        behaviour,
        hazards,
        injects,
        deadline,
        plan: plan_s,
        sampled,
        nominal,
        seed,
        typhoon_modelled: h.typhoon.is_some(),
        forest_fire_at: h.forest_fire.as_ref().map(|f| at(&f.at)).transpose()?,
    })
}
