//! The audit's result — one section per check and the findings — and the function that runs
//! every check.

use super::{levels, micro, shelters, supplies, teams};
use crate::model::Plan;
use crate::run::Inputs;

/// Which check a finding comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Check {
    /// Team sizes against the 20-person rule and the micro-station norms.
    Teams,
    /// Shelter capacity against the people who should be sheltered.
    Shelters,
    /// Stocks against the supply norms for N days.
    Supplies,
    /// An action for every hazard and response level.
    Levels,
    /// A micro fire station for every built-up area and industrial park.
    MicroStations,
}

impl Check {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Check::Teams => "teams",
            Check::Shelters => "shelters",
            Check::Supplies => "supplies",
            Check::Levels => "levels",
            Check::MicroStations => "micro_stations",
        }
    }
}

/// One rule not met, with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub check: Check,
    /// What was measured, its unit in the name: `members`, `capacity_people`, `water_l`,
    /// `actions` (of a hazard at a level), `response_min`.
    pub what: String,
    /// The value found, in the unit of `what`.
    pub value: f64,
    /// The rule or the need it falls short of, in the same unit.
    pub threshold: f64,
    /// The places, teams or hazard and level concerned (ids).
    pub ids: Vec<String>,
    /// The finding in words.
    pub text: String,
}

/// The audit of a plan against a scenario's township.
#[derive(Debug, Clone, PartialEq)]
pub struct Audit {
    pub scenario: String,
    pub plan: String,
    /// Days the stocks are checked for.
    pub days: f64,
    pub teams: teams::Teams,
    pub shelters: shelters::Shelters,
    pub supplies: supplies::Supplies,
    pub levels: levels::Levels,
    pub micro: micro::Micro,
    /// Every finding, check by check.
    pub findings: Vec<Finding>,
}

/// Why an audit cannot be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AuditError {
    #[error("--days: expected a positive number of days, got {0}")]
    Days(f64),
}

/// The number of days the stocks are checked for, if it is one (finite and above zero).
pub fn check_days(days: f64) -> Result<f64, AuditError> {
    if days.is_finite() && days > 0.0 { Ok(days) } else { Err(AuditError::Days(days)) }
}

/// Audit `inputs` (a validated scenario and plan), with the stocks checked for `days` days.
/// Nothing is simulated: every number comes from the files, distributions at their medians.
pub fn audit(inputs: &Inputs, days: f64) -> Audit {
    let mut findings = Vec::new();
    let teams = teams::check(inputs, &mut findings);
    let shelters = shelters::check(inputs, &mut findings);
    let supplies = supplies::check(inputs, &shelters, days, &mut findings);
    let levels = levels::check(inputs, &mut findings);
    let micro = micro::check(inputs, &mut findings);
    Audit {
        scenario: inputs.scenario.scenario.name.clone(),
        plan: inputs.plan.plan.name.clone(),
        days,
        teams,
        shelters,
        supplies,
        levels,
        micro,
        findings,
    }
}

/// The agency of the plan that directs a team (the first that lists it), if any.
pub(super) fn agency_of<'a>(plan: &'a Plan, team: &str) -> Option<&'a str> {
    plan.organisation.agencies.iter().find(|a| a.teams.iter().any(|t| t == team)).map(|a| a.id.as_str())
}

/// Whether the plan puts a team to work: an agency directs it, or the plan names no agencies
/// (every team counts, as in `drill coverage` without a plan). The dispatcher sends only
/// teams an agency directs (engine/command/dispatch.rs).
pub(super) fn staffed(plan: &Plan, team: &str) -> bool {
    plan.organisation.agencies.is_empty() || agency_of(plan, team).is_some()
}

#[cfg(test)]
pub(super) mod fixture {
    use crate::run::Inputs;
    use std::path::Path;

    /// The mini township (tests/fixtures/mini) with its plan: tests change it in memory.
    pub fn mini() -> Inputs {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        crate::run::load_inputs(&root.join("scenario.ron"), &root.join("plan.ron"))
            .expect("the mini fixture loads")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_must_be_positive_and_finite() {
        assert_eq!(check_days(3.0), Ok(3.0));
        assert_eq!(check_days(0.5), Ok(0.5));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(check_days(bad).is_err(), "{bad}");
        }
        assert_eq!(AuditError::Days(-2.0).to_string(), "--days: expected a positive number of days, got -2");
    }

    #[test]
    fn the_mini_township_audit_runs_and_names_its_inputs() {
        let a = audit(&fixture::mini(), 3.0);
        assert_eq!(a.plan, "Xiaoqiao comprehensive plan (test fixture)");
        assert_eq!(a.scenario, "Xiaoqiao typhoon (test fixture)");
        assert!(!a.findings.is_empty());
        // Findings come check by check, in the order the checks run.
        assert!(a.findings.windows(2).all(|w| w[0].check <= w[1].check));
    }
}
