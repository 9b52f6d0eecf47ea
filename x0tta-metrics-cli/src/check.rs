//! `check`: every diagnostic of the spec, as the macro reports them, plus a
//! note for each deprecated metric.

use std::path::Path;

use serde_json::json;
use x0tta_metrics_codegen::{check_file, Diagnostic, Location, Spec};

use crate::spec::count;
use crate::{Failed, Format, Outcome};

/// One line of the report.
struct Finding {
    /// The library's diagnostic, for errors; notes have none.
    diagnostic: Option<Diagnostic>,
    severity: &'static str,
    rule: &'static str,
    location: Location,
    message: String,
}

pub(crate) fn run(path: &Path, format: Format) -> Outcome {
    let shown = path.display().to_string();
    let (findings, failed) = match check_file(path) {
        Ok(spec) => (deprecation_notes(&spec), false),
        Err(diagnostics) => (diagnostics.iter().map(error).collect(), true),
    };
    match format {
        Format::Human => {
            for f in &findings {
                match &f.diagnostic {
                    Some(d) => println!("{}", d.render(&shown)),
                    None => println!("{shown}:{}: note: {} [{}]", f.location, f.message, f.rule),
                }
            }
            let errors = findings.iter().filter(|f| f.severity == "error").count();
            if failed {
                eprintln!("{shown}: {}", count(errors, "error"));
            } else {
                eprintln!("{shown}: ok");
            }
        }
        Format::Json => {
            let items: Vec<_> = findings
                .iter()
                .map(|f| {
                    json!({
                        "file": shown,
                        "line": f.location.line,
                        "column": f.location.column,
                        "rule": f.rule,
                        "severity": f.severity,
                        "message": f.message,
                    })
                })
                .collect();
            println!("{}", serde_json::Value::Array(items));
        }
    }
    if failed {
        Err(Failed)
    } else {
        Ok(())
    }
}

fn error(d: &Diagnostic) -> Finding {
    Finding {
        diagnostic: Some(d.clone()),
        severity: "error",
        rule: d.rule,
        location: d.location,
        message: d.message.clone(),
    }
}

fn deprecation_notes(spec: &Spec) -> Vec<Finding> {
    spec.metrics()
        .filter_map(|(_, m)| {
            let deprecated = m.lifecycle.deprecated.as_ref()?;
            let replacement = deprecated
                .renamed_to
                .as_deref()
                .and_then(|name| spec.metric(name))
                .map(|(_, r)| format!(" — use \"{}\" instead", r.exported))
                .unwrap_or_default();
            Some(Finding {
                diagnostic: None,
                severity: "note",
                rule: "deprecated",
                location: m.location,
                message: format!(
                    "metric \"{}\" is deprecated: {}{replacement}",
                    m.exported, deprecated.note
                ),
            })
        })
        .collect()
}
