//! `x0tta-metrics`: everything else from the one spec. Checks it, writes its
//! metric reference, Grafana dashboards and Prometheus rules, and diffs two
//! versions for breaking changes; explains each rule and writes the JSON
//! Schema of the format. Every subcommand reads the spec through
//! `x0tta_metrics_codegen`, the same code the proc-macro runs.

mod check;
mod dashboards;
mod diff;
mod docs;
mod explain;
mod live_check;
mod output;
mod promql;
mod reference;
mod rules;
mod schema;
mod spec;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

/// Checks a metrics spec and generates docs, dashboards and rules from it.
#[derive(Parser)]
#[command(name = "x0tta-metrics", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Reports every problem of a spec as rustc does (the YAML line, the
    /// offending token underlined, a help), and deprecated metrics as notes.
    /// Exit 1 when there are errors.
    Check {
        /// The spec file (metrics-spec.yaml).
        spec: PathBuf,
        /// Output format: `human` (rendered snippets), `short` (one
        /// `path:line:col: message [rule]` line each, for problem matchers) or `json`.
        #[arg(long, value_enum, default_value_t = check::CheckFormat::Human)]
        format: check::CheckFormat,
        /// Colour the rendered form: `auto` colours on a terminal only.
        #[arg(long, value_enum, default_value_t = check::ColorChoice::Auto)]
        color: check::ColorChoice,
    },
    /// Prints what a rule asks, with an example that breaks it (from
    /// docs/SPEC.md). Exit 1 for an unknown rule id.
    Explain {
        /// The rule id, as printed in brackets after a diagnostic.
        rule: String,
    },
    /// Writes the Markdown metric reference.
    Docs {
        /// The spec file.
        spec: PathBuf,
        /// Where to write it (standard output when absent).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Writes Grafana dashboards: the curated overviews and one per group.
    Dashboards {
        /// The spec file.
        spec: PathBuf,
        /// The folder to write the dashboard JSON files into.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Writes Prometheus recording and alerting rules.
    Rules {
        /// The spec file.
        spec: PathBuf,
        /// Where to write them (standard output when absent).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Writes the JSON Schema of the spec format, for editors
    /// (`# yaml-language-server: $schema=…`) and validators.
    Schema {
        /// Where to write it (standard output when absent).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Lists breaking and safe changes between two versions of a spec.
    /// Exit 1 on a breaking change to a metric at or above `--fail-on`.
    Diff {
        /// The earlier spec.
        old: PathBuf,
        /// The later spec.
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The lowest stability whose breaking changes fail the command.
        #[arg(long, value_enum, default_value_t = diff::FailOn::Stable)]
        fail_on: diff::FailOn,
    },
    /// Scrapes a running target (or reads a saved exposition) and reports
    /// how it drifts from the spec. Exit 0 when clean, 1 on findings at or
    /// above `--fail-on`, 2 when the target cannot be scraped or parsed.
    LiveCheck(live_check::Args),
    /// Prints a completion script for a shell, e.g.
    /// `x0tta-metrics completions bash > /etc/bash_completion.d/x0tta-metrics`.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
}

/// How results are printed.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One line per finding, for people and editors.
    Human,
    /// A JSON array, for tools.
    Json,
}

/// A command's outcome: success, or findings that fail it (exit 1).
type Outcome = Result<(), Failed>;

/// The command failed; what to say has been said.
struct Failed;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Check {
            spec,
            format,
            color,
        } => check::run(&spec, format, color),
        Command::Explain { rule } => explain::run(&rule),
        Command::Docs { spec, output } => docs::run(&spec, output.as_deref()),
        Command::Dashboards { spec, output } => dashboards::run(&spec, &output),
        Command::Rules { spec, output } => rules::run(&spec, output.as_deref()),
        Command::Schema { output } => schema::run(output.as_deref()),
        Command::Diff {
            old,
            new,
            format,
            fail_on,
        } => diff::run(&old, &new, format, fail_on),
        // Its exit status has a third value (2: could not check).
        Command::LiveCheck(args) => return live_check::run(args),
        Command::Completions { shell } => {
            let mut command = Cli::command();
            let name = command.get_name().to_owned();
            clap_complete::generate(shell, &mut command, name, &mut std::io::stdout());
            Ok(())
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failed) => ExitCode::FAILURE,
    }
}
