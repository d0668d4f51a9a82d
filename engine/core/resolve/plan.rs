//! Resolving the plan: agencies with their sampled channel delays, level rules with their
//! triggers in words, hazard modules with their actions on dense ids.

use super::ids::{Ids, Sampler};
use crate::core::setting::*;
use crate::model::*;

/// The plan for one run; `plan_draw` samples its distributions.
pub(super) fn resolve_plan(plan: &Plan, ids: &Ids, plan_draw: &mut Sampler) -> Result<PlanS, String> {
    let org = &plan.organisation;
    let decision_delay_s = 60.0 * plan_draw.take("plan.decision_delay_min", &org.decision_delay_min).max(0.0);
    let county_delay_s =
        60.0 * plan_draw.take("plan.county_delay_min", &plan.dispatch.county_delay_min).max(0.0);
    let agencies = org
        .agencies
        .iter()
        .map(|a| {
            let hears = match &a.hears {
                Some(h) => h.clone(),
                None => {
                    let mut h: Vec<Skill> = Vec::new();
                    for t in &a.teams {
                        let team = ids.team(t).map(|t| &ids.team_skills[t.ix()]);
                        for k in team.into_iter().flatten() {
                            if !h.contains(k) {
                                h.push(*k);
                            }
                        }
                    }
                    h
                }
            };
            AgencyS {
                id: a.id.clone(),
                name: a.name.clone(),
                channel_delay_s: 60.0
                    * plan_draw
                        .take(&format!("plan.agencies.{}.channel_delay_min", a.id), &a.channel_delay_min)
                        .max(0.0),
                hears,
            }
        })
        .collect();
    let rules = plan
        .levels
        .iter()
        .map(|r| {
            let (trigger, text) = match &r.when {
                Trigger::Warning { hazard, colour } => {
                    (TriggerS::Warning(*hazard, *colour), format!("{colour} {hazard} warning"))
                }
                Trigger::LandfallWithin { hours } => {
                    (TriggerS::LandfallWithin(*hours), format!("landfall within {hours} h"))
                }
                Trigger::GaugeAbove { gauge, stage_m } => (
                    TriggerS::GaugeAbove(ids.gauge(gauge)?, *stage_m),
                    format!("{gauge} at or above {stage_m} m"),
                ),
                Trigger::RainTotal { zone: z, window_h, mm } => (
                    TriggerS::RainTotal(z.as_deref().map(|z| ids.zone(z)).transpose()?, *window_h, *mm),
                    format!(
                        "{mm} mm of rain in {window_h} h{}",
                        z.as_ref().map_or(String::new(), |z| format!(" at {z}"))
                    ),
                ),
                Trigger::Incidents { count } => {
                    (TriggerS::Incidents(*count), format!("{count} incident(s) reported"))
                }
                Trigger::Inject { id } => {
                    ids.inject.get("inject", id)?;
                    (TriggerS::Inject(id.clone()), format!("inject {id}"))
                }
                Trigger::Decision { inject, option } => {
                    ids.inject.get("inject", inject)?;
                    (
                        TriggerS::Decision(inject.clone(), option.clone()),
                        format!("option {option} chosen at {inject}"),
                    )
                }
                Trigger::WarningBelow { hazard, colour } => {
                    (TriggerS::WarningBelow(*hazard, *colour), format!("{hazard} warning below {colour}"))
                }
                Trigger::GaugeBelow { gauge, stage_m } => {
                    (TriggerS::GaugeBelow(ids.gauge(gauge)?, *stage_m), format!("{gauge} below {stage_m} m"))
                }
                Trigger::LandfallPassed { hours } => {
                    (TriggerS::LandfallPassed(*hours), format!("{hours} h after landfall"))
                }
                Trigger::AllControlled => {
                    (TriggerS::AllControlled, format!("every reported {} incident under control", r.hazard))
                }
            };
            Ok(RuleS {
                jurisdiction: ids.jurisdiction(&r.jurisdiction)?,
                hazard: r.hazard,
                level: r.level,
                trigger,
                lower: r.change == Change::Lower,
                text,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let modules = plan
        .modules
        .iter()
        .map(|m| {
            let actions = m
                .actions
                .iter()
                .map(|a| {
                    Ok(match a {
                        Action::Evacuate { tags, zones: zs, order, assist_vulnerable, after_h } => {
                            ActionS::Evacuate {
                                tags: tags.clone(),
                                zones: ids.zones(zs)?,
                                order: *order,
                                assist: *assist_vulnerable,
                                after_s: (after_h.max(0.0) * 3600.0).round() as i64,
                            }
                        }
                        Action::OpenShelters { facilities: fs } => ActionS::OpenShelters(
                            fs.iter().map(|f| ids.facility(f)).collect::<Result<_, _>>()?,
                        ),
                        Action::PrePosition { team, to } => {
                            ActionS::PrePosition(ids.team(team)?, ids.facility(to)?)
                        }
                        Action::FiveStops => ActionS::FiveStops,
                        Action::CloseRoads { links } => {
                            ActionS::CloseRoads(links.iter().map(|l| ids.link(l)).collect::<Result<_, _>>()?)
                        }
                        Action::RequestCounty => ActionS::RequestCounty,
                        Action::ReinforceDikes { dikes, team, depot, sandbags, raise_m } => {
                            ActionS::ReinforceDikes {
                                dikes: if dikes.is_empty() {
                                    (0..ids.dikes).collect()
                                } else {
                                    dikes
                                        .iter()
                                        .map(|d| ids.dike.get("dike", d).map(|d| d as usize))
                                        .collect::<Result<_, _>>()?
                                },
                                team: ids.team(team)?,
                                depot: ids.facility(depot)?,
                                sandbags: *sandbags,
                                raise_m: *raise_m,
                            }
                        }
                        Action::Resupply { depot, items, after_h } => ActionS::Resupply(
                            ids.facility(depot)?,
                            items.iter().map(|r| (r.item, r.quantity)).collect(),
                            after_h * 3600.0,
                        ),
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            Ok(ModuleS { hazard: m.hazard, level: m.level, actions })
        })
        .collect::<Result<Vec<_>, String>>()?;

    Ok(PlanS {
        decision_delay_s,
        integrated: org.integrated,
        agencies,
        rules,
        modules,
        use_135: plan.dispatch.use_135,
        reserve_teams: plan.dispatch.reserve_teams,
        shift_limit_s: plan.dispatch.shift_limit_h * 3600.0,
        rest_per_work: plan.dispatch.rest_per_work_h,
        county_delay_s,
        standards: plan.standards.clone(),
        priorities: plan.dispatch.priorities.clone(),
        cards: cards(plan, ids)?,
    })
}

/// A fact on dense ids.
pub(super) fn fact(ids: &Ids, f: &Fact) -> Result<FactS, String> {
    Ok(match f {
        Fact::TransferOrdered { order } => FactS::TransferOrdered(order.unwrap_or(OrderKind::Advice)),
        Fact::SheltersOpen { count } => FactS::SheltersOpen(*count),
        Fact::CountyRequested => FactS::CountyRequested,
        Fact::FiveStops => FactS::FiveStops,
        Fact::TeamAt { team, facility } => FactS::TeamAt(ids.team(team)?, ids.facility(facility)?),
        Fact::RoadClosed { link } => FactS::RoadClosed(ids.link(link)?),
        Fact::TeamSent => FactS::TeamSent,
        Fact::Transferred { share } => FactS::Transferred(*share),
    })
}

/// The role cards on dense ids.
fn cards(plan: &Plan, ids: &Ids) -> Result<Vec<CardS>, String> {
    plan.role_cards
        .iter()
        .map(|c| {
            let steps = c
                .steps
                .iter()
                .map(|st| {
                    Ok(StepS {
                        text: st.text.clone(),
                        within_s: st.within_min * 60.0,
                        fact: st.done_when.as_ref().map(|f| fact(ids, f)).transpose()?,
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            Ok(CardS { role: c.role.clone(), hazard: c.hazard, level: c.level, steps })
        })
        .collect()
}
