//! `schema`: the JSON Schema of the spec format, for editors
//! (yaml-language-server) and CI validators. The shape comes from the
//! engine's key tables; each key's description from docs/SPEC.md.

use std::path::Path;

use x0tta_metrics_codegen::schema::json_schema;

use crate::reference::key_meaning;
use crate::Outcome;

pub(crate) fn run(out: Option<&Path>) -> Outcome {
    crate::output::write(out, &render())
}

/// The schema as pretty JSON, ending in a newline.
pub(crate) fn render() -> String {
    let schema = json_schema(&key_meaning);
    let mut text = serde_json::to_string_pretty(&schema).expect("a JSON value serializes");
    text.push('\n');
    text
}
