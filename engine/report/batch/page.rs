//! The batch report's files: `report.html` — one self-contained page (no script, no network,
//! readable on a phone) with the facts, a table of every metric and per metric its stats line and
//! three charts inline as SVG — and the same charts as `charts/<metric>-{hist,ecdf,conv}.svg`.

use super::style::{count, num};
use super::view::{BatchView, Metric, metrics};
use super::{convergence, ecdf, histogram};
use crate::report::html::esc;
use std::fmt::Write;

/// No script, no network, inline styles only: what the page may load.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans SC','PingFang SC',sans-serif;\
margin:0 auto;max-width:60rem;padding:0.8rem;color:#1b1b1b;line-height:1.45}\
h1{font-size:1.4rem;margin-bottom:0.2rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;margin-top:1.8rem;\
overflow-wrap:anywhere}.sub{color:#555;margin-top:0}\
table{border-collapse:collapse;width:100%;font-size:0.9rem;display:block;overflow-x:auto}\
th,td{border:1px solid #ddd;padding:0.25rem 0.4rem;text-align:left;vertical-align:top}\
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th{background:#f3f3f3}\
.stats{font-variant-numeric:tabular-nums}figure{margin:0.8rem 0;overflow-x:auto}\
figure svg{display:block;width:100%;min-width:34rem;height:auto}";

/// One chart of a metric: its file-name suffix and SVG.
struct Chart {
    kind: &'static str,
    svg: String,
}

/// A metric's charts that could be drawn, in page order.
fn charts(m: &Metric) -> Vec<Chart> {
    [("hist", histogram::svg(m)), ("ecdf", ecdf::svg(m)), ("conv", convergence::svg(m))]
        .into_iter()
        .filter_map(|(kind, svg)| Some(Chart { kind, svg: svg? }))
        .collect()
}

/// The report files: ("report.html", bytes) and ("charts/<metric>-hist.svg" etc., bytes).
pub fn files(v: &BatchView) -> Vec<(String, Vec<u8>)> {
    let ms = metrics(v);
    let drawn: Vec<Vec<Chart>> = ms.iter().map(charts).collect();
    let mut out = vec![("report.html".to_string(), page(v, &ms, &drawn).into_bytes())];
    for (m, cs) in ms.iter().zip(&drawn) {
        for c in cs {
            out.push((format!("charts/{}-{}.svg", m.slug, c.kind), c.svg.clone().into_bytes()));
        }
    }
    out
}

/// "≥ 0.9", "≤ 2", "≥ 0.9 and ≤ 2", or "" without an objective.
fn objective(m: &Metric) -> String {
    m.bounds().into_iter().map(|(_, l)| l).collect::<Vec<_>>().join(" and ")
}

/// "312 of 1,000 (31.2 %)", or "" without an objective.
fn met_text(m: &Metric) -> String {
    match m.met() {
        Some((k, n)) if n > 0 => {
            format!("{} of {} ({:.1} %)", count(k), count(n), k as f64 * 100.0 / n as f64)
        }
        _ => String::new(),
    }
}

/// The mean with its half-width: "0.8123 ± 0.0042" (no ± for one run).
fn mean_text(s: &crate::batch::stats::Summary) -> String {
    if s.ci95_half.is_finite() { format!("{} ± {}", num(s.mean), num(s.ci95_half)) } else { num(s.mean) }
}

/// The HTML page.
fn page(v: &BatchView, ms: &[Metric], drawn: &[Vec<Chart>]) -> String {
    let mut r = String::new();
    let _ = write!(
        r,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n",
        esc(v.title)
    );
    let _ = writeln!(r, "<h1>{}</h1>\n<p class=\"sub\">{}</p>", esc(v.title), esc(v.subtitle));
    if !v.facts.is_empty() {
        r.push_str("<table class=\"facts\">\n");
        for (label, value) in &v.facts {
            let _ = writeln!(r, "<tr><th>{}</th><td>{}</td></tr>", esc(label), esc(value));
        }
        r.push_str("</table>\n");
    }
    overview(&mut r, ms);
    for (m, cs) in ms.iter().zip(drawn) {
        section(&mut r, m, cs);
    }
    r.push_str(
        "<p><small>Mean ± the half-width of its 95 % Student-t interval; p5/p50/p95 are sample \
         quantiles (linear between order statistics). Histogram bins: Freedman–Diaconis, 5 to 40.\
         </small></p>\n</body></html>\n",
    );
    r
}

/// The table of every metric, each linked to its section.
fn overview(r: &mut String, ms: &[Metric]) {
    if ms.is_empty() {
        return;
    }
    r.push_str(
        "<h2>Metrics</h2>\n<table class=\"metrics\"><tr><th>metric</th><th>runs</th><th>mean ± 95 %</th>\
         <th>p5</th><th>p50</th><th>p95</th><th>objective</th><th>met in</th></tr>\n",
    );
    for m in ms {
        let name = format!("<a href=\"#m-{}\">{}</a>", esc(&m.slug), esc(m.name));
        let cells = match &m.stats {
            Some(s) => [count(s.n), mean_text(s), num(s.p5), num(s.p50), num(s.p95)],
            None => ["0".into(), "—".into(), "—".into(), "—".into(), "—".into()],
        };
        let _ = write!(r, "<tr><td>{name}</td>");
        for c in cells {
            let _ = write!(r, "<td class=\"n\">{}</td>", esc(&c));
        }
        let _ = writeln!(r, "<td>{}</td><td class=\"n\">{}</td></tr>", esc(&objective(m)), esc(&met_text(m)));
    }
    r.push_str("</table>\n");
}

/// A metric's section: its name, stats line and charts.
fn section(r: &mut String, m: &Metric, cs: &[Chart]) {
    let _ = writeln!(r, "<section id=\"m-{}\">\n<h2>{}</h2>", esc(&m.slug), esc(m.name));
    let Some(s) = &m.stats else {
        r.push_str("<p>No run gave a value.</p>\n</section>\n");
        return;
    };
    let mut line = format!(
        "n = {} · mean {} · p5 {} · p50 {} · p95 {} · min {} · max {}",
        count(s.n),
        mean_text(s),
        num(s.p5),
        num(s.p50),
        num(s.p95),
        num(s.min),
        num(s.max)
    );
    if m.met().is_some() {
        let _ = write!(line, " · objective {}: met in {}", objective(m), met_text(m));
    }
    let _ = writeln!(r, "<p class=\"stats\">{}</p>", esc(&line));
    if s.n < convergence::MIN_RUNS {
        let _ = writeln!(r, "<p>Convergence needs at least {} runs.</p>", convergence::MIN_RUNS);
    }
    for c in cs {
        let _ = writeln!(r, "<figure id=\"m-{}-{}\">", esc(&m.slug), c.kind);
        r.push_str(&c.svg);
        r.push_str("\n</figure>\n");
    }
    r.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::super::view::MetricView;
    use super::*;
    use rand::SeedableRng;
    use rand_distr::Distribution;

    fn html(files: &[(String, Vec<u8>)]) -> String {
        assert_eq!(files[0].0, "report.html");
        String::from_utf8(files[0].1.clone()).expect("utf-8")
    }

    #[test]
    fn batch_report_page_escapes_user_text() {
        let evil = "<script>&\"";
        let values = [1.0, 2.0, 3.0, 4.0];
        let v = BatchView {
            title: evil,
            subtitle: "<b>1,000 runs</b>",
            metrics: vec![MetricView { name: "<img src=x onerror=alert(1)>", values: &values, target: None }],
            facts: vec![("<i>plan</i>".into(), "a & b".into())],
        };
        let files = files(&v);
        let page = html(&files);
        assert!(page.contains("&lt;script&gt;&amp;&quot;"));
        assert!(!page.contains("<script"));
        assert!(!page.contains("<img") && !page.contains("<i>") && !page.contains("<b>"));
        assert!(page.contains("&lt;i&gt;plan&lt;/i&gt;") && page.contains("a &amp; b"));
        assert!(page.contains("<meta name=\"viewport\"") && page.contains("max-width:60rem"));
        assert!(!page.contains("src=\"") && !page.contains("href=\"http") && !page.contains("<link"));
        // Every chart is inline and also a file, named safely.
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "report.html",
                "charts/_img_src_x_onerror_alert_1__-hist.svg",
                "charts/_img_src_x_onerror_alert_1__-ecdf.svg",
                "charts/_img_src_x_onerror_alert_1__-conv.svg"
            ]
        );
        assert_eq!(page.matches("<svg ").count(), 3);
        for (_, bytes) in &files[1..] {
            let svg = String::from_utf8(bytes.clone()).expect("utf-8");
            assert!(page.contains(&svg));
            assert!(!svg.to_lowercase().contains("<img") && !svg.contains("<script"));
        }
    }

    #[test]
    fn batch_report_files_are_byte_identical_and_large_batches_stay_small() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        let normal = rand_distr::Normal::new(0.8, 0.05).unwrap();
        let share: Vec<f64> = (0..10_000).map(|_| normal.sample(&mut rng)).collect();
        let hours: Vec<f64> = (0..10_000).map(|i| 3.0 + f64::from(i % 17) * 0.25).collect();
        let v = BatchView {
            title: "Typhoon In-Fa with Fengqiao comprehensive plan",
            subtitle: "10,000 runs, seed 1",
            metrics: vec![
                MetricView {
                    name: "evacuation.share_out_by_deadline",
                    values: &share,
                    target: Some((Some(0.9), None)),
                },
                MetricView {
                    name: "evacuation.time_to_90pct_h",
                    values: &hours,
                    target: Some((None, Some(6.0))),
                },
            ],
            facts: vec![("runs".into(), "10,000".into())],
        };
        let a = files(&v);
        let b = files(&v);
        assert_eq!(a, b);
        assert_eq!(a.len(), 7);
        for (name, bytes) in &a[1..] {
            assert!(bytes.len() < 60_000, "{name}: {} bytes", bytes.len());
        }
        let page = html(&a);
        assert!(page.contains("n = 10,000"));
        assert!(page.contains("objective ≥ 0.9: met in"));
        assert!(page.len() < 400_000, "{}", page.len());
    }

    #[test]
    fn batch_report_degenerate_metrics_do_not_panic() {
        let same = [0.5; 40];
        let v = BatchView {
            title: "t",
            subtitle: "s",
            metrics: vec![
                MetricView { name: "same", values: &same, target: Some((Some(0.5), Some(0.5))) },
                MetricView { name: "one", values: &[42.0], target: Some((Some(1.0), None)) },
                MetricView { name: "two", values: &[0.0, 0.0], target: None },
                MetricView { name: "none", values: &[], target: None },
                MetricView { name: "odd", values: &[f64::NAN, f64::INFINITY, -1e300, 1e300], target: None },
            ],
            facts: vec![],
        };
        let files = files(&v);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"charts/same-hist.svg") && names.contains(&"charts/same-conv.svg"));
        assert!(names.contains(&"charts/one-hist.svg") && !names.contains(&"charts/one-conv.svg"));
        assert!(!names.iter().any(|n| n.starts_with("charts/none-")));
        let page = html(&files);
        assert!(page.contains("n = 40 · mean 0.5 ± 0"));
        assert!(page.contains("n = 1 · mean 42 ·"));
        assert!(page.contains("No run gave a value."));
    }
}
