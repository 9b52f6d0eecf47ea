//! Integration and compile-fail tests of the x0tta-metrics workspace live under `tests/`;
//! this library holds what the end-to-end tests (`tests/e2e_*.rs`) and the
//! concurrency tests share.

pub mod concurrent;
pub mod e2e;
