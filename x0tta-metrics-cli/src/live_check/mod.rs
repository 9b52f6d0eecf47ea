//! `live-check`: scrapes a running target (or reads a saved exposition) and
//! reports how it drifts from the spec — families absent or unknown, label
//! names, closed values, types, units, series budgets, deprecated names.
//! Exit 0 when clean, 1 on findings at or above `--fail-on`, 2 when the
//! spec, the target or its exposition cannot be read.

mod budget;
mod compare;
mod exposition;
mod parse;
mod report;
mod scrape;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::ValueEnum;

use crate::Format;
use compare::Level;
use exposition::Format as Exposed;

/// The exit status when the check could not be made at all.
const CANNOT_CHECK: u8 = 2;

/// `x0tta-metrics live-check` options.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The target: an `http://` or `https://` URL to scrape, or a saved
    /// exposition file (text 0.0.4, or OpenMetrics when it ends in `# EOF`).
    target: String,
    /// The spec the target should match.
    #[arg(long, default_value = "metrics-spec.yaml")]
    spec: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The lowest finding level that fails the command (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// A file holding a bearer token to send (or set X0TTA_METRICS_BEARER_TOKEN).
    #[arg(long, value_name = "FILE")]
    bearer_token_file: Option<PathBuf>,
    /// HTTP Basic credentials: the user and a file holding the password
    /// (`USER:` takes the password from X0TTA_METRICS_BASIC_PASSWORD).
    #[arg(
        long,
        value_name = "USER:PASSWORD_FILE",
        conflicts_with = "bearer_token_file"
    )]
    basic_auth: Option<String>,
    /// A PEM file of CA certificates to trust instead of the built-in
    /// (Mozilla) roots, for a target with a private CA.
    #[arg(long, value_name = "FILE")]
    ca_file: Option<PathBuf>,
    /// How long the scrape may take, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    timeout: f64,
}

/// Which findings fail the command.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    /// Warnings and errors.
    Warning,
    /// Errors only.
    Error,
    /// Nothing: report and exit 0.
    Never,
}

impl FailOn {
    fn fails(self, level: Level) -> bool {
        match self {
            FailOn::Warning => true,
            FailOn::Error => level == Level::Error,
            FailOn::Never => false,
        }
    }
}

/// Runs the check; the exit status is the command's.
pub(crate) fn run(args: Args) -> ExitCode {
    let Ok(spec) = crate::spec::load(&args.spec) else {
        return ExitCode::from(CANNOT_CHECK);
    };
    let timeout = Duration::try_from_secs_f64(args.timeout).unwrap_or(Duration::from_secs(10));
    let target = scrape::Target {
        location: args.target,
        bearer_token_file: args.bearer_token_file,
        basic_auth: args.basic_auth,
        ca_file: args.ca_file,
        timeout,
    };
    let scraped = match scrape::scrape(&target) {
        Ok(scraped) => scraped,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(CANNOT_CHECK);
        }
    };
    let exposition = match parse::parse(&scraped.body, scraped.format) {
        Ok(exposition) => exposition,
        Err(e) => {
            eprintln!("error: {}: {e}", target.location);
            return ExitCode::from(CANNOT_CHECK);
        }
    };
    let findings = compare::compare(&spec, &exposition);
    let checked = report::Checked {
        target: &target.location,
        format: match exposition.format {
            Exposed::Text => "text",
            Exposed::OpenMetrics => "openmetrics",
        },
        families: exposition.families.len(),
        samples: exposition.sample_count(),
    };
    match args.format {
        Format::Human => report::human(&checked, &findings),
        Format::Json => report::json(&checked, &findings),
    }
    if findings.iter().any(|f| args.fail_on.fails(f.level)) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
