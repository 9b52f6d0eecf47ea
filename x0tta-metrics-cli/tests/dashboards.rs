//! `x0tta-metrics dashboards`: the committed dashboards are current, carry
//! the seed's panels and queries, use only the data-source variable, and
//! every query parses (checked by the real promtool).

mod common;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::Path;

use common::{assert_fresh, catalogue, promtool, root, run, Scratch};
use serde_json::Value;

const REFRESH: &str =
    "cargo run -p x0tta-metrics-cli -- dashboards metrics-spec.yaml -o deploy/grafana";

/// Every `*.json` in `dir`, by file name.
fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e} — generate with `{REFRESH}`", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.file_name().expect("name").to_string_lossy().into_owned(),
                fs::read_to_string(&p).expect("read"),
            )
        })
        .collect()
}

fn committed() -> BTreeMap<String, Value> {
    read_dir(&root().join("deploy/grafana"))
        .into_iter()
        .map(|(name, text)| {
            let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, json)
        })
        .collect()
}

fn generate(spec: &Path, dir: &Path) -> common::Run {
    run([
        std::ffi::OsStr::new("dashboards"),
        spec.as_os_str(),
        "-o".as_ref(),
        dir.as_os_str(),
    ])
}

#[test]
fn committed_dashboards_are_current() {
    let dir = Scratch::new();
    let out = generate(&catalogue(), dir.path());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let fresh = read_dir(dir.path());
    let on_disk = read_dir(&root().join("deploy/grafana"));
    let names = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&on_disk),
        names(&fresh),
        "deploy/grafana has other files than generated — refresh with `{REFRESH}`"
    );
    for (name, text) in &fresh {
        assert_fresh(&root().join("deploy/grafana").join(name), text, REFRESH);
    }
}

fn panels(dashboard: &Value) -> &Vec<Value> {
    dashboard["panels"].as_array().expect("panels")
}

fn exprs(panel: &Value) -> Vec<&str> {
    panel["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .map(|t| t["expr"].as_str().expect("expr"))
        .collect()
}

fn panel<'a>(dashboard: &'a Value, title: &str) -> &'a Value {
    panels(dashboard)
        .iter()
        .find(|p| p["title"] == title)
        .unwrap_or_else(|| panic!("no panel {title:?} in {}", dashboard["title"]))
}

#[test]
fn the_seed_dashboards_have_its_panels_and_queries() {
    let all = committed();
    let seed: [(&str, &str, &[&str]); 5] = [
        (
            "x0tta6bl4-mapek-health.json",
            "MAPE-K Health",
            &[
                "Cycle duration (p50, p95, p99)",
                "Cycles per minute",
                "Anomalies detected",
                "Recovery actions executed",
            ],
        ),
        (
            "x0tta6bl4-ml-performance.json",
            "ML Performance",
            &[
                "GraphSAGE inference latency",
                "Model accuracy trend",
                "RAG retrieval performance",
                "Training loss progression",
            ],
        ),
        (
            "x0tta6bl4-mesh-network.json",
            "Mesh Network",
            &[
                "Active nodes",
                "Connection count",
                "Packet loss ratio",
                "Latency histogram",
            ],
        ),
        (
            "x0tta6bl4-system-health.json",
            "System Health",
            &[
                "Error rates",
                "Request latency",
                "Memory usage",
                "CPU usage",
            ],
        ),
        (
            "x0tta6bl4-security.json",
            "Security",
            &[
                "Threat alerts",
                "Suspect nodes",
                "Byzantine detections",
                "SPIFFE SVID issuance",
            ],
        ),
    ];
    for (file, title, wanted) in seed {
        let d = &all[file];
        assert_eq!(d["title"], title);
        for t in wanted {
            panel(d, t);
        }
    }
    // The seed report's five queries, verbatim, each where it belongs.
    let queries = [
        ("x0tta6bl4-mapek-health.json", "rate(x0tta6bl4_mapek_cycles_total{status=\"success\"}[5m])"),
        (
            "x0tta6bl4-mapek-health.json",
            "histogram_quantile(0.95, \n  rate(x0tta6bl4_mapek_cycle_duration_seconds_bucket[5m])\n)",
        ),
        ("x0tta6bl4-mesh-network.json", "1 - x0tta6bl4_mesh_packet_loss_ratio"),
        ("x0tta6bl4-ml-performance.json", "x0tta6bl4_graphsage_model_accuracy"),
        ("x0tta6bl4-system-health.json", "rate(x0tta6bl4_requests_total{status=~\"5..\"}[5m])"),
    ];
    for (file, query) in queries {
        assert!(
            panels(&all[file]).iter().any(|p| exprs(p).contains(&query)),
            "{query:?} not in {file}"
        );
    }
    let heatmap = panel(&all["x0tta6bl4-mesh-network.json"], "Latency histogram");
    assert_eq!(heatmap["type"], "heatmap");
    assert_eq!(heatmap["targets"][0]["format"], "heatmap");
}

#[test]
fn one_dashboard_per_group_with_a_panel_per_metric_following_its_type() {
    let spec = x0tta_metrics_codegen::check_file(&catalogue()).expect("valid catalogue");
    let all = committed();
    for g in &spec.groups {
        let d = &all[&format!("x0tta6bl4-group-{}.json", g.name)];
        let titles: Vec<&str> = panels(d)
            .iter()
            .map(|p| p["title"].as_str().expect("title"))
            .collect();
        let names: Vec<&str> = g.metrics.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(titles, names, "group {}", g.name);
    }
    let mapek = &all["x0tta6bl4-group-mapek.json"];
    assert_eq!(
        exprs(panel(mapek, "mapek_cycles_total")),
        ["sum by (status) (rate(x0tta6bl4_mapek_cycles_total[5m]))"]
    );
    assert_eq!(
        exprs(panel(mapek, "mapek_cycle_duration_seconds")),
        ["0.5", "0.95", "0.99"].map(|q| format!(
            "histogram_quantile({q}, sum by (le) (rate(x0tta6bl4_mapek_cycle_duration_seconds_bucket[5m])))"
        ))
    );
    let p = panel(mapek, "mapek_cycle_duration_seconds");
    let legends: Vec<&Value> = p["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .map(|t| &t["legendFormat"])
        .collect();
    assert_eq!(legends, ["p50", "p95", "p99"]);
    assert_eq!(p["fieldConfig"]["defaults"]["unit"], "s");
    let gauge = panel(mapek, "mapek_knowledge_base_size_entries");
    assert_eq!(
        exprs(gauge),
        ["x0tta6bl4_mapek_knowledge_base_size_entries"]
    );
}

/// Every `datasource` object anywhere in `v`.
fn datasources<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                if k == "datasource" && child.is_object() {
                    out.push(child);
                }
                datasources(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| datasources(i, out)),
        _ => {}
    }
}

#[test]
fn only_the_datasource_variable_is_used() {
    for (name, d) in committed() {
        let vars = d["templating"]["list"].as_array().expect("templating");
        let var = vars
            .iter()
            .find(|v| v["name"] == "datasource")
            .unwrap_or_else(|| panic!("{name}: no variable"));
        assert_eq!(
            (&var["type"], &var["query"]),
            (&Value::from("datasource"), &Value::from("prometheus")),
            "{name}"
        );
        let mut found = Vec::new();
        datasources(&d, &mut found);
        assert!(!found.is_empty(), "{name}");
        for ds in found {
            assert_eq!(
                ds["uid"], "${datasource}",
                "{name}: hard-coded data source {ds}"
            );
            assert_eq!(ds["type"], "prometheus", "{name}");
        }
        let ids: HashSet<u64> = panels(&d)
            .iter()
            .map(|p| p["id"].as_u64().expect("id"))
            .collect();
        assert_eq!(ids.len(), panels(&d).len(), "{name}: panel ids are unique");
        let places: HashSet<(u64, u64)> = panels(&d)
            .iter()
            .map(|p| {
                (
                    p["gridPos"]["x"].as_u64().expect("x"),
                    p["gridPos"]["y"].as_u64().expect("y"),
                )
            })
            .collect();
        assert_eq!(
            places.len(),
            panels(&d).len(),
            "{name}: panels do not overlap"
        );
    }
}

#[test]
fn every_query_parses_with_promtool() {
    // promtool parses the expression of every rule it checks: write each
    // dashboard query as a recording rule.
    let mut rules = String::from("groups:\n  - name: dashboards\n    rules:\n");
    let mut count = 0;
    for (_, d) in committed() {
        for p in panels(&d) {
            for expr in exprs(p) {
                rules.push_str(&format!(
                    "      - record: dashboard:query_{count}\n        expr: {}\n",
                    Value::from(expr)
                ));
                count += 1;
            }
        }
    }
    assert!(count > 150, "{count} queries");
    let dir = Scratch::new();
    let file = dir.file("queries.rules.yml", &rules);
    let out = promtool(&["check".as_ref(), "rules".as_ref(), file.as_os_str()]);
    assert!(
        out.contains(&format!("SUCCESS: {count} rules found")),
        "{out}"
    );
}

#[test]
fn every_metric_a_query_reads_exists_in_the_spec() {
    let spec = x0tta_metrics_codegen::check_file(&catalogue()).expect("valid catalogue");
    let mut known: HashSet<String> = HashSet::new();
    for (_, m) in spec.metrics() {
        for suffix in ["", "_bucket", "_count", "_sum"] {
            known.insert(format!("{}{suffix}", m.exported));
        }
    }
    for (name, d) in committed() {
        for p in panels(&d) {
            for expr in exprs(p) {
                for word in expr.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
                    if word.starts_with("x0tta6bl4_") {
                        assert!(
                            known.contains(word),
                            "{name}: {word} is not a metric of the spec"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn another_spec_gets_its_group_dashboards_and_a_note_for_each_overview_left_out() {
    let dir = Scratch::new();
    let spec = dir.file(
        "spec.yaml",
        "namespace: shop\ngroups:\n  - name: cart_items\n    help: Carts.\n    metrics:\n      - {name: cart_adds_total, type: counter, help: Adds.}\n",
    );
    let out_dir = dir.path().join("grafana");
    let out = generate(&spec, &out_dir);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        read_dir(&out_dir).keys().collect::<Vec<_>>(),
        ["shop-group-cart-items.json"]
    );
    assert_eq!(
        out.stderr.matches("note: dashboard").count(),
        5,
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains(
        "\"MAPE-K Health\" left out: the spec has no metric \"mapek_cycle_duration_seconds\""
    ));
}

#[test]
fn the_slo_dashboard_reads_the_recording_rules_of_each_objective() {
    let spec = x0tta_metrics_codegen::check_file(&catalogue()).expect("valid catalogue");
    let d = &committed()["x0tta6bl4-slo.json"];
    assert_eq!(d["title"], "x0tta6bl4 / SLOs");
    // Every recording rule of the committed rules, as (record, slo label).
    let rules: Value = serde_saphyr::from_str(
        &fs::read_to_string(root().join("deploy/rules/x0tta6bl4.rules.yml")).expect("rules"),
    )
    .expect("YAML rules");
    let recorded: HashSet<(String, String)> = rules["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|g| g["rules"].as_array().expect("rules"))
        .filter_map(|r| {
            Some((
                r["record"].as_str()?.to_string(),
                r["labels"]["slo"].as_str()?.to_string(),
            ))
        })
        .collect();
    let titles: Vec<&str> = panels(d)
        .iter()
        .map(|p| p["title"].as_str().expect("title"))
        .collect();
    let mut expected_titles = Vec::new();
    for o in &spec.objectives {
        let name = &o.name;
        expected_titles.extend([
            format!("{name}: SLI over 30d"),
            format!("{name}: error budget remaining"),
            format!("{name}: burn rate by window"),
            format!("{name}: events"),
        ]);
        let burn = panel(d, &format!("{name}: burn rate by window"));
        let legends: Vec<&str> = burn["targets"]
            .as_array()
            .expect("targets")
            .iter()
            .map(|t| t["legendFormat"].as_str().expect("legend"))
            .collect();
        assert_eq!(legends, ["5m", "30m", "1h", "2h", "6h", "1d", "3d"]);
        // Each query of the objective's panels reads only its own recorded series.
        for p in panels(d).iter().filter(|p| {
            p["title"]
                .as_str()
                .is_some_and(|t| t.starts_with(&format!("{name}:")))
        }) {
            for expr in exprs(p) {
                for (at, _) in expr.match_indices("slo:") {
                    let record: String = expr[at..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                        .collect();
                    let selector = format!("{record}{{slo=\"{name}\"}}");
                    assert!(expr[at..].starts_with(&selector), "{expr}");
                    assert!(
                        recorded.contains(&(record.clone(), name.clone())),
                        "{expr}: no recording rule {record} for {name}"
                    );
                }
            }
        }
    }
    assert_eq!(titles, expected_titles);
}
