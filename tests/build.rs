//! Generates the prost types of client_model's `metrics.proto` (vendored in
//! `proto/`), the oracle the protobuf exposition tests decode with.

fn main() -> std::io::Result<()> {
    println!("cargo:rerun-if-changed=proto");
    prost_build::Config::new()
        .compile_protos(
            &["proto/io/prometheus/client/metrics.proto"],
            // Debian's libprotobuf-dev puts google/protobuf/timestamp.proto here.
            &["proto", "/usr/include"],
        )
        .map_err(|e| {
            std::io::Error::other(format!(
                "{e}\n(the protobuf oracle needs protoc and the well-known types: \
                 Debian's protobuf-compiler and libprotobuf-dev, which scripts/test.sh installs)"
            ))
        })
}
