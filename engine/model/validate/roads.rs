//! Roads: every zone's and facility's node must reach the command centre by road and be reached
//! from it, on the road graph of the map (links two-way unless `one_way`).

use super::map::kind_name;
use super::{Check, quoted};
use crate::model::kinds::FacilityKind;
use crate::model::map::Map;
use std::collections::{BTreeMap, BTreeSet};

/// Every zone's and facility's node must reach the command centre's node by road and be reached
/// from it (links are two-way unless `one_way`).
pub(super) fn check(c: &mut Check, map: &Map, nodes: &BTreeSet<&str>) {
    let index: BTreeMap<&str, usize> =
        map.nodes.iter().enumerate().rev().map(|(i, n)| (n.id.as_str(), i)).collect();
    let n = map.nodes.len();
    let (mut fwd, mut back) = (vec![Vec::new(); n], vec![Vec::new(); n]);
    for l in &map.links {
        if let (Some(&a), Some(&b)) = (index.get(l.from.as_str()), index.get(l.to.as_str())) {
            fwd[a].push(b);
            back[b].push(a);
            if !l.one_way {
                fwd[b].push(a);
                back[a].push(b);
            }
        }
    }
    let centre = map.facilities.iter().position(|f| f.kind == FacilityKind::CommandCentre);
    let (origin, what) = match centre {
        Some(i) => {
            let f = &map.facilities[i];
            (index.get(f.node.as_str()), format!("the command centre \"{}\"", f.id))
        }
        None => {
            let msg = "the map has no command centre, expected a facility of kind \"command_centre\" \
                       (roads are checked from the first zone instead)";
            c.report("facilities", None, msg);
            match map.zones.first() {
                Some(z) => (index.get(z.node.as_str()), format!("the first zone \"{}\"", z.id)),
                None => return,
            }
        }
    };
    let Some(&origin) = origin else { return }; // its node is unknown: reported already
    let (out, home) = (reach(&fwd, origin), reach(&back, origin));
    let check = |c: &mut Check, path: String, thing: String, node: &str| {
        let Some(&k) = index.get(node).filter(|_| nodes.contains(node)) else { return };
        let msg = match (out[k], home[k]) {
            (true, true) => return,
            (false, false) => format!("{thing} (node \"{node}\") is not connected by road to {what}"),
            (false, true) => format!("{thing} (node \"{node}\") cannot be reached by road from {what}"),
            (true, false) => format!("there is no road from {thing} (node \"{node}\") back to {what}"),
        };
        c.report(&path, Some(&quoted(node)), msg);
    };
    for (i, z) in map.zones.iter().enumerate() {
        check(c, format!("zones[{i}].node"), format!("zone \"{}\"", z.id), &z.node);
    }
    for (i, f) in map.facilities.iter().enumerate() {
        check(c, format!("facilities[{i}].node"), format!("{} \"{}\"", kind_name(f.kind), f.id), &f.node);
    }
}

/// Which nodes a breadth-first search from `start` reaches.
fn reach(adj: &[Vec<usize>], start: usize) -> Vec<bool> {
    let mut seen = vec![false; adj.len()];
    let mut queue = std::collections::VecDeque::from([start]);
    seen[start] = true;
    while let Some(a) = queue.pop_front() {
        for &b in &adj[a] {
            if !seen[b] {
                seen[b] = true;
                queue.push_back(b);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use crate::model::validate::map::tests::{link, map};
    use crate::model::validate::{testing, validate_map};

    #[test]
    fn one_way_links_leave_zones_unreachable_in_one_direction() {
        // a → b one way, b—c two-way: b and c can be reached but not return; nothing reaches … a is fine.
        let (m, src) = map(&format!("{}, {}", link("ab", "a", "b", true), link("bc", "b", "c", false)), "");
        let out = testing::lines(&validate_map(&m, &src));
        assert!(
            out.contains("zones[1].node (2:")
                && out.contains(
                    "there is no road from zone \"zb\" (node \"b\") back to the command centre \"cc\""
                ),
            "{out}"
        );
        assert!(out.contains("zones[2].node"), "{out}");
        assert_eq!(out.lines().count(), 2, "{out}");
        // No link at c at all: not connected.
        let (m, src) = map(&link("ab", "a", "b", false), "");
        let out = testing::lines(&validate_map(&m, &src));
        assert!(
            out.contains("zone \"zc\" (node \"c\") is not connected by road to the command centre \"cc\""),
            "{out}"
        );
    }

    #[test]
    fn without_a_command_centre_roads_are_checked_from_the_first_zone() {
        let (mut m, src) = map(&link("ab", "a", "b", false), "");
        m.facilities.clear();
        let out = testing::lines(&validate_map(&m, &src));
        assert!(out.contains("facilities (5:13): the map has no command centre"), "{out}");
        assert!(
            out.contains("zone \"zc\" (node \"c\") is not connected by road to the first zone \"za\""),
            "{out}"
        );
    }
}
