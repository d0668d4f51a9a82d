//! The 15-minute rescue circle (`drill coverage`): for every inhabited zone the fastest staffed
//! station — a team's turnout (its median) plus the emergency drive from its station on open,
//! dry roads — the population reached within 5, 10 and 15 minutes, and the villages outside.

use super::{Inputs, RunError, RunOptions};
use crate::core::setting::Setting;
use crate::roads::{Closures, RoadGraph, Router};
use std::path::Path;

/// One zone's fastest response.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneCover {
    pub zone: String,
    pub name: String,
    pub population: u32,
    /// The fastest team and its station, if any reaches the zone.
    pub team: Option<String>,
    pub station: Option<String>,
    pub turnout_s: f64,
    pub drive_s: f64,
    /// Turnout + drive, s (infinite when nothing reaches it).
    pub total_s: f64,
}

/// The circle for a township.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub zones: Vec<ZoneCover>,
    /// (minutes, people reached, share of the population) at 5, 10 and 15 minutes.
    pub within: Vec<(f64, u64, f64)>,
    /// Zones outside the circle (the plan's `circle_min`, default 15).
    pub uncovered: Vec<String>,
    pub circle_min: f64,
}

/// A plan that directs no one, for a scenario on its own: every team of the scenario counts.
fn no_plan() -> crate::model::LoadedPlan {
    let text = r#"(kind: "plan", format_version: 1, name: "no plan", organisation: (agencies: []), levels: [], modules: [])"#;
    crate::model::LoadedPlan {
        plan: ron::from_str(text).expect("the built-in empty plan parses"),
        sources: crate::model::load::Sources { files: Vec::new() },
    }
}

/// Load a scenario (and a plan, whose agencies then decide which teams are staffed).
pub fn load(scenario: &Path, plan: Option<&Path>) -> Result<Inputs, crate::model::InputError> {
    match plan {
        Some(p) => super::load_inputs(scenario, p),
        None => {
            let s = crate::model::load::load_scenario(scenario)?;
            let problems = crate::model::validate::validate_scenario(&s);
            if problems.is_empty() {
                Ok(Inputs { scenario: s, plan: no_plan() })
            } else {
                Err(problems.into())
            }
        }
    }
}

/// The circle of `inputs`: with a plan, the teams its agencies direct; without one (no
/// agencies), every team of the scenario.
pub fn coverage(inputs: &Inputs) -> Result<Coverage, RunError> {
    let mut w = super::world(inputs, &RunOptions { seed: 1, nominal: true, check_every_tick: false })?;
    let s = w.remove_resource::<Setting>().expect("a world has its setting");
    let g = w.remove_resource::<RoadGraph>().expect("a world has its roads");
    let closures = Closures::new(g.link_ids.len());
    let mut router = Router::default();
    let any_agency = !s.plan.agencies.is_empty();
    let staffed: Vec<usize> =
        (0..s.teams.len()).filter(|&t| !any_agency || s.teams[t].agency.is_some()).collect();
    let mut zones = Vec::new();
    for z in s.zones.iter().filter(|z| z.households > 0) {
        let mut best = ZoneCover {
            zone: z.id.clone(),
            name: z.name.clone(),
            population: z.population,
            team: None,
            station: None,
            turnout_s: f64::NAN,
            drive_s: f64::NAN,
            total_s: f64::INFINITY,
        };
        for &t in &staffed {
            let ts = &s.teams[t];
            let Some(drive_s) = router.drive_s(&g, &closures, ts.node, z.node, ts.speed_factor) else {
                continue;
            };
            let turnout_s = ts.turnout_s.nominal().max(0.0);
            if turnout_s + drive_s < best.total_s {
                best.team = Some(ts.id.clone());
                best.station = Some(s.facilities[ts.station.ix()].id.clone());
                (best.turnout_s, best.drive_s, best.total_s) = (turnout_s, drive_s, turnout_s + drive_s);
            }
        }
        zones.push(best);
    }
    let total: u64 = zones.iter().map(|z| u64::from(z.population)).sum();
    let within = [5.0, 10.0, 15.0]
        .iter()
        .map(|&m| {
            let n: u64 =
                zones.iter().filter(|z| z.total_s <= m * 60.0).map(|z| u64::from(z.population)).sum();
            (m, n, if total > 0 { n as f64 / total as f64 } else { 0.0 })
        })
        .collect();
    let circle_min = s.plan.standards.circle_min;
    let uncovered = zones.iter().filter(|z| z.total_s > circle_min * 60.0).map(|z| z.zone.clone()).collect();
    Ok(Coverage { zones, within, uncovered, circle_min })
}

/// The circle as a terminal table.
pub fn table(c: &Coverage) -> String {
    let mut out = String::from(
        "zone                 population  fastest team (station)                     turnout  drive  total\n",
    );
    for z in &c.zones {
        let who = match (&z.team, &z.station) {
            (Some(t), Some(st)) => format!("{t} ({st})"),
            _ => "none reaches it".into(),
        };
        let mins = |s: f64| if s.is_finite() { format!("{:.1}", s / 60.0) } else { "–".into() };
        out.push_str(&format!(
            "{:<20} {:>10}  {:<42} {:>7}  {:>5}  {:>5} min\n",
            z.zone,
            z.population,
            who,
            mins(z.turnout_s),
            mins(z.drive_s),
            mins(z.total_s)
        ));
    }
    for (m, n, share) in &c.within {
        out.push_str(&format!("within {m:>2.0} min: {n} people ({:.1} %)\n", 100.0 * share));
    }
    if c.uncovered.is_empty() {
        out.push_str(&format!("every inhabited zone is inside the {:.0}-minute circle\n", c.circle_min));
    } else {
        out.push_str(&format!("outside the {:.0}-minute circle: {}\n", c.circle_min, c.uncovered.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mini fixture by hand: the rescue team at the centre (turnout Uniform(60, 120), median
    /// 90 s), the micro crew at Dongcun (60 s); roads at their free-flow speeds.
    /// Town 90 s; Dongcun 60 s; Nanwan 90 + 1800 m at 25 km/h (259.2 s) = 349.2 s by the rescue
    /// team; Beishan 60 + 2500 m at 15 km/h (600 s) = 660 s by the micro crew.
    #[test]
    fn the_circle_of_a_hand_computed_township() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let inputs = load(&root.join("scenario.ron"), None).unwrap();
        let c = coverage(&inputs).unwrap();
        let by = |id: &str| c.zones.iter().find(|z| z.zone == id).unwrap();
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
        assert!(
            close(by("xq-town").total_s, 90.0) && by("xq-town").team.as_deref() == Some("xq-team-rescue")
        );
        assert!(
            close(by("xq-dongcun").total_s, 60.0)
                && by("xq-dongcun").team.as_deref() == Some("xq-team-micro")
        );
        assert!(close(by("xq-nanwan").total_s, 349.2), "{}", by("xq-nanwan").total_s);
        assert!(
            close(by("xq-beishan").total_s, 660.0)
                && by("xq-beishan").team.as_deref() == Some("xq-team-micro")
        );
        // 5 min: town + Dongcun 4,200 of 5,950; 10 min: + Nanwan 5,150; 15 min: everyone.
        let people: Vec<u64> = c.within.iter().map(|w| w.1).collect();
        assert_eq!(people, [4200, 5150, 5950]);
        assert!(c.uncovered.is_empty());
        assert!(table(&c).contains("within 10 min: 5150 people (86.6 %)"));
    }
}
