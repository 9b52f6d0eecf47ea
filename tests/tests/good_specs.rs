//! Specs that stress the parser and the generator, expanded through the real
//! macro: anchors and aliases, keywords and odd label values, help text full
//! of quotes, comment terminators and newlines.

use x0tta_metrics::encode_text;

mod anchors {
    x0tta_metrics::metrics_spec!(
        "../x0tta-metrics-codegen/tests/corpus/good/anchors-and-aliases.yaml"
    );
}

mod odd {
    x0tta_metrics::metrics_spec!(
        "../x0tta-metrics-codegen/tests/corpus/good/keywords-and-odd-values.yaml"
    );
}

mod tricky {
    x0tta_metrics::metrics_spec!("../x0tta-metrics-codegen/tests/corpus/good/tricky-help.yaml");
}

mod small {
    x0tta_metrics::metrics_spec!("../x0tta-metrics-codegen/tests/corpus/good/small.yaml");
}

#[test]
fn aliases_and_merge_keys_expand_like_the_written_out_metrics() {
    let m = anchors::Metrics::new().expect("register");
    m.edge.edge_requests_total("/a", anchors::Outcome::Ok).inc();
    m.edge
        .edge_retries_total("/a", anchors::Outcome::Timeout)
        .inc_by(2);
    m.edge
        .edge_request_duration_seconds("/a", anchors::Outcome::Error)
        .observe(0.01);
    m.edge
        .edge_upstream_outcomes_total(anchors::EdgeUpstreamOutcomesTotalUpstreamOutcome::Timeout)
        .inc();
    m.core.core_up().set(1);
    let text = encode_text(m.registry()).expect("encode");
    assert!(
        text.contains("app_edge_requests_total{outcome=\"ok\",route=\"/a\"} 1\n"),
        "{text}"
    );
    // The merged template kept the type and labels, and took the new help.
    assert!(text.contains(
        "# HELP app_edge_retries_total Retries issued.\n# TYPE app_edge_retries_total counter\n"
    ));
    assert!(
        text.contains("app_edge_retries_total{outcome=\"timeout\",route=\"/a\"} 2\n"),
        "{text}"
    );
    assert!(text.contains("app_edge_request_duration_seconds_bucket{outcome=\"error\",route=\"/a\",le=\"0.05\"} 1\n"), "{text}");
    assert!(text.contains("app_edge_upstream_outcomes_total{upstream_outcome=\"timeout\"} 1\n"));
    assert!(text.contains("app_core_up 1\n"));
    // The aliased group help names both groups' collectors the same way.
    assert!(format!("{:?}", m.core).starts_with("CoreMetrics"));
}

#[test]
fn keywords_numbers_and_booleans_are_exported_as_spelled() {
    let m = odd::Metrics::new().expect("register");
    m.r#type
        .match_total(odd::Keyword::Self_, odd::Flag::True)
        .inc();
    m.r#type
        .match_total(odd::Keyword::Yes, odd::Flag::False)
        .inc();
    m.r#type
        .match_total(odd::Keyword::On, odd::Flag::False)
        .inc();
    m.r#type
        .responses_total(odd::StatusClass::V5xx, odd::Code::V500, "for")
        .inc();
    m.r#type.empty_labels_total().inc();
    m.r#type.r#type().set(2.5);
    let text = encode_text(m.registry()).expect("encode");
    for line in [
        "app_match_total{fn=\"true\",type=\"self\"} 1\n",
        "app_match_total{fn=\"false\",type=\"yes\"} 1\n",
        "app_match_total{fn=\"false\",type=\"on\"} 1\n",
        "app_responses_total{class=\"5xx\",code=\"500\",loop=\"for\"} 1\n",
        "app_empty_labels_total 1\n",
        "app_type 2.5\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert_eq!(odd::Keyword::from_label("fn"), Some(odd::Keyword::Fn));
    assert_eq!(odd::Code::ALL.map(|c| c.as_str()), ["200", "404", "500"]);
    assert_eq!(odd::StatusClass::V1xx.to_string(), "1xx");
}

#[test]
fn help_text_survives_verbatim_and_escaped_in_the_exposition() {
    let m = tricky::Metrics::new().expect("register");
    let families = m.registry().gather();
    let help = |name: &str| {
        families
            .iter()
            .find(|f| f.name() == name)
            .map(|f| f.help().to_string())
            .unwrap_or_else(|| panic!("no family {name}"))
    };
    assert_eq!(
        help("app_quotes_total"),
        "Single ' and double \" quotes, a backslash \\ and a raw-string end \"# here."
    );
    assert_eq!(
        help("app_comment_close_total"),
        "Closes a block comment */ and an attribute #] and opens /* one."
    );
    assert_eq!(
        help("app_multi_line_total"),
        "First line.\nSecond line with `code` and <html> & ampersand.\nThird: ünïcödé, emoji 🚀, tab\tinside.\n"
    );
    assert_eq!(
        help("app_injection_total"),
        "\")] pub fn evil() {} #[doc = \""
    );
    let text = encode_text(m.registry()).expect("encode");
    // The text format escapes backslashes and newlines in HELP.
    assert!(
        text.contains("# HELP app_multi_line_total First line.\\nSecond line"),
        "{text}"
    );
    assert!(text.contains("a backslash \\\\ and"), "{text}");
    m.core.quotes_total().inc();
    m.core.injection_total().inc_by(3);
    assert_eq!(m.core.injection_total().get(), 3);
}

#[test]
fn the_snapshot_spec_compiles_and_counts() {
    let m = small::Metrics::new().expect("register");
    m.mapek
        .mapek_cycles_total(small::CycleStatus::Partial)
        .inc();
    m.mapek
        .mapek_cycle_duration_seconds(small::MapekCycleDurationSecondsPhase::Analyze)
        .observe(0.05);
    m.mapek.mapek_knowledge_base_size_entries().set(42);
    m.mesh
        .mesh_link_latency_seconds("node-7", small::MeshLinkLatencySecondsDirection::Outbound)
        .set(0.25);
    let text = encode_text(m.registry()).expect("encode");
    for line in [
        "demo_mapek_cycles_total{status=\"partial\"} 1\n",
        "demo_mapek_cycles_total{status=\"success\"} 0\n",
        "demo_mapek_cycle_duration_seconds_bucket{phase=\"analyze\",le=\"0.1\"} 1\n",
        "demo_mapek_cycle_duration_seconds_bucket{phase=\"analyze\",le=\"0.01\"} 0\n",
        "demo_mapek_knowledge_base_size_entries 42\n",
        "demo_mesh_link_latency_seconds{direction=\"outbound\",node_id=\"node-7\"} 0.25\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}
