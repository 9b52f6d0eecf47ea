//! Integration and compile-fail tests of the x0tta-metrics workspace live under `tests/`.
