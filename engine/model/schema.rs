//! `drill schema`: the JSON Schema of the three file formats.

use super::{Map, Plan, Scenario};

/// One JSON document holding the schema of each format, pretty-printed.
pub fn json_schema() -> String {
    let doc = serde_json::json!({
        "$comment": "drill file formats, format_version 1; RON files use the same schema",
        "scenario": schemars::schema_for!(Scenario),
        "plan": schemars::schema_for!(Plan),
        "map": schemars::schema_for!(Map),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
