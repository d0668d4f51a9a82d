//! Rules for a scenario: teams, supplies, behaviour, transfer, injects and their effects, times,
//! sizes; the hazards are in `hazards.rs`. The scenario's map is validated with it.

use super::map::{kind_name, validate_map};
use super::times::{Clock, Span};
use super::{Check, hazards};
use crate::model::Problem;
use crate::model::cards::Fact;
use crate::model::kinds::FacilityKind;
use crate::model::limits::*;
use crate::model::load::LoadedScenario;
use crate::model::map::Map;
use crate::model::scenario::{Deadline, Effect, Scenario};
use std::collections::{BTreeMap, BTreeSet};

/// The ids a scenario may name: its map's, and its own teams and injects.
pub(super) struct Names<'a> {
    pub zones: BTreeSet<&'a str>,
    pub nodes: BTreeSet<&'a str>,
    pub links: BTreeSet<&'a str>,
    pub gauges: BTreeSet<&'a str>,
    pub reservoirs: BTreeSet<&'a str>,
    pub facilities: BTreeSet<&'a str>,
    /// Each facility's kind (the first, if an id is duplicated).
    pub kinds: BTreeMap<&'a str, FacilityKind>,
    pub dikes: BTreeSet<&'a str>,
    pub teams: BTreeSet<&'a str>,
    pub injects: BTreeSet<&'a str>,
}

impl<'a> Names<'a> {
    /// The names of a map and a scenario (duplicates are reported elsewhere).
    pub fn of(map: &'a Map, s: &'a Scenario) -> Names<'a> {
        let set = |it: &mut dyn Iterator<Item = &'a str>| it.collect::<BTreeSet<_>>();
        Names {
            zones: set(&mut map.zones.iter().map(|z| z.id.as_str())),
            nodes: set(&mut map.nodes.iter().map(|n| n.id.as_str())),
            links: set(&mut map.links.iter().map(|l| l.id.as_str())),
            gauges: set(&mut map.gauges.iter().map(|g| g.id.as_str())),
            reservoirs: set(&mut map.reservoirs.iter().map(|r| r.id.as_str())),
            dikes: set(&mut map.dikes.iter().map(|d| d.id.as_str())),
            facilities: set(&mut map.facilities.iter().map(|f| f.id.as_str())),
            kinds: map.facilities.iter().rev().map(|f| (f.id.as_str(), f.kind)).collect(),
            teams: set(&mut s.teams.iter().map(|t| t.id.as_str())),
            injects: set(&mut s.injects.iter().map(|i| i.id.as_str())),
        }
    }

    /// Report `id` unless it is a facility of one of `kinds`; `expected` names them
    /// ("a shelter"). True if it is.
    pub fn facility_of(
        &self,
        c: &mut Check,
        path: &str,
        id: &str,
        kinds: &[FacilityKind],
        expected: &str,
        suffix: &str,
    ) -> bool {
        if !c.refer_in(path, "facility", id, &self.facilities, suffix) {
            return false;
        }
        match self.kinds.get(id) {
            Some(k) if !kinds.contains(k) => {
                let msg = format!("facility \"{id}\" is a {}, expected {expected}{suffix}", kind_name(*k));
                c.report(path, Some(&super::quoted(id)), msg);
                false
            }
            _ => true,
        }
    }
}

/// Every problem in a scenario and its map (the scenario's first, then the map's).
pub fn validate_scenario(ls: &LoadedScenario) -> Vec<Problem> {
    let chain = ls.sources.files.len().saturating_sub(ls.map_sources.files.len()).max(1);
    let mut c = Check::new(&ls.sources, chain);
    let s = &ls.scenario;
    let names = Names::of(&ls.map, s);
    let clock = Clock::check(&mut c, s);
    sizes(&mut c, s);

    c.ids("teams", s.teams.iter().map(|t| t.id.as_str()));
    for (i, t) in s.teams.iter().enumerate() {
        let p = format!("teams[{i}]");
        names.facility_of(
            &mut c,
            &format!("{p}.station"),
            &t.station,
            &[FacilityKind::Station],
            "a station",
            "",
        );
        if t.members < 1 {
            c.report(&format!("{p}.members"), None, "expected at least 1 member, found 0");
        }
        if let Some(d) = t.on_duty
            && d > t.members
        {
            c.report(
                &format!("{p}.on_duty"),
                None,
                format!("expected on_duty <= members ({}), found {d}", t.members),
            );
        }
        for (j, v) in t.vehicles.iter().enumerate() {
            c.non_negative(&format!("{p}.vehicles[{j}].tank_l"), v.tank_l);
        }
        c.dist_non_negative(&format!("{p}.turnout_s"), &t.turnout_s);
        c.positive(&format!("{p}.speed_factor"), t.speed_factor);
    }

    for (i, st) in s.supplies.iter().enumerate() {
        let p = format!("supplies[{i}]");
        let kinds = [FacilityKind::Depot, FacilityKind::Shelter];
        names.facility_of(&mut c, &format!("{p}.facility"), &st.facility, &kinds, "a depot or a shelter", "");
        c.non_negative(&format!("{p}.quantity"), st.quantity);
    }

    behaviour(&mut c, s);
    hazards::check(&mut c, &clock, &names, s);

    let tr = &s.transfer;
    for (j, z) in tr.zones.iter().enumerate() {
        c.refer(&format!("transfer.zones[{j}]"), "zone", z, &names.zones);
    }
    match &tr.deadline {
        Some(Deadline::Landfall { hours_before }) => {
            c.non_negative("transfer.deadline.hours_before", *hours_before);
            if s.hazards.landfall.is_none() {
                c.report(
                    "transfer.deadline",
                    None,
                    "a deadline by landfall needs `hazards.landfall`, found none",
                );
            }
        }
        Some(Deadline::FloodDepth { depth_m }) => c.non_negative("transfer.deadline.depth_m", *depth_m),
        Some(Deadline::Fixed { at }) => {
            clock.when(&mut c, "transfer.deadline.at", at, Span::Run);
        }
        Some(Deadline::FireFront) | None => {}
    }

    injects(&mut c, &clock, &names, s);

    let mut out = c.out;
    out.extend(validate_map(&ls.map, &ls.map_sources));
    out
}

fn sizes(c: &mut Check, s: &Scenario) {
    c.limit("teams", s.teams.len() as u64, MAX_TEAMS, "teams");
    c.limit("supplies", s.supplies.len() as u64, MAX_SUPPLIES, "supply stocks");
    c.limit("injects", s.injects.len() as u64, MAX_INJECTS, "injects");
    c.limit("hazards.fires", s.hazards.fires.len() as u64, MAX_FIRES, "fires");
    let values: u64 = s.hazards.rain.iter().map(|r| r.mm.len() as u64).sum::<u64>()
        + s.hazards.gauges.iter().map(|g| g.stage_m.len() as u64).sum::<u64>();
    c.limit("hazards", values, MAX_SERIES_VALUES, "series values");
    if let Some(t) = &s.hazards.typhoon {
        c.limit("hazards.typhoon.points", t.points.len() as u64, MAX_TRACK_POINTS, "track points");
    }
}

fn behaviour(c: &mut Check, s: &Scenario) {
    let b = &s.behaviour;
    let p = |f: &str| format!("behaviour.{f}");
    c.dist_non_negative(&p("warning_p_per_min"), &b.warning_p_per_min);
    c.dist_non_negative(&p("warning_q_per_min"), &b.warning_q_per_min);
    c.dist_share(&p("warning_reach_day"), &b.warning_reach_day);
    c.dist_share(&p("warning_reach_night"), &b.warning_reach_night);
    c.dist_non_negative(&p("knock_s_per_household"), &b.knock_s_per_household);
    c.dist_share(&p("compliance_organised"), &b.compliance_organised);
    c.dist_share(&p("compliance_mandatory"), &b.compliance_mandatory);
    c.dist_share(&p("compliance_sweep"), &b.compliance_sweep);
    c.dist_share(&p("compliance_advice"), &b.compliance_advice);
    c.dist_share(&p("compliance_visible_danger"), &b.compliance_visible_danger);
    c.dist_share(&p("shelter_share"), &b.shelter_share);
    c.dist_non_negative(&p("prep_sigma_min"), &b.prep_sigma_min);
    c.dist_positive(&p("walk_speed_mps"), &b.walk_speed_mps);
    c.dist_positive(&p("assisted_speed_mps"), &b.assisted_speed_mps);
    c.dist_non_negative(&p("escort_min"), &b.escort_min);
    c.dist_positive(&p("patrol_round_min"), &b.patrol_round_min);
}

fn injects(c: &mut Check, clock: &Clock, names: &Names, s: &Scenario) {
    c.ids("injects", s.injects.iter().map(|i| i.id.as_str()));
    for (i, inj) in s.injects.iter().enumerate() {
        let p = format!("injects[{i}]");
        clock.when(c, &format!("{p}.at"), &inj.at, Span::Run);
        if let Some(e) = &inj.effect {
            effect(c, names, &format!("{p}.effect"), e);
        }
        if let Some(of) = &inj.contingency_for {
            c.refer(&format!("{p}.contingency_for"), "inject", of, &names.injects);
            if of == &inj.id {
                c.report(&format!("{p}.contingency_for"), None, "an inject cannot stand in for itself");
            }
        }
        if let Some(f) = &inj.unless {
            fact(c, names, &format!("{p}.unless"), f);
        }
        let Some(d) = &inj.decision else { continue };
        let p = format!("{p}.decision");
        if d.options.is_empty() {
            c.report(&format!("{p}.options"), None, "a decision needs at least one option, found none");
        }
        let options = c.ids(&format!("{p}.options"), d.options.iter().map(|o| o.id.as_str()));
        if !d.options.is_empty() {
            c.refer(&format!("{p}.default"), "option", &d.default, &options);
        }
        for (j, o) in d.options.iter().enumerate() {
            if let Some(e) = &o.effect {
                effect(c, names, &format!("{p}.options[{j}].effect"), e);
            }
        }
    }
}

/// The fact a contingency inject waits for.
fn fact(c: &mut Check, names: &Names, p: &str, f: &Fact) {
    match f {
        Fact::TeamAt { team, facility } => {
            c.refer(&format!("{p}.team"), "team", team, &names.teams);
            c.refer(&format!("{p}.facility"), "facility", facility, &names.facilities);
        }
        Fact::RoadClosed { link } => {
            c.refer(&format!("{p}.link"), "link", link, &names.links);
        }
        Fact::Transferred { share } => c.share(&format!("{p}.share"), *share),
        Fact::TransferOrdered { .. } | Fact::SheltersOpen { .. } | Fact::CountyRequested => {}
        Fact::FiveStops | Fact::TeamSent => {}
    }
}

/// An inject's or a decision option's effect.
fn effect(c: &mut Check, names: &Names, p: &str, e: &Effect) {
    match e {
        Effect::Call { zone, people, priority, service_min, .. } => {
            c.refer(&format!("{p}.zone"), "zone", zone, &names.zones);
            if *people == 0 {
                c.report(&format!("{p}.people"), None, "expected at least 1 person, found 0");
            }
            if !(1..=5).contains(priority) {
                c.report(
                    &format!("{p}.priority"),
                    Some(&priority.to_string()),
                    format!("expected a priority from 1 to 5, found {priority}"),
                );
            }
            c.non_negative(&format!("{p}.service_min"), *service_min);
        }
        Effect::Warning { .. } => {}
        Effect::RoadCut { link } => {
            c.refer(&format!("{p}.link"), "link", link, &names.links);
        }
        Effect::TeamUnavailable { team } => {
            c.refer(&format!("{p}.team"), "team", team, &names.teams);
        }
        Effect::ShelterClosed { facility } => {
            names.facility_of(
                c,
                &format!("{p}.facility"),
                facility,
                &[FacilityKind::Shelter],
                "a shelter",
                "",
            );
        }
        Effect::Evacuate { zones, .. } => {
            if zones.is_empty() {
                c.report(&format!("{p}.zones"), None, "expected at least one zone to evacuate, found none");
            }
            for (j, z) in zones.iter().enumerate() {
                c.refer(&format!("{p}.zones[{j}]"), "zone", z, &names.zones);
            }
        }
        Effect::SetLevel { jurisdiction, .. } => {
            if let Some(j) = jurisdiction {
                jurisdiction_of(c, &format!("{p}.jurisdiction"), j, &names.zones, "");
            }
        }
    }
}

/// A jurisdiction: `"township"`, `"county"` or a zone id.
pub(super) fn jurisdiction_of(c: &mut Check, path: &str, j: &str, zones: &BTreeSet<&str>, suffix: &str) {
    if j == "township" || j == "county" || zones.contains(j) {
        return;
    }
    let near = crate::model::error::nearest(j, zones.iter().copied().chain(["township", "county"]));
    let hint = near.map_or(String::new(), |n| format!(" (did you mean \"{n}\"?)"));
    c.report(
        path,
        Some(&super::quoted(j)),
        format!("unknown jurisdiction \"{j}\"{hint}{suffix}, expected \"township\", \"county\" or a zone id"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level;
    use crate::model::calendar::When;
    use crate::model::dist::Dist;
    use crate::model::validate::testing::{messages, scenario};

    #[test]
    fn the_fixture_is_valid() {
        assert_eq!(messages(&validate_scenario(&scenario())), Vec::<String>::new());
    }

    #[test]
    fn teams_need_a_station_of_kind_station_and_sound_counts() {
        let mut s = scenario();
        s.scenario.teams[0].station = "xq-depot".into();
        s.scenario.teams[1].station = "xq-statoin".into();
        s.scenario.teams[1].members = 0;
        s.scenario.teams[1].on_duty = Some(3);
        s.scenario.supplies[0].facility = "xq-station".into();
        let out = validate_scenario(&s);
        assert_eq!(
            messages(&out),
            [
                "teams[0].station: facility \"xq-depot\" is a depot, expected a station",
                "teams[1].station: unknown facility \"xq-statoin\" (did you mean \"xq-station\"?)",
                "teams[1].members: expected at least 1 member, found 0",
                "teams[1].on_duty: expected on_duty <= members (0), found 3",
                "supplies[0].facility: facility \"xq-station\" is a station, expected a depot or a shelter",
            ]
        );
        // Placed at the value in the scenario file, not at the map's own mention of the id.
        assert!(out[0].file.ends_with("scenario.ron") && out[0].pos.is_some(), "{}", out[0]);
    }

    #[test]
    fn contingency_injects_name_an_inject_and_a_fact_of_the_scenario() {
        let mut s = scenario();
        let inj = &mut s.scenario.injects[0];
        inj.contingency_for = Some("xq-inj-2".into());
        inj.unless =
            Some(Fact::TeamAt { team: "xq-team-resuce".into(), facility: "xq-shelter-school".into() });
        inj.effect = Some(Effect::Call {
            zone: "xq-dongcum".into(),
            what: "an injured man".into(),
            skill: crate::model::Skill::Medical,
            people: 1,
            priority: 7,
            service_min: 20.0,
        });
        assert_eq!(
            messages(&validate_scenario(&s)),
            [
                "injects[0].effect.zone: unknown zone \"xq-dongcum\" (did you mean \"xq-dongcun\"?)",
                "injects[0].effect.priority: expected a priority from 1 to 5, found 7",
                "injects[0].contingency_for: unknown inject \"xq-inj-2\" (did you mean \"xq-inj-1\"?)",
                "injects[0].unless.team: unknown team \"xq-team-resuce\" (did you mean \"xq-team-rescue\"?)",
            ]
        );
    }

    #[test]
    fn decisions_name_their_default_and_effects_resolve() {
        let mut s = scenario();
        let inj = &mut s.scenario.injects[0];
        inj.at = When("D5 10:00".into());
        inj.effect = Some(Effect::ShelterClosed { facility: "xq-depot".into() });
        let d = inj.decision.as_mut().unwrap();
        d.default = "wiat".into();
        d.options[1].id = "clear".into();
        d.options[0].effect = Some(Effect::SetLevel {
            level: Level::II,
            jurisdiction: Some("xq-dongcum".into()),
            hazard: None,
        });
        let out = messages(&validate_scenario(&s));
        assert_eq!(
            out,
            [
                "injects[0].at: time \"D5 10:00\" is after the end of the scenario (72 h)",
                "injects[0].effect.facility: facility \"xq-depot\" is a depot, expected a shelter",
                "injects[0].decision.options[1].id: duplicate id \"clear\"",
                "injects[0].decision.default: unknown option \"wiat\"",
                "injects[0].decision.options[0].effect.jurisdiction: unknown jurisdiction \"xq-dongcum\" \
                 (did you mean \"xq-dongcun\"?), expected \"township\", \"county\" or a zone id",
            ]
        );
    }

    #[test]
    fn shares_deadlines_and_the_clock() {
        let mut s = scenario();
        s.scenario.behaviour.compliance_advice = Dist::Normal { mean: 0.4, sd: 0.1 };
        s.scenario.behaviour.walk_speed_mps = Dist::Uniform { lo: 0.0, hi: 1.2 };
        s.scenario.hazards.landfall = None;
        s.scenario.tick_s = 11;
        let out = messages(&validate_scenario(&s));
        assert_eq!(
            out,
            [
                "tick_s: expected a tick of 10 to 600 s that divides 3600, found 11",
                "behaviour.compliance_advice: expected a share between 0 and 1, but Normal(mean: 0.4, sd: 0.1) \
                 can draw values from -inf to inf",
                "behaviour.walk_speed_mps: expected values > 0, found Uniform(lo: 0, hi: 1.2)",
                "transfer.deadline: a deadline by landfall needs `hazards.landfall`, found none",
            ]
        );
    }

    #[test]
    fn map_problems_come_with_the_scenario() {
        let mut s = scenario();
        s.map.zones[1].car_share = 1.4;
        let out = validate_scenario(&s);
        assert_eq!(messages(&out), ["zones[1].car_share: expected a share between 0 and 1, found 1.4"]);
        assert!(out[0].file.ends_with("map.ron"), "{}", out[0]);
    }
}
