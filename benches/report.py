"""Turns criterion's estimates and the memory table into BENCHMARKS.md."""

import argparse
import datetime
import json
import os
import platform
import re
import subprocess


def medians(gdir):
    """Every benchmark of a criterion group folder: `name` or, for a
    parameterised one (`name/param`), one entry per parameter."""
    found = {}
    for bench in sorted(os.listdir(gdir)):
        for sub in ["", *sorted(os.listdir(os.path.join(gdir, bench)))]:
            path = os.path.join(gdir, bench, sub, "new", "estimates.json")
            if os.path.exists(path):
                with open(path) as f:
                    found[f"{bench}/{sub}" if sub else bench] = json.load(f)["median"]["point_estimate"]
    return found


def memory_row(memory, prefix):
    """Live heap bytes of the memory table's row that starts with `prefix`."""
    return next(int(line.split("|")[2]) for line in memory.splitlines() if line.startswith(prefix))


def machine():
    model, cores = "unknown", os.cpu_count()
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{model}, {cores} logical CPUs, {platform.system()} {platform.release()}, {rustc}"


def fmt(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:,.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:,.2f} µs"
    return f"{ns:,.2f} ns"


FLEET = re.compile(
    r"fleet: (?P<nodes>\d+) nodes × (?P<per_node>\d+) series, scraped every (?P<interval>\d+) s .*?"
    r"(?P<ingest>[\d.]+) samples/s ingested of (?P<offered>[\d.]+) offered, (?P<series>[\d.]+) head series, "
    r"central (?P<cores>[\d.]+) cores and (?P<mib>[\d.]+) MiB \((?P<kib>[\d.]+) KiB/series\).*?"
    r"remote-write lag (?P<lag>[\d.]+) s; a node's scrape: (?P<bytes>\d+) bytes rendered in (?P<render>[\d.]+) µs"
)


def fleet_projection(printed):
    """Projects the fleet capacity run to 1,000 and 10,000 nodes scraped every
    30 s, from the largest measured fleet the agent kept up with (remote-write
    lag under 5 s). Returns Markdown lines, or none without fleet lines."""
    runs = [{k: float(v) for k, v in m.groupdict().items()} for m in map(FLEET.search, printed) if m]
    kept_up = [r for r in runs if r["lag"] < 5 and r["ingest"] >= 0.9 * r["offered"]]
    if not kept_up:
        return ["No measured fleet kept up on this machine; no projection.", ""]
    base = max(kept_up, key=lambda r: r["ingest"])
    cores_per_ksample = base["cores"] / (base["ingest"] / 1000)
    out = [
        "### Fleet projection (computed by `benches/report.py` from the run above)\n",
        f"Basis: the largest fleet that kept up, {base['nodes']:.0f} nodes ({base['ingest']:,.0f} samples/s): "
        f"the central server used {base['kib']:.1f} KiB of memory per head series and "
        f"{cores_per_ksample:.3f} cores per 1,000 samples/s ingested. Production scrapes every 30 s, "
        f"with {base['per_node']:.0f} series per node (the catalogue as the demo fills it).\n",
        "| nodes | head series | samples/s at 30 s | central memory | central cores | one node's exporter |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for nodes in (1_000, 10_000):
        series = nodes * base["per_node"]
        rate = series / 30
        out.append(
            f"| {nodes:,} | {series:,.0f} | {rate:,.0f} | {series * base['kib'] / 1048576:,.1f} GiB | "
            f"{rate / 1000 * cores_per_ksample:,.2f} | {base['bytes'] / 1024:,.0f} KiB a scrape, "
            f"{base['render']:,.0f} µs of CPU every 30 s |"
        )
    # Where one server of this machine's size stops: half its memory for the
    # head (the rest for queries, compaction and the WAL), all of its cores.
    with open("/proc/meminfo") as f:
        mem_kib = next(int(line.split()[1]) for line in f if line.startswith("MemTotal:"))
    cores = os.cpu_count()
    by_memory = mem_kib / 2 / (base["per_node"] * base["kib"])
    by_cpu = cores / (base["per_node"] / 30 / 1000 * cores_per_ksample)
    limit = min(by_memory, by_cpu)
    out += [
        "",
        f"A linear projection. One central server the size of this machine ({mem_kib / 1048576:.0f} GiB, {cores} cores; "
        f"half the memory for the head) takes about {by_memory:,.0f} nodes by memory and {by_cpu:,.0f} by CPU, "
        f"so about {limit:,.0f} nodes: 1,000 nodes fit{'' if limit >= 1000 else ' only on a larger server'}, "
        f"10,000 nodes {'fit' if limit >= 10000 else 'do not'}. Past that, shard the nodes over several central "
        "servers and federate their recording rules, or point the agents' `remote_write` at Thanos Receive or "
        "Mimir (deploy/prometheus/central.yml); the agent side does not change. The most this machine ingested "
        f"through one agent while keeping up: {base['ingest']:,.0f} samples/s.",
        "",
    ]
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--criterion", required=True)
    p.add_argument("--memory", required=True)
    p.add_argument("--build-seconds", required=True)
    p.add_argument("--notes", required=True)
    p.add_argument("--printed", required=True, help="lines the load and soak tests printed")
    p.add_argument("--out", required=True)
    a = p.parse_args()

    groups = {}
    for group in sorted(os.listdir(a.criterion)):
        gdir = os.path.join(a.criterion, group)
        if group == "report" or not os.path.isdir(gdir):
            continue
        groups[group] = medians(gdir)
    t = lambda g, b: groups[g][b]

    with open(a.memory) as f:
        memory = f.read().strip()
    catalogue_bytes = memory_row(memory, "| catalogue")
    # 120 families with 1,000 live series: ours, and the same on prometheus-client.
    series_bytes = memory_row(memory, "| scrape spec")
    client_bytes = memory_row(memory, "| the same")
    # Free-form accessor on an existing series, at each value length measured.
    lengths = [1, 8, 16, 32, 64]
    free_form = {n: t("hot_path", f"generated_free_form_counter_inc_{n}") for n in lengths}
    with_values = {n: t("hot_path", f"prometheus_with_label_values_free_form_inc_{n}") for n in lengths}

    targets = [
        ("1", "generated enum-labelled `inc()` ÷ raw `fetch_add`", "≤ 1.2",
         t("hot_path", "generated_enum_counter_inc") / t("hot_path", "raw_atomic_fetch_add"), lambda r: r <= 1.2),
        ("1", "`with_label_values().inc()` ÷ generated enum-labelled `inc()`", "≥ 5",
         t("hot_path", "prometheus_with_label_values_inc") / t("hot_path", "generated_enum_counter_inc"), lambda r: r >= 5),
        ("1", "generated histogram accessor + `observe` ÷ cached `Histogram::observe`", "≤ 1.1",
         t("hot_path", "generated_histogram_observe") / t("hot_path", "prometheus_cached_histogram_observe"), lambda r: r <= 1.1),
        ("1", "generated free-form accessor ÷ `with_label_values` (1 label), worst of 1–64-byte values", "≤ 1.0 (±5 % noise)",
         max(free_form[n] / with_values[n] for n in lengths), lambda r: r <= 1.05),
        ("2", "generated `write_text` ÷ pre-rendered floor (120 families, 1,000 series)", "≤ 2",
         t("scrape", "generated_write_text") / t("scrape", "prerendered_floor"), lambda r: r <= 2),
        ("2", "`gather()` + `TextEncoder` ÷ generated `write_text`", "≥ 10",
         t("scrape", "prometheus_gather_text_encoder") / t("scrape", "generated_write_text"), lambda r: r >= 10),
        ("3", "sharded counter, 2 threads on one series ÷ raw atomic, 1 thread", "≤ 1.5",
         t("contention", "generated_sharded_2_threads") / t("contention", "raw_atomic_1_threads"), lambda r: r <= 1.5),
        ("4", "expansion (`check` + `generate`) of the catalogue, ms", "≤ 50",
         t("compile_time", "expand_catalogue") / 1e6, lambda r: r <= 50),
        ("4", "expansion of a 10,000-family spec, s", "≤ 2",
         t("compile_time", "expand_10000_families") / 1e9, lambda r: r <= 2),
        ("4", "linearity: 10,000 families ÷ 1,000 families (10 = linear)", "≈ 10 (≤ 12)",
         t("compile_time", "expand_10000_families") / t("compile_time", "expand_1000_families"), lambda r: r <= 12),
        ("5", "catalogue with every enum child created, KB (seed: ~200 KB)", "≤ 200",
         catalogue_bytes / 1000, lambda r: r <= 200),
        ("11", "1,000 live series (120 counter families), KB", "≤ 100",
         series_bytes / 1000, lambda r: r <= 100),
        ("11", "the same 1,000 series ÷ prometheus-client's registry", "≤ 0.75",
         series_bytes / client_bytes, lambda r: r <= 0.75),
        ("11", "closed-label `inc()` ÷ raw `AtomicU64::fetch_add`", "≤ 1.1",
         t("hot_path", "generated_enum_counter_inc") / t("hot_path", "raw_atomic_fetch_add"), lambda r: r <= 1.1),
        ("11", "histogram accessor + `observe` ÷ prometheus' cached `Histogram::observe`", "≤ 1.1",
         t("hot_path", "generated_histogram_observe") / t("hot_path", "prometheus_cached_histogram_observe"), lambda r: r <= 1.1),
        ("11", "native histogram `observe` ÷ classic `observe` (same spec, same shape)", "≤ 2",
         t("hot_path", "generated_native_histogram_observe") / t("hot_path", "generated_classic_histogram_observe"), lambda r: r <= 2),
        ("11", "free-form accessor, existing series, slowest of 1–64-byte values, ns", "≤ 20",
         max(free_form.values()), lambda r: r <= 20),
        ("11", "text scrape ÷ pre-rendered floor (120 families, 1,000 series)", "≤ 1.5",
         t("scrape", "generated_write_text") / t("scrape", "prerendered_floor"), lambda r: r <= 1.5),
        ("11", "OpenMetrics scrape ÷ pre-rendered floor", "≤ 1.5",
         t("scrape", "generated_write_openmetrics") / t("scrape", "prerendered_floor"), lambda r: r <= 1.5),
        ("11", "protobuf scrape ÷ pre-rendered (text) floor", "≤ 1.5",
         t("scrape", "generated_write_protobuf") / t("scrape", "prerendered_floor"), lambda r: r <= 1.5),
        ("11", "`gather()` + prometheus' `ProtobufEncoder` ÷ generated protobuf scrape", "≥ 5",
         t("scrape", "prometheus_gather_protobuf_encoder") / t("scrape", "generated_write_protobuf"), lambda r: r >= 5),
        ("13", "`live-check` of a 10,000-series saved scrape (whole command), s", "≤ 1",
         t("live_check_10k_series", "file") / 1e9, lambda r: r <= 1),
        ("13", "`live-check` of a 10,000-series target over loopback HTTP (whole command), s", "≤ 1",
         t("live_check_10k_series", "http") / 1e9, lambda r: r <= 1),
    ]

    out = []
    out.append("# Benchmarks\n")
    out.append("Written by `benches/run.sh` (do not edit by hand; explanations live in `benches/NOTES.md`).\n")
    out.append(f"- Machine: {machine()}")
    out.append(f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC}")
    out.append("- One criterion run, `[profile.bench] lto = \"thin\"`, medians; 2 vCPUs shared with other work, so expect ±10 %.\n")
    out.append("## Targets (issues 4, 11 and 13)\n")
    out.append("| # | ratio | target | measured | verdict |")
    out.append("|---|---|---|---:|---|")
    for num, what, target, value, ok in targets:
        out.append(f"| {num} | {what} | {target} | {value:,.2f} | {'met' if ok(value) else '**not met** (see notes)'} |")
    out.append("")
    try:
        build = f"**{float(a.build_seconds):.1f} s**"
    except ValueError:
        build = "not measured in this run"
    out.append(f"Clean release build of `x0tta-metrics` (`cargo build -p x0tta-metrics --release`, empty target dir, timed once): {build}.\n")
    for group, benches in groups.items():
        out.append(f"## {group}\n")
        out.append("| benchmark | median per op |")
        out.append("|---|---:|")
        for bench, ns in benches.items():
            out.append(f"| `{bench}` | {fmt(ns)} |")
        out.append("")
    out.append("## Memory (counting `#[global_allocator]`, `benches/benches/memory.rs`)\n")
    out.append(memory)
    out.append("")
    out.append("## Exporter load, cardinality soak and fleet capacity (printed by tests in release mode, not asserted)\n")
    with open(a.printed) as f:
        for line in f.read().strip().splitlines():
            out.append(f"- {line.strip()}")
    out.append("")
    with open(a.printed) as f:
        out.extend(fleet_projection(f.read().splitlines()))
    with open(a.notes) as f:
        out.append(f.read().strip())
    out.append("")
    with open(a.out, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
