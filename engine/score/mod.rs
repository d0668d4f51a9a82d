//! Drill evaluation (DESIGN §8): each capability rated P/S/M/U from a run's Outcome by the
//! plan's targets, the 0–100 score and the AQ/T 9009 grade, and the findings with their classes,
//! evidence and recommendations. Scoring reads the Outcome, never the World.

pub mod findings;
pub mod rating;

pub use findings::{Class, Finding, findings};
pub use rating::{Cause, Evaluator, Rated, Rating, rate};

use crate::core::Outcome;
use crate::model::Evaluation;
use serde::{Deserialize, Serialize};

/// The evaluation of one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluated {
    pub capabilities: Vec<Rated>,
    /// 0–100: the weighted mean of the rated capabilities' points, the evaluator's rating
    /// counting where one was given.
    pub score: f64,
    /// The score from the computed ratings alone.
    pub score_computed: f64,
    /// AQ/T 9009: 5 excellent, 3 pass, 1 poor.
    pub grade: u8,
    pub findings: Vec<Finding>,
}

/// The weighted score of the rated capabilities, each at its final rating (the evaluator's
/// where there is one); NaN when none was rated.
pub fn score(rated: &[Rated], points: &[f64; 4]) -> f64 {
    weighted(rated, points, Rated::final_rating)
}

/// The weighted score of the computed ratings alone (NaN when none was exercised).
pub fn score_computed(rated: &[Rated], points: &[f64; 4]) -> f64 {
    weighted(rated, points, |c| c.rating)
}

fn weighted(rated: &[Rated], points: &[f64; 4], rating: impl Fn(&Rated) -> Option<Rating>) -> f64 {
    let (sum, w) = rated
        .iter()
        .filter_map(|c| Some((points[rating(c)?.ix()] * c.weight, c.weight)))
        .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    if w > 0.0 { sum / w } else { f64::NAN }
}

/// The AQ/T 9009 grade of a score: 5 (excellent) from `excellent_from`, 3 (pass) from
/// `pass_from`, else 1 (poor).
pub fn grade(score: f64, e: &Evaluation) -> u8 {
    if score >= e.excellent_from {
        5
    } else if score >= e.pass_from {
        3
    } else {
        1
    }
}

/// The findings of an earlier drill, from its `summary.json` (`evaluation.findings`).
pub fn previous_findings(path: &std::path::Path) -> Result<Vec<Finding>, String> {
    let at = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let text = std::fs::read_to_string(path)
        .map_err(|e| at(&crate::model::source::lowercase_first(&e.to_string())))?;
    let doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| at(&format!("not JSON: {e}")))?;
    let list = doc
        .get("evaluation")
        .and_then(|e| e.get("findings"))
        .ok_or_else(|| at(&"expected a drill summary.json with evaluation.findings"))?;
    serde_json::from_value(list.clone()).map_err(|e| at(&format!("evaluation.findings: {e}")))
}

/// Rate every capability of `e` on `o`; `previous` holds the last drill's findings. An
/// evaluator's rating in `o.play` (the last given for a capability) goes beside the computed
/// one and counts in the score and grade; the findings come from the computed reasons.
pub fn evaluate(o: &Outcome, e: &Evaluation, previous: &[Finding]) -> Evaluated {
    let mut capabilities: Vec<Rated> = e.capabilities.iter().map(|c| rate(c, o, e.near_share)).collect();
    for ov in &o.play.overrides {
        let Some(rating) = Rating::parse(&ov.rating) else { continue };
        if let Some(c) = capabilities.iter_mut().find(|c| c.id == ov.capability) {
            c.evaluator = Some(Evaluator { rating, reason: ov.reason.clone(), t_s: ov.t_s });
        }
    }
    let score = score(&capabilities, &e.points);
    Evaluated {
        grade: grade(score, e),
        findings: findings(&capabilities, previous),
        score,
        score_computed: score_computed(&capabilities, &e.points),
        capabilities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Event, EventKind, Series, SimTime};
    use crate::model::{Calendar, Capability, Target};
    use std::collections::BTreeMap;

    fn outcome(metrics: &[(&str, f64)], steps: &[(&str, &str)]) -> Outcome {
        Outcome {
            metrics: metrics.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            counts: BTreeMap::new(),
            timeline: steps
                .iter()
                .enumerate()
                .map(|(i, (who, text))| Event {
                    t: SimTime(600 * i as i64),
                    kind: EventKind::Step,
                    who: who.to_string(),
                    place: String::new(),
                    text: text.to_string(),
                })
                .collect(),
            series: Series::default(),
            calendar: Calendar { start_utc_s: 0, utc_offset_s: 8 * 3600 },
            sampled: BTreeMap::new(),
            assumptions: Vec::new(),
            spans: Vec::new(),
            responses: Vec::new(),
            zones: Vec::new(),
            play: Default::default(),
        }
    }

    /// Evacuation: transfer share at least 0.8, drowning is harm, the transfer group's steps.
    fn evacuation(critical: bool) -> Capability {
        Capability {
            id: "evacuation_sheltering".into(),
            name: "Evacuation and sheltering".into(),
            name_zh: None,
            weight: 1.0,
            targets: vec![Target {
                metric: "evacuation.transferred_by_deadline_share".into(),
                at_least: Some(0.8),
                at_most: None,
                text: None,
            }],
            roles: vec!["transfer".into()],
            harm: vec!["people.dead_drowned".into()],
            shortage: vec!["supplies.shortage_person_h".into()],
            critical,
        }
    }

    const LATE: &str = "role card transfer (typhoon II): \"Report the count\" late after 70 min (limit 60)";
    const MISSED: &str = "role card transfer (typhoon I): \"Confirm 100 %\" missed (limit 900 min)";

    #[test]
    fn each_rating_is_reached_through_the_default_rule() {
        let cap = evacuation(false);
        let r = |m: &[(&str, f64)], steps: &[(&str, &str)]| rate(&cap, &outcome(m, steps), 0.1).rating;
        let share = "evacuation.transferred_by_deadline_share";
        // P: met by a wide margin, nobody harmed, no step late, no shortage.
        assert_eq!(r(&[(share, 1.0), ("people.dead_drowned", 0.0)], &[]), Some(Rating::P));
        // S: met but within 10 % of the threshold (0.85 < 0.88); or a step late; or a shortage.
        assert_eq!(r(&[(share, 0.85)], &[]), Some(Rating::S));
        assert_eq!(r(&[(share, 0.9)], &[]), Some(Rating::P));
        assert_eq!(r(&[(share, 1.0)], &[("transfer", LATE)]), Some(Rating::S));
        assert_eq!(r(&[(share, 1.0), ("supplies.shortage_person_h", 12.0)], &[]), Some(Rating::S));
        // M: met, with deaths attributable, or a step never taken.
        assert_eq!(r(&[(share, 1.0), ("people.dead_drowned", 2.0)], &[]), Some(Rating::M));
        assert_eq!(r(&[(share, 1.0)], &[("transfer", MISSED)]), Some(Rating::M));
        // U: the target not met, whatever else.
        assert_eq!(r(&[(share, 0.6)], &[("transfer", LATE)]), Some(Rating::U));
        // Another role's late step does not count here; nothing applicable: not exercised.
        assert_eq!(r(&[(share, 1.0)], &[("commander", LATE)]), Some(Rating::P));
        assert_eq!(r(&[], &[]), None);
    }

    #[test]
    fn score_and_grade_follow_the_points_and_bands() {
        let e = Evaluation::default();
        let rated = |ratings: &[Option<Rating>]| -> Vec<Rated> {
            ratings
                .iter()
                .map(|&rating| Rated {
                    id: "c".into(),
                    name: "C".into(),
                    weight: 1.0,
                    critical: false,
                    rating,
                    reasons: Vec::new(),
                    evaluator: None,
                })
                .collect()
        };
        let p = &e.points;
        assert_eq!(score(&rated(&[Some(Rating::P), Some(Rating::S)]), p), 87.5);
        assert_eq!(grade(87.5, &e), 5);
        assert_eq!(score(&rated(&[Some(Rating::M), Some(Rating::S), None]), p), 62.5);
        assert_eq!(grade(62.5, &e), 3);
        assert_eq!(score(&rated(&[Some(Rating::U), Some(Rating::M)]), p), 25.0);
        assert_eq!(grade(25.0, &e), 1);
        assert_eq!(grade(85.0, &e), 5);
        assert_eq!(grade(60.0, &e), 3);
        assert!(score(&rated(&[None]), p).is_nan());
        // Weights: a P of weight 3 and a U of weight 1 give 75.
        let mut w = rated(&[Some(Rating::P), Some(Rating::U)]);
        w[0].weight = 3.0;
        assert_eq!(score(&w, p), 75.0);
    }

    #[test]
    fn findings_are_classed_and_a_repeated_correction_item_escalates() {
        let share = "evacuation.transferred_by_deadline_share";
        let e = |critical: bool, m: &[(&str, f64)], steps: &[(&str, &str)]| {
            let ev = Evaluation { capabilities: vec![evacuation(critical)], ..Evaluation::default() };
            evaluate(&outcome(m, steps), &ev, &[])
        };
        let classes = |x: &Evaluated| x.findings.iter().map(|f| (f.class, f.cause)).collect::<Vec<_>>();
        // U → deficiency, with its evidence.
        let u = e(false, &[(share, 0.6)], &[]);
        assert_eq!(classes(&u), [(Class::Deficiency, Cause::TargetMissed)]);
        assert_eq!((u.findings[0].evidence.value, u.findings[0].evidence.threshold), (Some(0.6), Some(0.8)));
        assert!(u.findings[0].recommendation.contains(share));
        // M → correction item.
        let m = e(false, &[(share, 1.0), ("people.dead_drowned", 1.0)], &[]);
        assert_eq!(classes(&m), [(Class::Correction, Cause::Harm)]);
        // S → improvement item; on a critical capability, a correction item.
        assert_eq!(
            classes(&e(false, &[(share, 1.0)], &[("transfer", LATE)])),
            [(Class::Improvement, Cause::StepLate)]
        );
        let late = e(true, &[(share, 1.0)], &[("transfer", LATE)]);
        assert_eq!(classes(&late), [(Class::Correction, Cause::StepLate)]);
        assert_eq!(late.findings[0].evidence.t_s, Some(0));
        // P → none.
        assert!(e(true, &[(share, 1.0)], &[]).findings.is_empty());
        // --previous: the same correction item at the last drill makes it a deficiency; an
        // improvement item at the last drill does not.
        let ev = Evaluation { capabilities: vec![evacuation(false)], ..Evaluation::default() };
        let now = outcome(&[(share, 1.0), ("people.dead_drowned", 1.0)], &[]);
        let again = evaluate(&now, &ev, &m.findings);
        assert_eq!(classes(&again), [(Class::Deficiency, Cause::Harm)]);
        assert!(
            again.findings[0].repeated && again.findings[0].text.ends_with("repeated since the last drill")
        );
        let mut minor = m.findings.clone();
        minor[0].class = Class::Improvement;
        assert_eq!(classes(&evaluate(&now, &ev, &minor)), [(Class::Correction, Cause::Harm)]);
    }

    #[test]
    fn the_last_drills_findings_are_read_back_from_its_summary() {
        let share = "evacuation.transferred_by_deadline_share";
        let ev = Evaluation { capabilities: vec![evacuation(true)], ..Evaluation::default() };
        let first = evaluate(&outcome(&[(share, 0.6)], &[("transfer", LATE)]), &ev, &[]);
        assert_eq!(first.findings.len(), 2);
        let dir = std::env::temp_dir().join(format!("drill-previous-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("summary.json");
        let doc = serde_json::json!({"scenario": "x", "evaluation": first});
        std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
        assert_eq!(previous_findings(&path).unwrap(), first.findings);
        std::fs::write(&path, "{\"metrics\": {}}").unwrap();
        let err = previous_findings(&path).unwrap_err();
        assert!(err.ends_with("expected a drill summary.json with evaluation.findings"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_evaluators_rating_counts_in_the_score_but_leaves_the_computed_rating_and_findings() {
        use crate::core::Override;
        let share = "evacuation.transferred_by_deadline_share";
        let mut second = evacuation(false);
        second.id = "information_reporting".into();
        second.targets[0].at_least = Some(0.5);
        let ev = Evaluation { capabilities: vec![evacuation(false), second], ..Evaluation::default() };
        let mut o = outcome(&[(share, 0.6)], &[]);
        let plain = evaluate(&o, &ev, &[]);
        // Computed: U (0.6 < 0.8) and P (0.6 ≥ 0.5 with margin): (0 + 100) / 2.
        assert_eq!((plain.score, plain.score_computed, plain.grade), (50.0, 50.0, 1));
        assert!(plain.capabilities.iter().all(|c| c.evaluator.is_none()));
        let rate = |t_s: i64, capability: &str, rating: &str, reason: &str| Override {
            t_s,
            capability: capability.into(),
            rating: rating.into(),
            reason: reason.into(),
        };
        o.play.overrides = vec![
            rate(600, "evacuation_sheltering", "M", "first look"),
            rate(1200, "evacuation_sheltering", "P", "every household out, the metric lags"),
            rate(1800, "no_such_capability", "U", "ignored"),
        ];
        let rated = evaluate(&o, &ev, &[]);
        let evac = &rated.capabilities[0];
        assert_eq!(evac.rating, Some(Rating::U), "the computed rating stays");
        assert_eq!(
            evac.evaluator,
            Some(Evaluator {
                rating: Rating::P,
                reason: "every household out, the metric lags".into(),
                t_s: 1200
            }),
            "the last rating given wins"
        );
        assert_eq!(evac.final_rating(), Some(Rating::P));
        assert!(rated.capabilities[1].evaluator.is_none());
        assert_eq!((rated.score, rated.score_computed, rated.grade), (100.0, 50.0, 5));
        assert_eq!(rated.findings, plain.findings);
        // In summary.json: the evaluator's rating beside the computed one, absent when none.
        let json = serde_json::to_value(&rated).unwrap();
        assert_eq!(json["score_computed"], 50.0);
        assert_eq!(json["capabilities"][0]["evaluator"]["rating"], "P");
        assert!(json["capabilities"][1].get("evaluator").is_none());
        let back: Evaluated = serde_json::from_value(json).unwrap();
        assert_eq!(back, rated);
    }
}
