//! Tab completion for `drill play`: the command words, then the names that fit the position —
//! teams after `dispatch`, places after `to`, zones and tags after `evacuate`, open options
//! after `choose`, capabilities after `rate`.

use super::command::{Names, WORDS};
use crate::model::{FacilityKind, HazardKind, OrderKind};

/// Completion candidates for the word under the cursor, given the words before it.
pub fn complete(before: &[&str], word: &str, n: &Names) -> Vec<String> {
    let s = n.s;
    let ids: Vec<String> = match before {
        [] => WORDS.iter().map(|w| w.to_string()).collect(),
        ["dispatch"] => s.teams.iter().map(|t| t.id.clone()).collect(),
        ["dispatch", _] => vec!["to".into()],
        ["dispatch", _, "to"] => s
            .facilities
            .iter()
            .map(|f| f.id.clone())
            .chain(s.hazards.fires.iter().map(|f| f.id.clone()))
            .collect(),
        ["evacuate"] => std::iter::once("should-transfer".to_string())
            .chain(crate::model::RiskTag::ALL.iter().map(|t| t.to_string()))
            .chain(s.zones.iter().filter(|z| z.households > 0).map(|z| z.id.clone()))
            .collect(),
        ["evacuate", _] => OrderKind::ALL.iter().map(|o| o.to_string()).collect(),
        ["level"] => ["IV", "III", "II", "I", "none"].map(String::from).to_vec(),
        ["level", ..] => ["township".to_string(), "county".into()]
            .into_iter()
            .chain(s.zones.iter().map(|z| z.id.clone()))
            .chain(HazardKind::ALL.iter().map(|h| h.to_string()))
            .collect(),
        ["open"] => {
            s.facilities.iter().filter(|f| f.kind == FacilityKind::Shelter).map(|f| f.id.clone()).collect()
        }
        ["choose"] => n
            .open
            .iter()
            .filter_map(|&i| s.injects[i].decision.as_ref())
            .flat_map(|d| d.options.iter().map(|o| o.id.clone()))
            .collect(),
        ["rate"] => n.capabilities.to_vec(),
        ["rate", _] => ["P", "S", "M", "U"].map(String::from).to_vec(),
        _ => Vec::new(),
    };
    ids.into_iter().filter(|c| c.starts_with(word)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drill::command::tests::{caps, setting};

    #[test]
    fn completion_offers_what_fits_the_position() {
        let s = setting();
        let n = Names { s: &s, capabilities: &caps(), open: &[0] };
        assert_eq!(complete(&[], "ev", &n), ["evacuate"]);
        assert_eq!(complete(&["dispatch"], "xq-team-m", &n), ["xq-team-micro"]);
        assert_eq!(complete(&["dispatch", "xq-team-micro"], "", &n), ["to"]);
        assert_eq!(complete(&["choose"], "", &n), ["clear", "wait"]);
        assert!(complete(&["evacuate"], "", &n).contains(&"should-transfer".to_string()));
    }
}
