//! Check 2, shelter capacity against the people who should be sheltered.
//!
//! Who should be transferred is the scenario's rule, the one the engine runs on
//! (`Transfer::includes`, read by engine/core/resolve/scenario.rs into `ZoneS::should_transfer`,
//! which engine/hazards/water.rs `should_transfer` and the evacuation score use): the inhabited
//! zones carrying one of the scenario's `transfer.tags` or named in `transfer.zones`. The plan's
//! evacuation orders are not the measure — a plan that orders too little is what the drill
//! scores — and the zones the wind or a fire front add during a run cannot be known statically.
//! Of those people, the scenario's `behaviour.shelter_share` (its median; the rest go to
//! relatives, engine/agents/household.rs) go to public shelters: with everyone transferred
//! (the plan's 应转尽转), that many places are needed.

use super::checks::{Check, Finding};
use crate::model::{Action, FacilityKind, RiskTag};
use crate::run::Inputs;

/// A should-transfer zone.
#[derive(Debug, Clone, PartialEq)]
pub struct TransferZone {
    pub zone: String,
    /// The scenario's transfer tags it carries.
    pub tags: Vec<RiskTag>,
    /// Named in the scenario's `transfer.zones`.
    pub named: bool,
    pub population: u32,
}

/// A shelter of the map.
#[derive(Debug, Clone, PartialEq)]
pub struct ShelterRow {
    pub facility: String,
    pub zone: String,
    pub capacity_people: u32,
    pub open_at_start: bool,
    /// The plan's modules that open it ("typhoon IV"), in plan order.
    pub opened_by: Vec<String>,
    /// It stands in a should-transfer zone.
    pub in_transfer_zone: bool,
}

impl ShelterRow {
    /// Open from the start or opened by some module of the plan.
    pub fn may_open(&self) -> bool {
        self.open_at_start || !self.opened_by.is_empty()
    }
}

/// The shelters section.
#[derive(Debug, Clone, PartialEq)]
pub struct Shelters {
    pub zones: Vec<TransferZone>,
    pub rows: Vec<ShelterRow>,
    pub should_transfer_people: u64,
    /// Share of leaving households that go to public shelters (median).
    pub shelter_share: f64,
    /// should_transfer_people × shelter_share, rounded up.
    pub should_shelter_people: u64,
    /// Places in the shelters the plan may open (or open from the start).
    pub capacity_people: u64,
    /// Places in every shelter of the map.
    pub capacity_people_all: u64,
}

/// The should-transfer zones, the shelters and who opens them, and a finding when the places
/// the plan may open are fewer than the people who should be sheltered.
pub fn check(inputs: &Inputs, findings: &mut Vec<Finding>) -> Shelters {
    let (sc, map, plan) = (&inputs.scenario.scenario, &inputs.scenario.map, &inputs.plan.plan);
    let zones: Vec<TransferZone> = map
        .zones
        .iter()
        .filter(|z| sc.transfer.includes(z))
        .map(|z| TransferZone {
            zone: z.id.clone(),
            tags: z.tags.iter().copied().filter(|t| sc.transfer.tags.contains(t)).collect(),
            named: sc.transfer.zones.contains(&z.id),
            population: z.population,
        })
        .collect();
    let rows: Vec<ShelterRow> = map
        .facilities
        .iter()
        .filter(|f| f.kind == FacilityKind::Shelter)
        .map(|f| ShelterRow {
            facility: f.id.clone(),
            zone: f.zone.clone(),
            capacity_people: f.capacity_people.unwrap_or(0),
            open_at_start: f.open_at_start,
            opened_by: plan
                .modules
                .iter()
                .filter(|m| {
                    m.actions.iter().any(|a| {
                        matches!(a, Action::OpenShelters { facilities, .. }
                        if facilities.is_empty() || facilities.contains(&f.id))
                    })
                })
                .map(|m| format!("{} {}", m.hazard, m.level.label()))
                .collect(),
            in_transfer_zone: zones.iter().any(|z| z.zone == f.zone),
        })
        .collect();
    let should_transfer_people: u64 = zones.iter().map(|z| u64::from(z.population)).sum();
    let shelter_share = sc.behaviour.shelter_share.nominal().clamp(0.0, 1.0);
    let should_shelter_people = (should_transfer_people as f64 * shelter_share).ceil() as u64;
    let capacity_people: u64 =
        rows.iter().filter(|r| r.may_open()).map(|r| u64::from(r.capacity_people)).sum();
    let capacity_people_all: u64 = rows.iter().map(|r| u64::from(r.capacity_people)).sum();
    if capacity_people < should_shelter_people {
        findings.push(Finding {
            check: Check::Shelters,
            what: "capacity_people".into(),
            value: capacity_people as f64,
            threshold: should_shelter_people as f64,
            ids: zones.iter().map(|z| z.zone.clone()).collect(),
            text: format!(
                "the shelters the plan opens hold {capacity_people} people, short of the {should_shelter_people} who should be sheltered ({should_transfer_people} should-transfer people × {shelter_share:.2} to public shelters): {} places missing",
                should_shelter_people - capacity_people
            ),
        });
    }
    Shelters {
        zones,
        rows,
        should_transfer_people,
        shelter_share,
        should_shelter_people,
        capacity_people,
        capacity_people_all,
    }
}

#[cfg(test)]
mod tests {
    use super::super::checks::fixture::mini;
    use super::*;

    fn run(inputs: &Inputs) -> (Shelters, Vec<Finding>) {
        let mut f = Vec::new();
        (check(inputs, &mut f), f)
    }

    /// Mini: low_lying Dongcun 1,200 and Nanwan 950, landslide_point Beishan 800 = 2,950
    /// should-transfer; shelter share Uniform(0.15, 0.25), median 0.2: 590 should shelter; the
    /// one shelter (opened by typhoon IV) holds 300.
    #[test]
    fn too_few_places_for_the_should_shelter_people_is_a_finding() {
        let (s, f) = run(&mini());
        let zones: Vec<&str> = s.zones.iter().map(|z| z.zone.as_str()).collect();
        assert_eq!(zones, ["xq-dongcun", "xq-beishan", "xq-nanwan"]);
        assert_eq!(s.should_transfer_people, 2950);
        assert_eq!(s.should_shelter_people, 590);
        assert_eq!((s.capacity_people, s.capacity_people_all), (300, 300));
        assert_eq!(s.rows[0].opened_by, ["typhoon IV"]);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].value, f[0].threshold), (300.0, 590.0));
        assert!(f[0].text.contains("290 places missing"), "{}", f[0].text);
    }

    #[test]
    fn enough_places_is_no_finding() {
        let mut inputs = mini();
        let shelter =
            inputs.scenario.map.facilities.iter_mut().find(|f| f.id == "xq-shelter-school").unwrap();
        shelter.capacity_people = Some(590);
        let (s, f) = run(&inputs);
        assert_eq!(s.capacity_people, 590);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_shelter_the_plan_never_opens_does_not_count() {
        let mut inputs = mini();
        inputs
            .scenario
            .map
            .facilities
            .iter_mut()
            .find(|f| f.id == "xq-shelter-school")
            .unwrap()
            .capacity_people = Some(1000);
        inputs
            .plan
            .plan
            .modules
            .retain(|m| !m.actions.iter().any(|a| matches!(a, Action::OpenShelters { .. })));
        let (s, f) = run(&inputs);
        assert_eq!((s.capacity_people, s.capacity_people_all), (0, 1000));
        assert_eq!(f.len(), 1);
        // Open from the start, it counts again.
        inputs
            .scenario
            .map
            .facilities
            .iter_mut()
            .find(|f| f.id == "xq-shelter-school")
            .unwrap()
            .open_at_start = true;
        assert!(run(&inputs).1.is_empty());
    }
}
