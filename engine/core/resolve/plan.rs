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
        .map(|a| AgencyS {
            id: a.id.clone(),
            name: a.name.clone(),
            channel_delay_s: 60.0
                * plan_draw
                    .take(&format!("plan.agencies.{}.channel_delay_min", a.id), &a.channel_delay_min)
                    .max(0.0),
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
                    (TriggerS::Inject(ids.inject.get("inject", id)? as usize), format!("inject {id}"))
                }
            };
            Ok(RuleS {
                jurisdiction: ids.jurisdiction(&r.jurisdiction)?,
                hazard: r.hazard,
                level: r.level,
                trigger,
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
                        Action::Evacuate { tags, zones: zs, order, .. } => {
                            ActionS::Evacuate { tags: tags.clone(), zones: ids.zones(zs)?, order: *order }
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
    })
}
