//! Where things are, for `drill play`: the team table and the text map of the township (zones
//! placed by their coordinates, north up, with roads, cut roads, shelters, stations, the command
//! centre and fires, and a legend of each zone's people and state); and the line layout every
//! view shares. Views only: they read the World and change nothing in it.

use super::brief::FLOODED_M;
use super::text::{WIDTH, cut, n, put};
use crate::agents::{Evac, Household, Place};
use crate::command::orders::Orders;
use crate::core::Clock;
use crate::core::setting::Setting;
use crate::hazards::{Fire, FirePhase, HazardState};
use crate::model::{FacilityKind, OrderKind};
use crate::roads::{Closures, RoadGraph};
use bevy_ecs::prelude::*;

/// Largest map, characters (a column is half as wide as a row is tall, so the map keeps its shape).
const MAP_W: usize = 72;
const MAP_H: usize = 22;
/// Zone markers, in zone order (not `x`, `S` or `C`, which the map uses); zones past the last are
/// drawn as `?`.
const MARKS: &str = "123456789abcdefghijklmnopqrstuvwyzABDEFGHIJKLMNOPQRTUVWXYZ";

/// The map, its key and its legend.
pub fn text_map(w: &mut World) -> String {
    let mut households = w.query::<(&Household, &Evac)>();
    let mut fires = w.query::<&Fire>();
    let w: &World = w;
    let (s, clock, h) = (w.resource::<Setting>(), w.resource::<Clock>(), w.resource::<HazardState>());
    let orders = w.resource::<Orders>();
    let (mut home, mut people) = (vec![0u64; s.zones.len()], vec![0u64; s.zones.len()]);
    for (hh, ev) in households.iter(w) {
        people[hh.zone.ix()] += u64::from(hh.size);
        if ev.place == Place::Home {
            home[hh.zone.ix()] += u64::from(hh.size);
        }
    }
    let mut burning: Vec<&Fire> =
        fires.iter(w).filter(|f| matches!(f.phase, FirePhase::Growing | FirePhase::Controlled)).collect();
    burning.sort_by_key(|f| f.idx);
    let frame = Frame::new(s);
    let mut grid = vec![vec![' '; frame.cols]; frame.rows];
    if let (Some(g), Some(c)) = (w.get_resource::<RoadGraph>(), w.get_resource::<Closures>()) {
        for (l, arcs) in g.link_arcs.iter().enumerate() {
            let Some(a) = arcs.first().map(|a| &g.arcs[a.ix()]) else { continue };
            let cut_off = c.cut[l] || c.depth_m[l] > crate::roads::Mode::Emergency.max_depth_m();
            frame.line(&mut grid, s.nodes[a.from.ix()], s.nodes[a.to.ix()], if cut_off { 'x' } else { '.' });
        }
    }
    // Fires, then facilities, then zones: each later layer wins its cell, and a marker whose cell
    // is taken by its own layer moves to a free neighbour.
    let mut taken = vec![vec![false; frame.cols]; frame.rows];
    for f in &burning {
        frame.mark(&mut grid, &mut taken, s.nodes[f.spec.node.ix()], '*');
    }
    let symbol = |k: FacilityKind| match k {
        FacilityKind::Shelter => Some('S'),
        FacilityKind::Station => Some('+'),
        FacilityKind::CommandCentre => Some('#'),
        _ => None,
    };
    for f in &s.facilities {
        if let Some(c) = symbol(f.kind) {
            frame.mark(&mut grid, &mut taken, s.nodes[f.node.ix()], c);
        }
    }
    let mut taken = vec![vec![false; frame.cols]; frame.rows];
    let marks: Vec<char> = (0..s.zones.len()).map(|z| MARKS.chars().nth(z).unwrap_or('?')).collect();
    let on_map: Vec<bool> = s
        .zones
        .iter()
        .zip(&marks)
        .map(|(z, &m)| frame.mark(&mut grid, &mut taken, (z.x_m, z.y_m), m))
        .collect();
    let mut out = String::new();
    put(
        &mut out,
        &format!(
            "MAP at {} — north up; a column is {:.0} m, a row {:.0} m",
            clock.label(clock.now),
            frame.m_per_col,
            2.0 * frame.m_per_col
        ),
    );
    let border = format!("+{}+", "-".repeat(frame.cols));
    put(&mut out, &border);
    for row in &grid {
        put(&mut out, &format!("|{}|", row.iter().collect::<String>()));
    }
    put(&mut out, &border);
    put(&mut out, "S shelter  + station  # command centre  * fire  . road  x road cut or flooded");
    put(
        &mut out,
        "zone: people at home/of the zone; ORG/MAN/ADV/SWP ordered out (organised, mandatory, advice, sweep),",
    );
    put(
        &mut out,
        &format!(
            "      T should transfer, ~0.40m flooded over {FLOODED_M} m, FIRE fire, off: not on the map"
        ),
    );
    let id_w = s.zones.iter().map(|z| z.id.chars().count()).max().unwrap_or(0).min(20);
    let entries: Vec<String> = s
        .zones
        .iter()
        .enumerate()
        .map(|(z, zone)| {
            let mut flags = Vec::new();
            if let Some(k) = orders.strongest.get(z).copied().flatten() {
                flags.push(order_code(k).to_string());
            }
            if h.should_transfer(s, z) {
                flags.push("T".into());
            }
            if h.depth_m[z] > FLOODED_M {
                flags.push(format!("~{:.2}m", h.depth_m[z]));
            }
            if burning.iter().any(|f| f.spec.zone.ix() == z) || h.fire_reached[z] {
                flags.push("FIRE".into());
            }
            if !on_map[z] {
                flags.push(format!("off {}", frame.bearing(zone.x_m, zone.y_m)));
            }
            let ppl = if people[z] > 0 { format!("{}/{}", n(home[z]), n(people[z])) } else { "-".into() };
            format!("{} {:<id_w$} {:>13} {}", marks[z], cut(&zone.id, id_w), ppl, flags.join(" "))
        })
        .collect();
    let col_w = entries.iter().map(|e| e.chars().count()).max().unwrap_or(0) + 2;
    let per_line = (WIDTH / col_w.max(1)).max(1);
    for chunk in entries.chunks(per_line) {
        let line: String = chunk.iter().map(|e| format!("{e:<col_w$}")).collect();
        put(&mut out, line.trim_end());
    }
    out
}

fn order_code(k: OrderKind) -> &'static str {
    match k {
        OrderKind::Organised => "ORG",
        OrderKind::Mandatory => "MAN",
        OrderKind::Advice => "ADV",
        OrderKind::Sweep => "SWP",
    }
}

/// The part of the plane the map shows and its scale.
struct Frame {
    x0: f64,
    y1: f64,
    m_per_col: f64,
    cols: usize,
    rows: usize,
}

impl Frame {
    /// Fit the zones where people live (all zones if none do), with a margin; far-off zones such
    /// as the county seat stay off the map.
    fn new(s: &Setting) -> Frame {
        let lived: Vec<(f64, f64)> =
            s.zones.iter().filter(|z| z.households > 0).map(|z| (z.x_m, z.y_m)).collect();
        let pts: Vec<(f64, f64)> =
            if lived.is_empty() { s.zones.iter().map(|z| (z.x_m, z.y_m)).collect() } else { lived };
        let fold =
            |f: fn(f64, f64) -> f64, init: f64, k: fn(&(f64, f64)) -> f64| pts.iter().map(k).fold(init, f);
        let (mut x0, mut x1) =
            (fold(f64::min, f64::INFINITY, |p| p.0), fold(f64::max, f64::NEG_INFINITY, |p| p.0));
        let (mut y0, mut y1) =
            (fold(f64::min, f64::INFINITY, |p| p.1), fold(f64::max, f64::NEG_INFINITY, |p| p.1));
        if !x0.is_finite() {
            (x0, x1, y0, y1) = (0.0, 0.0, 0.0, 0.0);
        }
        let pad = 0.04 * (x1 - x0).max(y1 - y0).max(1000.0);
        (x0, x1, y0, y1) = (x0 - pad, x1 + pad, y0 - pad, y1 + pad);
        let m_per_col = ((x1 - x0) / (MAP_W - 1) as f64).max((y1 - y0) / (2.0 * (MAP_H - 1) as f64));
        let cols = ((x1 - x0) / m_per_col).round() as usize + 1;
        let rows = ((y1 - y0) / (2.0 * m_per_col)).round() as usize + 1;
        Frame { x0, y1, m_per_col, cols: cols.min(MAP_W), rows: rows.min(MAP_H) }
    }

    /// The cell of a point, if it is on the map.
    fn cell(&self, (x, y): (f64, f64)) -> Option<(usize, usize)> {
        let c = ((x - self.x0) / self.m_per_col).round();
        let r = ((self.y1 - y) / (2.0 * self.m_per_col)).round();
        (c >= 0.0 && r >= 0.0 && (c as usize) < self.cols && (r as usize) < self.rows)
            .then_some((r as usize, c as usize))
    }

    /// Draw `c` at a point, or in the nearest free neighbour of its cell; whether it was drawn.
    fn mark(&self, grid: &mut [Vec<char>], taken: &mut [Vec<bool>], p: (f64, f64), c: char) -> bool {
        let Some((r, col)) = self.cell(p) else { return false };
        const NEAR: [(isize, isize); 9] =
            [(0, 0), (0, 1), (0, -1), (-1, 0), (1, 0), (-1, 1), (1, 1), (-1, -1), (1, -1)];
        for (dr, dc) in NEAR {
            let (Some(r2), Some(c2)) = (r.checked_add_signed(dr), col.checked_add_signed(dc)) else {
                continue;
            };
            if r2 < self.rows && c2 < self.cols && !taken[r2][c2] {
                taken[r2][c2] = true;
                grid[r2][c2] = c;
                return true;
            }
        }
        false
    }

    /// A road from `a` to `b` in `c`, on empty cells and roads only (clipped to the map).
    fn line(&self, grid: &mut [Vec<char>], a: (f64, f64), b: (f64, f64), c: char) {
        let steps =
            ((b.0 - a.0).abs() / self.m_per_col).max((b.1 - a.1).abs() / (2.0 * self.m_per_col)).ceil();
        let steps = steps.max(1.0) as usize;
        for k in 1..steps {
            let f = k as f64 / steps as f64;
            if let Some((r, col)) = self.cell((a.0 + f * (b.0 - a.0), a.1 + f * (b.1 - a.1)))
                && matches!(grid[r][col], ' ' | '.')
            {
                grid[r][col] = c;
            }
        }
    }

    /// Compass direction and distance of an off-map point from the map's centre: "SW 15.9 km".
    fn bearing(&self, x: f64, y: f64) -> String {
        let (cx, cy) = (
            self.x0 + 0.5 * self.m_per_col * (self.cols - 1) as f64,
            self.y1 - self.m_per_col * (self.rows - 1) as f64,
        );
        let (dx, dy) = (x - cx, y - cy);
        let deg = dx.atan2(dy).to_degrees().rem_euclid(360.0);
        let dir = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"][((deg + 22.5) / 45.0) as usize % 8];
        format!("{dir} {:.1} km", dx.hypot(dy) / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drill::roster::teams;

    /// D2 17:00, after the old-street fire: the map, the team table and the brief's incidents.
    #[test]
    fn the_map_and_the_team_table_after_the_fire() {
        let mut w = super::super::brief::tests::infa_at(33 * 60);
        let m = text_map(&mut w);
        let t = teams(&mut w);
        let b = super::super::brief::brief(&mut w, 0);
        println!("{m}\n{t}\n{b}");
        let s = w.resource::<Setting>();
        for z in &s.zones {
            assert!(
                m.contains(&format!(" {} ", z.id)) || m.contains(&format!(" {}\n", z.id)),
                "{} missing",
                z.id
            );
        }
        assert!(m.lines().all(|l| l.chars().count() <= WIDTH), "{m}");
        let map_lines: Vec<&str> = m.lines().filter(|l| l.starts_with('|')).collect();
        assert!(map_lines.len() <= MAP_H && map_lines.iter().all(|l| l.chars().count() <= MAP_W + 2));
        assert!(m.contains('S') && m.contains('+') && m.contains('#'), "{m}");
        assert!(m.contains("off SW"), "the county seat is off the map:\n{m}");
        for team in &s.teams {
            assert!(t.contains(&format!("  {} ", team.id)), "{} missing:\n{t}", team.id);
        }
        assert!(t.lines().all(|l| l.chars().count() <= WIDTH), "{t}");
        assert!(b.contains("  infa-fire-old-street ") && b.contains(": out"), "{b}");
    }
}
