//! `report.html`: one self-contained page — key figures, the evaluation, the players' decisions,
//! the charts as inline SVG, levels, the timeline, assumptions and inputs — with no script, no
//! external reference and every user string escaped; readable on a phone. The charts' PNGs go
//! beside it.

use super::files::{RunMeta, fmt_num};
use super::lang::{Lang, t};
use super::markdown::play::{commands, has_evaluator, notes, played, score_text, taken_by};
use crate::core::{EventKind, Outcome};
use std::fmt::Write;

/// Escape text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// No script, no network, inline styles only: what the page may load.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans SC','PingFang SC',sans-serif;\
margin:0 auto;max-width:60rem;padding:0.8rem;color:#1b1b1b;line-height:1.45}\
h1{font-size:1.4rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;margin-top:1.6rem}\
table{border-collapse:collapse;width:100%;font-size:0.9rem;display:block;overflow-x:auto}\
th,td{border:1px solid #ddd;padding:0.25rem 0.4rem;text-align:left;vertical-align:top}\
th{background:#f3f3f3}.cards{display:flex;flex-wrap:wrap;gap:0.5rem}\
.card{flex:1 1 9rem;border:1px solid #ddd;border-radius:0.4rem;padding:0.4rem 0.6rem}\
.card b{display:block;font-size:1.2rem}.r{font-weight:bold;padding:0 0.3rem;border-radius:0.2rem}\
.rP{background:#c8e6c9}.rS{background:#fff59d}.rM{background:#ffcc80}.rU{background:#ef9a9a}\
figure{margin:1rem 0;overflow-x:auto}figure svg{width:100%;min-width:40rem;height:auto}";

/// Key figures shown first.
const KEY: &[(&str, &str)] = &[
    ("evacuation.should_transfer_people", "html.k.should"),
    ("evacuation.transferred_by_deadline_share", "html.k.by_deadline"),
    ("evacuation.time_to_90pct_h", "html.k.t90"),
    ("shelter.peak_occupancy_people", "html.k.shelter_peak"),
    ("people.dead", "html.k.dead"),
    ("fire.response_time_mean_s", "html.k.fire_response"),
    ("incidents.response_time_median_s", "html.k.incident_response"),
    ("rescue.response_time_median_min", "html.k.rescue"),
    ("supplies.shortage_person_h", "html.k.shortage"),
    ("role_cards.steps_late", "html.k.late"),
];

/// `report.html` and the charts' PNGs (`charts/<id>.png`).
pub fn report_files(o: &Outcome, meta: &RunMeta) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![("report.html".to_string(), report_html(o, meta).into_bytes())];
    files.extend(
        super::charts::png(o, meta).into_iter().map(|(name, bytes)| (format!("charts/{name}"), bytes)),
    );
    files
}

/// The HTML report.
pub fn report_html(o: &Outcome, meta: &RunMeta) -> String {
    let lang = meta.lang;
    let mut r = String::new();
    let title = format!("{} — {}", meta.scenario_name, meta.plan_name);
    let _ = write!(
        r,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n",
        lang.code(),
        esc(&title)
    );
    let _ = writeln!(r, "<h1>{}</h1>", esc(&title));
    let what = if meta.nominal {
        t(lang, "aar.nominal").to_string()
    } else {
        format!("{} {}", t(lang, "aar.realisation"), meta.seed)
    };
    let _ = writeln!(r, "<p>{} · {} {}</p>", esc(&what), t(lang, "aar.start"), esc(&o.calendar.iso(0)));
    let _ = writeln!(r, "<p>{}</p>", esc(&meta.scenario_description));
    key_figures(&mut r, o, lang);
    evaluation(&mut r, o, meta);
    play(&mut r, o, lang);
    for c in super::charts::charts(o, meta) {
        // The chart draws its own title; on a phone it keeps a readable width and scrolls.
        let _ = writeln!(r, "<figure id=\"chart-{}\" aria-label=\"{}\">", c.id, esc(&c.title));
        r.push_str(&c.svg);
        r.push_str("</figure>\n");
    }
    timeline(&mut r, o, lang);
    assumptions(&mut r, o, meta);
    let _ = writeln!(r, "<p><small>{}</small></p>\n</body></html>", esc(&super::files::engine_version()));
    r
}

fn key_figures(r: &mut String, o: &Outcome, lang: Lang) {
    let _ = writeln!(r, "<h2>{}</h2><div class=\"cards\">", t(lang, "html.key"));
    for (metric, key) in KEY {
        if let Some(v) = o.metrics.get(*metric) {
            let _ = writeln!(r, "<div class=\"card\"><b>{}</b>{}</div>", fmt_num(*v), t(lang, key));
        }
    }
    r.push_str("</div>\n");
}

fn evaluation(r: &mut String, o: &Outcome, meta: &RunMeta) {
    let lang = meta.lang;
    let e = meta.evaluate(o);
    let judged = has_evaluator(&e);
    let computed = if judged {
        format!(" ({}: {})", t(lang, "play.computed"), score_text(e.score_computed))
    } else {
        String::new()
    };
    let grade = match e.grade {
        5 => t(lang, "grade.5"),
        3 => t(lang, "grade.3"),
        _ => t(lang, "grade.1"),
    };
    let _ = writeln!(
        r,
        "<h2>{}</h2><p>{} <b>{}</b> / 100{computed} · {} <b>{grade}</b></p>",
        t(lang, "aar.analysis"),
        t(lang, "aar.score"),
        score_text(e.score),
        t(lang, "aar.grade")
    );
    let judge_head = if judged { format!("<th>{}</th>", t(lang, "play.evaluator")) } else { String::new() };
    let _ = writeln!(
        r,
        "<table><tr><th>{}</th><th>{}</th>{judge_head}<th>{}</th></tr>",
        t(lang, "aar.capability"),
        t(lang, "aar.rating"),
        t(lang, "aar.rule")
    );
    let badge = |x: Option<crate::score::Rating>| match x {
        Some(x) => format!("<span class=\"r r{x:?}\">{x:?}</span>"),
        None => "<span class=\"r\">–</span>".to_string(),
    };
    for (cap, rated) in meta.evaluation.capabilities.iter().zip(&e.capabilities) {
        let name = match (lang, &cap.name_zh) {
            (Lang::Zh, Some(z)) => z.as_str(),
            _ => cap.name.as_str(),
        };
        let why = rated.reasons.first().map_or("", |x| x.text.as_str());
        let judge = match (&rated.evaluator, judged) {
            (Some(x), _) => format!("<td>{} {}</td>", badge(Some(x.rating)), esc(&x.reason)),
            (None, true) => "<td></td>".to_string(),
            (None, false) => String::new(),
        };
        let _ = writeln!(
            r,
            "<tr><td>{}</td><td>{}</td>{judge}<td>{}</td></tr>",
            esc(name),
            badge(rated.rating),
            esc(why)
        );
    }
    r.push_str("</table>\n");
    if e.findings.is_empty() {
        return;
    }
    let _ = writeln!(
        r,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        t(lang, "aar.improvement"),
        t(lang, "aar.issue"),
        t(lang, "aar.capability"),
        t(lang, "aar.recommendation")
    );
    for f in &e.findings {
        let class = match f.class {
            crate::score::Class::Deficiency => t(lang, "class.deficiency"),
            crate::score::Class::Correction => t(lang, "class.correction"),
            crate::score::Class::Improvement => t(lang, "class.improvement"),
        };
        let cap = meta.evaluation.capabilities.iter().find(|c| c.id == f.capability);
        let name = match (lang, cap) {
            (Lang::Zh, Some(c)) => c.name_zh.as_deref().unwrap_or(&c.name),
            (_, Some(c)) => c.name.as_str(),
            (_, None) => f.capability.as_str(),
        };
        let _ = writeln!(
            r,
            "<tr><td><b>{}</b>: {}</td><td>{}</td><td>{}</td></tr>",
            class,
            esc(&f.text),
            esc(name),
            esc(&f.recommendation)
        );
    }
    r.push_str("</table>\n");
}

/// The players' commands with their consequences, the options taken at decision points and the
/// facilitator's notes; a plain run shows only its decision points, and without any nothing.
fn play(r: &mut String, o: &Outcome, lang: Lang) {
    let p = &o.play;
    if !played(p) {
        if !p.decisions.is_empty() {
            let _ = writeln!(r, "<h2>{}</h2>", t(lang, "play.points"));
            decision_table(r, o, lang);
        }
        return;
    }
    let _ = writeln!(r, "<h2>{}</h2>", t(lang, "play.title"));
    let commands = commands(p);
    if !commands.is_empty() {
        let _ = writeln!(
            r,
            "<h3>{}</h3><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            t(lang, "play.orders"),
            t(lang, "aar.time"),
            t(lang, "play.command"),
            t(lang, "play.consequence")
        );
        for c in commands {
            let _ = writeln!(
                r,
                "<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                esc(&o.calendar.label(c.t_s)),
                esc(&c.line),
                esc(&c.consequence)
            );
        }
        r.push_str("</table>\n");
    }
    if !p.decisions.is_empty() {
        let _ = writeln!(r, "<h3>{}</h3>", t(lang, "play.points"));
        decision_table(r, o, lang);
    }
    let notes = notes(p);
    if !notes.is_empty() {
        let _ = writeln!(r, "<h3>{}</h3><ul>", t(lang, "play.notes"));
        for (t_s, text) in notes {
            let _ = writeln!(r, "<li>{} — {}</li>", esc(&o.calendar.label(t_s)), esc(text));
        }
        r.push_str("</ul>\n");
    }
}

/// Every option taken at a decision point, with who took it.
fn decision_table(r: &mut String, o: &Outcome, lang: Lang) {
    let _ = writeln!(
        r,
        "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        t(lang, "aar.time"),
        t(lang, "play.inject"),
        t(lang, "play.prompt"),
        t(lang, "play.option"),
        t(lang, "play.by")
    );
    for d in &o.play.decisions {
        let _ = writeln!(
            r,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><b>{}</b>: {}</td><td>{}</td></tr>",
            esc(&o.calendar.label(d.t_s)),
            esc(&d.inject),
            esc(&d.prompt),
            esc(&d.option),
            esc(&d.text),
            taken_by(lang, d)
        );
    }
    r.push_str("</table>\n");
}

/// The timeline's orders, levels, warnings, fires and decisions (the rest is in timeline.csv).
fn timeline(r: &mut String, o: &Outcome, lang: Lang) {
    const SHOWN: &[EventKind] = &[
        EventKind::Warning,
        EventKind::Level,
        EventKind::Order,
        EventKind::Shelter,
        EventKind::Action,
        EventKind::Request,
        EventKind::Ignition,
        EventKind::Report,
        EventKind::Dispatch,
        EventKind::Arrival,
        EventKind::Control,
        EventKind::Inject,
        EventKind::Decision,
        EventKind::Step,
        EventKind::Conflict,
    ];
    const MAX: usize = 400;
    let events: Vec<_> = o.timeline.iter().filter(|e| SHOWN.contains(&e.kind)).collect();
    let _ = writeln!(
        r,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        t(lang, "html.timeline"),
        t(lang, "aar.time"),
        t(lang, "html.who"),
        t(lang, "aar.place"),
        t(lang, "html.what")
    );
    for e in events.iter().take(MAX) {
        let _ = writeln!(
            r,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&o.calendar.label(e.t.0)),
            esc(&e.who),
            esc(&e.place),
            esc(&e.text)
        );
    }
    r.push_str("</table>\n");
    if events.len() > MAX {
        let _ = writeln!(r, "<p>… {} {}</p>", events.len() - MAX, t(lang, "html.more"));
    }
}

fn assumptions(r: &mut String, o: &Outcome, meta: &RunMeta) {
    let lang = meta.lang;
    let _ = writeln!(r, "<h2>{}</h2><ul>", t(lang, "html.assumptions"));
    for a in &o.assumptions {
        let _ = writeln!(r, "<li>{}</li>", esc(a));
    }
    r.push_str("</ul>\n");
    let _ = writeln!(r, "<h2>{}</h2><table>", t(lang, "html.inputs"));
    for (role, file, sha) in &meta.inputs {
        let _ = writeln!(
            r,
            "<tr><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            esc(role),
            esc(file),
            esc(&sha[..16.min(sha.len())])
        );
    }
    r.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_markup_character_is_escaped() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn every_key_figure_label_is_in_the_table() {
        for (_, key) in KEY {
            assert!(super::super::lang::has(key), "{key}");
        }
    }

    #[test]
    fn a_session_shows_its_decisions_escaped_and_the_evaluators_rating() {
        use crate::report::markdown::play::{plain, tabletop};
        let payload = "<script>alert('x')</script>";
        let (o, meta) = tabletop(Lang::En, payload);
        let html = report_html(&o, &meta);
        assert!(!html.contains("<script"), "a user string unescaped");
        let escaped = esc(payload);
        assert!(html.contains("<h2>Players' decisions</h2>\n<h3>Orders and their consequences</h3>"));
        assert!(html.contains(&format!(
            "<tr><td>D1 14:20</td><td><code>evacuate should-transfer organised{escaped}</code></td>\
             <td>organised transfer ordered for 14 zones at D1 14:20, 3 h 10 min after the yellow typhoon \
             warning (D1 10:00){escaped}</td></tr>"
        )));
        assert!(!html.contains("<code>note ") && !html.contains("<code>rate "));
        assert!(html.contains(&format!(
            "<td><b>wait{escaped}</b>: Organised transfer of Chenjia as well.{escaped}</td>\
             <td>default (no answer)</td></tr>"
        )));
        assert!(html.contains(&format!("<li>D1 12:01 — Commander convenes the joint post{escaped}</li>")));
        assert!(html.contains("<b>88</b> / 100 (computed by the plan's rule: 50)"));
        assert!(html.contains("<th>Capability rating</th><th>Evaluator's rating</th><th>Rule"));
        assert!(html.contains(&format!(
            "<td><span class=\"r rU\">U</span></td><td><span class=\"r rS\">S</span> roster | late{escaped}</td>"
        )));
        assert!(html.contains("<td><span class=\"r rP\">P</span></td><td></td><td>"));
        // A plain run: its decision points alone; without any, no section and no evaluator.
        let (mut o, meta) = plain(Lang::En);
        let html = report_html(&o, &meta);
        assert!(
            !html.contains("Decision points") && !html.contains("Evaluator") && !html.contains("Players")
        );
        assert!(html.contains("<th>Capability rating</th><th>Rule"));
        o.play.decisions = tabletop(Lang::En, "").0.play.decisions.split_off(1);
        let html = report_html(&o, &meta);
        assert!(html.contains("<h2>Decision points</h2>\n<table>") && !html.contains("Players"));
    }
}
