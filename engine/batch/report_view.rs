//! What the batch report shows of a batch: every objective's metric, the stopping rule's, and a
//! few headline metrics, with the batch's facts — handed to [`crate::report::batch`].

use super::manifest::Manifest;
use super::stopping::Stopping;
use super::table::Table;
use crate::report::batch::{BatchView, MetricView, files};

/// Metrics shown whether or not an objective names them, when the runs have them.
const HEADLINE: [&str; 5] = [
    "evacuation.transferred_by_deadline_share",
    "evacuation.time_to_90pct_h",
    "people.dead",
    "shelter.peak_occupancy_people",
    "fire.response_time_mean_s",
];

/// An objective's bounds: (at least, at most).
type Bounds = Option<(Option<f64>, Option<f64>)>;

/// The report's files (`report.html`, `charts/*.svg`) for a batch's table.
pub fn report_files(t: &Table, m: &Manifest, stopping: Option<&Stopping>) -> Vec<(String, Vec<u8>)> {
    let mut names: Vec<(String, Bounds)> = Vec::new();
    let mut add = |name: &str, target: Bounds| {
        if t.metrics.contains_key(name) && !names.iter().any(|(n, _)| n == name) {
            names.push((name.to_string(), target));
        }
    };
    if let Some(s) = stopping {
        add(&s.until.metric, None);
    }
    for c in &m.evaluation.capabilities {
        for x in &c.targets {
            add(&x.metric, Some((x.at_least, x.at_most)));
        }
    }
    for h in HEADLINE {
        add(h, None);
    }
    let values: Vec<Vec<f64>> = names.iter().map(|(n, _)| t.values(n)).collect();
    let metrics = names
        .iter()
        .zip(&values)
        .map(|((n, target), v)| MetricView { name: n, values: v, target: *target })
        .collect();
    let title = format!("{} with {}", m.scenario, m.plan);
    let failed = t.len() - t.ok_rows().count();
    let subtitle = format!("{} runs, seed {}", t.len(), m.seed);
    let mut facts = vec![
        ("scenario".to_string(), m.scenario.clone()),
        ("plan".to_string(), m.plan.clone()),
        ("runs".to_string(), format!("{} ({failed} failed)", t.len())),
        ("seed".to_string(), format!("{} (run r is seeded from the seed and r only)", m.seed)),
        ("engine".to_string(), format!("drill {}", m.engine_version)),
    ];
    if m.shard.is_part() {
        facts.push((
            "shard".into(),
            format!(
                "{} of {} (runs r with r mod {} = {})",
                m.shard.index, m.shard.count, m.shard.count, m.shard.index
            ),
        ));
    }
    if let Some(s) = stopping {
        facts.push((
            "stopping rule".into(),
            format!(
                "{}: 95 % half-width {:.4} {} {} after {} runs",
                s.until.metric,
                s.half_width(),
                if s.done() { "≤" } else { ">" },
                s.until.half,
                s.runs
            ),
        ));
    }
    files(&BatchView { title: &title, subtitle: &subtitle, metrics, facts })
}
