//! The P/S/M/U rule (DESIGN §8, HSEEP): a capability's targets, harm, shortages and role-card
//! steps, read from a run's Outcome, give its rating and the reasons for it.

use crate::core::{EventKind, Outcome};
use crate::model::Capability;
use serde::{Deserialize, Serialize};

/// An HSEEP rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rating {
    /// Performed without challenges.
    P,
    /// Performed with some challenges.
    S,
    /// Performed with major challenges.
    M,
    /// Unable to be performed.
    U,
}

impl Rating {
    /// Index into the points table (P, S, M, U).
    pub fn ix(self) -> usize {
        self as usize
    }

    /// The rating a letter names: "P", "S", "M" or "U".
    pub fn parse(letter: &str) -> Option<Rating> {
        match letter {
            "P" => Some(Rating::P),
            "S" => Some(Rating::S),
            "M" => Some(Rating::M),
            "U" => Some(Rating::U),
            _ => None,
        }
    }
}

/// What made a rating what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// A capability target not met (U).
    TargetMissed,
    /// Deaths or casualties attributable to the capability (M).
    Harm,
    /// A role-card step not taken by the end (M).
    StepMissed,
    /// A role-card step taken after its time limit (S).
    StepLate,
    /// A target met within the margin of its threshold (S).
    NearThreshold,
    /// A shortage occurred (S).
    Shortage,
}

impl Cause {
    /// The rating this cause leads to.
    pub fn rating(self) -> Rating {
        match self {
            Cause::TargetMissed => Rating::U,
            Cause::Harm | Cause::StepMissed => Rating::M,
            Cause::StepLate | Cause::NearThreshold | Cause::Shortage => Rating::S,
        }
    }
}

/// The evidence behind a reason: the metric or step, its value and threshold, when, who.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Metric name, or the role-card step's text.
    pub what: String,
    pub value: Option<f64>,
    pub threshold: Option<f64>,
    /// Sim time, s.
    pub t_s: Option<i64>,
    /// A role, team or jurisdiction.
    pub who: String,
    /// A zone, facility or link.
    pub place: String,
}

/// One reason for a rating.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub cause: Cause,
    /// The rule that applied, in words.
    pub text: String,
    pub evidence: Evidence,
}

/// An evaluator's rating of a capability in a tabletop session (`rate`), kept beside the
/// computed one: the evaluator has the final say (HSEEP).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluator {
    pub rating: Rating,
    pub reason: String,
    /// Sim time the rating was given, s.
    pub t_s: i64,
}

/// A capability's rating: `None` when the run did not exercise it (no target applied, no step,
/// no harm, no shortage).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rated {
    pub id: String,
    pub name: String,
    pub weight: f64,
    pub critical: bool,
    /// The rating the plan's rule gives.
    pub rating: Option<Rating>,
    pub reasons: Vec<Reason>,
    /// The evaluator's rating, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluator: Option<Evaluator>,
}

impl Rated {
    /// The rating that counts: the evaluator's where there is one, else the computed one.
    pub fn final_rating(&self) -> Option<Rating> {
        self.evaluator.as_ref().map(|e| e.rating).or(self.rating)
    }
}

fn evidence(what: &str, value: Option<f64>, threshold: Option<f64>) -> Evidence {
    Evidence { what: what.into(), value, threshold, t_s: None, who: String::new(), place: String::new() }
}

/// Rate one capability on a run's outcome. A target is met at its threshold; a met value
/// strictly inside `near_share` of a non-zero threshold is near it (a share of 1 or a count of
/// 0 exactly is met outright).
pub fn rate(cap: &Capability, o: &Outcome, near_share: f64) -> Rated {
    let mut reasons = Vec::new();
    let mut exercised = false;
    // A target counted at the evacuation deadline names it, and its time is the evidence's.
    let deadline_s = o.metrics.get("evacuation.deadline_h").map(|h| (h * 3600.0).round() as i64);
    for t in &cap.targets {
        let Some(&v) = o.metrics.get(&t.metric).filter(|v| v.is_finite()) else { continue };
        exercised = true;
        let what = t.text.clone().unwrap_or_else(|| t.metric.clone());
        for (thr, floor) in [(t.at_least, true), (t.at_most, false)] {
            let Some(thr) = thr else { continue };
            let met = if floor { v >= thr } else { v <= thr };
            let op = if floor { "≥" } else { "≤" };
            let at_deadline = deadline_s.filter(|_| t.metric.contains("by_deadline"));
            let when = at_deadline
                .map(|d| format!(" at the evacuation deadline {}", o.calendar.label(d)))
                .unwrap_or_default();
            if !met {
                let text = format!("target not met: {what}{when} ({} = {v:.4}, target {op} {thr})", t.metric);
                let evidence = Evidence { t_s: at_deadline, ..evidence(&t.metric, Some(v), Some(thr)) };
                reasons.push(Reason { cause: Cause::TargetMissed, text, evidence });
            } else if thr != 0.0 && v != thr && (v - thr).abs() <= near_share * thr.abs() {
                let text = format!(
                    "met within {:.0} % of its threshold: {what} ({} = {v:.4}, target {op} {thr})",
                    100.0 * near_share,
                    t.metric
                );
                reasons.push(Reason {
                    cause: Cause::NearThreshold,
                    text,
                    evidence: evidence(&t.metric, Some(v), Some(thr)),
                });
            }
        }
    }
    for (list, cause, word) in
        [(&cap.harm, Cause::Harm, "harm"), (&cap.shortage, Cause::Shortage, "shortage")]
    {
        for m in list {
            let Some(&v) = o.metrics.get(m) else { continue };
            exercised = true;
            if v > 0.0 {
                let text = format!("{word}: {m} = {v:.4}");
                reasons.push(Reason { cause, text, evidence: evidence(m, Some(v), Some(0.0)) });
            }
        }
    }
    for e in o.timeline.iter().filter(|e| e.kind == EventKind::Step && cap.roles.contains(&e.who)) {
        exercised = true;
        let cause = if e.text.contains("\" missed (limit") {
            Cause::StepMissed
        } else if e.text.contains("\" late after") {
            Cause::StepLate
        } else {
            continue;
        };
        let ev = Evidence { t_s: Some(e.t.0), who: e.who.clone(), ..evidence(&e.text, None, None) };
        reasons.push(Reason { cause, text: e.text.clone(), evidence: ev });
    }
    reasons.sort_by_key(|r| r.cause);
    let rating = exercised.then(|| reasons.iter().map(|r| r.cause.rating()).max().unwrap_or(Rating::P));
    Rated {
        id: cap.id.clone(),
        name: cap.name.clone(),
        weight: cap.weight,
        critical: cap.critical,
        rating,
        reasons,
        evaluator: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rating_is_read_from_its_letter() {
        let all = ["P", "S", "M", "U"].map(Rating::parse);
        assert_eq!(all, [Some(Rating::P), Some(Rating::S), Some(Rating::M), Some(Rating::U)]);
        assert_eq!(Rating::parse("p"), None);
        assert_eq!(Rating::parse("PS"), None);
    }
}
