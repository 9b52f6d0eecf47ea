//! Prints the diagnostics of a spec file (a debugging aid for the corpus).
fn main() {
    let path = std::env::args().nth(1).unwrap();
    match x0tta_metrics_codegen::check_file(std::path::Path::new(&path)) {
        Ok(spec) => println!("ok: {} groups", spec.groups.len()),
        Err(d) => {
            for x in d {
                println!("{}", x.render(&path));
            }
        }
    }
}
