//! report.html is safe whatever the inputs say: the shipped In-Fa typhoon scenario and the
//! comprehensive plan, with a script-and-markup payload put into every human-readable string and
//! into every id (renamed consistently across the files, so references stay valid: validation has
//! no id charset rule, only zone `group` names are restricted), run once and rendered in English
//! and Chinese. The page is parsed with a real HTML parser (html5ever, through scraper) and must
//! hold no script, no event handler, no external reference, and every chart as one inline SVG;
//! the payload must show as text, escaped, not dropped.

use drill::report::{Lang, RunMeta};
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const PAYLOAD: &str = "<script>alert(1)</script>\"'</svg><img src=x onerror=alert(1)>";

/// The files the In-Fa scenario reads (its `base` and `map`) and the plan, all in one folder.
const SCENARIO_FILES: [&str; 3] = ["typhoon-infa.ron", "township.ron", "map.ron"];
const PLAN_FILE: &str = "fengqiao-comprehensive.ron";

/// Fields that hold readable text: the payload is appended to their value.
const TEXT_KEYS: [&str; 10] = [
    "name",
    "name_zh",
    "description",
    "text",
    "text_zh",
    "message",
    "message_zh",
    "expected_action",
    "prompt",
    "cause",
];

/// Fields whose value is never an id, though it may be spelt like one (the capability
/// `"logistics"` of an inject is not the role `"logistics"`).
const NOT_ID_KEYS: [&str; 1] = ["capability"];

/// A string literal of a RON file: its byte range (quotes included), the field it is the
/// direct value of (`name` in `name: "…"`, none inside a list), and its raw content.
#[derive(Debug)]
struct Lit {
    start: usize,
    end: usize,
    key: Option<String>,
    raw: String,
}

/// Every string literal of RON text, skipping comments.
fn literals(src: &str) -> Vec<Lit> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut key: Option<String> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if b[i..].starts_with(b"//") {
            i += src[i..].find('\n').unwrap_or(src.len() - i);
        } else if b[i..].starts_with(b"/*") {
            i += src[i..].find("*/").map_or(src.len() - i, |j| j + 2);
        } else if c == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            assert!(j < b.len(), "unterminated string at byte {i}");
            out.push(Lit { start: i, end: j + 1, key: key.take(), raw: src[i + 1..j].to_string() });
            i = j + 1;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let s = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            assert!(!(c == b'r' && i < b.len() && (b[i] == b'"' || b[i] == b'#')), "raw string at {s}");
            let mut j = i;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            key = if j < b.len() && b[j] == b':' {
                i = j + 1;
                Some(src[s..i - 1].trim().to_string())
            } else {
                None
            };
        } else {
            key = None;
            i += 1;
        }
    }
    out
}

/// `s` as the content of a RON string literal.
fn ron_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The RON text with the payload appended to every text field and every id in `renames`
/// renamed.
fn transform(src: &str, renames: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(src.len() * 2);
    let mut at = 0;
    for lit in literals(src) {
        let key = lit.key.as_deref().unwrap_or("");
        let new = if TEXT_KEYS.contains(&key) {
            format!("{}{}", lit.raw, ron_escape(PAYLOAD))
        } else if let Some(to) = renames.get(&lit.raw).filter(|_| !NOT_ID_KEYS.contains(&key)) {
            ron_escape(to)
        } else {
            continue;
        };
        out.push_str(&src[at..lit.start]);
        out.push('"');
        out.push_str(&new);
        out.push('"');
        at = lit.end;
    }
    out.push_str(&src[at..]);
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("drill-html-escaping-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Write the poisoned scenario and plan into `dir`; returns their paths.
fn poisoned_inputs(dir: &Path) -> (PathBuf, PathBuf) {
    let mut sources: Vec<(PathBuf, String)> = SCENARIO_FILES
        .iter()
        .map(|f| root().join("scenarios/fengqiao").join(f))
        .chain([root().join("plans").join(PLAN_FILE)])
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (dir.join(p.file_name().unwrap()), text)
        })
        .collect();
    // Every id any file defines, renamed everywhere it is written.
    let mut renames = BTreeMap::new();
    for (_, text) in &sources {
        for lit in literals(text).into_iter().filter(|l| l.key.as_deref() == Some("id")) {
            assert!(!lit.raw.contains('\\'), "{}", lit.raw);
            renames.insert(lit.raw.clone(), format!("{}{PAYLOAD}", lit.raw));
        }
    }
    assert!(renames.len() > 250, "only {} ids found", renames.len());
    for (path, text) in &mut sources {
        *text = transform(text, &renames);
        std::fs::write(path, text.as_bytes()).unwrap();
    }
    (dir.join(SCENARIO_FILES[0]), dir.join(PLAN_FILE))
}

/// The transformation reaches what it should: ids of every kind and the readable names.
fn check_poisoned(inputs: &drill::run::Inputs) {
    let poisoned = |what: &str, s: &str| assert!(s.ends_with(PAYLOAD), "{what} not poisoned: {s:?}");
    let (s, m, p) = (&inputs.scenario.scenario, &inputs.scenario.map, &inputs.plan.plan);
    poisoned("scenario name", &s.name);
    poisoned("scenario description", &s.description);
    poisoned("plan name", &p.name);
    poisoned("plan description", &p.description);
    for t in &s.teams {
        poisoned("team id", &t.id);
        poisoned("team name", &t.name);
    }
    for z in &m.zones {
        poisoned("zone id", &z.id);
        poisoned("zone name", &z.name);
    }
    for f in &m.facilities {
        poisoned("facility id", &f.id);
        poisoned("facility name", &f.name);
    }
    for l in &m.links {
        poisoned("link id", &l.id);
    }
    for a in &p.organisation.agencies {
        poisoned("agency id", &a.id);
        poisoned("agency name", &a.name);
    }
    for r in &p.organisation.roles {
        poisoned("role id", &r.id);
        poisoned("role name", &r.name);
    }
    for i in &s.injects {
        poisoned("inject message", &i.message);
    }
    assert!(!s.teams.is_empty() && !m.facilities.is_empty() && !p.organisation.roles.is_empty());
}

/// The readable names of the evaluation's capabilities (filled in from defaults, not the files).
fn poison_capabilities(meta: &mut RunMeta) {
    for c in &mut meta.evaluation.capabilities {
        c.name.push_str(PAYLOAD);
        if let Some(z) = &mut c.name_zh {
            z.push_str(PAYLOAD);
        }
    }
    assert!(!meta.evaluation.capabilities.is_empty());
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let sel = Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e:?}"));
    doc.select(&sel).collect()
}

/// A reference that stays inside the page: a fragment, or inline data that is not a page.
fn local(url: &str) -> bool {
    let u: String = url.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    u.starts_with('#') || (u.starts_with("data:") && !u.starts_with("data:text/html"))
}

/// What in a parsed page could run or load anything: script and embedding elements, event
/// handlers, references out of the page, `url()` in styles.
fn unsafe_content(doc: &Html) -> Vec<String> {
    let mut problems = Vec::new();
    for el in doc.root_element().descendent_elements() {
        let e = el.value();
        let name = e.name().to_ascii_lowercase();
        let at = || format!("<{name}> {:?}", &el.html().chars().take(160).collect::<String>());
        if ["script", "iframe", "object", "embed", "link", "base", "frame", "applet"].contains(&name.as_str())
        {
            problems.push(format!("forbidden element {}", at()));
        }
        if name == "meta" && e.attr("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh")) {
            problems.push(format!("refresh {}", at()));
        }
        if name == "style" && el.text().collect::<String>().to_ascii_lowercase().contains("url(") {
            problems.push(format!("url() in a style element {}", at()));
        }
        for (attr, value) in e.attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") {
                problems.push(format!("event handler {attr} {}", at()));
            }
            if ["href", "src", "srcset", "action", "formaction", "poster", "background", "data"]
                .contains(&attr.as_str())
                && !local(value)
            {
                problems.push(format!("external {attr}={value:?} {}", at()));
            }
            if attr == "style" && value.to_ascii_lowercase().contains("url(") {
                problems.push(format!("url() in a style attribute {}", at()));
            }
        }
    }
    problems
}

/// The page holds no active or external content, every chart once, and the payload as text.
fn check_page(html: &str, chart_ids: &[&str], lang: Lang) {
    let doc = Html::parse_document(html);
    let problems = unsafe_content(&doc);
    assert!(problems.is_empty(), "{lang:?}: report.html is unsafe:\n{}", problems.join("\n"));

    // The check itself sees a leak: the payload unescaped in the heading, a script and a
    // handler in a chart.
    let in_h1 = html.replacen("<h1>", &format!("<h1>{PAYLOAD}"), 1);
    let leaked = unsafe_content(&Html::parse_document(&in_h1));
    assert!(leaked.iter().any(|p| p.contains("onerror")), "{lang:?}: a leak goes unseen: {leaked:?}");
    let svg = html.find("<svg").expect("no svg in the page");
    let open_end = svg + html[svg..].find('>').expect("an unclosed svg tag");
    let in_svg = format!(
        "{} onload=\"alert(1)\"><script>alert(1)</script>{}",
        &html[..open_end],
        &html[open_end + 1..]
    );
    let leaked = unsafe_content(&Html::parse_document(&in_svg));
    assert!(leaked.iter().any(|p| p.starts_with("forbidden element <script>")), "{leaked:?}");
    assert!(leaked.iter().any(|p| p.starts_with("event handler onload")), "{leaked:?}");

    // Every chart, each as exactly one inline SVG.
    assert!(!chart_ids.is_empty(), "{lang:?}: the run drew no chart");
    for id in chart_ids {
        let figures = select(&doc, &format!("figure#chart-{id}"));
        assert_eq!(figures.len(), 1, "{lang:?}: figure#chart-{id}");
        let svgs = figures[0].select(&Selector::parse("svg").unwrap()).count();
        assert_eq!(svgs, 1, "{lang:?}: figure#chart-{id} holds {svgs} svg elements");
    }

    // The payload is there as text: escaped, not dropped. The title and the heading carry the
    // scenario and plan names whole; the timeline, the teams' and places' ids.
    let text = |el: &ElementRef| el.text().collect::<String>();
    for css in ["title", "h1"] {
        let found = select(&doc, css);
        assert!(found.iter().any(|e| text(e).contains(PAYLOAD)), "{lang:?}: no payload as text in <{css}>");
    }
    let cells = select(&doc, "td");
    assert!(
        cells.iter().filter(|e| text(e).contains(PAYLOAD)).count() >= 10,
        "{lang:?}: fewer than 10 table cells show the payload as text"
    );
    // The charts clip long labels, but their user text keeps its markup characters as text.
    let svg_text = select(&doc, "svg text");
    assert!(
        svg_text.iter().any(|e| text(e).contains("<script")),
        "{lang:?}: no chart label shows the payload's markup as text"
    );
}

#[test]
fn a_payload_in_every_input_string_is_escaped_in_report_html() {
    let dir = scratch("inputs");
    let (scenario, plan) = poisoned_inputs(&dir);
    let inputs = drill::run::load_inputs(&scenario, &plan)
        .unwrap_or_else(|e| panic!("the poisoned inputs do not validate:\n{e}"));
    check_poisoned(&inputs);
    let opts = drill::run::RunOptions { seed: 1, ..Default::default() };
    let outcome = drill::run::run(&inputs, &opts).unwrap();

    for lang in [Lang::En, Lang::Zh] {
        let mut meta = RunMeta::new(&inputs, 1, false);
        meta.lang = lang;
        poison_capabilities(&mut meta);
        let out = dir.join(format!("run-{}", lang.code()));
        drill::report::write_run(&out, &outcome, &meta).unwrap();
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        let charts = drill::report::charts::charts(&outcome, &meta);
        let ids: Vec<&str> = charts.iter().map(|c| c.id).collect();
        check_page(&html, &ids, lang);
        for id in &ids {
            let png = std::fs::read(out.join(format!("charts/{id}.png"))).unwrap();
            assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{lang:?}: charts/{id}.png");
        }
        // Markdown is not HTML: only that the after-action report is written.
        let aar = std::fs::read_to_string(out.join("aar.md")).unwrap();
        assert!(!aar.trim().is_empty(), "{lang:?}: aar.md is empty");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_literal_scanner_sees_keys_lists_and_comments() {
    let src = "( // a \"comment\"\n name: \"a\\\"b\", ids: [\"x\", \"y\"], n: 1, /* \"c\" */ t: \"z\" )";
    let lits = literals(src);
    let got: Vec<(Option<&str>, &str)> = lits.iter().map(|l| (l.key.as_deref(), l.raw.as_str())).collect();
    assert_eq!(got, [(Some("name"), "a\\\"b"), (None, "x"), (None, "y"), (Some("t"), "z")]);
    let renames = BTreeMap::from([("x".to_string(), "x\"".to_string())]);
    let out = transform(src, &renames);
    assert!(out.contains(&format!("name: \"a\\\"b{}\"", ron_escape(PAYLOAD))), "{out}");
    assert!(out.contains("[\"x\\\"\", \"y\"]"), "{out}");
}
