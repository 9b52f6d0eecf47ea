// Every label of a labels struct must be named: none can be left out or
// passed under another label's name.
use x0tta_metrics::{ContractCallsTotalLabels, Metrics, OpResult};

fn main() {
    let metrics = Metrics::new().unwrap();
    metrics
        .contract
        .contract_calls_total(ContractCallsTotalLabels { contract: "treasury", func: "transfer", result: OpResult::Success })
        .inc();
}
