//! `x0tta-metrics live-check` end to end: the demo workload served over
//! real loopback HTTP is clean, a drifting target is reported finding by
//! finding, credentials reach a protected exporter, and the exit status
//! tells CI what happened.

mod common;

use std::net::SocketAddr;
use std::path::PathBuf;

use common::{catalogue, root, run, run_with_env, Run, Scratch};
use serde_json::Value;
use x0tta_metrics::{
    demo::Workload,
    exporter::{Auth, Exporter, RunningExporter},
    Metrics,
};

/// The demo's workload after a few ticks, served on a free loopback port.
async fn demo(auth: Option<Auth>) -> RunningExporter {
    let mut workload = Workload::new(Metrics::new().expect("fresh registry"));
    for _ in 0..3 {
        workload.step();
    }
    let mut exporter =
        Exporter::new(workload.metrics().clone()).address("127.0.0.1:0".parse().unwrap());
    if let Some(auth) = auth {
        exporter = exporter.auth(auth);
    }
    exporter.bind().await.expect("bind loopback")
}

fn url(addr: SocketAddr) -> String {
    format!("http://{addr}/metrics")
}

/// Runs the binary off the runtime's threads, so the exporter keeps serving.
async fn live_check(args: Vec<String>, env: Vec<(&'static str, String)>) -> Run {
    tokio::task::spawn_blocking(move || {
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        run_with_env(&args, &env)
    })
    .await
    .expect("run live-check")
}

fn args(target: &str, spec: PathBuf, extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "live-check".to_owned(),
        target.to_owned(),
        "--spec".to_owned(),
        spec.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args
}

fn json(out: &Run) -> Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn the_demo_matches_the_catalogue() {
    let running = demo(None).await;
    let target = url(running.local_addr());
    // A proxy that is not there: the scrape goes straight to the target.
    let no_proxy = vec![
        ("HTTP_PROXY", "http://127.0.0.1:9".to_owned()),
        ("http_proxy", "http://127.0.0.1:9".to_owned()),
        ("ALL_PROXY", "http://127.0.0.1:9".to_owned()),
        ("NO_PROXY", String::new()),
        ("no_proxy", String::new()),
    ];
    let human = live_check(args(&target, catalogue(), &[]), no_proxy).await;
    let report = live_check(args(&target, catalogue(), &["--format", "json"]), vec![]).await;
    running.shutdown().await;

    assert_eq!(human.code, 0, "{}{}", human.stdout, human.stderr);
    assert_eq!(human.stdout, "", "no findings");
    assert!(
        human.stderr.starts_with(&format!("{target}: ok — ")),
        "{}",
        human.stderr
    );
    let report = json(&report);
    assert_eq!(report["findings"], Value::Array(vec![]));
    let spec = x0tta_metrics_codegen::check_file(&catalogue()).expect("valid catalogue");
    // Every family of the spec plus the runtime's overflow counter was read.
    assert_eq!(report["families"], spec.metrics().count() + 1, "{report}");
    // The exporter negotiates OpenMetrics, which live-check asks for first.
    assert_eq!(report["format"], "openmetrics");
}

fn drift() -> (PathBuf, PathBuf) {
    let dir = root().join("x0tta-metrics-cli/tests/fixtures/live-check");
    (dir.join("drift.om.txt"), dir.join("drift-spec.yaml"))
}

#[test]
fn a_drifting_target_is_reported_finding_by_finding() {
    let (target, spec) = drift();
    let out = run(args(
        &target.display().to_string(),
        spec,
        &["--format", "json"],
    ));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report = json(&out);
    assert_eq!(
        (report["errors"].as_u64(), report["warnings"].as_u64()),
        (Some(5), Some(5))
    );
    assert_eq!(report["format"], "openmetrics");
    let findings = report["findings"].as_array().expect("findings");
    let of = |kind: &str| -> Vec<(String, String, String)> {
        findings
            .iter()
            .filter(|f| f["kind"] == kind)
            .map(|f| {
                let field = |k: &str| f[k].as_str().expect(k).to_owned();
                (field("family"), field("level"), field("message"))
            })
            .collect()
    };
    let one = |family: &str, level: &str, message: &str| {
        (family.to_owned(), level.to_owned(), message.to_owned())
    };
    assert_eq!(
        of("absent"),
        [one(
            "shop_cache_entries",
            "warning",
            "gauge in the spec, not in the scrape"
        )]
    );
    assert_eq!(
        of("not-in-spec"),
        [one(
            "shop_debug_info",
            "warning",
            "gauge family not in the spec"
        )]
    );
    assert_eq!(
        of("type"),
        [one(
            "shop_queue_depth",
            "error",
            "scraped as counter, the spec says gauge"
        )]
    );
    assert_eq!(
        of("unit"),
        [one(
            "shop_checkout_duration_seconds",
            "error",
            "`# UNIT milliseconds`, but the spec's name does not end in `_milliseconds`"
        )]
    );
    assert_eq!(
        of("label-names"),
        [one(
            "shop_payment_errors_total",
            "error",
            "labels unexpected \"gateway\", missing \"provider\" (the spec says \"provider\")"
        )]
    );
    assert_eq!(
        of("unknown-value"),
        [one(
            "shop_orders_total",
            "error",
            "label \"status\" has \"lost\" outside its closed set"
        )]
    );
    assert_eq!(
        of("budget"),
        [
            one(
                "shop_cart_size_bytes",
                "warning",
                "at its budget: 2 live series of max_series 2; the next new series overflows"
            ),
            one(
                "shop_peer_latency_seconds",
                "error",
                "past its budget: 1 live series of max_series 1, 4 updates went to the overflow series"
            ),
        ]
    );
    assert_eq!(
        of("deprecated"),
        [
            one(
                "shop_legacy_orders_total",
                "warning",
                "deprecated, still scraped: Counts refunds twice."
            ),
            one(
                "shop_returns_total",
                "warning",
                "old name of \"shop_refunds_total\", still scraped: the spec still dual-emits it (`dual_emit: true`)"
            ),
        ]
    );
    assert_eq!(findings.len(), 10, "nothing else is reported: {report}");
}

#[test]
fn the_spec_constant_labels_are_expected_on_every_series_with_their_value() {
    let dir = Scratch::new();
    let spec = dir.file(
        "spec.yaml",
        "namespace: ns\nconst_labels: {service: api}\ngroups:\n  - name: g\n    help: G.\n    metrics:\n      - {name: jobs_total, type: counter, help: Jobs., labels: {outcome: [ok]}}\n",
    );
    let check = |body: &str| {
        let target = dir.file(
            "scrape.txt",
            &format!("# HELP ns_jobs_total Jobs.\n# TYPE ns_jobs_total counter\n{body}\n"),
        );
        let out = run(args(
            &target.display().to_string(),
            spec.clone(),
            &["--format", "json"],
        ));
        let report = json(&out);
        let findings: Vec<(String, String)> = report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                (
                    f["kind"].as_str().unwrap().to_owned(),
                    f["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        (out.code, findings)
    };
    assert_eq!(
        check("ns_jobs_total{outcome=\"ok\",service=\"api\"} 1"),
        (0, vec![])
    );
    let (code, findings) = check("ns_jobs_total{outcome=\"ok\",service=\"web\"} 1");
    assert_eq!(code, 1);
    assert_eq!(
        findings,
        [(
            "unknown-value".to_owned(),
            "constant label \"service\" has \"web\", the spec says \"api\"".to_owned()
        )]
    );
    let (code, findings) = check("ns_jobs_total{outcome=\"ok\"} 1");
    assert_eq!(code, 1);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].0, "label-names");
    assert!(
        findings[0].1.contains("missing \"service\""),
        "{findings:?}"
    );
}

#[test]
fn human_output_groups_findings_under_their_kind_with_a_summary() {
    let (target, spec) = drift();
    let shown = target.display().to_string();
    let out = run(args(&shown, spec, &[]));
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "in the spec, not scraped (1):");
    assert_eq!(
        lines[1],
        "  warning: shop_cache_entries: gauge in the spec, not in the scrape"
    );
    assert!(lines.contains(&"series budgets at or past their limit (2):"));
    assert_eq!(
        lines.last().copied(),
        Some(
            format!(
                "{shown}: 10 findings (5 errors, 5 warnings) in 11 families, 18 samples (openmetrics)"
            )
            .as_str()
        )
    );
}

#[test]
fn the_exit_status_follows_fail_on_and_tells_an_unreadable_target_apart() {
    let (target, spec) = drift();
    let target = target.display().to_string();
    let code = |extra: &[&str]| run(args(&target, spec.clone(), extra)).code;
    assert_eq!(code(&[]), 1, "warnings fail by default");
    assert_eq!(code(&["--fail-on", "error"]), 1, "the drift has errors");
    assert_eq!(code(&["--fail-on", "never"]), 0);

    // A target with warnings only passes `--fail-on error`.
    let dir = Scratch::new();
    let warnings_only = dir.file(
        "extra.txt",
        "# TYPE shop_debug_info gauge\nshop_debug_info 1\n",
    );
    let warned = run(args(
        &warnings_only.display().to_string(),
        spec.clone(),
        &["--fail-on", "error"],
    ));
    assert_eq!(warned.code, 0, "{}", warned.stdout);
    assert!(warned.stdout.contains("0 errors"), "{}", warned.stdout);

    let broken = dir.file("broken.txt", "# TYPE a gauge\na{x=\"1\" 2\n");
    let out = run(args(&broken.display().to_string(), spec.clone(), &[]));
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("broken.txt: line 2: expected `}` at column 9, found `2`"),
        "{}",
        out.stderr
    );

    // An invalid spec is reported as `check` would, and nothing is checked.
    let bad_spec = dir.file("spec.yaml", "groups: [\n");
    let out = run(args(&target, bad_spec, &[]));
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("[yaml-syntax]"), "{}", out.stderr);

    // Nothing listens on a port that was free a moment ago.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let out = run(args(&format!("http://127.0.0.1:{port}/metrics"), spec, &[]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("error: cannot scrape"),
        "{}",
        out.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn credentials_reach_a_protected_exporter_from_a_file_or_the_environment() {
    let dir = Scratch::new();
    let token = dir.file("token", "t0ken-xyz\n");
    let wrong = dir.file("wrong", "t0ken-xyZ\n");
    let running = demo(Some(Auth::bearer("t0ken-xyz").expect("token"))).await;
    let target = url(running.local_addr());
    let spec = catalogue;
    let token_flag = |path: &PathBuf| {
        args(
            &target,
            spec(),
            &["--bearer-token-file", &path.display().to_string()],
        )
    };
    let without = live_check(args(&target, spec(), &[]), vec![]).await;
    let with_file = live_check(token_flag(&token), vec![]).await;
    let with_wrong = live_check(token_flag(&wrong), vec![]).await;
    let with_env = live_check(
        args(&target, spec(), &[]),
        vec![("X0TTA_METRICS_BEARER_TOKEN", "t0ken-xyz".to_owned())],
    )
    .await;
    running.shutdown().await;

    assert_eq!(without.code, 2);
    assert!(without.stderr.contains("HTTP 401"), "{}", without.stderr);
    assert_eq!(
        with_file.code, 0,
        "{}{}",
        with_file.stdout, with_file.stderr
    );
    assert_eq!(with_wrong.code, 2);
    assert!(
        with_wrong.stderr.contains("HTTP 401"),
        "{}",
        with_wrong.stderr
    );
    assert_eq!(with_env.code, 0, "{}{}", with_env.stdout, with_env.stderr);

    let password = dir.file("password", "pa:ss");
    let running = demo(Some(Auth::basic("prometheus", "pa:ss").expect("pair"))).await;
    let target = url(running.local_addr());
    let basic = live_check(
        args(
            &target,
            spec(),
            &[
                "--basic-auth",
                &format!("prometheus:{}", password.display()),
            ],
        ),
        vec![],
    )
    .await;
    let from_env = live_check(
        args(&target, spec(), &["--basic-auth", "prometheus:"]),
        vec![("X0TTA_METRICS_BASIC_PASSWORD", "pa:ss".to_owned())],
    )
    .await;
    running.shutdown().await;
    assert_eq!(basic.code, 0, "{}{}", basic.stdout, basic.stderr);
    assert_eq!(from_env.code, 0, "{}{}", from_env.stdout, from_env.stderr);
}

/// Serves `body` gzipped as OpenMetrics to one client that asks for gzip
/// (406 to one that does not), on a loopback port, then stops.
fn one_gzip_openmetrics_scrape(body: &[u8]) -> (SocketAddr, std::thread::JoinHandle<String>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let address = listener.local_addr().expect("address");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(body).expect("gzip");
    let compressed = gz.finish().expect("gzip");
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("one scrape");
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .expect("timeout");
        let mut request = Vec::new();
        let mut buffer = [0u8; 1024];
        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = stream.read(&mut buffer).expect("read the request");
            assert!(n > 0, "client closed early");
            request.extend_from_slice(&buffer[..n]);
        }
        let request = String::from_utf8(request)
            .expect("ascii request")
            .to_lowercase();
        let head = if request.contains("accept-encoding: gzip") {
            format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/openmetrics-text; version=1.0.0; charset=utf-8\r\n\
                 content-encoding: gzip\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                compressed.len()
            )
        } else {
            "HTTP/1.1 406 Not Acceptable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                .to_owned()
        };
        stream.write_all(head.as_bytes()).expect("write head");
        if head.starts_with("HTTP/1.1 200") {
            stream.write_all(&compressed).expect("write body");
        }
        request
    });
    (address, server)
}

#[test]
fn a_gzipped_openmetrics_scrape_is_read_as_openmetrics() {
    let (target, spec) = drift();
    let body = std::fs::read(&target).expect("drift exposition");
    let (address, server) = one_gzip_openmetrics_scrape(&body);
    let out = run(args(&url(address), spec, &["--format", "json"]));
    let request = server.join().expect("server thread");
    assert!(
        request.contains("accept: application/openmetrics-text"),
        "{request}"
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report = json(&out);
    assert_eq!(report["format"], "openmetrics");
    // The same drift as from the file: the content type, not the `# EOF`,
    // chose the parser, and the body was inflated.
    assert_eq!(
        report["findings"].as_array().map(Vec::len),
        Some(10),
        "{report}"
    );
}

/// Runs `openssl args` in `dir`, failing the test with its output unless it succeeds.
fn openssl(dir: &std::path::Path, args: &[&str]) {
    let out = std::process::Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run openssl (Debian package openssl)");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A private CA (`ca.pem`) and a certificate it signed for 127.0.0.1
/// (`leaf.pem`, `leaf.key`), made fresh in `dir`.
fn private_ca(dir: &Scratch) {
    dir.file(
        "ca.cnf",
        "[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = live-check test CA\n\
         [ca]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign\n",
    );
    dir.file(
        "leaf.cnf",
        "[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = 127.0.0.1\n",
    );
    dir.file(
        "leaf.ext",
        "subjectAltName = IP:127.0.0.1\nbasicConstraints = CA:FALSE\n\
         keyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\n",
    );
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let mut ca = vec![
        "req",
        "-x509",
        "-config",
        "ca.cnf",
        "-extensions",
        "ca",
        "-days",
        "2",
    ];
    ca.extend(ec);
    ca.extend(["-keyout", "ca.key", "-out", "ca.pem"]);
    openssl(dir.path(), &ca);
    let mut csr = vec!["req", "-new", "-config", "leaf.cnf"];
    csr.extend(ec);
    csr.extend(["-keyout", "leaf.key", "-out", "leaf.csr"]);
    openssl(dir.path(), &csr);
    openssl(
        dir.path(),
        &[
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "leaf.ext",
            "-out",
            "leaf.pem",
        ],
    );
}

/// `openssl s_server -WWW`: serves the files of its folder over TLS; killed on drop.
struct TlsFileServer {
    child: std::process::Child,
    port: u16,
}

impl TlsFileServer {
    fn start(dir: &Scratch) -> TlsFileServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let child = std::process::Command::new("openssl")
            .current_dir(dir.path())
            .args([
                "s_server", "-WWW", "-quiet", "-cert", "leaf.pem", "-key", "leaf.key",
            ])
            .args(["-accept", &format!("127.0.0.1:{port}")])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start openssl s_server");
        let server = TlsFileServer { child, port };
        // Bounded wait for the listener: 100 tries, 50 ms apart.
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("openssl s_server did not listen on 127.0.0.1:{port}");
    }
}

impl Drop for TlsFileServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn https_with_a_private_ca_needs_ca_file() {
    let dir = Scratch::new();
    private_ca(&dir);
    dir.file(
        "scrape.txt",
        "# TYPE shop_debug_info gauge\nshop_debug_info 1\n",
    );
    let server = TlsFileServer::start(&dir);
    let target = format!("https://127.0.0.1:{}/scrape.txt", server.port);
    let (_, spec) = drift();
    let ca = dir.path().join("ca.pem").display().to_string();
    let untrusted = run(args(&target, spec.clone(), &[]));
    let trusted = run(args(&target, spec, &["--ca-file", &ca, "--format", "json"]));
    drop(server);

    // Mozilla's roots do not know the private CA.
    assert_eq!(untrusted.code, 2, "{}", untrusted.stdout);
    assert!(
        untrusted
            .stderr
            .starts_with("error: cannot scrape https://")
            && untrusted.stderr.contains("UnknownIssuer"),
        "{}",
        untrusted.stderr
    );
    assert_eq!(trusted.code, 1, "{}", trusted.stderr);
    let report = json(&trusted);
    let not_in_spec: Vec<&Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["kind"] == "not-in-spec")
        .collect();
    assert_eq!(not_in_spec.len(), 1, "{report}");
    assert_eq!(not_in_spec[0]["family"], "shop_debug_info");
}
