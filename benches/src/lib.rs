//! Shared setup of the benchmarks in `benches/`: the generated APIs they
//! measure and helpers to make spec text of any size.

/// The scrape benchmark's registry: 120 families, 1,000 counter series
/// (`specs/scrape.yaml`).
pub mod scrape {
    x0tta_metrics::metrics_spec!("specs/scrape.yaml");
}

/// A sharded hot counter (`specs/hot.yaml`).
pub mod hot {
    x0tta_metrics::metrics_spec!("specs/hot.yaml");
}

/// Classic, native and dual histograms of one shape (`specs/native.yaml`).
pub mod native {
    x0tta_metrics::metrics_spec!("specs/native.yaml");
}

/// One two-label counter in a static group and the same in `Metrics`
/// (`specs/static.yaml`).
pub mod statics {
    x0tta_metrics::metrics_spec!("specs/static.yaml");
}

/// The scrape spec's label values as a label enum for prometheus-client and
/// measured (whose derives render `Create` as `create`).
#[derive(
    Clone,
    Copy,
    Debug,
    Hash,
    PartialEq,
    Eq,
    prometheus_client::encoding::EncodeLabelValue,
    measured::FixedCardinalityLabel,
)]
#[allow(missing_docs)]
pub enum Op {
    Create,
    Read,
    Update,
    Delete,
    List,
    Watch,
    Patch,
    Scan,
    Merge,
    Compact,
}

/// Every [`Op`], in the order of [`OPS`].
pub const ALL_OPS: [Op; 10] = [
    Op::Create,
    Op::Read,
    Op::Update,
    Op::Delete,
    Op::List,
    Op::Watch,
    Op::Patch,
    Op::Scan,
    Op::Merge,
    Op::Compact,
];

/// The label set of the scrape spec's families, for prometheus-client.
#[derive(Clone, Debug, Hash, PartialEq, Eq, prometheus_client::encoding::EncodeLabelSet)]
pub struct ClientLabels {
    /// The operation.
    pub op: Op,
}

/// The scrape spec's 120 families / 1,000 series on a prometheus-client
/// registry, each series incremented once (it creates series on first use).
pub fn client_scrape_registry() -> prometheus_client::registry::Registry {
    let mut registry = prometheus_client::registry::Registry::default();
    for i in 0..120 {
        let family = prometheus_client::metrics::family::Family::<
            ClientLabels,
            prometheus_client::metrics::counter::Counter,
        >::default();
        for &op in &ALL_OPS[..scrape_family_width(i)] {
            family.get_or_create(&ClientLabels { op }).inc();
        }
        // prometheus-client appends `_total` to counters itself.
        let name = scrape_family_name(i);
        registry.register(
            name.trim_end_matches("_total"),
            scrape_family_help(i),
            family,
        );
    }
    registry
}

/// Label values of the scrape spec's families, as in `specs/scrape.yaml`.
pub const OPS: [&str; 10] = [
    "create", "read", "update", "delete", "list", "watch", "patch", "scan", "merge", "compact",
];

/// How many series family `i` of the scrape spec has (8, every sixth 10).
pub fn scrape_family_width(i: usize) -> usize {
    if i % 6 == 5 {
        10
    } else {
        8
    }
}

/// The exported name of family `i` of the scrape spec.
pub fn scrape_family_name(i: usize) -> String {
    format!("bench_family_{i:03}_operations_total")
}

/// The help of family `i` of the scrape spec.
pub fn scrape_family_help(i: usize) -> String {
    format!("Operations of family {i} by kind.")
}

/// A valid spec of `families` families in groups of 50, a mix of kinds and
/// label shapes like the catalogue's, for the compile-time benchmark.
pub fn synthetic_spec(families: usize) -> String {
    let mut yaml = String::from("namespace: syn\nenums:\n  outcome: [success, failure, timeout]\n  zone: [a, b, c, d]\ngroups:\n");
    for i in 0..families {
        if i % 50 == 0 {
            yaml.push_str(&format!(
                "  - name: group{}\n    help: Group {}.\n    metrics:\n",
                i / 50,
                i / 50
            ));
        }
        let metric = match i % 4 {
            0 => format!("{{name: m{i}_events_total, type: counter, help: Events {i}., labels: {{outcome: outcome}}}}"),
            1 => format!("{{name: m{i}_depth, type: gauge, help: Depth {i}., labels: {{zone: zone, peer: string}}}}"),
            2 => format!("{{name: m{i}_duration_seconds, type: histogram, help: Duration {i}., labels: {{zone: zone}}}}"),
            _ => format!("{{name: m{i}_items, type: gauge, value: int, help: Items {i}.}}"),
        };
        yaml.push_str(&format!("      - {metric}\n"));
    }
    yaml
}
