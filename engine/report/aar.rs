//! `aar.md`: the after-action report and improvement plan in the HSEEP shape — overview,
//! capability analysis (objective × capability × rating, with the rule that gave it),
//! strengths, areas for improvement with evidence, and the improvement plan.

use super::files::{RunMeta, fmt_num};
use super::lang::{Lang, t};
use super::markdown::cell;
use crate::core::Outcome;
use crate::model::{Capability, Target};
use crate::score::{Cause, Class, Evaluated, Finding, Rated};
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
    strengths(&mut r, o, meta, &e);
    improvements(&mut r, o, meta, &e);
    plan_table(&mut r, meta, &e);
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

fn rating_label(lang: Lang, c: &Rated) -> &'static str {
    match c.rating {
        Some(crate::score::Rating::P) => t(lang, "rating.P"),
        Some(crate::score::Rating::S) => t(lang, "rating.S"),
        Some(crate::score::Rating::M) => t(lang, "rating.M"),
        Some(crate::score::Rating::U) => t(lang, "rating.U"),
        None => t(lang, "aar.not_exercised"),
    }
}

fn grade_label(lang: Lang, grade: u8) -> &'static str {
    match grade {
        5 => t(lang, "grade.5"),
        3 => t(lang, "grade.3"),
        _ => t(lang, "grade.1"),
    }
}

/// Objective × capability × rating, each row with the rule that applied to it.
fn analysis(r: &mut String, o: &Outcome, meta: &RunMeta, e: &Evaluated) {
    let lang = meta.lang;
    let score = if e.score.is_finite() { format!("{:.0}", e.score) } else { "–".into() };
    let _ = writeln!(
        r,
        "\n## 2. {}\n\n{} {score} / 100 · {} {}\n",
        t(lang, "aar.analysis"),
        t(lang, "aar.score"),
        t(lang, "aar.grade"),
        grade_label(lang, e.grade)
    );
    let _ = writeln!(
        r,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        t(lang, "aar.objective"),
        t(lang, "aar.capability"),
        t(lang, "aar.rating"),
        t(lang, "aar.rule")
    );
    for (cap, rated) in meta.evaluation.capabilities.iter().zip(&e.capabilities) {
        let name = named(lang, &cap.name, cap.name_zh.as_deref());
        let rating = rating_label(lang, rated);
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

/// Targets met with margin, capability by capability.
fn strengths(r: &mut String, o: &Outcome, meta: &RunMeta, e: &Evaluated) {
    let lang = meta.lang;
    let _ = writeln!(r, "\n## 3. {}\n", t(lang, "aar.strengths"));
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
fn improvements(r: &mut String, o: &Outcome, meta: &RunMeta, e: &Evaluated) {
    let lang = meta.lang;
    let _ = writeln!(r, "\n## 4. {}\n", t(lang, "aar.improvement"));
    if e.findings.is_empty() {
        let _ = writeln!(r, "{}", t(lang, "aar.no_findings"));
        return;
    }
    for (i, f) in e.findings.iter().enumerate() {
        let cap = meta.evaluation.capabilities.iter().find(|c| c.id == f.capability);
        let name = cap.map_or(f.capability.as_str(), |c| named(lang, &c.name, c.name_zh.as_deref()));
        let _ = writeln!(r, "### 4.{} {} — {}\n", i + 1, class_label(lang, f.class), cell(name));
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

fn plan_table(r: &mut String, meta: &RunMeta, e: &Evaluated) {
    let lang = meta.lang;
    let _ = writeln!(r, "\n## 5. {}\n", t(lang, "aar.plan_table"));
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
