//! Shelters: open or not, closed to new arrivals, capacity and places reserved by households
//! on their way. Occupancy itself is counted from the households' own states.

use crate::core::setting::Setting;
use crate::core::{FacilityId, SimTime};
use crate::model::FacilityKind;
use bevy_ecs::prelude::*;

/// Shelter state per facility (zero capacity for facilities that are not shelters).
#[derive(Resource, Debug, Clone)]
pub struct Shelters {
    pub is_open: Vec<bool>,
    pub closed: Vec<bool>,
    pub capacity: Vec<u32>,
    /// People on their way or arrived.
    pub reserved: Vec<u32>,
    /// When each shelter first had no room left.
    pub full_at: Vec<Option<SimTime>>,
    /// People arrived and staying (no one leaves a shelter during a run).
    pub present: Vec<u32>,
}

impl Shelters {
    /// Shelters as the scenario starts.
    pub fn new(s: &Setting) -> Shelters {
        let shelter = |f: &crate::core::setting::FacilityS| f.kind == FacilityKind::Shelter;
        Shelters {
            is_open: s.facilities.iter().map(|f| shelter(f) && f.open_at_start).collect(),
            closed: vec![false; s.facilities.len()],
            capacity: s.facilities.iter().map(|f| if shelter(f) { f.capacity_people } else { 0 }).collect(),
            reserved: vec![0; s.facilities.len()],
            full_at: vec![None; s.facilities.len()],
            present: vec![0; s.facilities.len()],
        }
    }

    /// Open a shelter; whether it was newly opened.
    pub fn open(&mut self, f: usize) -> bool {
        let newly = !self.is_open[f] && self.capacity[f] > 0;
        self.is_open[f] |= self.capacity[f] > 0;
        newly
    }

    /// Whether a shelter takes `people` more now.
    pub fn has_room(&self, f: usize, people: u32) -> bool {
        self.is_open[f] && !self.closed[f] && self.reserved[f] + people <= self.capacity[f]
    }

    /// Reserve places for a household on its way.
    pub fn reserve(&mut self, f: FacilityId, people: u32, t: SimTime) {
        let i = f.ix();
        self.reserved[i] += people;
        if self.reserved[i] >= self.capacity[i] && self.full_at[i].is_none() {
            self.full_at[i] = Some(t);
        }
    }

    /// Shelters that are open with any room, in facility order.
    pub fn open_ids(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.capacity.len()).filter(|&f| self.is_open[f] && !self.closed[f])
    }
}
