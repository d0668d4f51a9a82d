//! Rules for a plan: on its own (ids, role cards, numbers, sizes) and against a scenario (every
//! team, zone, gauge, inject, shelter, facility and link it names).

use super::Check;
use super::scenario::{Names, jurisdiction_of};
use crate::model::Problem;
use crate::model::cards::Fact;
use crate::model::kinds::FacilityKind;
use crate::model::limits::{MAX_ACTIONS, MAX_PLAN_ITEMS};
use crate::model::load::{LoadedPlan, LoadedScenario};
use crate::model::plan::{Action, Plan, Trigger};
use std::collections::BTreeMap;

/// Every problem in a plan on its own.
pub fn validate_plan(lp: &LoadedPlan) -> Vec<Problem> {
    let mut c = Check::new(&lp.sources, lp.sources.files.len());
    let p = &lp.plan;
    sizes(&mut c, p);
    let org = &p.organisation;
    c.dist_non_negative("organisation.decision_delay_min", &org.decision_delay_min);

    c.ids("organisation.agencies", org.agencies.iter().map(|a| a.id.as_str()));
    let mut directed: BTreeMap<&str, &str> = BTreeMap::new();
    for (i, a) in org.agencies.iter().enumerate() {
        let path = format!("organisation.agencies[{i}]");
        c.dist_non_negative(&format!("{path}.channel_delay_min"), &a.channel_delay_min);
        for (j, t) in a.teams.iter().enumerate() {
            if let Some(other) = directed.insert(t.as_str(), a.id.as_str()) {
                let msg = if other == a.id {
                    format!("team \"{t}\" is listed twice")
                } else {
                    format!(
                        "team \"{t}\" is already directed by agency \"{other}\", expected one agency per team"
                    )
                };
                c.report(&format!("{path}.teams[{j}]"), Some(&super::quoted(t)), msg);
            }
        }
    }
    let roles = c.ids("organisation.roles", org.roles.iter().map(|r| r.id.as_str()));

    for (i, r) in p.levels.iter().enumerate() {
        let path = format!("levels[{i}].when");
        match &r.when {
            Trigger::LandfallWithin { hours } => c.non_negative(&format!("{path}.hours"), *hours),
            Trigger::GaugeAbove { stage_m, .. } | Trigger::GaugeBelow { stage_m, .. } => {
                c.finite(&format!("{path}.stage_m"), *stage_m)
            }
            Trigger::LandfallPassed { hours } => c.non_negative(&format!("{path}.hours"), *hours),
            Trigger::RainTotal { window_h, mm, .. } => {
                c.positive(&format!("{path}.window_h"), *window_h);
                c.non_negative(&format!("{path}.mm"), *mm);
            }
            Trigger::Incidents { count } if *count == 0 => {
                c.report(&format!("{path}.count"), None, "expected a count >= 1, found 0");
            }
            _ => {}
        }
    }

    for (i, m) in p.modules.iter().enumerate() {
        for (j, a) in m.actions.iter().enumerate() {
            if let Action::ReinforceDikes { sandbags, raise_m, .. } = a {
                c.non_negative(&format!("modules[{i}].actions[{j}].sandbags"), *sandbags);
                c.non_negative(&format!("modules[{i}].actions[{j}].raise_m"), *raise_m);
            }
            if let Action::Resupply { items, after_h, .. } = a {
                c.non_negative(&format!("modules[{i}].actions[{j}].after_h"), *after_h);
                for (k, r) in items.iter().enumerate() {
                    c.non_negative(&format!("modules[{i}].actions[{j}].items[{k}].quantity"), r.quantity);
                }
            }
            if let Action::Evacuate { tags, zones, .. } = a
                && tags.is_empty()
                && zones.is_empty()
            {
                c.report(
                    &format!("modules[{i}].actions[{j}]"),
                    None,
                    "an evacuation needs `tags` or `zones`, found neither",
                );
            }
        }
    }

    c.dist_non_negative("dispatch.county_delay_min", &p.dispatch.county_delay_min);
    let st = &p.standards;
    for (field, v) in [("tier1_min", st.tier1_min), ("tier2_min", st.tier2_min), ("tier3_min", st.tier3_min)]
    {
        c.positive(&format!("standards.{field}"), v);
    }
    c.positive("standards.circle_min", st.circle_min);
    c.share("standards.transfer_share", st.transfer_share);
    c.positive("dispatch.shift_limit_h", p.dispatch.shift_limit_h);
    c.non_negative("dispatch.rest_per_work_h", p.dispatch.rest_per_work_h);
    c.non_negative("standards.water_l_per_person_day", st.water_l_per_person_day);
    c.non_negative("standards.rations_per_person_day", st.rations_per_person_day);

    for (i, card) in p.role_cards.iter().enumerate() {
        c.refer(&format!("role_cards[{i}].role"), "role", &card.role, &roles);
        for (j, s) in card.steps.iter().enumerate() {
            c.non_negative(&format!("role_cards[{i}].steps[{j}].within_min"), s.within_min);
            if let Some(Fact::Transferred { share }) = &s.done_when {
                c.share(&format!("role_cards[{i}].steps[{j}].done_when.share"), *share);
            }
        }
    }
    c.out
}

fn sizes(c: &mut Check, p: &Plan) {
    let org = &p.organisation;
    c.limit("organisation.agencies", org.agencies.len() as u64, MAX_PLAN_ITEMS, "agencies");
    c.limit("organisation.roles", org.roles.len() as u64, MAX_PLAN_ITEMS, "roles");
    c.limit("levels", p.levels.len() as u64, MAX_PLAN_ITEMS, "level rules");
    c.limit("modules", p.modules.len() as u64, MAX_PLAN_ITEMS, "modules");
    c.limit("role_cards", p.role_cards.len() as u64, MAX_PLAN_ITEMS, "role cards");
    let actions: u64 = p.modules.iter().map(|m| m.actions.len() as u64).sum();
    c.limit("modules", actions, MAX_ACTIONS, "actions");
}

/// Every reference the plan makes that the scenario (or its map) lacks.
pub fn validate_plan_for(lp: &LoadedPlan, ls: &LoadedScenario) -> Vec<Problem> {
    let mut c = Check::new(&lp.sources, lp.sources.files.len());
    let names = Names::of(&ls.map, &ls.scenario);
    let suffix = format!(" in scenario {}", ls.sources.top());
    let sfx = suffix.as_str();
    let p = &lp.plan;

    for (i, a) in p.organisation.agencies.iter().enumerate() {
        for (j, t) in a.teams.iter().enumerate() {
            c.refer_in(&format!("organisation.agencies[{i}].teams[{j}]"), "team", t, &names.teams, sfx);
        }
    }

    for (i, r) in p.levels.iter().enumerate() {
        jurisdiction_of(&mut c, &format!("levels[{i}].jurisdiction"), &r.jurisdiction, &names.zones, sfx);
        let path = format!("levels[{i}].when");
        match &r.when {
            Trigger::GaugeAbove { gauge, .. } | Trigger::GaugeBelow { gauge, .. } => {
                c.refer_in(&format!("{path}.gauge"), "gauge", gauge, &names.gauges, sfx);
            }
            Trigger::Decision { inject, option } => {
                c.refer_in(&format!("{path}.inject"), "inject", inject, &names.injects, sfx);
                let options: Vec<String> = ls
                    .scenario
                    .injects
                    .iter()
                    .filter(|i| &i.id == inject)
                    .flat_map(|i| i.decision.iter().flat_map(|d| d.options.iter().map(|o| o.id.clone())))
                    .collect();
                if names.injects.contains(inject.as_str()) && !options.contains(option) {
                    let msg = if options.is_empty() {
                        format!("inject \"{inject}\" has no decision point{sfx}")
                    } else {
                        format!(
                            "unknown option \"{option}\" of inject \"{inject}\", expected one of: {}",
                            options.join(", ")
                        )
                    };
                    c.report(&format!("{path}.option"), Some(&super::quoted(option)), msg);
                }
            }
            Trigger::RainTotal { zone: Some(z), .. } => {
                c.refer_in(&format!("{path}.zone"), "zone", z, &names.zones, sfx);
            }
            Trigger::Inject { id } => {
                c.refer_in(&format!("{path}.id"), "inject", id, &names.injects, sfx);
            }
            _ => {}
        }
    }

    for (i, m) in p.modules.iter().enumerate() {
        for (j, a) in m.actions.iter().enumerate() {
            let path = format!("modules[{i}].actions[{j}]");
            match a {
                Action::Evacuate { zones, .. } => {
                    for (k, z) in zones.iter().enumerate() {
                        c.refer_in(&format!("{path}.zones[{k}]"), "zone", z, &names.zones, sfx);
                    }
                }
                Action::OpenShelters { facilities } => {
                    for (k, f) in facilities.iter().enumerate() {
                        let at = format!("{path}.facilities[{k}]");
                        names.facility_of(&mut c, &at, f, &[FacilityKind::Shelter], "a shelter", sfx);
                    }
                }
                Action::PrePosition { team, to } => {
                    c.refer_in(&format!("{path}.team"), "team", team, &names.teams, sfx);
                    c.refer_in(&format!("{path}.to"), "facility", to, &names.facilities, sfx);
                }
                Action::CloseRoads { links } => {
                    for (k, l) in links.iter().enumerate() {
                        c.refer_in(&format!("{path}.links[{k}]"), "link", l, &names.links, sfx);
                    }
                }
                Action::ReinforceDikes { dikes, team, depot, .. } => {
                    for (k, d) in dikes.iter().enumerate() {
                        c.refer_in(&format!("{path}.dikes[{k}]"), "dike", d, &names.dikes, sfx);
                    }
                    c.refer_in(&format!("{path}.team"), "team", team, &names.teams, sfx);
                    names.facility_of(
                        &mut c,
                        &format!("{path}.depot"),
                        depot,
                        &[FacilityKind::Depot],
                        "a depot",
                        sfx,
                    );
                }
                Action::Resupply { depot, .. } => {
                    names.facility_of(
                        &mut c,
                        &format!("{path}.depot"),
                        depot,
                        &[FacilityKind::Depot],
                        "a depot",
                        sfx,
                    );
                }
                Action::FiveStops | Action::RequestCounty => {}
            }
        }
    }

    for (i, card) in p.role_cards.iter().enumerate() {
        for (j, st) in card.steps.iter().enumerate() {
            let path = format!("role_cards[{i}].steps[{j}].done_when");
            match &st.done_when {
                Some(Fact::TeamAt { team, facility }) => {
                    c.refer_in(&format!("{path}.team"), "team", team, &names.teams, sfx);
                    c.refer_in(&format!("{path}.facility"), "facility", facility, &names.facilities, sfx);
                }
                Some(Fact::RoadClosed { link }) => {
                    c.refer_in(&format!("{path}.link"), "link", link, &names.links, sfx);
                }
                _ => {}
            }
        }
    }
    c.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::testing::{messages, plan, scenario};

    #[test]
    fn the_fixture_is_valid_alone_and_for_its_scenario() {
        let (p, s) = (plan(), scenario());
        assert_eq!(messages(&validate_plan(&p)), Vec::<String>::new());
        assert_eq!(messages(&validate_plan_for(&p, &s)), Vec::<String>::new());
    }

    #[test]
    fn role_cards_agencies_and_evacuations_on_their_own() {
        let mut p = plan();
        p.plan.role_cards[0].role = "comander".into();
        p.plan.organisation.agencies[0].teams.push("xq-team-micro".into());
        p.plan.modules[0].actions.push(Action::Evacuate {
            tags: vec![],
            zones: vec![],
            order: crate::model::OrderKind::Advice,
            assist_vulnerable: true,
            after_h: 0.0,
        });
        p.plan.standards.transfer_share = 1.2;
        let out = messages(&validate_plan(&p));
        assert_eq!(
            out,
            [
                "organisation.agencies[0].teams[2]: team \"xq-team-micro\" is listed twice",
                "modules[0].actions[1]: an evacuation needs `tags` or `zones`, found neither",
                "standards.transfer_share: expected a share between 0 and 1, found 1.2",
                "role_cards[0].role: unknown role \"comander\" (did you mean \"commander\"?)",
            ]
        );
    }

    #[test]
    fn every_name_the_plan_uses_must_be_in_the_scenario() {
        let (mut p, s) = (plan(), scenario());
        p.plan.organisation.agencies[0].teams[0] = "xq-team-rescu".into();
        p.plan.levels[0].jurisdiction = "village".into();
        p.plan.levels[3].when = Trigger::GaugeAbove { gauge: "xq-guage".into(), stage_m: 9.5 };
        p.plan.levels[4].when = Trigger::RainTotal { zone: Some("xq-bei".into()), window_h: 3.0, mm: 50.0 };
        p.plan.levels[5].when = Trigger::Inject { id: "xq-inj-2".into() };
        p.plan.modules[0].actions[0] = Action::OpenShelters { facilities: vec!["xq-depot".into()] };
        p.plan.modules[1].actions[2] =
            Action::PrePosition { team: "xq-team-micro".into(), to: "xq-statio".into() };
        p.plan.modules[2].actions[1] = Action::CloseRoads { links: vec!["l-centre-eats".into()] };
        let out = messages(&validate_plan_for(&p, &s));
        let sfx = " in scenario ";
        let expected = [
            "organisation.agencies[0].teams[0]: unknown team \"xq-team-rescu\" (did you mean \"xq-team-rescue\"?)",
            "levels[0].jurisdiction: unknown jurisdiction \"village\"",
            "levels[3].when.gauge: unknown gauge \"xq-guage\" (did you mean \"xq-gauge\"?)",
            "levels[4].when.zone: unknown zone \"xq-bei\"",
            "levels[5].when.id: unknown inject \"xq-inj-2\" (did you mean \"xq-inj-1\"?)",
            "modules[0].actions[0].facilities[0]: facility \"xq-depot\" is a depot, expected a shelter",
            "modules[1].actions[2].to: unknown facility \"xq-statio\" (did you mean \"xq-station\"?)",
            "modules[2].actions[1].links[0]: unknown link \"l-centre-eats\" (did you mean \"l-centre-east\"?)",
        ];
        assert_eq!(out.len(), expected.len(), "{out:#?}");
        for (o, e) in out.iter().zip(expected) {
            assert!(o.starts_with(e) && o.contains(sfx), "{o}\nexpected {e}");
        }
    }

    #[test]
    fn decision_triggers_and_role_card_facts_name_what_the_scenario_has() {
        let (mut p, s) = (plan(), scenario());
        p.plan.levels[5].when = Trigger::Decision { inject: "xq-inj-1".into(), option: "clean".into() };
        p.plan.role_cards[0].steps[0].done_when =
            Some(Fact::TeamAt { team: "xq-team-rescue".into(), facility: "xq-shelter".into() });
        let out = messages(&validate_plan_for(&p, &s));
        assert_eq!(out.len(), 2, "{out:#?}");
        assert!(out[0].starts_with(
            "levels[5].when.option: unknown option \"clean\" of inject \"xq-inj-1\", expected one of: clear, wait"
        ));
        assert!(
            out[1].starts_with("role_cards[0].steps[0].done_when.facility: unknown facility \"xq-shelter\"")
        );
        p.plan.role_cards[0].steps[0].done_when = Some(Fact::Transferred { share: 1.5 });
        let out = messages(&validate_plan(&p));
        assert_eq!(
            out,
            ["role_cards[0].steps[0].done_when.share: expected a share between 0 and 1, found 1.5"]
        );
    }
}
