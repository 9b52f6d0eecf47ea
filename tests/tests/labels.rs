//! Accessor arguments through the generated API: labels of one Rust type
//! are passed by name in a labels struct and land on the right label;
//! other accessors take positional arguments in the documented order
//! (labels written in the metric, then those a merge key brings in).

use x0tta_metrics::prometheus::proto::{MetricFamily, MetricType};

x0tta_metrics::metrics_spec!("specs/labels.yaml");

/// The label pairs and value of every series of family `name`.
fn series(metrics: &Metrics, name: &str) -> Vec<(Vec<(String, String)>, f64)> {
    let families: Vec<MetricFamily> = metrics.registry().gather();
    let family = families
        .iter()
        .find(|f| f.name() == name)
        .unwrap_or_else(|| panic!("no family {name}"));
    family
        .get_metric()
        .iter()
        .map(|m| {
            let labels = m
                .get_label()
                .iter()
                .map(|l| (l.name().to_string(), l.value().to_string()))
                .collect();
            let value = match family.get_field_type() {
                MetricType::HISTOGRAM => m.get_histogram().get_sample_count() as f64,
                MetricType::COUNTER => m.get_counter().get_value(),
                _ => m.get_gauge().get_value(),
            };
            (labels, value)
        })
        .collect()
}

fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn one_enum_used_twice_is_passed_by_name() {
    let m = Metrics::new().expect("register");
    m.mesh
        .link_latency_seconds(LinkLatencySecondsLabels {
            to_zone: Zone::Us,
            from_zone: Zone::Eu,
        })
        .observe(0.5);
    let found = series(&m, "lbl_link_latency_seconds");
    let observed: Vec<_> = found.iter().filter(|(_, count)| *count > 0.0).collect();
    assert_eq!(
        observed,
        [&(pairs(&[("from_zone", "eu"), ("to_zone", "us")]), 1.0)]
    );
}

#[test]
fn two_free_form_labels_are_passed_by_name_also_to_aliases_and_removal() {
    let m = Metrics::new().expect("register");
    let labels = TransfersTotalLabels {
        from_peer: "a",
        to_peer: "b",
        kind: TransfersTotalKind::Push,
    };
    m.mesh.transfers_total(labels).inc_by(2);
    #[allow(deprecated)] // the alias is what is under test
    m.mesh.peer_transfers_total(labels).inc();
    assert_eq!(
        series(&m, "lbl_transfers_total"),
        [(
            pairs(&[("from_peer", "a"), ("kind", "push"), ("to_peer", "b")]),
            3.0
        )]
    );
    assert!(m.mesh.remove_transfers_total(labels));
    assert!(!m.mesh.remove_transfers_total(labels), "already removed");
}

#[test]
fn merged_labels_follow_the_written_ones() {
    let m = Metrics::new().expect("register");
    // `peer` is written, `region` comes from the merge key: peer first.
    m.mesh.peer_up("p1", Zone::Us).set(1.0);
    assert_eq!(
        series(&m, "lbl_peer_up"),
        [(pairs(&[("peer", "p1"), ("region", "us")]), 1.0)]
    );
}

#[test]
fn a_written_label_overrides_a_merged_one_in_its_written_place() {
    let m = Metrics::new().expect("register");
    // `region` is written after `site` and also merged: the written set
    // (north/south, not the shared zone) in the written place.
    m.mesh.site_up("s1", SiteUpRegion::North).set(1.0);
    assert_eq!(
        series(&m, "lbl_site_up"),
        [(pairs(&[("region", "north"), ("site", "s1")]), 1.0)]
    );
}
