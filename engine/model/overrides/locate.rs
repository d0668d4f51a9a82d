//! Following a parsed path into a document tree: the concrete steps it names, errors that
//! say how far it got (with the nearest id or field name), and putting a value at the steps.

use super::path::{Seg, Sel, shown};
use crate::model::error::{nearest, unknown};
use serde_json::Value;

/// One concrete step into a tree.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Step {
    Key(String),
    Index(usize),
}

/// The document path of steps, as serde_path_to_error and the validators write it (`teams[0].members`).
pub(super) fn concrete(steps: &[Step]) -> String {
    let mut s = String::new();
    for st in steps {
        match st {
            Step::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Step::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Why a path did not resolve: how many steps did, and the message.
#[derive(Debug)]
pub(super) struct Miss {
    pub(super) matched: usize,
    pub(super) message: String,
}

fn miss(steps: &[Step], message: String) -> Miss {
    Miss { matched: steps.len(), message }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "not set",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a record",
    }
}

/// Resolve a path in a document tree. With `lenient`, a missing last field, or fields under a
/// value that is not set (an `Option` left out), are accepted: they are inserted when set.
pub(super) fn locate(root: &Value, segs: &[Seg], lenient: bool) -> Result<Vec<Step>, Miss> {
    let mut steps = Vec::new();
    let mut cur = Some(root);
    for (i, seg) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        let next = match cur {
            None | Some(Value::Null) if lenient && i > 0 => None,
            Some(Value::Object(m)) => match m.get(&seg.name) {
                Some(v) => Some(v),
                None if lenient && last && seg.sels.is_empty() => None,
                None => return Err(miss(&steps, unknown("field", &seg.name, m.keys().map(String::as_str)))),
            },
            Some(v) => {
                let what = match i {
                    0 => "the document".to_string(),
                    _ => format!("\"{}\"", shown(segs, i - 1, segs[i - 1].sels.len())),
                };
                return Err(miss(
                    &steps,
                    format!("{what} is {}, it has no field \"{}\"", kind_of(v), seg.name),
                ));
            }
            None => {
                return Err(miss(
                    &steps,
                    format!("\"{}\" is not set", shown(segs, i - 1, segs[i - 1].sels.len())),
                ));
            }
        };
        steps.push(Step::Key(seg.name.clone()));
        cur = next;
        for (n, sel) in seg.sels.iter().enumerate() {
            let list = shown(segs, i, n);
            let items = match cur {
                Some(Value::Array(a)) => a,
                Some(v) => return Err(miss(&steps, format!("\"{list}\" is {}, not a list", kind_of(v)))),
                None => return Err(miss(&steps, format!("\"{list}\" is not set: set the whole list"))),
            };
            let k = select(items, sel, &list).map_err(|m| miss(&steps, m))?;
            steps.push(Step::Index(k));
            cur = items.get(k);
        }
    }
    Ok(steps)
}

/// The index of the element `sel` names in `items` (the list shown as `list`).
fn select(items: &[Value], sel: &Sel, list: &str) -> Result<usize, String> {
    match sel {
        Sel::Index(k) if *k < items.len() => Ok(*k),
        Sel::Index(k) => Err(format!("index {k} is out of range: {list} has {} elements", items.len())),
        Sel::Id(id) => {
            let ids: Vec<&str> = items.iter().filter_map(|x| x.get("id").and_then(Value::as_str)).collect();
            if let Some(k) = items.iter().position(|x| x.get("id").and_then(Value::as_str) == Some(id)) {
                return Ok(k);
            }
            if ids.is_empty() {
                // A field holding the text is the likely meaning (`levels[II]`: `levels[level=II]`).
                let field = items
                    .iter()
                    .filter_map(Value::as_object)
                    .find_map(|o| o.iter().find(|(_, v)| v.as_str() == Some(id)).map(|(k, _)| k.as_str()))
                    .unwrap_or("field");
                let value = if field == "field" { "value" } else { id };
                return Err(format!(
                    "the elements of {list} have no id: select one by index ({list}[0] to {list}[{}]) or by \
                     its fields, e.g. {list}[{field}={value}]",
                    items.len().saturating_sub(1)
                ));
            }
            Err(match nearest(id, ids.iter().copied()) {
                Some(n) => format!("no element with id \"{id}\" in {list} (did you mean \"{n}\"?)"),
                None => format!("no element with id \"{id}\" in {list}"),
            })
        }
        Sel::Fields(conds) => {
            let hits: Vec<usize> = items
                .iter()
                .enumerate()
                .filter(|(_, x)| conds.iter().all(|(k, v)| x.get(k).is_some_and(|f| same(f, v))))
                .map(|(k, _)| k)
                .collect();
            let wanted: Vec<String> = conds.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let wanted = wanted.join(",");
            match hits.as_slice() {
                [k] => Ok(*k),
                [] => {
                    let fields: Vec<&str> = items
                        .iter()
                        .filter_map(Value::as_object)
                        .flat_map(|o| o.keys().map(String::as_str))
                        .collect();
                    let bad = conds.iter().find(|(k, _)| !fields.contains(&k.as_str()));
                    Err(match bad {
                        Some((k, _)) => format!("{} in the elements of {list}", unknown("field", k, fields)),
                        None => format!("no element of {list} has {wanted}"),
                    })
                }
                many => {
                    let shown: Vec<String> = many.iter().take(8).map(usize::to_string).collect();
                    Err(format!(
                        "{} elements of {list} have {wanted} (at {}{}): add a field or select by index",
                        many.len(),
                        shown.join(", "),
                        if many.len() > 8 { ", …" } else { "" }
                    ))
                }
            }
        }
    }
}

/// Whether a tree value reads as `text` (a string by its content, a number by its value).
fn same(v: &Value, text: &str) -> bool {
    match v {
        Value::String(s) => s == text,
        Value::Number(n) => n.as_f64().zip(text.parse::<f64>().ok()).is_some_and(|(a, b)| a == b),
        Value::Bool(b) => text.parse::<bool>() == Ok(*b),
        Value::Null => text == "None",
        Value::Array(_) | Value::Object(_) => false,
    }
}

/// Put `new` at `steps`, creating records under values that are not set.
pub(super) fn put(root: &mut Value, steps: &[Step], new: Value) {
    let mut cur = root;
    for st in steps {
        cur = match st {
            Step::Key(k) => {
                if !cur.is_object() {
                    *cur = Value::Object(serde_json::Map::new());
                }
                match cur {
                    Value::Object(m) => m.entry(k.clone()).or_insert(Value::Null),
                    _ => unreachable!("made a record above"),
                }
            }
            Step::Index(i) => &mut cur[*i],
        };
    }
    *cur = new;
}

#[cfg(test)]
mod tests {
    use crate::model::overrides::testing::{error, infa};

    #[test]
    fn overrides_bad_ids_and_fields_suggest_the_nearest() {
        assert_eq!(
            error(infa(), &["teams[t-fq-rescu].members=16"]),
            "--set teams[t-fq-rescu].members: no element with id \"t-fq-rescu\" in teams \
             (did you mean \"t-fq-rescue\"?)"
        );
        assert_eq!(
            error(infa(), &["behavior.x=1"]),
            "--set behavior.x: unknown field \"behavior\" (did you mean \"behaviour\"?)"
        );
        // A misspelt last field is inserted, then refused by the typed check, with the same hint.
        assert_eq!(
            error(infa(), &["teams[t-fq-rescue].membrs=16"]),
            "--set teams[t-fq-rescue].membrs: unknown field \"membrs\" (did you mean \"members\"?)"
        );
        assert_eq!(
            error(infa(), &["plan.organisation.agencies[ag-townshp].channel_delay_min=1"]),
            "--set plan.organisation.agencies[ag-townshp].channel_delay_min: no element with id \
             \"ag-townshp\" in organisation.agencies (did you mean \"ag-township\"?)"
        );
        let e = error(infa(), &["teams[99].members=1", "teams.members=1", "duration_h.x=1"]);
        assert!(e.contains("--set teams[99].members: index 99 is out of range: teams has"), "{e}");
        assert!(e.contains("--set teams.members: \"teams\" is a list, it has no field \"members\""), "{e}");
        assert!(e.contains("--set duration_h.x: \"duration_h\" is a number, it has no field \"x\""), "{e}");
        assert_eq!(e.lines().count(), 3, "every problem is listed: {e}");
    }
}
