//! The audit as plain-text tables for the terminal: one section per check, then the findings
//! and their count.

use super::checks::Audit;
use super::levels::LEVELS;
use super::supplies::day_count;
use super::teams::{MICRO_STATION_MIN_MEMBERS, MICRO_STATION_MIN_ON_DUTY, RESCUE_TEAM_MIN_MEMBERS, squads};

/// A number of days or minutes with one decimal, "–" when infinite.
fn one(x: f64) -> String {
    if x.is_finite() { format!("{x:.1}") } else { "–".into() }
}

/// The audit as a terminal table.
pub fn table(a: &Audit) -> String {
    let mut out = format!("audit of plan \"{}\" against scenario \"{}\"\n", a.plan, a.scenario);
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };

    line(String::new());
    line(format!(
        "teams: the {RESCUE_TEAM_MIN_MEMBERS}-person rule for the township comprehensive rescue team; micro fire stations ≥ {MICRO_STATION_MIN_MEMBERS} members, ≥ {MICRO_STATION_MIN_ON_DUTY} on duty"
    ));
    line(format!(
        "{:<22} {:<22} {:<22} {:>7} {:>7}  {}",
        "team", "kind", "station", "members", "on duty", "agency"
    ));
    for r in &a.teams.rows {
        let agency = r.agency.as_deref().unwrap_or("none: the plan never sends it");
        line(format!(
            "{:<22} {:<22} {:<22} {:>7} {:>7}  {agency}",
            r.team,
            r.kind.as_str(),
            r.station,
            r.members,
            r.on_duty
        ));
    }
    if a.teams.rescue.is_empty() {
        line("comprehensive rescue team: none".into());
    }
    for g in &a.teams.rescue {
        let verdict = if g.members >= RESCUE_TEAM_MIN_MEMBERS { "meets" } else { "BELOW" };
        line(format!(
            "comprehensive rescue team at {}: {} = {} members, {verdict} the rule of {RESCUE_TEAM_MIN_MEMBERS}",
            g.station,
            squads(g),
            g.members
        ));
    }

    let s = &a.shelters;
    line(String::new());
    line("shelters: capacity against the should-transfer population".into());
    line(format!(
        "{:<22} {:<60} {:>10}",
        "should-transfer zone", "why (the scenario's transfer rule)", "population"
    ));
    for z in &s.zones {
        let mut why: Vec<&str> = z.tags.iter().map(|t| t.as_str()).collect();
        if z.named {
            why.push("named");
        }
        line(format!("{:<22} {:<60} {:>10}", z.zone, why.join(", "), z.population));
    }
    line(format!("{:<22} {:<60} {:>10}", "total", "", s.should_transfer_people));
    line(format!("{:<22} {:<22} {:>15}  {}", "shelter", "zone", "capacity_people", "opened by"));
    for r in &s.rows {
        let mut by = match r.opened_by.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [first, rest @ ..] => format!("{first} (+{} more)", rest.len()),
        };
        if r.open_at_start {
            by = if by.is_empty() { "open at start".into() } else { format!("open at start; {by}") };
        }
        if by.is_empty() {
            by = "never: the plan does not open it".into();
        }
        if r.in_transfer_zone {
            by.push_str("; stands in a should-transfer zone");
        }
        line(format!("{:<22} {:<22} {:>15}  {by}", r.facility, r.zone, r.capacity_people));
    }
    line(format!(
        "capacity: {} people in the shelters the plan opens ({} in every shelter)",
        s.capacity_people, s.capacity_people_all
    ));
    let verdict = if s.capacity_people >= s.should_shelter_people { "enough" } else { "SHORT" };
    line(format!(
        "should shelter: {} should-transfer people × {:.2} to public shelters (behaviour.shelter_share, median; the rest to relatives) = {} people: {verdict}",
        s.should_transfer_people, s.shelter_share, s.should_shelter_people
    ));
    if s.should_transfer_people > 0 {
        line(format!(
            "were every should-transfer person to come to a shelter: {} places for {} people ({:.0} %)",
            s.capacity_people,
            s.should_transfer_people,
            100.0 * s.capacity_people as f64 / s.should_transfer_people as f64
        ));
    }

    let u = &a.supplies;
    line(String::new());
    line(format!(
        "supplies: stocks against the norms for {}, for the {} places in the shelters the plan opens",
        day_count(u.days),
        u.people
    ));
    line(format!(
        "{:<13} {:>9} {:>11} {:>9} {:>9} {:>11} {:>9} {:>12} {:>11}",
        "item",
        "norm/p/d",
        "at shelters",
        "at depots",
        "on hand",
        "plan relief",
        "need",
        "days covered",
        "with relief"
    ));
    for r in &u.rows {
        line(format!(
            "{:<13} {:>9} {:>11} {:>9} {:>9} {:>11} {:>9} {:>12} {:>11}",
            r.item.as_str(),
            r.per_person_day,
            r.at_shelters,
            r.at_depots,
            r.on_hand(),
            r.relief,
            r.need,
            one(r.days_covered),
            one(r.days_covered_with_relief)
        ));
    }
    let should: Vec<String> =
        u.rows.iter().map(|r| format!("{} {} days", r.item, one(r.days_covered_should_shelter))).collect();
    line(format!(
        "on hand for the {} people who should shelter: {}",
        u.should_shelter_people,
        should.join(", ")
    ));

    line(String::new());
    line("levels: actions of the plan's modules per hazard and response level (– none of its own)".into());
    let head: Vec<String> = LEVELS.iter().map(|l| format!("{:>4}", l.as_str())).collect();
    line(format!("{:<12} {}  {:<44} {}", "hazard", head.join(" "), "in the scenario", "in the plan"));
    for r in &a.levels.rows {
        let cells: Vec<String> = r
            .actions
            .iter()
            .map(|&n| if n == 0 { format!("{:>4}", "–") } else { format!("{n:>4}") })
            .collect();
        let or_none = |v: &[&str]| if v.is_empty() { "–".to_string() } else { v.join(", ") };
        line(format!(
            "{:<12} {}  {:<44} {}",
            r.hazard.as_str(),
            cells.join(" "),
            or_none(&r.in_scenario),
            or_none(&r.in_plan)
        ));
    }

    let m = &a.micro;
    line(String::new());
    line(format!(
        "micro fire stations: built-up areas and industrial parks, a station of their own or a micro crew within the {}-min 135 tier 2",
        m.tier2_min
    ));
    let cells: Vec<[String; 3]> = m
        .rows
        .iter()
        .map(|r| {
            let own = if r.own.is_empty() { "none".to_string() } else { r.own.join(", ") };
            let fastest = match (&r.fastest_team, &r.fastest_station) {
                (Some(t), Some(s)) => format!("{t} ({s})"),
                _ => "none reaches it".into(),
            };
            let served = if r.served_by.is_empty() { "–".to_string() } else { r.served_by.join(", ") };
            [own, fastest, served]
        })
        .collect();
    let heads = ["own station", "fastest micro crew (station)"];
    let width =
        |k: usize| cells.iter().map(|c| c[k].chars().count()).chain([heads[k].len()]).max().unwrap_or(0);
    let (w0, w1) = (width(0), width(1));
    line(format!(
        "{:<14} {:<16} {:>10}  {:<w0$}  {:<w1$}  {:>7}  served by (tier 1)",
        "zone", "kind", "population", heads[0], heads[1], "arrives"
    ));
    for (r, [own, fastest, served]) in m.rows.iter().zip(&cells) {
        line(format!(
            "{:<14} {:<16} {:>10}  {own:<w0$}  {fastest:<w1$}  {:>3} min  {served}",
            r.zone,
            r.kind.as_str(),
            r.population,
            one(r.fastest_s / 60.0)
        ));
    }

    line(String::new());
    line("findings".into());
    if a.findings.is_empty() {
        line("none: every check passes".into());
    }
    for (i, f) in a.findings.iter().enumerate() {
        line(format!("{:>3}. [{}] {}", i + 1, f.check.as_str(), f.text));
    }
    let n = a.findings.len();
    line(format!("{n} finding{}", if n == 1 { "" } else { "s" }));
    out
}

#[cfg(test)]
mod tests {
    use super::super::checks::{audit, fixture::mini};
    use super::*;

    #[test]
    fn every_section_and_the_finding_count_are_printed() {
        let a = audit(&mini(), 3.0);
        let t = table(&a);
        for header in [
            "teams: the 20-person rule",
            "shelters: capacity",
            "supplies: stocks",
            "levels: actions",
            "micro fire stations:",
            "findings",
        ] {
            assert!(t.contains(header), "{header} missing from\n{t}");
        }
        assert!(t.contains("comprehensive rescue team at xq-station: xq-team-rescue 22 = 22 members, meets the rule of 20"), "{t}");
        assert!(t.trim_end().ends_with(&format!("{} findings", a.findings.len())), "{t}");
    }
}
