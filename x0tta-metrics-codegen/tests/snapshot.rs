//! The expansion of one small spec per storage shape (scalar, dense,
//! sharded, bounded, histogram, native histogram, dual emission, static group), each kept next to its spec
//! in `snapshot/<shape>.expanded.rs`, so that every change to the generated
//! code shows in review, shape by shape. The `Metrics` type's own code is
//! the same for every spec: only the first shape's snapshot keeps it, the
//! others hold what their shape adds (enums, the group, the walk).
//!
//! `UPDATE_EXPECT=1 cargo test -p x0tta-metrics-codegen --test snapshot`
//! rewrites them; read the diff before committing.

use std::fs;
use std::path::Path;

const SHAPES: [&str; 8] = [
    "scalar",
    "dense",
    "sharded",
    "bounded",
    "histogram",
    "native",
    "dual-emit",
    "static",
];

#[test]
fn every_shape_expands_as_its_snapshot_says() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshot");
    let mut changed = Vec::new();
    for shape in SHAPES {
        let snapshot = dir.join(format!("{shape}.expanded.rs"));
        let expanded = expand(&dir, shape);
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            fs::write(&snapshot, &expanded).expect("write snapshot");
            continue;
        }
        let expected = fs::read_to_string(&snapshot).unwrap_or_default();
        if expected != expanded {
            changed.push(format!(
                "{}: {}",
                file_name(&snapshot),
                first_difference(&expected, &expanded)
            ));
        }
    }
    assert!(
        changed.is_empty(),
        "the generated code changed; review it and run with UPDATE_EXPECT=1 to accept.\n{}",
        changed.join("\n")
    );
}

#[test]
fn every_spec_in_the_folder_has_a_shape() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshot");
    let mut specs: Vec<String> = fs::read_dir(&dir)
        .expect("read tests/snapshot")
        .filter_map(|entry| {
            let name = entry.expect("directory entry").file_name();
            name.to_str()?.strip_suffix(".yaml").map(str::to_string)
        })
        .collect();
    specs.sort();
    let mut shapes = SHAPES.map(str::to_string).to_vec();
    shapes.sort();
    assert_eq!(specs, shapes, "a spec without a snapshot, or the reverse");
}

/// The pretty-printed expansion of `snapshot/<shape>.yaml`.
fn expand(dir: &Path, shape: &str) -> String {
    let spec_file = format!("{shape}.yaml");
    let source = fs::read(dir.join(&spec_file)).expect("read the spec");
    let spec = x0tta_metrics_codegen::check(&source)
        .unwrap_or_else(|d| panic!("{spec_file} is valid: {d:?}"));
    let tokens = x0tta_metrics_codegen::generate(&spec, None);
    let mut file = syn::parse2::<syn::File>(tokens).expect("generated code parses");
    if shape != SHAPES[0] {
        file.items.retain(|item| !is_registry_boilerplate(item));
    }
    format!(
        "// @generated from {spec_file} by x0tta-metrics-codegen; see tests/snapshot.rs.\n{}",
        prettyplease::unparse(&file)
    )
}

/// The `Metrics` struct, its inherent and `Debug` impls and the runtime
/// import: generated alike for every spec. (`impl Exposition` stays: its
/// walk depends on the shape.)
fn is_registry_boilerplate(item: &syn::Item) -> bool {
    let names_metrics =
        |ty: &syn::Type| matches!(ty, syn::Type::Path(p) if p.path.is_ident("Metrics"));
    match item {
        syn::Item::Use(_) => true,
        syn::Item::Struct(s) => s.ident == "Metrics",
        syn::Item::Impl(i) => {
            let debug = i.trait_.as_ref().is_some_and(|(_, path, _)| {
                path.segments.last().is_some_and(|s| s.ident == "Debug")
            });
            names_metrics(&i.self_ty) && (i.trait_.is_none() || debug)
        }
        _ => false,
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn first_difference(expected: &str, actual: &str) -> String {
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    format!(
        "first difference at line {}:\n- {}\n+ {}",
        line + 1,
        expected.lines().nth(line).unwrap_or("<end>"),
        actual.lines().nth(line).unwrap_or("<end>")
    )
}
