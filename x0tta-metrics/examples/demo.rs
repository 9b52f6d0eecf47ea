//! The x0tta6bl4 catalogue served on `/metrics` with a simulated node moving
//! every value: `cargo run -p x0tta-metrics --example demo --features exporter`.
//!
//! Options: `--addr HOST:PORT` (default 127.0.0.1:9464), `--interval-ms N`
//! between ticks (default 1000), `--ticks N` to stop the workload after N
//! ticks and keep serving the final values. Stops on Ctrl-C or SIGTERM.

use std::{net::SocketAddr, process::ExitCode, time::Duration};

use x0tta_metrics::{
    demo::Workload,
    exporter::{Exporter, DEFAULT_ADDRESS},
    Metrics,
};

const USAGE: &str = "usage: demo [--addr HOST:PORT] [--interval-ms N] [--ticks N]

  --addr HOST:PORT   listen address (default 127.0.0.1:9464)
  --interval-ms N    milliseconds between workload ticks (default 1000)
  --ticks N          stop the workload after N ticks, keep serving
  -h, --help         print this help";

struct Options {
    address: SocketAddr,
    interval: Duration,
    ticks: Option<u64>,
}

/// The options, or `None` when help was asked for.
fn parse_options() -> Result<Option<Options>, String> {
    let mut options = Options {
        address: DEFAULT_ADDRESS,
        interval: Duration::from_secs(1),
        ticks: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--addr" => {
                let text = value()?;
                options.address = text.parse().map_err(|e| format!("--addr {text:?}: {e}"))?;
            }
            "--interval-ms" => {
                let text = value()?;
                let millis: u64 = text
                    .parse()
                    .map_err(|e| format!("--interval-ms {text:?}: {e}"))?;
                options.interval = Duration::from_millis(millis.max(1));
            }
            "--ticks" => {
                let text = value()?;
                options.ticks = Some(text.parse().map_err(|e| format!("--ticks {text:?}: {e}"))?);
            }
            other => return Err(format!("unknown option {other:?}\n{USAGE}")),
        }
    }
    Ok(Some(options))
}

/// Completes on Ctrl-C, or on SIGTERM where there is one (containers, systemd).
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let options = match parse_options() {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("demo: {message}");
            return ExitCode::from(2);
        }
    };
    let metrics = match Metrics::new() {
        Ok(metrics) => metrics,
        Err(e) => {
            eprintln!("demo: cannot register the catalogue: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The generated encoder writes the catalogue straight to text (no gather()).
    let exporter = Exporter::new(metrics.clone()).address(options.address);
    let running = match exporter.bind().await {
        Ok(running) => running,
        Err(e) => {
            eprintln!("demo: cannot listen on {}: {e}", options.address);
            return ExitCode::FAILURE;
        }
    };
    println!("x0tta6bl4 demo metrics at {}", running.url());
    println!("(Ctrl-C to stop)");

    let mut workload = Workload::new(metrics);
    let mut ticker = tokio::time::interval(options.interval);
    let stop = stop_signal();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            () = &mut stop => break,
            _ = ticker.tick(), if options.ticks.is_none_or(|n| workload.ticks() < n) => workload.step(),
        }
    }
    running.shutdown().await;
    println!("stopped after {} ticks", workload.ticks());
    ExitCode::SUCCESS
}
