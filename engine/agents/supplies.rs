//! Supplies: stocks per facility and item, eaten by the people in each shelter at the plan's
//! norms, and resupply convoys from the depots along open roads. Conserved: stock + in transit
//! + consumed = initial + delivered, for every item, at every tick.

use super::shelter::Shelters;
use crate::core::setting::Setting;
use crate::core::{Clock, EventKind, SimTime, Timeline};
use crate::model::{FacilityKind, Item};
use crate::roads::{Mode, RoadAccess};
use bevy_ecs::prelude::*;

/// Payload of one resupply truck, kg (a 2-tonne light truck; a named assumption).
pub const TRUCK_PAYLOAD_KG: f64 = 2000.0;
/// Loading at the depot before a convoy leaves, min (a named assumption).
pub const LOADING_MIN: f64 = 30.0;
/// A shelter asks for more of an item when it has less than this many hours left at its
/// present occupancy, h.
pub const RESUPPLY_BELOW_H: f64 = 12.0;
/// A convoy brings up to this many hours of the shelter's present need, h.
pub const RESUPPLY_FOR_H: f64 = 24.0;

/// Supplies are counted and resupply decided every this many seconds (or every tick, if
/// longer): the norms are per day, a finer count buys nothing.
pub const COUNT_EVERY_S: i64 = 600;

/// The items people in a shelter use up, with the plan's norm per person per hour.
fn norms(s: &Setting) -> [(Item, f64); 2] {
    let st = &s.plan.standards;
    [(Item::WaterL, st.water_l_per_person_day / 24.0), (Item::FoodRations, st.rations_per_person_day / 24.0)]
}

/// Agents stage (after travel): convoys due unload; every [`COUNT_EVERY_S`] the people in each
/// shelter use water and food at the plan's norms for the time since the last count, and any
/// shortfall is counted as person-hours short, per shelter and item.
pub fn consume_supplies(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut sup: ResMut<Supplies>,
    shelters: Res<Shelters>,
    mut timeline: ResMut<Timeline>,
) {
    for c in sup.unload(clock.now) {
        let text = if c.from == c.to {
            format!("relief from outside the township unloaded: {:.0} {}", c.qty, c.item)
        } else {
            format!("convoy unloaded {:.0} {} from {}", c.qty, c.item, s.facilities[c.from].id)
        };
        timeline.push(c.arrive, EventKind::Supply, "logistics", s.facilities[c.to].id.clone(), text);
    }
    let every = COUNT_EVERY_S.max(clock.tick_s);
    if clock.now.0 % every != 0 && clock.now.0 < s.duration_s {
        return;
    }
    let dt_s = (clock.now.0 - sup.counted_at.0) as f64;
    sup.counted_at = clock.now;
    let occupancy = shelters.present.clone();
    for (f, &people) in occupancy.iter().enumerate() {
        if people == 0 || dt_s <= 0.0 {
            continue;
        }
        for (item, per_h) in norms(&s) {
            let need = f64::from(people) * per_h * dt_s / 3600.0;
            let got = sup.consume(f, item, need);
            if got < need {
                sup.record_shortage(f, item, people, 1.0 - got / need, dt_s);
            }
        }
    }
    sup.occupancy = occupancy;
}

/// Command stage: every [`COUNT_EVERY_S`], a shelter with people and less than
/// [`RESUPPLY_BELOW_H`] of water or food left, and nothing on the way, gets a truck from the
/// nearest depot that has the item and an open road: up to [`RESUPPLY_FOR_H`] of its need, as
/// much as one truck carries, leaving after [`LOADING_MIN`].
pub fn resupply_shelters(
    s: Res<Setting>,
    clock: Res<Clock>,
    mut roads: RoadAccess,
    shelters: Res<Shelters>,
    mut sup: ResMut<Supplies>,
    mut timeline: ResMut<Timeline>,
) {
    if clock.now.0 % COUNT_EVERY_S.max(clock.tick_s) != 0 {
        return;
    }
    let depots: Vec<usize> =
        (0..s.facilities.len()).filter(|&f| s.facilities[f].kind == FacilityKind::Depot).collect();
    for to in 0..s.facilities.len() {
        let people = sup.occupancy[to];
        if people == 0 || !shelters.is_open[to] {
            continue;
        }
        for (item, per_h) in norms(&s) {
            let need_h = f64::from(people) * per_h;
            if need_h <= 0.0 || sup.at(to, item) >= RESUPPLY_BELOW_H * need_h || sup.coming(to, item) {
                continue;
            }
            let target = s.facilities[to].node;
            let nearest = depots
                .iter()
                .filter(|&&d| sup.at(d, item) > 0.0)
                .filter_map(|&d| {
                    Some((d, roads.travel_s(s.facilities[d].node, target, 1.0, Mode::Emergency)?))
                })
                .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            let Some((from, drive_s)) = nearest else { continue };
            let want = (RESUPPLY_FOR_H * need_h - sup.at(to, item)).min(TRUCK_PAYLOAD_KG / kg_per_unit(item));
            let arrive = clock.now.plus_s(LOADING_MIN * 60.0 + drive_s);
            let load = sup.send(from, to, item, want, arrive);
            let text = format!(
                "truck with {load:.0} {item} leaves {} for {} ({} h left there)",
                s.facilities[from].id,
                s.facilities[to].id,
                (sup.at(to, item) / need_h).floor()
            );
            timeline.push(clock.now, EventKind::Supply, "logistics", s.facilities[to].id.clone(), text);
        }
    }
}

/// Mass of one unit of an item, kg (what fills a truck): water 1 kg/L, a ration pack 0.5 kg,
/// a blanket 2 kg, a medical kit 5 kg, a filled sandbag 25 kg, diesel 0.85 kg/L.
pub fn kg_per_unit(item: Item) -> f64 {
    match item {
        Item::WaterL => 1.0,
        Item::FoodRations => 0.5,
        Item::Blankets => 2.0,
        Item::MedicalKits => 5.0,
        Item::Sandbags => 25.0,
        Item::FuelL => 0.85,
    }
}

/// A load on the road from a depot to a shelter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Convoy {
    pub from: usize,
    pub to: usize,
    pub item: Item,
    pub qty: f64,
    pub arrive: SimTime,
}

/// Stocks and flows of every item at every facility (indexed facility × item).
#[derive(Resource, Debug, Clone, Default)]
pub struct Supplies {
    pub stock: Vec<f64>,
    pub initial: Vec<f64>,
    pub consumed: Vec<f64>,
    /// Brought in from outside the township (nothing yet; kept for the balance).
    pub delivered: Vec<f64>,
    pub convoys: Vec<Convoy>,
    /// Convoys sent so far.
    pub sent: u32,
    /// People in each shelter at the last count.
    pub occupancy: Vec<u32>,
    /// Person-seconds short of each item, per facility.
    pub shortage_person_s: Vec<f64>,
    /// When the last consumption was counted.
    pub counted_at: SimTime,
}

fn ix(f: usize, item: Item) -> usize {
    f * Item::ALL.len() + item as usize
}

impl Supplies {
    /// The scenario's stocks at `facilities` facilities.
    pub fn new(facilities: usize, stocks: &[(usize, Item, f64)]) -> Supplies {
        let n = facilities * Item::ALL.len();
        let mut stock = vec![0.0; n];
        for &(f, item, q) in stocks {
            stock[ix(f, item)] += q.max(0.0);
        }
        Supplies {
            initial: stock.clone(),
            stock,
            consumed: vec![0.0; n],
            delivered: vec![0.0; n],
            convoys: Vec::new(),
            sent: 0,
            occupancy: vec![0; facilities],
            shortage_person_s: vec![0.0; n],
            counted_at: SimTime(0),
        }
    }

    /// Stock of an item at a facility.
    pub fn at(&self, f: usize, item: Item) -> f64 {
        self.stock[ix(f, item)]
    }

    /// Take up to `want` of an item at a facility for use; what was taken.
    pub fn consume(&mut self, f: usize, item: Item, want: f64) -> f64 {
        let k = ix(f, item);
        let took = want.max(0.0).min(self.stock[k]);
        self.stock[k] -= took;
        self.consumed[k] += took;
        took
    }

    /// Load up to `qty` at `from` onto a convoy for `to`; the quantity loaded.
    pub fn send(&mut self, from: usize, to: usize, item: Item, qty: f64, arrive: SimTime) -> f64 {
        let k = ix(from, item);
        let load = qty.max(0.0).min(self.stock[k]);
        if load > 0.0 {
            self.stock[k] -= load;
            self.convoys.push(Convoy { from, to, item, qty: load, arrive });
            self.sent += 1;
        }
        load
    }

    /// Relief from outside the township reaching facility `to` at `arrive` (counted as
    /// delivered now, in transit until then).
    pub fn bring_in(&mut self, to: usize, item: Item, qty: f64, arrive: SimTime) {
        let qty = qty.max(0.0);
        self.delivered[ix(to, item)] += qty;
        self.convoys.push(Convoy { from: to, to, item, qty, arrive });
    }

    /// Unload every convoy due by `now`, in the order they were sent; the convoys unloaded.
    pub fn unload(&mut self, now: SimTime) -> Vec<Convoy> {
        let (due, on): (Vec<Convoy>, Vec<Convoy>) = self.convoys.iter().partition(|c| c.arrive <= now);
        self.convoys = on;
        for c in &due {
            self.stock[ix(c.to, c.item)] += c.qty;
        }
        due
    }

    /// Whether a convoy of `item` is on its way to `to`.
    pub fn coming(&self, to: usize, item: Item) -> bool {
        self.convoys.iter().any(|c| c.to == to && c.item == item)
    }

    /// Per item: (stock + in transit + consumed, initial + delivered).
    pub fn balance(&self, item: Item) -> (f64, f64) {
        let facilities = self.stock.len() / Item::ALL.len();
        let sum = |v: &[f64]| (0..facilities).map(|f| v[ix(f, item)]).sum::<f64>();
        let transit: f64 = self.convoys.iter().filter(|c| c.item == item).map(|c| c.qty).sum();
        (sum(&self.stock) + transit + sum(&self.consumed), sum(&self.initial) + sum(&self.delivered))
    }

    /// Items whose balance is off by more than rounding, or with a negative stock anywhere.
    pub fn unbalanced(&self) -> Vec<Item> {
        Item::ALL
            .iter()
            .copied()
            .filter(|&item| {
                let (have, had) = self.balance(item);
                (have - had).abs() > 1e-6 * had.max(1.0)
            })
            .chain(self.stock.iter().any(|&q| q < 0.0).then_some(Item::WaterL))
            .collect()
    }

    /// Person-hours short of `item` at facility `f`.
    pub fn shortage_person_h(&self, f: usize, item: Item) -> f64 {
        self.shortage_person_s[ix(f, item)] / 3600.0
    }

    /// Record `people` going short of a share `short` of their need for `dt_s`.
    pub fn record_shortage(&mut self, f: usize, item: Item, people: u32, short: f64, dt_s: f64) {
        self.shortage_person_s[ix(f, item)] += f64::from(people) * short.clamp(0.0, 1.0) * dt_s;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Consume(usize, usize, f64),
        Send(usize, usize, usize, f64, i64),
        Unload(i64),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0..4usize, 0..6usize, 0.0..500.0f64).prop_map(|(f, i, q)| Op::Consume(f, i, q)),
            (0..4usize, 0..4usize, 0..6usize, 0.0..3000.0f64, 0..10_000i64)
                .prop_map(|(a, b, i, q, t)| Op::Send(a, b, i, q, t)),
            (0..10_000i64).prop_map(Op::Unload),
        ]
    }

    proptest! {
        /// Any sequence of consumption, convoys and unloading keeps every item's balance and
        /// never leaves a stock below zero.
        #[test]
        fn supplies_are_conserved_under_random_convoys(
            stocks in proptest::collection::vec((0..4usize, 0..6usize, 0.0..5000.0f64), 0..12),
            ops in proptest::collection::vec(op(), 0..200),
        ) {
            let stocks: Vec<(usize, Item, f64)> = stocks.into_iter().map(|(f, i, q)| (f, Item::ALL[i], q)).collect();
            let mut s = Supplies::new(4, &stocks);
            for o in ops {
                match o {
                    Op::Consume(f, i, q) => { s.consume(f, Item::ALL[i], q); }
                    Op::Send(a, b, i, q, t) => { s.send(a, b, Item::ALL[i], q, SimTime(t)); }
                    Op::Unload(t) => { s.unload(SimTime(t)); }
                }
                prop_assert!(s.unbalanced().is_empty(), "unbalanced: {:?}", s.unbalanced());
                prop_assert!(s.stock.iter().all(|&q| q >= 0.0));
            }
        }
    }

    #[test]
    fn a_convoy_moves_stock_and_conserves_it() {
        let mut s = Supplies::new(2, &[(0, Item::WaterL, 1000.0)]);
        assert_eq!(s.send(0, 1, Item::WaterL, 1500.0, SimTime(60)), 1000.0);
        assert!(s.coming(1, Item::WaterL));
        assert_eq!(s.balance(Item::WaterL), (1000.0, 1000.0));
        assert!(s.unload(SimTime(59)).is_empty());
        assert_eq!(s.unload(SimTime(60)).len(), 1);
        assert_eq!(s.at(1, Item::WaterL), 1000.0);
        assert_eq!(s.consume(1, Item::WaterL, 400.0), 400.0);
        assert_eq!(s.balance(Item::WaterL), (1000.0, 1000.0));
    }
}
