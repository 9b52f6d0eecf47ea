//! `check`: every diagnostic of the spec, as the macro reports them, plus a
//! note for each deprecated metric.

use std::io::IsTerminal;
use std::path::Path;

use clap::ValueEnum;
use serde_json::json;
use x0tta_metrics_codegen::diagnostic::Color;
use x0tta_metrics_codegen::{check_file, Diagnostic, Location, Spec};

use crate::spec::count;
use crate::{Failed, Outcome};

/// How `check` prints its findings.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormat {
    /// As rustc does: the YAML line with the token underlined, help, notes.
    Human,
    /// One `path:line:col: message [rule]` line per finding, for editors.
    Short,
    /// A JSON array, for tools.
    Json,
}

/// When the human form is coloured.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    fn resolve(self) -> Color {
        let terminal = || std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        match self {
            ColorChoice::Always => Color::Always,
            ColorChoice::Auto if terminal() => Color::Always,
            ColorChoice::Auto | ColorChoice::Never => Color::Never,
        }
    }
}

/// One line of the report.
struct Finding {
    /// The library's diagnostic, for errors; notes have none.
    diagnostic: Option<Diagnostic>,
    severity: &'static str,
    rule: &'static str,
    location: Location,
    message: String,
}

pub(crate) fn run(path: &Path, format: CheckFormat, color: ColorChoice) -> Outcome {
    let shown = path.display().to_string();
    let (findings, failed) = match check_file(path) {
        Ok(spec) => (deprecation_notes(&spec), false),
        Err(diagnostics) => (diagnostics.iter().map(error).collect(), true),
    };
    match format {
        CheckFormat::Human | CheckFormat::Short => {
            // The snippets quote the spec; a file that cannot be read again
            // (or is not UTF-8) is rendered without its lines.
            let source = match format {
                CheckFormat::Human if failed => std::fs::read_to_string(path).ok(),
                _ => None,
            };
            let color = color.resolve();
            for f in &findings {
                match &f.diagnostic {
                    Some(d) if format == CheckFormat::Human => {
                        println!("{}\n", d.render_snippet(&shown, source.as_deref(), color))
                    }
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
        CheckFormat::Json => {
            let items: Vec<_> = findings
                .iter()
                .map(|f| {
                    let d = f.diagnostic.as_ref();
                    let related: Vec<_> = d
                        .map_or(&[][..], |d| &d.related)
                        .iter()
                        .map(|r| {
                            json!({
                                "line": r.location.line,
                                "column": r.location.column,
                                "len": r.location.len,
                                "label": r.label,
                            })
                        })
                        .collect();
                    json!({
                        "file": shown,
                        "line": f.location.line,
                        "column": f.location.column,
                        "len": f.location.len,
                        "rule": f.rule,
                        "severity": f.severity,
                        "message": f.message,
                        "help": d.and_then(|d| d.help.as_deref()),
                        "related": related,
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
