//! The facilitator's command language of `drill play`: parsing a line against the run's names
//! (with the nearest valid name when one is wrong), the canonical line an order is recorded as,
//! completion candidates, and the help text.

use super::decisions::{Act, Goal, Zones};
use crate::core::setting::{Jurisdiction, Setting};
use crate::core::{FacilityId, IncidentId, SimTime, TeamId, ZoneId};
use crate::model::error::nearest;
use crate::model::{FacilityKind, HazardKind, Level, OrderKind, When};

/// A parsed command line.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// Run on for this many seconds (or to the next inject or decision point).
    Advance(i64),
    /// Run on to this time (or to the next inject or decision point).
    Until(SimTime),
    Status,
    Teams,
    Map,
    Help,
    Undo,
    End,
    /// An order, a note or a rating: recorded, carried out in the next tick.
    Order(Act),
}

/// What a line is parsed against.
pub struct Names<'a> {
    pub s: &'a Setting,
    /// Capability ids of the plan's evaluation.
    pub capabilities: &'a [String],
    /// Decision points open now (inject indices).
    pub open: &'a [usize],
}

/// The command words, for help and completion.
pub const WORDS: [&str; 16] = [
    "advance", "until", "status", "teams", "map", "dispatch", "evacuate", "level", "open", "choose", "note",
    "rate", "undo", "help", "end", "quit",
];

/// The help text.
pub const HELP: &str = "\
commands (sim time stops at the next inject or decision point, or the time asked for):
  advance 30m | 2h | 1h30m     run on for a while
  until D2 18:00 | +36h        run on to a time
  status                       the situation brief again
  teams                        every team and what it is doing
  map                          a text map of the township
  dispatch TEAM to PLACE       send a team to stand by at a facility, or to a fire or call-N
  evacuate ZONE [organised|mandatory|advice|sweep]
                               order a zone out (default organised); instead of a zone,
                               a risk tag (low_lying, outside_dike, …) or should-transfer
  level II [JURISDICTION] [HAZARD]
                               set a response level (default: township, every hazard)
  open SHELTER                 open a shelter
  choose OPTION                answer the open decision point
  note TEXT                    a facilitator's note on the timeline
  rate CAPABILITY P|S|M|U REASON
                               an evaluator's rating, kept beside the computed one
  undo                         take back the last order given at this stop
  help                         this list
  end                          play the rest with the plan, write the report and stop";

/// Parse one line. Errors name what was expected and the nearest valid name.
pub fn parse(line: &str, n: &Names) -> Result<Line, String> {
    let line = line.trim();
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim();
    let args: Vec<&str> = rest.split_whitespace().collect();
    let none = |l: Line| if args.is_empty() { Ok(l) } else { Err(format!("{word} takes no arguments")) };
    match word.to_lowercase().as_str() {
        "advance" | "a" => Ok(Line::Advance(duration_s(rest)?)),
        "until" | "u" => {
            let t = n.s.calendar.resolve(&When(rest.to_string()))?;
            Ok(Line::Until(SimTime(t)))
        }
        "status" | "s" => none(Line::Status),
        "teams" => none(Line::Teams),
        "map" => none(Line::Map),
        "help" | "?" => Ok(Line::Help),
        "undo" => none(Line::Undo),
        "end" | "quit" | "exit" => none(Line::End),
        "dispatch" | "send" => dispatch(&args, n),
        "evacuate" => evacuate(&args, n),
        "level" => level(&args, n),
        "open" => {
            let [id] = args[..] else { return Err("expected: open SHELTER".into()) };
            let f = facility(n.s, id, Some(FacilityKind::Shelter))?;
            Ok(Line::Order(Act::Open(f)))
        }
        "choose" => choose(&args, n),
        "note" if !rest.is_empty() => Ok(Line::Order(Act::Note(rest.to_string()))),
        "note" => Err("expected: note TEXT".into()),
        "rate" => rate(&args, n),
        "" => Err("empty line: type help for the commands".into()),
        w => Err(format!("unknown command \"{w}\"{}; type help for the commands", hint(w, WORDS))),
    }
}

/// The line an order is recorded as: full ids, nothing that depends on the moment it was typed.
pub fn canonical(act: &Act, s: &Setting) -> String {
    match act {
        Act::Dispatch(t, g) => {
            let to = match g {
                Goal::Facility(f) => s.facilities[f.ix()].id.clone(),
                Goal::Fire(i) => s.hazards.fires[i.ix()].id.clone(),
                Goal::Call(i) => format!("call-{}", i.0),
            };
            format!("dispatch {} to {to}", s.teams[t.ix()].id)
        }
        Act::Evacuate(which, k) => {
            let what = match which {
                Zones::One(z) => s.zones[z.ix()].id.clone(),
                Zones::Tagged(tag) => tag.to_string(),
                Zones::ShouldTransfer => "should-transfer".into(),
            };
            format!("evacuate {what} {k}")
        }
        Act::Level(j, h, l) => {
            let j = crate::command::levels::jurisdiction_name(s, *j);
            match h {
                Some(h) => format!("level {} {j} {h}", l.label()),
                None => format!("level {} {j}", l.label()),
            }
        }
        Act::Open(f) => format!("open {}", s.facilities[f.ix()].id),
        Act::Choose(i, o) => {
            let inj = &s.injects[*i];
            let opt = inj.decision.as_ref().map_or("", |d| d.options[*o].id.as_str());
            format!("choose {} {opt}", inj.id)
        }
        Act::Note(t) => format!("note {t}"),
        Act::Rate(c, r, why) => format!("rate {c} {r} {why}"),
    }
}

fn hint<'a>(w: &str, names: impl IntoIterator<Item = &'a str>) -> String {
    nearest(w, names).map_or(String::new(), |n| format!(" (did you mean \"{n}\"?)"))
}

/// "30m", "2h", "1h30m", "90s", or a bare number of minutes.
pub fn duration_s(text: &str) -> Result<i64, String> {
    let bad = || format!("expected a duration like 30m, 2h or 1h30m, found \"{text}\"");
    let t = text.trim();
    if t.is_empty() {
        return Err(bad());
    }
    if let Ok(m) = t.parse::<f64>() {
        return if m > 0.0 && m.is_finite() { Ok((m * 60.0).round() as i64) } else { Err(bad()) };
    }
    let (mut total, mut num) = (0i64, String::new());
    for c in t.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let unit = match c {
            'd' => 86_400,
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return Err(bad()),
        };
        total += num.parse::<i64>().map_err(|_| bad())? * unit;
        num.clear();
    }
    if !num.is_empty() || total <= 0 {
        return Err(bad());
    }
    Ok(total)
}

fn team(s: &Setting, id: &str) -> Result<TeamId, String> {
    match s.teams.iter().position(|t| t.id == id) {
        Some(i) => Ok(TeamId(i as u32)),
        None => Err(format!("unknown team \"{id}\"{}", hint(id, s.teams.iter().map(|t| t.id.as_str())))),
    }
}

fn zone(s: &Setting, id: &str) -> Result<ZoneId, String> {
    match s.zones.iter().position(|z| z.id == id) {
        Some(i) => Ok(ZoneId(i as u32)),
        None => Err(format!("unknown zone \"{id}\"{}", hint(id, s.zones.iter().map(|z| z.id.as_str())))),
    }
}

fn facility(s: &Setting, id: &str, kind: Option<FacilityKind>) -> Result<FacilityId, String> {
    let fits = |k: FacilityKind| kind.is_none_or(|w| w == k);
    let names = s.facilities.iter().filter(|f| fits(f.kind)).map(|f| f.id.as_str());
    match s.facilities.iter().position(|f| f.id == id) {
        Some(i) if fits(s.facilities[i].kind) => Ok(FacilityId(i as u32)),
        Some(i) => {
            Err(format!("\"{id}\" is a {}, expected a shelter{}", s.facilities[i].kind, hint(id, names)))
        }
        None => Err(format!("unknown facility \"{id}\"{}", hint(id, names))),
    }
}

fn dispatch(args: &[&str], n: &Names) -> Result<Line, String> {
    let (t, to) = match args {
        [t, "to", to] | [t, to] => (*t, *to),
        _ => return Err("expected: dispatch TEAM to PLACE".into()),
    };
    let team = team(n.s, t)?;
    let goal = if let Some(i) = n.s.hazards.fires.iter().position(|f| f.id == to) {
        Goal::Fire(IncidentId(i as u32))
    } else if let Some(k) = to.strip_prefix("call-").and_then(|k| k.parse::<u32>().ok()) {
        Goal::Call(IncidentId(k))
    } else if n.s.facilities.iter().any(|f| f.id == to) {
        Goal::Facility(facility(n.s, to, None)?)
    } else {
        let places =
            n.s.facilities
                .iter()
                .map(|f| f.id.as_str())
                .chain(n.s.hazards.fires.iter().map(|f| f.id.as_str()));
        return Err(format!("unknown place \"{to}\"{}: a facility, a fire or call-N", hint(to, places)));
    };
    Ok(Line::Order(Act::Dispatch(team, goal)))
}

fn evacuate(args: &[&str], n: &Names) -> Result<Line, String> {
    let (z, kind) = match args {
        [z] => (*z, OrderKind::Organised),
        [z, k] => match OrderKind::ALL.iter().find(|o| o.as_str() == *k) {
            Some(o) => (*z, *o),
            None => {
                let names = OrderKind::ALL.iter().map(|o| o.as_str());
                return Err(format!(
                    "unknown order \"{k}\"{}: organised, mandatory, advice or sweep",
                    hint(k, names)
                ));
            }
        },
        _ => {
            return Err(
                "expected: evacuate ZONE|TAG|should-transfer [organised|mandatory|advice|sweep]".into()
            );
        }
    };
    let which = if z == "should-transfer" {
        Zones::ShouldTransfer
    } else if let Some(tag) = crate::model::RiskTag::ALL.iter().find(|t| t.as_str() == z) {
        Zones::Tagged(*tag)
    } else {
        Zones::One(zone(n.s, z)?)
    };
    Ok(Line::Order(Act::Evacuate(which, kind)))
}

fn level(args: &[&str], n: &Names) -> Result<Line, String> {
    let Some((l, rest)) = args.split_first() else {
        return Err("expected: level IV|III|II|I|none [JURISDICTION] [HAZARD]".into());
    };
    let level = Level::ALL
        .iter()
        .find(|x| x.as_str().eq_ignore_ascii_case(l))
        .copied()
        .ok_or_else(|| format!("unknown level \"{l}\": IV, III, II, I or none"))?;
    let (mut j, mut h) = (Jurisdiction::Township, None);
    for a in rest {
        if let Some(k) = HazardKind::ALL.iter().find(|k| k.as_str() == *a) {
            h = Some(*k);
        } else if *a == "township" {
            j = Jurisdiction::Township;
        } else if *a == "county" {
            j = Jurisdiction::County;
        } else if let Some(z) = n.s.zones.iter().position(|z| z.id == *a) {
            j = Jurisdiction::Zone(ZoneId(z as u32));
        } else {
            let names = ["township", "county"]
                .into_iter()
                .chain(n.s.zones.iter().map(|z| z.id.as_str()))
                .chain(HazardKind::ALL.iter().map(|k| k.as_str()));
            return Err(format!("unknown jurisdiction or hazard \"{a}\"{}", hint(a, names)));
        }
    }
    Ok(Line::Order(Act::Level(j, h, level)))
}

fn choose(args: &[&str], n: &Names) -> Result<Line, String> {
    let (inject, option) = match args {
        [i, o] => {
            let Some(ix) = n.s.injects.iter().position(|x| x.id == *i) else {
                return Err(format!(
                    "unknown inject \"{i}\"{}",
                    hint(i, n.s.injects.iter().map(|x| x.id.as_str()))
                ));
            };
            (ix, *o)
        }
        [o] => match n.open {
            [] => return Err("no decision point is open".into()),
            [ix] => (*ix, *o),
            _ => return Err("several decision points are open: choose INJECT OPTION".into()),
        },
        _ => return Err("expected: choose OPTION".into()),
    };
    if !n.open.contains(&inject) {
        return Err(format!("the decision point of {} is not open", n.s.injects[inject].id));
    }
    let Some(d) = &n.s.injects[inject].decision else {
        return Err(format!("{} has no decision point", n.s.injects[inject].id));
    };
    match d.options.iter().position(|o| o.id == option) {
        Some(o) => Ok(Line::Order(Act::Choose(inject, o))),
        None => {
            let ids: Vec<&str> = d.options.iter().map(|o| o.id.as_str()).collect();
            Err(format!(
                "unknown option \"{option}\"{}: {}",
                hint(option, ids.iter().copied()),
                ids.join(", ")
            ))
        }
    }
}

fn rate(args: &[&str], n: &Names) -> Result<Line, String> {
    let [cap, r, why @ ..] = args else { return Err("expected: rate CAPABILITY P|S|M|U REASON".into()) };
    if !n.capabilities.iter().any(|c| c == cap) {
        let known = n.capabilities.iter().map(String::as_str);
        return Err(format!(
            "unknown capability \"{cap}\"{}: {}",
            hint(cap, known),
            n.capabilities.join(", ")
        ));
    }
    let r = match r.to_uppercase().as_str() {
        x @ ("P" | "S" | "M" | "U") => x.chars().next().unwrap_or('U'),
        _ => return Err(format!("expected a rating P, S, M or U, found \"{r}\"")),
    };
    if why.is_empty() {
        return Err("expected a reason after the rating".into());
    }
    Ok(Line::Order(Act::Rate(cap.to_string(), r, why.join(" "))))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(crate) fn setting() -> Setting {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let inputs = crate::run::load_inputs(&root.join("scenario.ron"), &root.join("plan.ron")).unwrap();
        crate::core::resolve::resolve(&inputs.scenario, &inputs.plan, 1, true).unwrap()
    }

    pub(crate) fn caps() -> Vec<String> {
        vec!["evacuation_sheltering".into(), "rescue_firefighting".into()]
    }

    #[test]
    fn durations_read_as_facilitators_write_them() {
        assert_eq!(duration_s("30m"), Ok(1800));
        assert_eq!(duration_s("1h30m"), Ok(5400));
        assert_eq!(duration_s("2h"), Ok(7200));
        assert_eq!(duration_s("90s"), Ok(90));
        assert_eq!(duration_s("45"), Ok(2700), "a bare number is minutes");
        for bad in ["", "0m", "-5", "2x", "h", "3h20"] {
            assert!(duration_s(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn orders_parse_to_ids_and_back_to_the_same_line() {
        let s = setting();
        let open = [0usize];
        let n = Names { s: &s, capabilities: &caps(), open: &open };
        for line in [
            "dispatch xq-team-rescue to xq-shelter-school",
            "dispatch xq-team-micro to xq-fire-1",
            "dispatch xq-team-rescue to call-4",
            "evacuate xq-dongcun organised",
            "evacuate low_lying advice",
            "evacuate should-transfer sweep",
            "level II township",
            "level I xq-dongcun flood",
            "open xq-shelter-school",
            "choose xq-inj-1 wait",
            "note the cadres report 12 households refusing",
            "rate rescue_firefighting M the boat squad was sent twice",
        ] {
            let Ok(Line::Order(act)) = parse(line, &n) else { panic!("{line} did not parse to an order") };
            assert_eq!(canonical(&act, &s), line);
        }
        // Short forms become the full line.
        let Ok(Line::Order(act)) = parse("choose wait", &n) else { panic!() };
        assert_eq!(canonical(&act, &s), "choose xq-inj-1 wait");
        let Ok(Line::Order(act)) = parse("send xq-team-micro xq-depot", &n) else { panic!() };
        assert_eq!(canonical(&act, &s), "dispatch xq-team-micro to xq-depot");
        assert_eq!(parse("until D1 18:00", &n), Ok(Line::Until(SimTime(10 * 3600))));
        assert_eq!(parse("advance 1h", &n), Ok(Line::Advance(3600)));
    }

    #[test]
    fn a_wrong_name_gets_the_nearest_valid_one() {
        let s = setting();
        let n = Names { s: &s, capabilities: &caps(), open: &[] };
        let err = |l: &str| parse(l, &n).unwrap_err();
        assert_eq!(
            err("dispath x"),
            "unknown command \"dispath\" (did you mean \"dispatch\"?); type help for the commands"
        );
        assert!(err("dispatch xq-team-resuce to xq-depot").contains("(did you mean \"xq-team-rescue\"?)"));
        assert!(err("evacuate xq-dongcum").contains("(did you mean \"xq-dongcun\"?)"));
        assert!(err("open xq-depot").contains("is a depot, expected a shelter"));
        assert!(err("level V").contains("IV, III, II, I or none"));
        assert_eq!(err("choose wait"), "no decision point is open");
        assert!(err("rate evacuation_shelter P x").contains("(did you mean \"evacuation_sheltering\"?)"));
        assert!(err("rate evacuation_sheltering Q x").contains("P, S, M or U"));
        assert!(err("advance soon").contains("like 30m"));
    }
}
