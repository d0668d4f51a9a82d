//! The players' part of a run in the reports: which orders were the players' commands, the
//! facilitator's notes and the evaluator's ratings, and report.md's section on them (aar.md and
//! report.html use the same selection).

use super::cell;
use crate::core::{Decided, Outcome, Play, PlayerOrder};
use crate::report::lang::{Lang, t};
use crate::score::{Evaluated, Rated};
use std::fmt::Write;

/// A score out of 100, or "–" when nothing was rated.
pub(in crate::report) fn score_text(score: f64) -> String {
    if score.is_finite() { format!("{score:.0}") } else { "–".into() }
}

/// Whether an evaluator rated any capability.
pub(in crate::report) fn has_evaluator(e: &Evaluated) -> bool {
    e.capabilities.iter().any(|c| c.evaluator.is_some())
}

/// The evaluator's rating of a capability and why: "S — roster reported late"; empty when none.
pub(in crate::report) fn evaluator_text(c: &Rated) -> String {
    c.evaluator.as_ref().map_or(String::new(), |x| format!("{:?} — {}", x.rating, x.reason))
}

/// Whether players took part: an order, note or rating given, or an option chosen (a plain run
/// has at most the decision points its defaults answered).
pub(in crate::report) fn played(p: &Play) -> bool {
    !p.orders.is_empty() || !p.overrides.is_empty() || p.decisions.iter().any(|d| d.by_player)
}

/// The players' commands: every order but the facilitator's notes and the evaluator's ratings.
pub(in crate::report) fn commands(p: &Play) -> Vec<&PlayerOrder> {
    p.orders.iter().filter(|x| !x.line.starts_with("note ") && !x.line.starts_with("rate ")).collect()
}

/// The facilitator's notes: when, and the text.
pub(in crate::report) fn notes(p: &Play) -> Vec<(i64, &str)> {
    p.orders.iter().filter_map(|x| Some((x.t_s, x.line.strip_prefix("note ")?))).collect()
}

/// Who took an option: the players or the default.
pub(in crate::report) fn taken_by(lang: Lang, d: &Decided) -> &'static str {
    if d.by_player { t(lang, "play.by_player") } else { t(lang, "play.by_default") }
}

/// The players' part: each command with what it did, the options taken at decision points and
/// the facilitator's notes. A plain run shows only its decision points; without any, nothing.
pub(super) fn play_section(r: &mut String, o: &Outcome, lang: Lang) {
    let p = &o.play;
    if !played(p) {
        if !p.decisions.is_empty() {
            let _ = writeln!(r, "\n## {}\n", t(lang, "play.points"));
            decision_table(r, o, lang);
        }
        return;
    }
    let _ = writeln!(r, "\n## {}", t(lang, "play.title"));
    let commands = commands(p);
    if !commands.is_empty() {
        let _ = writeln!(
            r,
            "\n### {}\n\n| {} | {} | {} |\n|---|---|---|",
            t(lang, "play.orders"),
            t(lang, "aar.time"),
            t(lang, "play.command"),
            t(lang, "play.consequence")
        );
        for c in commands {
            let _ =
                writeln!(r, "| {} | {} | {} |", o.calendar.label(c.t_s), cell(&c.line), cell(&c.consequence));
        }
    }
    if !p.decisions.is_empty() {
        let _ = writeln!(r, "\n### {}\n", t(lang, "play.points"));
        decision_table(r, o, lang);
    }
    let notes = notes(p);
    if !notes.is_empty() {
        let _ = writeln!(r, "\n### {}\n", t(lang, "play.notes"));
        for (t_s, text) in notes {
            let _ = writeln!(r, "- {} — {}", o.calendar.label(t_s), cell(text));
        }
    }
}

/// Every option taken at a decision point, with who took it.
fn decision_table(r: &mut String, o: &Outcome, lang: Lang) {
    let _ = writeln!(
        r,
        "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
        t(lang, "aar.time"),
        t(lang, "play.inject"),
        t(lang, "play.prompt"),
        t(lang, "play.option"),
        t(lang, "play.by")
    );
    for d in &o.play.decisions {
        let _ = writeln!(
            r,
            "| {} | {} | {} | {} | {} |",
            o.calendar.label(d.t_s),
            cell(&d.inject),
            cell(&d.prompt),
            cell(&format!("{}: {}", d.option, d.text)),
            taken_by(lang, d)
        );
    }
}

/// A tabletop session's Outcome and RunMeta for the reports' tests: two capabilities (the
/// transfer missed its target: U; the level met its: P), commands, a note, an evaluator's
/// rating, an option chosen and one taken by default. `extra` is appended to every user string.
#[cfg(test)]
pub(in crate::report) fn tabletop(lang: Lang, extra: &str) -> (Outcome, crate::report::RunMeta) {
    use crate::core::Override;
    let (mut o, meta) = plain(lang);
    let order = |t_s: i64, line: &str, consequence: &str| PlayerOrder {
        t_s,
        line: format!("{line}{extra}"),
        consequence: format!("{consequence}{extra}"),
    };
    let decided = |t_s: i64, inject: &str, option: &str, by_player: bool| Decided {
        t_s,
        inject: format!("{inject}{extra}"),
        prompt: format!("Extend the transfer to Chenjia?{extra}"),
        option: format!("{option}{extra}"),
        text: format!("Organised transfer of Chenjia as well.{extra}"),
        by_player,
    };
    o.play = Play {
        orders: vec![
            order(14_460, "note Commander convenes the joint post", "noted"),
            order(
                14_460,
                "dispatch t-fq-boat to sh-fengyuan",
                "t-fq-boat sent to sh-fengyuan; arrived D1 12:40 (39 min after the order)",
            ),
            order(21_660, "rate evacuation_sheltering S roster | late", "evacuation_sheltering rated S"),
            order(
                22_800,
                "evacuate should-transfer organised",
                "organised transfer ordered for 14 zones at D1 14:20, 3 h 10 min after the yellow \
                 typhoon warning (D1 10:00)",
            ),
            order(90_060, "choose infa-expand expand-organised", "option expand-organised"),
        ],
        decisions: vec![
            decided(90_060, "infa-expand", "expand-organised", true),
            decided(120_000, "infa-second", "wait", false),
        ],
        overrides: vec![Override {
            t_s: 21_660,
            capability: "evacuation_sheltering".into(),
            rating: "S".into(),
            reason: format!("roster | late{extra}"),
        }],
    };
    (o, meta)
}

/// A plain run's Outcome (no decision point) and RunMeta with the capabilities `tabletop` rates.
#[cfg(test)]
pub(in crate::report) fn plain(lang: Lang) -> (Outcome, crate::report::RunMeta) {
    use crate::model::{Calendar, Capability, Evaluation, Target};
    let capability = |id: &str, name: &str, metric: &str, at_least: f64| Capability {
        id: id.into(),
        name: name.into(),
        name_zh: None,
        weight: 1.0,
        targets: vec![Target { metric: metric.into(), at_least: Some(at_least), at_most: None, text: None }],
        roles: Vec::new(),
        harm: Vec::new(),
        shortage: Vec::new(),
        critical: false,
    };
    let o = Outcome {
        metrics: [("evacuation.transferred_by_deadline_share", 0.6), ("command.township_level_max", 4.0)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        counts: Default::default(),
        timeline: Vec::new(),
        series: Default::default(),
        calendar: Calendar { start_utc_s: 1_626_998_400, utc_offset_s: 8 * 3600 },
        sampled: Default::default(),
        assumptions: Vec::new(),
        spans: Vec::new(),
        responses: Vec::new(),
        zones: Vec::new(),
        play: Play::default(),
    };
    let evaluation = Evaluation {
        capabilities: vec![
            capability(
                "evacuation_sheltering",
                "Evacuation and sheltering",
                "evacuation.transferred_by_deadline_share",
                0.8,
            ),
            capability("command_coordination", "Command and coordination", "command.township_level_max", 3.0),
        ],
        ..Evaluation::default()
    };
    let meta = crate::report::RunMeta {
        scenario_name: "test".into(),
        plan_name: "test".into(),
        seed: 1,
        nominal: true,
        evaluation,
        lang,
        ..Default::default()
    };
    (o, meta)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::markdown::report_md;

    /// The lines of `text` from the heading `from` up to the next heading of the same level.
    fn section<'a>(text: &'a str, from: &str) -> &'a str {
        let start = text.find(from).unwrap_or_else(|| panic!("no {from:?} in\n{text}"));
        let rest = &text[start + from.len()..];
        let level = from.trim_start_matches('\n').split(' ').next().unwrap_or("##");
        let end = rest.find(&format!("\n{level} ")).unwrap_or(rest.len());
        &rest[..end]
    }

    #[test]
    fn a_session_shows_commands_decisions_notes_and_the_evaluators_rating() {
        let (o, meta) = tabletop(Lang::En, "");
        let md = report_md(&o, &meta);
        let play = section(&md, "\n## Players' decisions");
        let orders = section(play, "\n### Orders and their consequences");
        assert!(orders.contains("| time | Command | Consequence |"), "{orders}");
        assert!(orders.contains(
            "| D1 14:20 | evacuate should-transfer organised | organised transfer ordered for 14 zones at \
             D1 14:20, 3 h 10 min after the yellow typhoon warning (D1 10:00) |"
        ));
        assert!(orders.contains("| D1 12:01 | dispatch t-fq-boat to sh-fengyuan | t-fq-boat sent"));
        // Notes and ratings are not commands: they show in their own places.
        assert!(!orders.contains("note ") && !orders.contains("rate "), "{orders}");
        let points = section(play, "\n### Decision points");
        assert!(points.contains(
            "| D2 09:01 | infa-expand | Extend the transfer to Chenjia? | expand-organised: Organised transfer \
             of Chenjia as well. | the players |"
        ));
        assert!(points.contains("| D2 17:20 | infa-second | Extend the transfer to Chenjia? | wait: "));
        assert!(points.ends_with("| default (no answer) |\n"), "{points}");
        let notes = section(play, "\n### Facilitator's notes");
        assert_eq!(notes, "\n\n- D1 12:01 — Commander convenes the joint post\n");
        // The evaluator's S beside the computed U; the score counts it (75 + 100) / 2, the
        // computed score (0 + 100) / 2 is shown too.
        let eval = section(&md, "\n## Evaluation");
        assert!(
            eval.contains("Score 88 / 100 (computed by the plan's rule: 50), AQ/T 9009 grade 5 (excellent).")
        );
        assert!(
            eval.contains("| Capability | Capability rating | Evaluator's rating | Rule that produced it |")
        );
        assert!(
            eval.contains("| Evacuation and sheltering | U | S — roster \\| late | target not met"),
            "{eval}"
        );
        assert!(eval.contains("| Command and coordination | P |  | every target met"), "{eval}");
    }

    #[test]
    fn a_plain_run_shows_only_its_decision_points_and_without_any_nothing_new() {
        let (mut o, meta) = tabletop(Lang::En, "");
        o.play.orders.clear();
        o.play.overrides.clear();
        o.play.decisions.retain(|d| !d.by_player);
        let md = report_md(&o, &meta);
        assert!(!md.contains("Players' decisions") && !md.contains("Evaluator"), "{md}");
        let points = section(&md, "\n## Decision points");
        assert!(points.contains("| infa-second |") && points.contains("| default (no answer) |"));
        assert!(md.contains("Score 50 / 100, AQ/T 9009 grade 1 (poor)."));
        let (o, meta) = plain(Lang::En);
        let md = report_md(&o, &meta);
        assert!(!md.contains("Decision points") && !md.contains("Players' decisions"), "{md}");
        assert!(md.contains("| Capability | Capability rating | Rule that produced it |\n|---|---|---|\n"));
        assert!(md.contains("| Evacuation and sheltering | U | target not met"));
    }

    #[test]
    fn the_section_is_in_chinese_and_user_text_is_escaped_for_tables() {
        let (o, meta) = tabletop(Lang::Zh, " a|b\nc");
        let md = report_md(&o, &meta);
        for heading in ["## 参演人员的决策", "### 指令及其后果", "### 决策点", "### 导调记录"]
        {
            assert!(md.contains(heading), "{heading}");
        }
        assert!(
            md.contains("| 参演人员 |") && md.contains("| 默认方案(未作答) |") && md.contains("评估员评级")
        );
        assert!(!md.contains("play."), "a key without its string");
        // Every row of the section stays one row: pipes escaped, line breaks flattened.
        assert!(md.contains("- D1 12:01 — Commander convenes the joint post a\\|b c\n"), "{md}");
        assert!(!md.contains("a|b"));
    }
}
