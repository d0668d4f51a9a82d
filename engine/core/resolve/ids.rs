//! Name → dense index tables for every id'd list, and the sampler that draws a run's values of
//! scenario- and plan-level distributions, one stream index per parameter.

use crate::core::ids::*;
use crate::core::rng::{Process, stream};
use crate::core::setting::Jurisdiction;
use crate::model::{Dist, Map, Scenario};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, HashMap};

/// Name → dense index for one id'd table.
pub(super) struct Index(HashMap<String, u32>);

impl Index {
    fn new<'a>(ids: impl Iterator<Item = &'a str>) -> Index {
        Index(ids.enumerate().map(|(i, s)| (s.to_string(), i as u32)).collect())
    }
    pub(super) fn get(&self, what: &str, id: &str) -> Result<u32, String> {
        self.0.get(id).copied().ok_or_else(|| format!("unknown {what} \"{id}\""))
    }
}

/// The index of every id'd table of a scenario and its map.
pub(super) struct Ids {
    pub zone: Index,
    pub node: Index,
    pub facility: Index,
    pub gauge: Index,
    pub link: Index,
    pub team: Index,
    pub inject: Index,
    pub dike: Index,
    /// How many dikes the map has.
    pub dikes: usize,
    /// The skills of each team, by dense team index.
    pub team_skills: Vec<Vec<crate::model::Skill>>,
}

impl Ids {
    pub(super) fn new(sc: &Scenario, map: &Map) -> Ids {
        Ids {
            zone: Index::new(map.zones.iter().map(|z| z.id.as_str())),
            node: Index::new(map.nodes.iter().map(|n| n.id.as_str())),
            facility: Index::new(map.facilities.iter().map(|f| f.id.as_str())),
            gauge: Index::new(map.gauges.iter().map(|g| g.id.as_str())),
            link: Index::new(map.links.iter().map(|l| l.id.as_str())),
            team: Index::new(sc.teams.iter().map(|t| t.id.as_str())),
            inject: Index::new(sc.injects.iter().map(|i| i.id.as_str())),
            team_skills: sc.teams.iter().map(|t| t.skills.clone()).collect(),
            dike: Index::new(map.dikes.iter().map(|d| d.id.as_str())),
            dikes: map.dikes.len(),
        }
    }
    pub(super) fn zone(&self, id: &str) -> Result<ZoneId, String> {
        self.zone.get("zone", id).map(ZoneId)
    }
    pub(super) fn zones(&self, ids: &[String]) -> Result<Vec<ZoneId>, String> {
        ids.iter().map(|z| self.zone(z)).collect()
    }
    pub(super) fn facility(&self, id: &str) -> Result<FacilityId, String> {
        self.facility.get("facility", id).map(FacilityId)
    }
    pub(super) fn gauge(&self, id: &str) -> Result<GaugeId, String> {
        self.gauge.get("gauge", id).map(GaugeId)
    }
    pub(super) fn team(&self, id: &str) -> Result<TeamId, String> {
        self.team.get("team", id).map(TeamId)
    }
    pub(super) fn link(&self, id: &str) -> Result<usize, String> {
        self.link.get("link", id).map(|l| l as usize)
    }
    pub(super) fn jurisdiction(&self, j: &str) -> Result<Jurisdiction, String> {
        Ok(match j {
            "township" => Jurisdiction::Township,
            "county" => Jurisdiction::County,
            z => Jurisdiction::Zone(self.zone(z)?),
        })
    }
}

/// Draws scenario or plan parameters: one stream index per parameter name, in call order.
pub(super) struct Sampler<'a> {
    pub seed: u64,
    pub process: Process,
    pub nominal: bool,
    pub next: u32,
    pub record: &'a mut BTreeMap<String, f64>,
}

impl Sampler<'_> {
    pub(super) fn take(&mut self, name: &str, d: &Dist) -> f64 {
        let mut rng: ChaCha8Rng = stream(self.seed, self.process, self.next);
        self.next += 1;
        let v = d.value(&mut rng, self.nominal);
        if !matches!(d, Dist::Fixed(_)) {
            self.record.insert(name.to_string(), v);
        }
        v
    }
}
