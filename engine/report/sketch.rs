//! The map as the reports draw it: node positions, links, zones, facilities — read from the
//! scenario's map once, before the run, and never changed (the run's facts come from the
//! Outcome).

use crate::model::Map;

/// A road link between two points, local metres.
#[derive(Debug, Clone, PartialEq)]
pub struct SketchLink {
    pub id: String,
    pub a: (f64, f64),
    pub b: (f64, f64),
}

/// A zone: its centre, local metres, and who lives there.
#[derive(Debug, Clone, PartialEq)]
pub struct SketchZone {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub x_m: f64,
    pub y_m: f64,
    pub population: u32,
}

/// A facility: shelter, station, depot, command centre …
#[derive(Debug, Clone, PartialEq)]
pub struct SketchFacility {
    pub id: String,
    pub name: String,
    /// The facility kind as the map writes it (`shelter`, `station`, `depot`, …).
    pub kind: String,
    pub x_m: f64,
    pub y_m: f64,
}

/// What a map chart needs of the township.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sketch {
    pub links: Vec<SketchLink>,
    pub zones: Vec<SketchZone>,
    pub facilities: Vec<SketchFacility>,
}

impl Sketch {
    /// The sketch of a map; links or facilities at an unknown node are left out (validation
    /// has refused such maps before any run).
    pub fn from_map(map: &Map) -> Sketch {
        let at = |id: &str| map.nodes.iter().find(|n| n.id == id).map(|n| (n.x_m, n.y_m));
        let links = map
            .links
            .iter()
            .filter_map(|l| Some(SketchLink { id: l.id.clone(), a: at(&l.from)?, b: at(&l.to)? }))
            .collect();
        let zones = map
            .zones
            .iter()
            .map(|z| SketchZone {
                id: z.id.clone(),
                name: z.name.clone(),
                kind: z.kind.as_str().to_string(),
                x_m: z.x_m,
                y_m: z.y_m,
                population: z.population,
            })
            .collect();
        let facilities = map
            .facilities
            .iter()
            .filter_map(|f| {
                let (x_m, y_m) = at(&f.node)?;
                Some(SketchFacility {
                    id: f.id.clone(),
                    name: f.name.clone(),
                    kind: f.kind.as_str().to_string(),
                    x_m,
                    y_m,
                })
            })
            .collect();
        Sketch { links, zones, facilities }
    }

    /// The bounding box of everything drawn: (x_min, x_max, y_min, y_max), local metres.
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        let pts = self
            .links
            .iter()
            .flat_map(|l| [l.a, l.b])
            .chain(self.zones.iter().map(|z| (z.x_m, z.y_m)))
            .chain(self.facilities.iter().map(|f| (f.x_m, f.y_m)));
        let mut b = (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
        for (x, y) in pts {
            b = (b.0.min(x), b.1.max(x), b.2.min(y), b.3.max(y));
        }
        if b.0.is_finite() { b } else { (0.0, 1.0, 0.0, 1.0) }
    }
}
