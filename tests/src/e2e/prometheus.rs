//! A real Prometheus server (Debian's `prometheus`) scraping a target every
//! second, with storage in a temporary directory, and its HTTP query API.

use std::{collections::BTreeMap, net::SocketAddr, process::Command, time::Duration};

use serde_json::Value;

use super::{
    http::{encode_query_value, get},
    process::{free_port, ChildGuard, TempDir},
    wait_until,
};

/// One series of a query answer: its labels and its sample(s) as
/// `(unix time, value)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Labels, `__name__` included when the answer keeps it.
    pub labels: BTreeMap<String, String>,
    /// One sample for an instant vector, all samples for a range vector.
    pub samples: Vec<(f64, f64)>,
}

impl Series {
    /// The value of an instant-vector series.
    pub fn value(&self) -> f64 {
        assert_eq!(self.samples.len(), 1, "not an instant sample: {self:?}");
        self.samples[0].1
    }

    /// A label's value ("" when absent).
    pub fn label(&self, name: &str) -> &str {
        self.labels.get(name).map_or("", String::as_str)
    }
}

/// A running Prometheus, killed on drop. It can be stopped and started again
/// on the same address and storage, as an outage of a real server would be.
#[derive(Debug)]
pub struct Prometheus {
    address: SocketAddr,
    log: std::path::PathBuf,
    args: Vec<String>,
    child: Option<ChildGuard>,
    lives: u32,
    dir: TempDir,
}

impl Prometheus {
    /// Starts Prometheus scraping `target` every second (job `x0tta6bl4`),
    /// evaluating `rule_files` every second.
    pub fn start(target: SocketAddr, rule_files: &[std::path::PathBuf]) -> Self {
        let rules: String = rule_files
            .iter()
            .map(|f| format!("  - {:?}\n", f.display().to_string()))
            .collect();
        let config = format!(
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n{rules}\
             scrape_configs:\n  - job_name: x0tta6bl4\n    static_configs:\n      - targets: [\"{target}\"]\n"
        );
        Self::launch("prometheus", &config, &[])
    }

    /// Starts Prometheus with the configuration `config` and the extra
    /// command-line flags `flags` (`--enable-feature=agent`, …), storing its
    /// data in a fresh temporary directory. `name` tells logs apart.
    pub fn launch(name: &str, config: &str, flags: &[&str]) -> Self {
        let dir = TempDir::new(name);
        let config_path = dir.path().join("prometheus.yml");
        std::fs::write(&config_path, config).expect("write prometheus.yml");
        let address: SocketAddr = format!("127.0.0.1:{}", free_port())
            .parse()
            .expect("address");
        // Agent mode keeps its write-ahead log under another flag.
        let storage = if flags.contains(&"--enable-feature=agent") {
            "--storage.agent.path"
        } else {
            "--storage.tsdb.path"
        };
        let mut args = vec![
            format!("--config.file={}", config_path.display()),
            format!("{storage}={}", dir.path().join("data").display()),
            format!("--web.listen-address={address}"),
            "--log.level=warn".to_owned(),
        ];
        args.extend(flags.iter().map(|flag| flag.to_string()));
        let mut prometheus = Prometheus {
            address,
            log: std::path::PathBuf::new(),
            args,
            child: None,
            lives: 0,
            dir,
        };
        prometheus.resume();
        prometheus
    }

    /// The address its HTTP API (and remote-write receiver) listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Kills the server, as a crash or a lost link would; its storage stays.
    pub fn stop(&mut self) {
        self.child = None;
    }

    /// Starts the server again on the same address and storage.
    pub fn resume(&mut self) {
        assert!(self.child.is_none(), "already running");
        let mut command = Command::new("prometheus");
        command.args(&self.args);
        // One log per life, so a restart keeps what the first one said.
        self.lives += 1;
        let log = self
            .dir
            .path()
            .join(format!("prometheus-{}.log", self.lives));
        let child = ChildGuard::spawn(command, &log)
            .expect("start prometheus (Debian package `prometheus`)");
        self.log = log;
        self.child = Some(child);
    }

    /// Panics with the log's tail if the server has exited.
    pub fn assert_running(&mut self) {
        if let Some(child) = self.child.as_mut() {
            child.assert_running(&self.log);
        }
    }

    /// Waits (up to 60 s) until the target's `up` is 1.
    pub async fn wait_target_up(&mut self) {
        self.assert_running();
        wait_until(
            Duration::from_secs(60),
            "Prometheus to scrape the target",
            || async {
                match self.query("up{job=\"x0tta6bl4\"}", None).await {
                    Ok(series) if series.iter().any(|s| s.value() == 1.0) => Ok(()),
                    Ok(series) => Err(format!("{series:?}")),
                    Err(e) => Err(e),
                }
            },
        )
        .await;
    }

    /// Evaluates `expr` at `time` (default: now) through `/api/v1/query`.
    pub async fn query(&self, expr: &str, time: Option<f64>) -> Result<Vec<Series>, String> {
        let mut path = format!("/api/v1/query?query={}", encode_query_value(expr));
        if let Some(time) = time {
            path.push_str(&format!("&time={time:.3}"));
        }
        let response = get(self.address, &path).await.map_err(|e| e.to_string())?;
        let json: Value = serde_json::from_slice(&response.body)
            .map_err(|e| format!("{e}: {}", response.text()))?;
        if json["status"] != "success" {
            return Err(format!("query {expr:?} failed: {json}"));
        }
        Ok(parse_result(&json["data"]))
    }
}

/// The exemplars Prometheus keeps for one series (`/api/v1/query_exemplars`).
#[derive(Clone, Debug, PartialEq)]
pub struct ExemplarSeries {
    /// The series' labels, `__name__` included.
    pub labels: BTreeMap<String, String>,
    /// Each exemplar as `(its labels, value, unix time)`.
    pub exemplars: Vec<(BTreeMap<String, String>, f64, f64)>,
}

impl Prometheus {
    /// The exemplars of the series `selector` selects between `start` and
    /// `end` (unix seconds), through `/api/v1/query_exemplars` (the server
    /// needs `--enable-feature=exemplar-storage`).
    pub async fn query_exemplars(
        &self,
        selector: &str,
        start: f64,
        end: f64,
    ) -> Result<Vec<ExemplarSeries>, String> {
        let path = format!(
            "/api/v1/query_exemplars?query={}&start={start:.3}&end={end:.3}",
            encode_query_value(selector)
        );
        let response = get(self.address, &path).await.map_err(|e| e.to_string())?;
        let json: Value = serde_json::from_slice(&response.body)
            .map_err(|e| format!("{e}: {}", response.text()))?;
        if json["status"] != "success" {
            return Err(format!("query_exemplars {selector:?} failed: {json}"));
        }
        let series = json["data"].as_array().cloned().unwrap_or_default();
        Ok(series
            .iter()
            .map(|s| ExemplarSeries {
                labels: string_map(&s["seriesLabels"]),
                exemplars: s["exemplars"]
                    .as_array()
                    .map(|list| {
                        list.iter()
                            .map(|e| {
                                let value = e["value"].as_str().and_then(|v| v.parse().ok());
                                let time = e["timestamp"].as_f64();
                                (
                                    string_map(&e["labels"]),
                                    value.unwrap_or(f64::NAN),
                                    time.unwrap_or(f64::NAN),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            })
            .collect())
    }
}

/// A JSON object of strings as a map ("" for a value that is not a string).
fn string_map(object: &Value) -> BTreeMap<String, String> {
    object
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

fn parse_result(data: &Value) -> Vec<Series> {
    let sample = |pair: &Value| -> (f64, f64) {
        let time = pair[0].as_f64().expect("sample time");
        let value = pair[1]
            .as_str()
            .expect("sample value")
            .parse()
            .expect("numeric sample");
        (time, value)
    };
    data["result"]
        .as_array()
        .map(|result| {
            result
                .iter()
                .map(|series| {
                    let labels = string_map(&series["metric"]);
                    let samples = match series.get("values") {
                        Some(values) => values
                            .as_array()
                            .expect("values")
                            .iter()
                            .map(sample)
                            .collect(),
                        None => vec![sample(&series["value"])],
                    };
                    Series { labels, samples }
                })
                .collect()
        })
        .unwrap_or_default()
}
