//! Check 1, team sizes: the township comprehensive rescue team against the 20-person rule, the
//! micro fire stations against their staffing norm, and every team with its members.

use super::checks::{Check, Finding, agency_of};
use crate::model::TeamKind;
use crate::run::Inputs;

/// The township comprehensive emergency rescue team (综合应急救援队伍) has at least 20 members:
/// the policy's "≥20" (reference/domain.md §4, "Township comprehensive rescue team", sourced to
/// 139em.com; the 2022 Zhuji policy in seed/, §4(4), as scenarios/fengqiao/township.ron cites it).
pub const RESCUE_TEAM_MIN_MEMBERS: u32 = 20;

/// A community micro fire station has a station chief and at least 5 members (reference/domain.md
/// §4, "Community micro fire station", sourced to jianbiaoku.com and 119xft.com).
pub const MICRO_STATION_MIN_MEMBERS: u32 = 6;

/// A micro fire station keeps at least 3 people on each shift, on duty 24 h (same source).
pub const MICRO_STATION_MIN_ON_DUTY: u32 = 3;

/// A team as the scenario gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamRow {
    pub team: String,
    pub kind: TeamKind,
    pub station: String,
    pub members: u32,
    /// People on duty per shift (all members when the scenario does not say).
    pub on_duty: u32,
    /// The plan's agency that directs it; none: the plan never sends it.
    pub agency: Option<String>,
}

/// The township comprehensive rescue team at one station: its squads and their sum. The scenario
/// may model one team as several squads at its station (Fengqiao: 18 + 6), so the rule is on the
/// sum of the comprehensive-rescue teams of a station.
#[derive(Debug, Clone, PartialEq)]
pub struct RescueTeam {
    pub station: String,
    /// (team id, members) of each squad.
    pub squads: Vec<(String, u32)>,
    pub members: u32,
}

/// The teams section.
#[derive(Debug, Clone, PartialEq)]
pub struct Teams {
    pub rows: Vec<TeamRow>,
    pub rescue: Vec<RescueTeam>,
}

/// Every team, the rescue team by station against [`RESCUE_TEAM_MIN_MEMBERS`], each micro fire
/// team against [`MICRO_STATION_MIN_MEMBERS`] and [`MICRO_STATION_MIN_ON_DUTY`].
pub fn check(inputs: &Inputs, findings: &mut Vec<Finding>) -> Teams {
    let plan = &inputs.plan.plan;
    let rows: Vec<TeamRow> = inputs
        .scenario
        .scenario
        .teams
        .iter()
        .map(|t| TeamRow {
            team: t.id.clone(),
            kind: t.kind,
            station: t.station.clone(),
            members: t.members,
            on_duty: t.on_duty.unwrap_or(t.members).min(t.members),
            agency: agency_of(plan, &t.id).map(str::to_string),
        })
        .collect();
    let mut rescue: Vec<RescueTeam> = Vec::new();
    for r in rows.iter().filter(|r| r.kind == TeamKind::ComprehensiveRescue) {
        match rescue.iter_mut().find(|g| g.station == r.station) {
            Some(g) => {
                g.squads.push((r.team.clone(), r.members));
                g.members += r.members;
            }
            None => rescue.push(RescueTeam {
                station: r.station.clone(),
                squads: vec![(r.team.clone(), r.members)],
                members: r.members,
            }),
        }
    }
    let min = RESCUE_TEAM_MIN_MEMBERS;
    if rescue.is_empty() {
        findings.push(Finding {
            check: Check::Teams,
            what: "members".into(),
            value: 0.0,
            threshold: f64::from(min),
            ids: Vec::new(),
            text: format!("the township has no comprehensive rescue team (kind comprehensive_rescue); the rule asks for one of at least {min} people"),
        });
    }
    for g in rescue.iter().filter(|g| g.members < min) {
        findings.push(Finding {
            check: Check::Teams,
            what: "members".into(),
            value: f64::from(g.members),
            threshold: f64::from(min),
            ids: g.squads.iter().map(|(t, _)| t.clone()).collect(),
            text: format!(
                "{}: the comprehensive rescue team has {} members ({}), below the {min}-person rule",
                g.station,
                g.members,
                squads(g)
            ),
        });
    }
    for r in rows.iter().filter(|r| r.kind == TeamKind::MicroFire) {
        if r.members < MICRO_STATION_MIN_MEMBERS {
            findings.push(Finding {
                check: Check::Teams,
                what: "members".into(),
                value: f64::from(r.members),
                threshold: f64::from(MICRO_STATION_MIN_MEMBERS),
                ids: vec![r.team.clone(), r.station.clone()],
                text: format!(
                    "{}: the micro fire station has {} members, below the norm of a chief and 5 members ({MICRO_STATION_MIN_MEMBERS})",
                    r.team, r.members
                ),
            });
        }
        if r.on_duty < MICRO_STATION_MIN_ON_DUTY {
            findings.push(Finding {
                check: Check::Teams,
                what: "on_duty".into(),
                value: f64::from(r.on_duty),
                threshold: f64::from(MICRO_STATION_MIN_ON_DUTY),
                ids: vec![r.team.clone(), r.station.clone()],
                text: format!(
                    "{}: the micro fire station keeps {} on duty, below the norm of {MICRO_STATION_MIN_ON_DUTY} per shift",
                    r.team, r.on_duty
                ),
            });
        }
    }
    Teams { rows, rescue }
}

/// "t-a 18 + t-b 6".
pub(super) fn squads(g: &RescueTeam) -> String {
    g.squads.iter().map(|(t, m)| format!("{t} {m}")).collect::<Vec<_>>().join(" + ")
}

#[cfg(test)]
mod tests {
    use super::super::checks::fixture::mini;
    use super::*;

    fn run(inputs: &Inputs) -> (Teams, Vec<Finding>) {
        let mut f = Vec::new();
        (check(inputs, &mut f), f)
    }

    fn set_members(inputs: &mut Inputs, team: &str, members: u32) {
        let t = inputs.scenario.scenario.teams.iter_mut().find(|t| t.id == team).unwrap();
        t.members = members;
    }

    #[test]
    fn a_rescue_team_of_19_is_below_the_rule_and_20_is_not() {
        let mut inputs = mini();
        set_members(&mut inputs, "xq-team-rescue", 19);
        let (teams, f) = run(&inputs);
        assert_eq!(teams.rescue[0].members, 19);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].value, f[0].threshold), (19.0, 20.0));
        assert_eq!(f[0].ids, ["xq-team-rescue"]);
        assert!(f[0].text.starts_with("xq-station: the comprehensive rescue team has 19 members"));

        set_members(&mut inputs, "xq-team-rescue", 20);
        let (teams, f) = run(&inputs);
        assert!(f.is_empty(), "{f:?}");
        // Every team is reported with its members and agency.
        assert_eq!(teams.rows.len(), 2);
        assert_eq!(teams.rows[1].members, 6);
        assert_eq!(teams.rows[1].agency.as_deref(), Some("xq-ers"));
    }

    #[test]
    fn squads_at_one_station_add_up_to_one_team() {
        let mut inputs = mini();
        set_members(&mut inputs, "xq-team-rescue", 14);
        let mut boat = inputs.scenario.scenario.teams[0].clone();
        boat.id = "xq-team-boat".into();
        boat.members = 6;
        inputs.scenario.scenario.teams.push(boat);
        let (teams, f) = run(&inputs);
        assert_eq!(teams.rescue.len(), 1);
        assert_eq!(teams.rescue[0].members, 20);
        assert_eq!(squads(&teams.rescue[0]), "xq-team-rescue 14 + xq-team-boat 6");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn no_rescue_team_at_all_is_a_finding() {
        let mut inputs = mini();
        inputs.scenario.scenario.teams.retain(|t| t.kind != TeamKind::ComprehensiveRescue);
        let (_, f) = run(&inputs);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].value, 0.0);
    }

    #[test]
    fn a_micro_station_of_5_or_with_2_on_duty_is_below_its_norm() {
        let mut inputs = mini();
        set_members(&mut inputs, "xq-team-micro", 5);
        inputs.scenario.scenario.teams[1].on_duty = Some(2);
        let (_, f) = run(&inputs);
        let what: Vec<&str> = f.iter().map(|f| f.what.as_str()).collect();
        assert_eq!(what, ["members", "on_duty"]);
        set_members(&mut inputs, "xq-team-micro", 6);
        inputs.scenario.scenario.teams[1].on_duty = Some(3);
        assert!(run(&inputs).1.is_empty());
    }
}
