//! `base` overlays: a document that names a base file changes only what differs — records
//! merge field by field, lists of records carrying an `id` merge by id, distributions and every
//! other value are replaced whole.

use serde_json::Value;

/// Overlay `over` onto `base`: records merge field by field; lists of records that all carry
/// an `id` merge by id (same id: merge; new id: append); any other value is replaced.
pub fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        // A distribution is one value: an overlay replaces it whole, whatever its kind.
        (slot @ Value::Object(_), o @ Value::Object(_)) if is_distribution(slot) || is_distribution(&o) => {
            *slot = o
        }
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (Value::Array(b), Value::Array(o)) if all_have_ids(b) && all_have_ids(&o) && !o.is_empty() => {
            for item in o {
                let id = item.get("id").cloned();
                match b.iter_mut().find(|x| x.get("id") == id.as_ref()) {
                    Some(slot) => merge(slot, item),
                    None => b.push(item),
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

/// A record whose fields are all distribution parameters (`mean`, `sd`, `lo`, …).
fn is_distribution(v: &Value) -> bool {
    const PARAMS: [&str; 9] = ["mean", "sd", "lo", "hi", "a", "b", "min", "max", "mode"];
    v.as_object().is_some_and(|o| !o.is_empty() && o.keys().all(|k| PARAMS.contains(&k.as_str())))
}

fn all_have_ids(items: &[Value]) -> bool {
    items.iter().all(|x| x.get("id").is_some_and(Value::is_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn overlays_merge_records_and_lists_by_id() {
        let mut base = json!({"name": "a", "org": {"delay": 1, "teams": ["x", "y"]},
            "agencies": [{"id": "m", "teams": ["t1"]}, {"id": "n", "teams": []}]});
        merge(
            &mut base,
            json!({"org": {"teams": ["z"]}, "agencies": [{"id": "m", "teams": []}, {"id": "o", "teams": ["t9"]}]}),
        );
        assert_eq!(
            base,
            json!({"name": "a", "org": {"delay": 1, "teams": ["z"]},
            "agencies": [{"id": "m", "teams": []}, {"id": "n", "teams": []}, {"id": "o", "teams": ["t9"]}]})
        );
    }

    #[test]
    fn an_overlay_replaces_a_distribution_whole() {
        let mut base = json!({"turnout_s": {"lo": 30, "hi": 60}, "speed": {"lo": 1, "hi": 2}});
        merge(&mut base, json!({"turnout_s": {"mean": 45, "sd": 5}, "speed": 1.5}));
        assert_eq!(base, json!({"turnout_s": {"mean": 45, "sd": 5}, "speed": 1.5}));
    }
}
