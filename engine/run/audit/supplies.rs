//! Check 3, stocks against the supply norms for N days.
//!
//! The norms are the plan's standards (engine/model/standards.rs): `water_l_per_person_day` and
//! `rations_per_person_day` per sheltered person. The people provisioned for are the places in
//! the shelters the plan may open, every place filled — the form a stock norm takes (township.ron
//! stocks its shelters "for a day at full capacity"), and an upper bound on who can be sheltered.
//! The need for the people who should be sheltered (check 2) is shown beside it. The stocks are
//! the scenario's supplies at every depot and shelter; the relief the plan orders from outside
//! (`resupply` actions) is shown apart, since it comes only if its level is reached, hours later.

use super::checks::{Check, Finding};
use super::shelters::Shelters;
use crate::model::{Action, FacilityKind, Item};
use crate::run::Inputs;

/// One item against its norm.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    pub item: Item,
    /// The norm, units per person per day.
    pub per_person_day: f64,
    /// Stock at shelters and at depots, in the item's unit.
    pub at_shelters: f64,
    pub at_depots: f64,
    /// Relief the plan's `resupply` actions order, in the item's unit.
    pub relief: f64,
    /// The modules that order it ("typhoon I").
    pub relief_by: Vec<String>,
    /// Need for the shelter places over the days.
    pub need: f64,
    /// Days the stock on hand lasts the shelter places (infinite when nothing is needed).
    pub days_covered: f64,
    /// The same with the plan's relief.
    pub days_covered_with_relief: f64,
    /// Days the stock on hand lasts the people who should be sheltered.
    pub days_covered_should_shelter: f64,
}

impl ItemRow {
    /// Stock on hand, at shelters and depots.
    pub fn on_hand(&self) -> f64 {
        self.at_shelters + self.at_depots
    }
}

/// The supplies section.
#[derive(Debug, Clone, PartialEq)]
pub struct Supplies {
    pub days: f64,
    /// People provisioned for: the places in the shelters the plan may open.
    pub people: u64,
    /// The people who should be sheltered (check 2).
    pub should_shelter_people: u64,
    pub rows: Vec<ItemRow>,
}

/// Water and rations on hand against `people × norm × days`; a finding per item short.
pub fn check(inputs: &Inputs, shelters: &Shelters, days: f64, findings: &mut Vec<Finding>) -> Supplies {
    let (sc, map, plan) = (&inputs.scenario.scenario, &inputs.scenario.map, &inputs.plan.plan);
    let st = &plan.standards;
    let people = shelters.capacity_people;
    let kind_of = |f: &str| map.facilities.iter().find(|x| x.id == f).map(|x| x.kind);
    let lasts = |stock: f64, per_day: f64| if per_day > 0.0 { stock / per_day } else { f64::INFINITY };
    let mut rows = Vec::new();
    for (item, per_person_day) in
        [(Item::WaterL, st.water_l_per_person_day), (Item::FoodRations, st.rations_per_person_day)]
    {
        let held = |kind: FacilityKind| -> f64 {
            sc.supplies
                .iter()
                .filter(|s| s.item == item && kind_of(&s.facility) == Some(kind))
                .map(|s| s.quantity)
                .sum()
        };
        let (at_shelters, at_depots) = (held(FacilityKind::Shelter), held(FacilityKind::Depot));
        let mut relief = 0.0;
        let mut relief_by = Vec::new();
        for m in &plan.modules {
            for a in &m.actions {
                if let Action::Resupply { items, .. } = a {
                    let q: f64 = items.iter().filter(|r| r.item == item).map(|r| r.quantity).sum();
                    if q > 0.0 {
                        relief += q;
                        relief_by.push(format!("{} {}", m.hazard, m.level.label()));
                    }
                }
            }
        }
        let per_day = people as f64 * per_person_day;
        let on_hand = at_shelters + at_depots;
        rows.push(ItemRow {
            item,
            per_person_day,
            at_shelters,
            at_depots,
            relief,
            relief_by,
            need: per_day * days,
            days_covered: lasts(on_hand, per_day),
            days_covered_with_relief: lasts(on_hand + relief, per_day),
            days_covered_should_shelter: lasts(
                on_hand,
                shelters.should_shelter_people as f64 * per_person_day,
            ),
        });
    }
    for r in rows.iter().filter(|r| r.on_hand() < r.need) {
        let relief = if r.relief <= 0.0 {
            "the plan orders no relief of it".to_string()
        } else if r.on_hand() + r.relief >= r.need {
            format!(
                "the plan's relief ({} at {}) would cover the {}",
                r.relief,
                r.relief_by.join(", "),
                day_count(days)
            )
        } else {
            format!(
                "with the plan's relief ({} at {}) it lasts {:.1} days",
                r.relief,
                r.relief_by.join(", "),
                r.days_covered_with_relief
            )
        };
        findings.push(Finding {
            check: Check::Supplies,
            what: r.item.as_str().into(),
            value: r.on_hand(),
            threshold: r.need,
            ids: sc.supplies.iter().filter(|s| s.item == r.item).map(|s| s.facility.clone()).collect(),
            text: format!(
                "{}: {} on hand, short of the {} needed for {people} shelter places × {} {} per person per day × {}: it lasts {:.1} days; {relief}",
                r.item,
                r.on_hand(),
                r.need,
                r.per_person_day,
                unit(r.item),
                day_count(days),
                r.days_covered
            ),
        });
    }
    Supplies { days, people, should_shelter_people: shelters.should_shelter_people, rows }
}

/// "3 days", "1 day", "2.5 days".
pub fn day_count(days: f64) -> String {
    format!("{days} day{}", if days == 1.0 { "" } else { "s" })
}

/// The unit of an item, for text: "L", "rations".
fn unit(item: Item) -> &'static str {
    match item {
        Item::WaterL | Item::FuelL => "L",
        Item::FoodRations => "rations",
        Item::Blankets => "blankets",
        Item::MedicalKits => "kits",
        Item::Sandbags => "sandbags",
    }
}

#[cfg(test)]
mod tests {
    use super::super::checks::fixture::mini;
    use super::super::shelters;
    use super::*;
    use crate::model::Stock;

    fn run(inputs: &Inputs, days: f64) -> (Supplies, Vec<Finding>) {
        let mut f = Vec::new();
        let s = shelters::check(inputs, &mut Vec::new());
        (check(inputs, &s, days, &mut f), f)
    }

    /// Mini: 300 places × 15 L × 3 days = 13,500 L against 4,500 L at the school (1 day); no
    /// rations at all.
    #[test]
    fn stocks_short_of_the_norm_are_findings() {
        let (s, f) = run(&mini(), 3.0);
        assert_eq!(s.people, 300);
        let water = &s.rows[0];
        assert_eq!((water.at_shelters, water.at_depots, water.need), (4500.0, 0.0, 13500.0));
        assert!((water.days_covered - 1.0).abs() < 1e-9);
        // 590 should shelter: 4,500 / (590 × 15) days.
        assert!((water.days_covered_should_shelter - 4500.0 / 8850.0).abs() < 1e-9);
        let what: Vec<&str> = f.iter().map(|f| f.what.as_str()).collect();
        assert_eq!(what, ["water_l", "food_rations"]);
        assert_eq!(f[0].ids, ["xq-shelter-school"]);
        assert!(f[0].text.contains("it lasts 1.0 days; the plan orders no relief"), "{}", f[0].text);
    }

    #[test]
    fn stocks_for_the_days_are_no_finding() {
        let mut inputs = mini();
        let stock = |facility: &str, item, quantity| Stock { facility: facility.into(), item, quantity };
        inputs.scenario.scenario.supplies.push(stock("xq-depot", Item::WaterL, 9000.0));
        inputs.scenario.scenario.supplies.push(stock("xq-depot", Item::FoodRations, 2700.0));
        let (s, f) = run(&inputs, 3.0);
        assert!(f.is_empty(), "{f:?}");
        assert!((s.rows[0].days_covered - 3.0).abs() < 1e-9);
        // The same stocks fall short over 4 days.
        assert_eq!(run(&inputs, 4.0).1.len(), 2);
    }

    #[test]
    fn the_plans_relief_is_counted_apart() {
        let mut inputs = mini();
        let relief = Action::Resupply {
            depot: "xq-depot".into(),
            items: vec![crate::model::Relief { item: Item::WaterL, quantity: 9000.0 }],
            after_h: 6.0,
        };
        inputs.plan.plan.modules[0].actions.push(relief);
        let (s, f) = run(&inputs, 3.0);
        assert_eq!((s.rows[0].relief, s.rows[0].relief_by.clone()), (9000.0, vec!["typhoon IV".to_string()]));
        assert!((s.rows[0].days_covered_with_relief - 3.0).abs() < 1e-9);
        assert!(f[0].text.contains("would cover the 3 days"), "{}", f[0].text);
    }
}
