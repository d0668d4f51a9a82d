//! `aar.md`: the after-action report and improvement plan in the HSEEP shape — overview,
//! capability analysis (objective × capability × rating, with the rule that gave it and the
//! evaluator's rating beside it), the players' decisions and their consequences, strengths,
//! areas for improvement with evidence, and the improvement plan.

use super::files::{RunMeta, fmt_num};
use super::lang::{Lang, t};
use super::markdown::cell;
use super::markdown::play::{commands, has_evaluator, notes, score_text, taken_by};
use crate::core::Outcome;
use crate::model::{Capability, Target};
use crate::score::{Cause, Class, Evaluated, Finding, Rated, Rating};
use std::fmt::Write;

/// A name in the report's language (the Chinese one when asked for and given).
fn named<'a>(lang: Lang, en: &'a str, zh: Option<&'a str>) -> &'a str {
    match (lang, zh) {
        (Lang::Zh, Some(z)) if !z.is_empty() => z,
        _ => en,
    }
}

/// The after-action report of one run.
pub fn aar_md(o: &Outcome, meta: &RunMeta) -> String {
    let lang = meta.lang;
    let e = meta.evaluate(o);
    let mut r = String::new();
    let title = named(lang, &meta.scenario_name, meta.scenario_name_zh.as_deref());
    let plan = named(lang, &meta.plan_name, meta.plan_name_zh.as_deref());
    let _ = writeln!(r, "# {} — {}\n", t(lang, "aar.title"), cell(title));
    overview(&mut r, o, meta, plan);
    analysis(&mut r, o, meta, &e);
    // Sections after the analysis are numbered on from 3, one more when decisions were taken.
    let mut n = 3;
    if decisions(&mut r, o, lang, n) {
        n += 1;
    }
    strengths(&mut r, o, meta, &e, n);
    improvements(&mut r, o, meta, &e, n + 1);
    plan_table(&mut r, meta, &e, n + 2);
    let _ = writeln!(r, "\n{} · {}", super::files::engine_version(), t(lang, "aar.footer"));
    r
}

fn overview(r: &mut String, o: &Outcome, meta: &RunMeta, plan: &str) {
    let lang = meta.lang;
    let _ = writeln!(r, "## 1. {}\n\n| | |\n|---|---|", t(lang, "aar.overview"));
    let what = if meta.nominal {
        t(lang, "aar.nominal").to_string()
    } else {
        format!("{} {}", t(lang, "aar.realisation"), meta.seed)
    };
    let hazards: Vec<&str> = meta.hazards.iter().map(|h| hazard_name(lang, h)).collect();
    let agencies: Vec<&str> = meta.agencies.iter().map(|(en, zh)| named(lang, en, zh.as_deref())).collect();
    let rows = [
        ("aar.scenario", cell(&meta.scenario_description)),
        ("aar.hazards", cell(&hazards.join(", "))),
        ("aar.plan", cell(plan)),
        ("aar.agencies", cell(&agencies.join("; "))),
        ("aar.start", o.calendar.iso(0)),
        ("aar.run", what),
    ];
    for (k, v) in rows {
        let _ = writeln!(r, "| {} | {v} |", t(lang, k));
    }
}

/// A hazard's name in the report's language.
fn hazard_name(lang: Lang, h: &str) -> &str {
    let key = match h {
        "typhoon" => "hz.typhoon",
        "rainstorm" => "hz.rainstorm",
        "flood" => "hz.flood",
        "fire" => "hz.fire",
        "forest fire" => "hz.forest_fire",
        "calls for help" => "hz.calls",
        _ => return h,
    };
    t(lang, key)
}

/// Whether a target applies (its metric was produced) and its value.
fn value(o: &Outcome, target: &Target) -> Option<f64> {
    o.metrics.get(&target.metric).copied().filter(|v| v.is_finite())
}

/// `≥ 0.9` / `≤ 180` / both.
fn bound(target: &Target) -> String {
    let mut parts = Vec::new();
    if let Some(x) = target.at_least {
        parts.push(format!("≥ {}", fmt_num(x)));
    }
    if let Some(x) = target.at_most {
        parts.push(format!("≤ {}", fmt_num(x)));
    }
    parts.join(", ")
}

fn objective(target: &Target) -> String {
    target.text.clone().unwrap_or_else(|| target.metric.clone())
}

fn rating_label(lang: Lang, rating: Option<Rating>) -> &'static str {
    match rating {
        Some(Rating::P) => t(lang, "rating.P"),
        Some(Rating::S) => t(lang, "rating.S"),
        Some(Rating::M) => t(lang, "rating.M"),
        Some(Rating::U) => t(lang, "rating.U"),
        None => t(lang, "aar.not_exercised"),
    }
}

/// The evaluator's rating with its reason and time; empty when none was given.
fn evaluator_label(o: &Outcome, lang: Lang, c: &Rated) -> String {
    c.evaluator.as_ref().map_or(String::new(), |x| {
        format!("{} ({}, {})", rating_label(lang, Some(x.rating)), x.reason, o.calendar.label(x.t_s))
    })
}

fn grade_label(lang: Lang, grade: u8) -> &'static str {
    match grade {
        5 => t(lang, "grade.5"),
        3 => t(lang, "grade.3"),
        _ => t(lang, "grade.1"),
    }
}

/// Objective × capability × rating, each row with the rule that applied to it (and the
/// evaluator's rating, when one was given).
fn analysis(r: &mut String, o: &Outcome, meta: &RunMeta, e: &Evaluated) {
    let lang = meta.lang;
    let judged = has_evaluator(e);
    let computed = if judged {
        format!(" ({}: {})", t(lang, "play.computed"), score_text(e.score_computed))
    } else {
        String::new()
    };
    let _ = writeln!(
        r,
        "\n## 2. {}\n\n{} {} / 100{computed} · {} {}\n",
        t(lang, "aar.analysis"),
        t(lang, "aar.score"),
        score_text(e.score),
        t(lang, "aar.grade"),
        grade_label(lang, e.grade)
    );
    let mut head = vec![t(lang, "aar.objective"), t(lang, "aar.capability"), t(lang, "aar.rating")];
    head.extend(judged.then(|| t(lang, "play.evaluator")));
    head.push(t(lang, "aar.rule"));
    let _ = writeln!(r, "| {} |\n|{}", head.join(" | "), "---|".repeat(head.len()));
    for (cap, rated) in meta.evaluation.capabilities.iter().zip(&e.capabilities) {
        let name = named(lang, &cap.name, cap.name_zh.as_deref());
        let rating = rating_label(lang, rated.rating);
        // The rating cell, and the evaluator's after it when the table has that column.
        let rating = if judged {
            format!("{rating} | {}", cell(&evaluator_label(o, lang, rated)))
        } else {
            rating.to_string()
        };
        for target in &cap.targets {
            let Some(v) = value(o, target) else { continue };
            let rule = rated
                .reasons
                .iter()
                .find(|x| x.evidence.what == target.metric)
                .map(|x| x.text.clone())
                .unwrap_or_else(|| {
                    format!("{} ({} = {}, {})", t(lang, "aar.met"), target.metric, fmt_num(v), bound(target))
                });
            let _ =
                writeln!(r, "| {} | {} | {rating} | {} |", cell(&objective(target)), cell(name), cell(&rule));
        }
        for (cause, key) in [
            (Cause::StepMissed, "aar.steps_missed"),
            (Cause::StepLate, "aar.steps_late"),
            (Cause::Harm, "aar.harm"),
            (Cause::Shortage, "aar.shortage"),
        ] {
            let n = rated.reasons.iter().filter(|x| x.cause == cause).count();
            if n > 0 {
                let first = rated.reasons.iter().find(|x| x.cause == cause).map_or("", |x| x.text.as_str());
                let _ =
                    writeln!(r, "| {} ({n}) | {} | {rating} | {} |", t(lang, key), cell(name), cell(first));
            }
        }
        if cap.targets.iter().all(|x| value(o, x).is_none()) && rated.reasons.is_empty() {
            let why = if rated.rating.is_some() { t(lang, "aar.no_challenge") } else { "" };
            let _ = writeln!(r, "| – | {} | {rating} | {why} |", cell(name));
        }
    }
}

/// The players' commands with what each did, the options taken at decision points and by whom,
/// and the facilitator's notes as observations: section `n`, written when there is any of them.
fn decisions(r: &mut String, o: &Outcome, lang: Lang, n: usize) -> bool {
    let p = &o.play;
    let commands = commands(p);
    let notes = notes(p);
    if commands.is_empty() && p.decisions.is_empty() && notes.is_empty() {
        return false;
    }
    let _ = writeln!(r, "\n## {n}. {}", t(lang, "aar.decisions"));
    let mut sub = 0;
    let mut heading = |r: &mut String, key: &'static str| {
        sub += 1;
        let _ = writeln!(r, "\n### {n}.{sub} {}\n", t(lang, key));
    };
    if !commands.is_empty() {
        heading(r, "play.orders");
        for c in commands {
            let when = o.calendar.label(c.t_s);
            let _ = writeln!(r, "- {when} · `{}` — {}", cell(&c.line), cell(&c.consequence));
        }
    }
    if !p.decisions.is_empty() {
        heading(r, "play.points");
        for d in &p.decisions {
            let _ = writeln!(
                r,
                "- {} · {}: {} → {}: {} — {}: {}",
                o.calendar.label(d.t_s),
                cell(&d.inject),
                cell(&d.prompt),
                cell(&d.option),
                cell(&d.text),
                t(lang, "play.by"),
                taken_by(lang, d)
            );
        }
    }
    if !notes.is_empty() {
        heading(r, "aar.observations");
        for (t_s, text) in notes {
            let _ = writeln!(r, "- {} — {}", o.calendar.label(t_s), cell(text));
        }
    }
    true
}

/// Targets met with margin, capability by capability.
fn strengths(r: &mut String, o: &Outcome, meta: &RunMeta, e: &Evaluated, n: usize) {
    let lang = meta.lang;
    let _ = writeln!(r, "\n## {n}. {}\n", t(lang, "aar.strengths"));
    let mut any = false;
    for (cap, rated) in meta.evaluation.capabilities.iter().zip(&e.capabilities) {
        for target in strong_targets(o, cap, rated) {
            any = true;
            let v = value(o, target).unwrap_or(f64::NAN);
            let name = named(lang, &cap.name, cap.name_zh.as_deref());
            let _ = writeln!(
                r,
                "- **{}**: {} — `{}` = {} ({})",
                cell(name),
                cell(&objective(target)),
                target.metric,
                fmt_num(v),
                bound(target)
            );
        }
    }
    if !any {
        let _ = writeln!(r, "{}", t(lang, "aar.no_strengths"));
    }
}

/// A capability's targets met without any reason against them.
fn strong_targets<'a>(o: &Outcome, cap: &'a Capability, rated: &Rated) -> Vec<&'a Target> {
    cap.targets
        .iter()
        .filter(|target| value(o, target).is_some())
        .filter(|target| !rated.reasons.iter().any(|x| x.evidence.what == target.metric))
        .collect()
}

/// Each finding with its evidence and recommendation.
fn improvements(r: &mut String, o: &Outcome, meta: &RunMeta, e: &Evaluated, n: usize) {
    let lang = meta.lang;
    let _ = writeln!(r, "\n## {n}. {}\n", t(lang, "aar.improvement"));
    if e.findings.is_empty() {
        let _ = writeln!(r, "{}", t(lang, "aar.no_findings"));
        return;
    }
    for (i, f) in e.findings.iter().enumerate() {
        let cap = meta.evaluation.capabilities.iter().find(|c| c.id == f.capability);
        let name = cap.map_or(f.capability.as_str(), |c| named(lang, &c.name, c.name_zh.as_deref()));
        let _ = writeln!(r, "### {n}.{} {} — {}\n", i + 1, class_label(lang, f.class), cell(name));
        let _ = writeln!(r, "{}\n", cell(&f.text));
        let ev = &f.evidence;
        let mut bits = vec![format!("`{}`", cell(&ev.what))];
        if let Some(v) = ev.value {
            bits.push(format!("{} {}", t(lang, "aar.value"), fmt_num(v)));
        }
        if let Some(x) = ev.threshold {
            bits.push(format!("{} {}", t(lang, "aar.threshold"), fmt_num(x)));
        }
        if let Some(ts) = ev.t_s {
            bits.push(format!("{} {}", t(lang, "aar.time"), o.calendar.label(ts)));
        }
        if !ev.place.is_empty() {
            bits.push(format!("{} {}", t(lang, "aar.place"), cell(&ev.place)));
        }
        if !ev.who.is_empty() {
            bits.push(format!("{} {}", t(lang, "aar.who"), cell(&ev.who)));
        }
        let _ = writeln!(r, "- {}: {}", t(lang, "aar.evidence"), bits.join(" · "));
        let _ = writeln!(r, "- {}: {}\n", t(lang, "aar.recommendation"), cell(&f.recommendation));
    }
}

fn class_label(lang: Lang, c: Class) -> &'static str {
    match c {
        Class::Deficiency => t(lang, "class.deficiency"),
        Class::Correction => t(lang, "class.correction"),
        Class::Improvement => t(lang, "class.improvement"),
    }
}

/// HSEEP's capability elements (POETE) a cause points at.
fn element(lang: Lang, c: Cause) -> &'static str {
    match c {
        Cause::TargetMissed | Cause::Harm => t(lang, "poete.planning"),
        Cause::StepMissed => t(lang, "poete.training"),
        Cause::StepLate => t(lang, "poete.organisation"),
        Cause::NearThreshold | Cause::Shortage => t(lang, "poete.equipment"),
    }
}

/// When a finding of a class is due, counted from the drill.
fn due(lang: Lang, c: Class) -> &'static str {
    match c {
        Class::Deficiency => t(lang, "due.deficiency"),
        Class::Correction => t(lang, "due.correction"),
        Class::Improvement => t(lang, "due.improvement"),
    }
}

/// Who is responsible: the roles the capability names (their names in the plan), else the
/// commander's office.
fn responsible(meta: &RunMeta, f: &Finding) -> String {
    let lang = meta.lang;
    let roles: Vec<&str> = meta
        .evaluation
        .capabilities
        .iter()
        .filter(|c| c.id == f.capability)
        .flat_map(|c| &c.roles)
        .filter_map(|id| meta.roles.iter().find(|(rid, ..)| rid == id))
        .map(|(_, en, zh)| named(lang, en, zh.as_deref()))
        .collect();
    if roles.is_empty() { t(lang, "aar.office").to_string() } else { roles.join("; ") }
}

fn plan_table(r: &mut String, meta: &RunMeta, e: &Evaluated, n: usize) {
    let lang = meta.lang;
    let _ = writeln!(r, "\n## {n}. {}\n", t(lang, "aar.plan_table"));
    if e.findings.is_empty() {
        let _ = writeln!(r, "{}", t(lang, "aar.no_findings"));
        return;
    }
    let _ = writeln!(
        r,
        "| # | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|",
        t(lang, "aar.issue"),
        t(lang, "aar.action"),
        t(lang, "aar.element"),
        t(lang, "aar.responsible"),
        t(lang, "aar.due")
    );
    for (i, f) in e.findings.iter().enumerate() {
        let _ = writeln!(
            r,
            "| {} | {} ({}) | {} | {} | {} | {} |",
            i + 1,
            cell(&f.text),
            class_label(lang, f.class),
            cell(&f.recommendation),
            element(lang, f.cause),
            cell(&responsible(meta, f)),
            due(lang, f.class)
        );
    }
}

#[cfg(test)]
mod tests;
