//! Who helps households out door to door: each zone's grid workers and its share of the village
//! cadres, and when each of them is next free.

use crate::core::setting::Setting;
use bevy_ecs::prelude::*;

/// When each helper of each zone is next free to help a household out, s: the zone's grid
/// workers first, then its share of the village cadres.
#[derive(Resource, Debug, Clone)]
pub struct Escorts {
    pub free_s: Vec<Vec<f64>>,
}

impl Escorts {
    /// Every helper free from the start.
    pub fn new(s: &Setting) -> Escorts {
        let cadres = cadres_per_zone(s);
        Escorts {
            free_s: s
                .zones
                .iter()
                .zip(cadres)
                .map(|(z, c)| vec![0.0; z.grid_workers.max(1) as usize + c as usize])
                .collect(),
        }
    }
}

/// The village cadres (村两委, the village emergency group's transfer sub-group) each zone has
/// at its doors: every plan-directed cadre team's members, shared out evenly over the inhabited
/// zones its station serves (its own zone when it serves none), the first zones taking any
/// remainder. The team itself still answers calls: its members at the doors are counted here.
pub fn cadres_per_zone(s: &Setting) -> Vec<u32> {
    let mut out = vec![0u32; s.zones.len()];
    for t in s.teams.iter().filter(|t| t.kind == crate::model::TeamKind::VillageCadres && t.agency.is_some())
    {
        let station = &s.facilities[t.station.ix()];
        let mut zones: Vec<usize> =
            station.serves.iter().map(|z| z.ix()).filter(|&z| s.zones[z].households > 0).collect();
        if zones.is_empty() {
            zones.push(station.zone.ix());
        }
        let n = zones.len() as u32;
        for (k, z) in zones.into_iter().enumerate() {
            out[z] += t.members / n + u32::from((k as u32) < t.members % n);
        }
    }
    out
}
