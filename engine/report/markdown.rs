//! `report.md`: one page a trainer can hand out — what was run, the key figures, the response
//! levels, orders, fires and the assumptions. (The full HSEEP after-action report comes with
//! the evaluation issue.)

use super::files::{RunMeta, fmt_num};
use crate::core::{EventKind, Outcome};
use std::fmt::Write;

/// Key figures shown first, with their labels.
const KEY: &[(&str, &str)] = &[
    ("evacuation.should_transfer_people", "People who should be transferred"),
    ("evacuation.transferred_by_deadline_share", "Share transferred by the deadline"),
    ("evacuation.transferred_share", "Share transferred by the end"),
    ("evacuation.time_to_90pct_h", "Hours from first order to 90 % out"),
    ("evacuation.refused_people", "People who refused to leave"),
    ("shelter.peak_occupancy_people", "Peak shelter occupancy (people)"),
    ("people.dead", "Deaths"),
    ("fire.incidents", "Fires"),
    ("fire.response_time_mean_s", "Mean response time, alarm to first arrival (s)"),
    ("fire.135_tier1_within_share", "135 tier 1 within 1 min (share of fires)"),
    ("fire.135_tier2_within_share", "135 tier 2 within 3 min"),
    ("fire.135_tier3_within_share", "135 tier 3 within 5 min"),
    ("fire.time_to_control_mean_min", "Mean time from alarm to control (min)"),
    ("coverage.circle_population_share", "Population inside the 15-minute circle"),
    ("command.township_level_max", "Highest township response level (4 = I)"),
    ("incidents.response_time_median_s", "Median response time over every incident (s)"),
    ("dispatch.duplicate_units", "Units sent where one was already sent"),
    ("role_cards.steps_late", "Role-card steps done late"),
    ("role_cards.steps_missed", "Role-card steps missed"),
];

/// The one-screen summary `drill run` prints.
pub fn screen_summary(o: &Outcome, meta: &RunMeta) -> String {
    let mut r = String::new();
    let what = if meta.nominal { "nominal".to_string() } else { format!("seed {}", meta.seed) };
    let _ = writeln!(r, "{} — {} ({what})", meta.scenario_name, meta.plan_name);
    for (k, label) in KEY {
        if let Some(v) = o.metrics.get(*k) {
            let _ = writeln!(r, "  {label:<52} {}", fmt_num(*v));
        }
    }
    let levels: Vec<_> = o.timeline.iter().filter(|e| e.kind == EventKind::Level).collect();
    if let Some(last) = levels.last() {
        let _ = writeln!(
            r,
            "  {} level changes; last: {} {} {}",
            levels.len(),
            o.calendar.label(last.t.0),
            last.place,
            last.text
        );
    }
    r.trim_end().to_string()
}

/// Escape text for a markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The markdown report.
pub fn report_md(o: &Outcome, meta: &RunMeta) -> String {
    let mut r = String::new();
    let _ = writeln!(r, "# {} — {}\n", cell(&meta.scenario_name), cell(&meta.plan_name));
    let what = if meta.nominal {
        "a nominal run: every uncertain input at its median".to_string()
    } else {
        format!("one realisation of the uncertain inputs, seed {}", meta.seed)
    };
    let _ = writeln!(r, "This report shows {what}. Start: {}.\n", o.calendar.iso(0));
    let _ = writeln!(r, "## Key figures\n\n| Figure | Value |\n|---|---|");
    for (k, label) in KEY {
        if let Some(v) = o.metrics.get(*k) {
            let _ = writeln!(r, "| {label} | {} |", fmt_num(*v));
        }
    }
    evaluation_section(&mut r, &meta.evaluate(o));
    levels_table(&mut r, o);
    section(&mut r, o, "Warnings and response levels", &[EventKind::Warning, EventKind::Level]);
    section(
        &mut r,
        o,
        "Orders, shelters and measures",
        &[EventKind::Order, EventKind::Shelter, EventKind::Action, EventKind::Request],
    );
    section(
        &mut r,
        o,
        "Fires",
        &[
            EventKind::Ignition,
            EventKind::Report,
            EventKind::Dispatch,
            EventKind::Arrival,
            EventKind::Control,
        ],
    );
    section(&mut r, o, "Injects and decisions", &[EventKind::Inject, EventKind::Decision]);
    section(&mut r, o, "Role cards: steps done, late or missed", &[EventKind::Step]);
    section(&mut r, o, "Force conflicts between hazards", &[EventKind::Conflict]);
    picture_table(&mut r, o);
    let _ = writeln!(r, "\n## All metrics\n\n| Metric | Value |\n|---|---|");
    for (k, v) in &o.metrics {
        let _ = writeln!(r, "| `{k}` | {} |", fmt_num(*v));
    }
    let _ = writeln!(r, "\n## Assumptions\n");
    for a in &o.assumptions {
        let _ = writeln!(r, "- {}", cell(a));
    }
    let _ = writeln!(r, "\n## Inputs\n\n| Role | File | SHA-256 |\n|---|---|---|");
    for (role, file, sha) in &meta.inputs {
        let _ = writeln!(r, "| {role} | {} | `{}` |", cell(file), &sha[..16.min(sha.len())]);
    }
    let _ = writeln!(
        r,
        "\n{} · every event is in `timeline.csv`, every series in `series.csv`.",
        super::files::engine_version()
    );
    r
}

/// The drill's evaluation: score, grade, a rating per capability with the rule that gave it,
/// and the findings.
fn evaluation_section(r: &mut String, e: &crate::score::Evaluated) {
    let grade = match e.grade {
        5 => "5 (excellent)",
        3 => "3 (pass)",
        _ => "1 (poor)",
    };
    let score = if e.score.is_finite() { format!("{:.0}", e.score) } else { "–".into() };
    let _ = writeln!(r, "\n## Evaluation\n\nScore {score} / 100, AQ/T 9009 grade {grade}.\n");
    let _ = writeln!(r, "| Capability | Rating | Why |\n|---|---|---|");
    for c in &e.capabilities {
        let rating = c.rating.map_or("not exercised".to_string(), |x| format!("{x:?}"));
        let why = match c.reasons.first() {
            Some(first) if c.reasons.len() > 1 => {
                format!("{} (and {} more)", first.text, c.reasons.len() - 1)
            }
            Some(first) => first.text.clone(),
            None if c.rating.is_some() => "every target met with margin, no harm, no step late".into(),
            None => String::new(),
        };
        let _ = writeln!(r, "| {} | {rating} | {} |", cell(&c.name), cell(&why));
    }
    if e.findings.is_empty() {
        return;
    }
    let _ =
        writeln!(r, "\n### Findings\n\n| Class | Capability | Finding | Recommendation |\n|---|---|---|---|");
    for f in &e.findings {
        let _ = writeln!(
            r,
            "| {} | {} | {} | {} |",
            f.class.label(),
            cell(&f.capability),
            cell(&f.text),
            cell(&f.recommendation)
        );
    }
}

/// Response levels per jurisdiction: each change with its time, in order.
fn levels_table(r: &mut String, o: &Outcome) {
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    for e in o.timeline.iter().filter(|e| e.kind == EventKind::Level) {
        // "typhoon response raised to level II (trigger: …)", or an inject's
        // "response level for every hazard set to I".
        let (hazard, level) = match e.text.strip_prefix("response level for ") {
            Some(rest) => {
                let mut parts = rest.splitn(2, " set to ");
                (parts.next().unwrap_or(""), parts.next().unwrap_or(""))
            }
            None => (
                e.text.split_whitespace().next().unwrap_or(""),
                e.text.split(" to level ").nth(1).and_then(|x| x.split_whitespace().next()).unwrap_or(""),
            ),
        };
        let arrow = if e.text.contains(" lowered ") { "↓" } else { "" };
        let change = format!("{hazard} {arrow}{level} {}", o.calendar.label(e.t.0));
        match rows.iter_mut().find(|(j, _)| *j == e.place) {
            Some((_, v)) => v.push(change),
            None => rows.push((e.place.clone(), vec![change])),
        }
    }
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(r, "\n## Response levels per jurisdiction\n\n| Jurisdiction | Changes |\n|---|---|");
    for (j, changes) in rows {
        let _ = writeln!(r, "| {} | {} |", cell(&j), cell(&changes.join(", ")));
    }
}

/// The common picture: how many incidents each agency knew of.
fn picture_table(r: &mut String, o: &Outcome) {
    let known: Vec<_> =
        o.metrics.iter().filter_map(|(k, v)| Some((k.strip_prefix("picture.known.")?, v))).collect();
    if known.is_empty() || !o.metrics.contains_key("incidents.reported") {
        return;
    }
    let _ = writeln!(
        r,
        "\n## Common picture: incidents each agency knew of\n\n| Agency | Incidents |\n|---|---|"
    );
    for (a, n) in known {
        let _ = writeln!(r, "| {} | {} |", cell(a), fmt_num(*n));
    }
}

fn section(r: &mut String, o: &Outcome, title: &str, kinds: &[EventKind]) {
    let events: Vec<_> = o.timeline.iter().filter(|e| kinds.contains(&e.kind)).collect();
    if events.is_empty() {
        return;
    }
    let _ = writeln!(r, "\n## {title}\n\n| Time | Who | Where | What |\n|---|---|---|---|");
    const MAX: usize = 60;
    for e in events.iter().take(MAX) {
        let _ = writeln!(
            r,
            "| {} | {} | {} | {} |",
            o.calendar.label(e.t.0),
            cell(&e.who),
            cell(&e.place),
            cell(&e.text)
        );
    }
    if events.len() > MAX {
        let _ = writeln!(r, "\n… and {} more in `timeline.csv`.", events.len() - MAX);
    }
}
