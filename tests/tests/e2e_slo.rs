//! A real Prometheus loads the generated rules (deploy/rules) and evaluates
//! the catalogue's objectives on events recorded through the typed API:
//! the error ratios, the budget left and the burn-rate alerts come out as
//! the events say.

use std::collections::BTreeSet;
use std::time::Duration;

use x0tta_metrics::{exporter::Exporter, CycleStatus, Metrics};
use x0tta_metrics_tests::e2e::{
    process::available, prometheus::Prometheus, wait_until, workspace_root,
};

/// Waits until `expr` has one series whose value is `expected` (to 1e-9).
async fn settles_at(prometheus: &Prometheus, expr: &str, expected: f64) {
    wait_until(Duration::from_secs(60), expr, || async {
        let series = prometheus.query(expr, None).await?;
        match series.as_slice() {
            [one] if (one.value() - expected).abs() < 1e-9 => Ok(()),
            other => Err(format!("{other:?}")),
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prometheus_evaluates_the_objectives_on_recorded_events() {
    assert!(
        available("prometheus"),
        "Debian package `prometheus` must be installed"
    );
    let metrics = Metrics::new().expect("fresh registry");
    let exporter = Exporter::new(metrics.clone())
        .address("127.0.0.1:0".parse().unwrap())
        .bind()
        .await
        .expect("bind");
    let rules = workspace_root().join("deploy/rules/x0tta6bl4.rules.yml");
    let mut prometheus = Prometheus::start(exporter.local_addr(), &[rules]);
    prometheus.wait_target_up().await;
    // A scrape of the counters at zero first, so every rate starts from it.
    let success = "x0tta6bl4_mapek_cycles_total{status=\"success\"}";
    wait_until(Duration::from_secs(60), "a scrape at zero", || async {
        match prometheus.query(success, None).await?.as_slice() {
            [s] if s.value() == 0.0 => Ok(()),
            other => Err(format!("{other:?}")),
        }
    })
    .await;

    // 10 of 100 MAPE-K cycles fail: ten times the 1% budget.
    for _ in 0..90 {
        metrics.mapek.mapek_cycles_total(CycleStatus::Success).inc();
    }
    for _ in 0..10 {
        metrics.mapek.mapek_cycles_total(CycleStatus::Failed).inc();
    }
    // 2 of 100 mesh round trips take longer than 100 ms: 40% of the 5% budget.
    for _ in 0..98 {
        metrics.mesh.mesh_latency_seconds().observe(0.05);
    }
    for _ in 0..2 {
        metrics.mesh.mesh_latency_seconds().observe(0.5);
    }

    for window in ["5m", "1h", "3d", "30d"] {
        settles_at(
            &prometheus,
            &format!("slo:sli_error:ratio_rate{window}{{slo=\"mapek_cycle_success\"}}"),
            0.1,
        )
        .await;
        settles_at(
            &prometheus,
            &format!("slo:sli_error:ratio_rate{window}{{slo=\"mesh_latency\"}}"),
            0.02,
        )
        .await;
    }
    let remaining = |slo: &str| format!("slo:period_error_budget_remaining:ratio{{slo=\"{slo}\"}}");
    settles_at(
        &prometheus,
        &remaining("mapek_cycle_success"),
        1.0 - 0.1 / 0.01,
    )
    .await;
    settles_at(&prometheus, &remaining("mesh_latency"), 1.0 - 0.02 / 0.05).await;

    // 10 times the budget is past the 6h/30m page (6x) and both tickets,
    // short of the 1h/5m page (14.4x); 0.4 times the budget alerts nobody.
    wait_until(
        Duration::from_secs(60),
        "the MAPE-K burn alerts",
        || async {
            let firing: BTreeSet<String> = prometheus
                .query("ALERTS{alertstate=\"firing\", slo!=\"\"}", None)
                .await?
                .iter()
                .map(|s| s.label("alertname").to_string())
                .collect();
            let expected = BTreeSet::from([
                "MapekCycleSuccessBudgetBurnPage".to_string(),
                "MapekCycleSuccessBudgetBurnTicket".to_string(),
            ]);
            if firing == expected {
                Ok(())
            } else {
                Err(format!("{firing:?}"))
            }
        },
    )
    .await;
}
