//! The plan's evaluation section: the capabilities a drill is rated on (HSEEP core capabilities
//! as the policy names them), each with capability targets tied to metrics, the role-card roles
//! and the harm and shortage metrics that bear on it; the P/S/M/U rule's margin, the points per
//! rating and the AQ/T 9009 grade bands. Every part has a default (DESIGN §8).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a drill is rated (`evaluation` in the plan). Default: the policy's six capabilities.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Evaluation {
    /// Capabilities rated. Default (empty): the policy's six — monitoring and warning, command
    /// and coordination, evacuation and sheltering, rescue and fire-fighting, logistics,
    /// information reporting — with targets from the plan's standards.
    pub capabilities: Vec<Capability>,
    /// A met target whose value is within this share of its threshold is a challenge (S).
    /// Default 0.1.
    pub near_share: f64,
    /// Points per rating, P / S / M / U. Default 100 / 75 / 50 / 0.
    pub points: [f64; 4],
    /// Score from which the AQ/T 9009 grade is 5 (excellent). Default 85.
    pub excellent_from: f64,
    /// Score from which the grade is 3 (pass); below, 1 (poor). Default 60.
    pub pass_from: f64,
}

/// A capability and what it is judged on.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Capability {
    /// Unique id, e.g. `"evacuation_sheltering"`.
    pub id: String,
    /// Readable name.
    pub name: String,
    /// Chinese name. Default: none.
    #[serde(default)]
    pub name_zh: Option<String>,
    /// Weight in the score. Default 1.
    #[serde(default = "one")]
    pub weight: f64,
    /// Capability targets; a target whose metric the run did not produce is not applicable.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Role-card roles whose steps belong to it. Default: none.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Metrics of harm attributable to it (deaths, casualties): above zero, a major challenge.
    /// Default: none.
    #[serde(default)]
    pub harm: Vec<String>,
    /// Metrics of shortage: above zero, a challenge. Default: none.
    #[serde(default)]
    pub shortage: Vec<String>,
    /// A critical task: some challenges here are a correction item, not an improvement item.
    /// Default: false.
    #[serde(default)]
    pub critical: bool,
}

/// A capability target: a metric at least and/or at most a threshold.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Metric name as in `summary.json`.
    pub metric: String,
    /// Lowest value that meets it. Default: no floor.
    #[serde(default)]
    pub at_least: Option<f64>,
    /// Highest value that meets it. Default: no ceiling.
    #[serde(default)]
    pub at_most: Option<f64>,
    /// What it means, for the report. Default: the metric and threshold.
    #[serde(default)]
    pub text: Option<String>,
}

fn one() -> f64 {
    1.0
}

impl Default for Evaluation {
    fn default() -> Self {
        Evaluation {
            capabilities: Vec::new(),
            near_share: 0.1,
            points: [100.0, 75.0, 50.0, 0.0],
            excellent_from: 85.0,
            pass_from: 60.0,
        }
    }
}

fn target(metric: &str, at_least: Option<f64>, at_most: Option<f64>, text: &str) -> Target {
    Target { metric: metric.into(), at_least, at_most, text: Some(text.into()) }
}

fn capability(id: &str, name: &str, zh: &str, targets: Vec<Target>, roles: &[&str]) -> Capability {
    Capability {
        id: id.into(),
        name: name.into(),
        name_zh: Some(zh.into()),
        weight: 1.0,
        targets,
        roles: roles.iter().map(|r| r.to_string()).collect(),
        harm: Vec::new(),
        shortage: Vec::new(),
        critical: false,
    }
}

/// The policy's six capabilities with their default targets: the transfer share and the rescue
/// circle from the plan's standards, the 135 tiers met at every fire; the warning and reporting
/// targets are illustrative (most households warned within the hour of an order, near Rogers &
/// Sorensen's reach by day; an alarm at the command within 3 minutes).
pub fn default_capabilities(st: &super::standards::Standards) -> Vec<Capability> {
    let mut evac = capability(
        "evacuation_sheltering",
        "Evacuation and sheltering",
        "转移安置",
        vec![target(
            "evacuation.transferred_by_deadline_share",
            Some(st.transfer_share),
            None,
            "the should-transfer people out by the deadline (应转尽转)",
        )],
        &["transfer"],
    );
    evac.harm = vec!["people.dead_drowned".into(), "people.dead_in_collapse".into()];
    evac.critical = true;
    let mut rescue = capability(
        "rescue_firefighting",
        "Rescue and fire-fighting",
        "抢险救援",
        vec![
            target(
                "fire.135_tier1_within_share",
                Some(1.0),
                None,
                "135 tier 1 on scene within its limit at every fire",
            ),
            target("fire.135_tier2_within_share", Some(1.0), None, "135 tier 2 within its limit"),
            target("fire.135_tier3_within_share", Some(1.0), None, "135 tier 3 within its limit"),
            target(
                "fire.response_time_max_s",
                None,
                Some(st.circle_min * 60.0),
                "every fire reached within the rescue circle",
            ),
        ],
        &["rescue"],
    );
    rescue.harm = vec!["people.dead_in_fire".into(), "fire.casualties".into()];
    rescue.critical = true;
    let mut logistics =
        capability("logistics", "Logistics and support", "后勤保障", Vec::new(), &["logistics"]);
    logistics.shortage = vec!["supplies.shortage_person_h".into()];
    vec![
        capability(
            "monitoring_warning",
            "Monitoring and warning",
            "监测预警",
            vec![
                target("evacuation.warned_share", Some(0.9), None, "90 % of those ordered out warned"),
                target(
                    "evacuation.time_to_90pct_warned_h",
                    None,
                    Some(1.0),
                    "90 % warned within an hour of the order",
                ),
            ],
            &["monitoring_warning"],
        ),
        capability(
            "command_coordination",
            "Command and coordination",
            "指挥协调",
            vec![target(
                "dispatch.duplicate_units",
                None,
                Some(0.0),
                "no unit sent where one was already sent",
            )],
            &["commander", "deputy_commander"],
        ),
        evac,
        rescue,
        logistics,
        capability(
            "information_reporting",
            "Information reporting",
            "信息报送",
            vec![target(
                "fire.report_latency_median_s",
                None,
                Some(180.0),
                "alarms reach the command within 3 min of detection",
            )],
            &["information"],
        ),
    ]
}

/// A plan's evaluation with its capabilities filled in from its standards when it names none.
pub fn for_plan(plan: &super::plan::Plan) -> Evaluation {
    let mut e = plan.evaluation.clone();
    if e.capabilities.is_empty() {
        e.capabilities = default_capabilities(&plan.standards);
    }
    e
}
