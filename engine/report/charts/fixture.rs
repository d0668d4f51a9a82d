//! Test fixtures: an Outcome and RunMeta built literally, with data for every chart, and a PNG
//! decoder for the checks.

use crate::core::{Event, EventKind, Outcome, Response, Series, SimTime, Span};
use crate::model::Calendar;
use crate::report::sketch::{SketchFacility, SketchLink, SketchZone};
use crate::report::{Lang, RunMeta, Sketch};
use std::collections::BTreeMap;

/// An Outcome with nothing in it.
pub(super) fn empty() -> Outcome {
    Outcome {
        metrics: BTreeMap::new(),
        counts: BTreeMap::new(),
        timeline: Vec::new(),
        series: Series::default(),
        calendar: Calendar { start_utc_s: 1_626_998_400, utc_offset_s: 8 * 3600 },
        sampled: BTreeMap::new(),
        assumptions: Vec::new(),
        spans: Vec::new(),
        responses: Vec::new(),
        zones: Vec::new(),
        play: Default::default(),
    }
}

/// A RunMeta with an empty sketch.
pub(super) fn meta(lang: Lang) -> RunMeta {
    RunMeta {
        scenario_name: "test".into(),
        plan_name: "test".into(),
        seed: 1,
        nominal: true,
        inputs: Vec::new(),
        evaluation: Default::default(),
        previous: Vec::new(),
        standards: Default::default(),
        sketch: Sketch::default(),
        lang,
        ..Default::default()
    }
}

/// An Outcome and RunMeta with data for every chart; `name` is part of every id and name (a
/// gauge, team, zone, shelter, link, fire, stock item).
pub(super) fn full(name: &str, lang: Lang) -> (Outcome, RunMeta) {
    let zone = format!("z-{name}");
    let shelter = format!("sh-{name}");
    let link = format!("l-{name}");
    let fire = format!("f-{name}");
    let columns: Vec<String> = [
        format!("stage_m.g-{name}"),
        "wind_mps_max".into(),
        "typhoon_warning".into(),
        "rainstorm_warning".into(),
        "rain_mm_h_max".into(),
        "people_warned".into(),
        "people_decided".into(),
        "people_sheltered".into(),
        "people_relatives".into(),
        "should_transfer_out".into(),
        "township_level".into(),
        format!("depth_m.{zone}"),
        "depth_m.z-dry".into(),
        "fire_hrr_kw".into(),
        format!("fire_hrr_kw.{fire}"),
        format!("fire_area_m2.{fire}"),
        format!("sheltered.{shelter}"),
        "sheltered.sh-two".into(),
        "stock.water_l".into(),
        format!("stock.{name}"),
    ]
    .into();
    let rows = (0..120)
        .map(|i| {
            let x = i as f64;
            let row = vec![
                7.0 + (x / 20.0).sin().abs() * 4.0,
                3.0 + x / 8.0,
                (i / 30) as f64,
                ((i / 40) as f64).min(3.0),
                (x / 10.0).cos().abs() * 20.0,
                (x * 100.0).min(8000.0),
                (x * 90.0).min(7000.0),
                (x * 30.0).min(2000.0),
                (x * 50.0).min(4000.0),
                if i > 10 { 7000.0 } else { 0.0 },
                ((i / 25) as f64).min(4.0),
                (x / 50.0).min(1.6),
                0.0,
                if (30..60).contains(&i) { 5000.0 * (x - 29.0) } else { 0.0 },
                if (30..60).contains(&i) { 5000.0 * (x - 29.0) } else { 0.0 },
                if i >= 30 { 400.0 } else { 0.0 },
                (x * 8.0).min(600.0),
                (x * 3.0).min(150.0),
                100_000.0 - x * 500.0,
                50.0 - (x / 10.0).floor(),
            ];
            (600 * (i + 1), row)
        })
        .collect();
    let mut o = empty();
    o.series = Series { columns, rows };
    o.metrics.insert("evacuation.deadline_h".into(), 10.0);
    let team = format!("team-{name}");
    o.spans = vec![
        Span { who: team.clone(), what: "en route".into(), t0_s: 3600, t1_s: 5400 },
        Span { who: team.clone(), what: "on scene".into(), t0_s: 5400, t1_s: 20_000 },
        Span { who: "team-b".into(), what: format!("doing {name}"), t0_s: 7200, t1_s: 30_000 },
    ];
    o.responses = (0..9)
        .map(|i| Response {
            what: if i % 3 == 0 { fire.clone() } else { format!("call {name}") },
            zone: zone.clone(),
            fire: i % 3 == 0,
            in_135_scope: i % 3 == 0,
            t_report_s: Some(1000 * i),
            t_arrive_s: if i == 8 { None } else { Some(1000 * i + 120 + 90 * i) },
            tier_arrive_s: [None; 3],
        })
        .collect();
    o.timeline = vec![
        road(20_000, &link, "flooded 0.30 m at its low point: closed to cars"),
        road(40_000, &link, "water down to 0.10 m: open to cars again"),
    ];
    let mut m = meta(lang);
    m.sketch = Sketch {
        links: vec![
            SketchLink { id: link.clone(), a: (0.0, 0.0), b: (2000.0, 500.0) },
            SketchLink { id: "l-two".into(), a: (2000.0, 500.0), b: (2500.0, 3000.0) },
        ],
        zones: vec![
            SketchZone {
                id: zone.clone(),
                name: format!("Zone {name}"),
                kind: "village".into(),
                x_m: 300.0,
                y_m: 200.0,
                population: 1200,
            },
            SketchZone {
                id: "z-dry".into(),
                name: "Dry".into(),
                kind: "village".into(),
                x_m: 2400.0,
                y_m: 2800.0,
                population: 300,
            },
        ],
        facilities: vec![
            facility(&shelter, "shelter", (2000.0, 500.0)),
            facility("st-1", "station", (100.0, 50.0)),
            facility("cc", "command_centre", (2500.0, 3000.0)),
            facility("dp", "depot", (1200.0, 300.0)),
        ],
    };
    (o, m)
}

fn road(t_s: i64, link: &str, text: &str) -> Event {
    Event {
        t: SimTime(t_s),
        kind: EventKind::Road,
        who: String::new(),
        place: link.into(),
        text: text.into(),
    }
}

fn facility(id: &str, kind: &str, at: (f64, f64)) -> SketchFacility {
    SketchFacility { id: id.into(), name: format!("Facility {id}"), kind: kind.into(), x_m: at.0, y_m: at.1 }
}

/// Width, height and the number of distinct pixel colours of a PNG.
pub(super) fn decode_png(bytes: &[u8]) -> (u32, u32, usize) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("png frame");
    let px = info.color_type.samples();
    let mut colours: Vec<&[u8]> = buf[..info.buffer_size()].chunks(px).collect();
    colours.sort_unstable();
    colours.dedup();
    (info.width, info.height, colours.len())
}
