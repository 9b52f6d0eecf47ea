//! Generates the prost types of client_model's `metrics.proto` (vendored in
//! `proto/`), the oracle the protobuf exposition tests decode with.

fn main() -> std::io::Result<()> {
    println!("cargo:rerun-if-changed=proto");
    prost_build::Config::new().compile_protos(
        &["proto/io/prometheus/client/metrics.proto"],
        &["proto", "/usr/include"],
    )
}
