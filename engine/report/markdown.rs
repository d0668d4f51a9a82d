//! `report.md`: one page a trainer can hand out — what was run, the key figures, the response
//! levels, orders, fires and the assumptions. (The full HSEEP after-action report comes with
//! the evaluation issue.)

pub(super) mod play;

use super::files::{RunMeta, fmt_num};
use super::lang::{Lang, t};
use crate::core::{EventKind, Outcome};
use crate::score::Evaluated;
use play::{evaluator_text, has_evaluator, play_section, score_text};
use std::fmt::Write;

/// Key figures shown first, with their labels.
const KEY: &[(&str, &str)] = &[
    ("evacuation.should_transfer_people", "md.k.evacuation_should_transfer_people"),
    ("evacuation.transferred_by_deadline_share", "md.k.evacuation_transferred_by_deadline_share"),
    ("evacuation.transferred_share", "md.k.evacuation_transferred_share"),
    ("evacuation.time_to_90pct_h", "md.k.evacuation_time_to_90pct_h"),
    ("evacuation.refused_people", "md.k.evacuation_refused_people"),
    ("shelter.peak_occupancy_people", "md.k.shelter_peak_occupancy_people"),
    ("people.dead", "md.k.people_dead"),
    ("fire.incidents", "md.k.fire_incidents"),
    ("fire.response_time_mean_s", "md.k.fire_response_time_mean_s"),
    ("fire.135_tier1_within_share", "md.k.fire_135_tier1_within_share"),
    ("fire.135_tier2_within_share", "md.k.fire_135_tier2_within_share"),
    ("fire.135_tier3_within_share", "md.k.fire_135_tier3_within_share"),
    ("fire.time_to_control_mean_min", "md.k.fire_time_to_control_mean_min"),
    ("coverage.circle_population_share", "md.k.coverage_circle_population_share"),
    ("command.township_level_max", "md.k.command_township_level_max"),
    ("incidents.response_time_median_s", "md.k.incidents_response_time_median_s"),
    ("dispatch.duplicate_units", "md.k.dispatch_duplicate_units"),
    ("role_cards.steps_late", "md.k.role_cards_steps_late"),
    ("role_cards.steps_missed", "md.k.role_cards_steps_missed"),
];

/// The one-screen summary `drill run` prints.
pub fn screen_summary(o: &Outcome, meta: &RunMeta) -> String {
    let mut r = String::new();
    let what = if meta.nominal { "nominal".to_string() } else { format!("seed {}", meta.seed) };
    let _ = writeln!(r, "{} — {} ({what})", meta.scenario_name, meta.plan_name);
    for (k, label) in KEY {
        if let Some(v) = o.metrics.get(*k) {
            let _ = writeln!(r, "  {:<52} {}", t(meta.lang, label), fmt_num(*v));
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
pub(super) fn cell(s: &str) -> String {
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
    let lang = meta.lang;
    let _ = writeln!(
        r,
        "## {}\n\n| {} | {} |\n|---|---|",
        t(lang, "html.key"),
        t(lang, "md.figure"),
        t(lang, "md.value")
    );
    for (k, label) in KEY {
        if let Some(v) = o.metrics.get(*k) {
            let _ = writeln!(r, "| {} | {} |", t(lang, label), fmt_num(*v));
        }
    }
    evaluation_section(&mut r, &meta.evaluate(o), lang);
    play_section(&mut r, o, lang);
    levels_table(&mut r, o, lang);
    section(&mut r, o, lang, t(lang, "md.s.warnings"), &[EventKind::Warning, EventKind::Level]);
    section(
        &mut r,
        o,
        lang,
        t(lang, "md.s.orders"),
        &[EventKind::Order, EventKind::Shelter, EventKind::Action, EventKind::Request],
    );
    section(
        &mut r,
        o,
        lang,
        t(lang, "md.s.fires"),
        &[
            EventKind::Ignition,
            EventKind::Report,
            EventKind::Dispatch,
            EventKind::Arrival,
            EventKind::Control,
        ],
    );
    section(&mut r, o, lang, t(lang, "md.s.injects"), &[EventKind::Inject, EventKind::Decision]);
    section(&mut r, o, lang, t(lang, "md.s.cards"), &[EventKind::Step]);
    section(&mut r, o, lang, t(lang, "md.s.conflicts"), &[EventKind::Conflict]);
    picture_table(&mut r, o, lang);
    let _ = writeln!(
        r,
        "\n## {}\n\n| {} | {} |\n|---|---|",
        t(lang, "md.s.metrics"),
        t(lang, "md.metric"),
        t(lang, "md.value")
    );
    for (k, v) in &o.metrics {
        let _ = writeln!(r, "| `{k}` | {} |", fmt_num(*v));
    }
    let _ = writeln!(r, "\n## {}\n", t(lang, "html.assumptions"));
    for a in &o.assumptions {
        let _ = writeln!(r, "- {}", cell(a));
    }
    let _ = writeln!(
        r,
        "\n## {}\n\n| {} | {} | SHA-256 |\n|---|---|---|",
        t(lang, "html.inputs"),
        t(lang, "md.role"),
        t(lang, "md.file")
    );
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

/// The drill's evaluation: score, grade, a rating per capability with the rule that gave it
/// (and the evaluator's, when one was given), and the findings.
fn evaluation_section(r: &mut String, e: &Evaluated, lang: Lang) {
    let grade = match e.grade {
        5 => t(lang, "grade.5"),
        3 => t(lang, "grade.3"),
        _ => t(lang, "grade.1"),
    };
    let judged = has_evaluator(e);
    let computed = if judged {
        format!(" ({}: {})", t(lang, "play.computed"), score_text(e.score_computed))
    } else {
        String::new()
    };
    let _ = writeln!(
        r,
        "\n## {}\n\n{} {} / 100{computed}, {} {grade}.\n",
        t(lang, "md.s.evaluation"),
        t(lang, "aar.score"),
        score_text(e.score),
        t(lang, "aar.grade")
    );
    let mut head = vec![t(lang, "aar.capability"), t(lang, "aar.rating")];
    head.extend(judged.then(|| t(lang, "play.evaluator")));
    head.push(t(lang, "aar.rule"));
    let _ = writeln!(r, "| {} |\n|{}", head.join(" | "), "---|".repeat(head.len()));
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
        let judge = if judged { format!(" {} |", cell(&evaluator_text(c))) } else { String::new() };
        let _ = writeln!(r, "| {} | {rating} |{judge} {} |", cell(&c.name), cell(&why));
    }
    if e.findings.is_empty() {
        return;
    }
    let _ = writeln!(
        r,
        "\n### {}\n\n| {} | {} | {} | {} |\n|---|---|---|---|",
        t(lang, "md.s.findings"),
        t(lang, "md.class"),
        t(lang, "aar.capability"),
        t(lang, "aar.issue"),
        t(lang, "aar.recommendation")
    );
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
fn levels_table(r: &mut String, o: &Outcome, lang: super::Lang) {
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
    let _ = writeln!(
        r,
        "\n## {}\n\n| {} | {} |\n|---|---|",
        t(lang, "md.s.levels"),
        t(lang, "md.jurisdiction"),
        t(lang, "md.changes")
    );
    for (j, changes) in rows {
        let _ = writeln!(r, "| {} | {} |", cell(&j), cell(&changes.join(", ")));
    }
}

/// The common picture: how many incidents each agency knew of.
fn picture_table(r: &mut String, o: &Outcome, lang: super::Lang) {
    let known: Vec<_> =
        o.metrics.iter().filter_map(|(k, v)| Some((k.strip_prefix("picture.known.")?, v))).collect();
    if known.is_empty() || !o.metrics.contains_key("incidents.reported") {
        return;
    }
    let _ = writeln!(
        r,
        "\n## {}\n\n| {} | {} |\n|---|---|",
        t(lang, "md.s.picture"),
        t(lang, "md.agency"),
        t(lang, "md.incidents")
    );
    for (a, n) in known {
        let _ = writeln!(r, "| {} | {} |", cell(a), fmt_num(*n));
    }
}

fn section(r: &mut String, o: &Outcome, lang: super::Lang, title: &str, kinds: &[EventKind]) {
    let events: Vec<_> = o.timeline.iter().filter(|e| kinds.contains(&e.kind)).collect();
    if events.is_empty() {
        return;
    }
    let _ = writeln!(
        r,
        "\n## {title}\n\n| {} | {} | {} | {} |\n|---|---|---|---|",
        t(lang, "aar.time"),
        t(lang, "html.who"),
        t(lang, "aar.place"),
        t(lang, "html.what")
    );
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
        let _ = writeln!(r, "\n… {} {}", events.len() - MAX, t(lang, "html.more"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_figure_label_is_in_the_string_table() {
        for (_, key) in KEY {
            assert!(super::super::lang::has(key), "{key}");
        }
    }
}
