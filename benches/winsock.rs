//! `cargo bench`: builds the C benchmarks in benches/c/ against the optimised static library
//! and runs them. Each benchmark alternates the ws2mp path and the raw POSIX path in one
//! process and prints `RESULT <name> ws2mp=<ops/s> raw=<ops/s> ratio=<median>`; this harness
//! collects those lines into a table (the figures in docs/PERFORMANCE.md come from it), and
//! repeats under it the `SKIPPED ...` line of a benchmark that cannot run here.
//!
//! `cargo bench -- NAME` runs the benchmark programs whose name contains NAME;
//! `WS2MP_BENCH_ITERS=N` changes the round trips (datagrams, for `multicast`) per measurement.

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::PathBuf;
use std::process::Command;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let lib_dir = support::library_dir(true);
    let lib = lib_dir.join("libws2mp.a");
    let out_dir = lib_dir.join("c-benches");
    std::fs::create_dir_all(&out_dir).unwrap();
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let iters = std::env::var("WS2MP_BENCH_ITERS").ok();

    let mut sources: Vec<PathBuf> = std::fs::read_dir(root.join("benches/c"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .filter(|p| {
            let name = p.file_stem().unwrap().to_string_lossy();
            filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()))
        })
        .collect();
    sources.sort();

    let target = env!("WS2MP_TARGET");
    let mut results = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for src in &sources {
        let name = src.file_stem().unwrap().to_string_lossy().into_owned();
        let bin = out_dir.join(&name);
        let compiler = cc::Build::new()
            .cargo_metadata(false)
            .cargo_warnings(false)
            .target(target)
            .host(target)
            .opt_level(2)
            .get_compiler();
        let status = compiler
            .to_command()
            .args(["-std=gnu11", "-Wall", "-Wextra", "-Werror"])
            .arg("-I")
            .arg(root.join("include"))
            .arg(src)
            .arg(&lib)
            .args(["-lpthread", "-ldl", "-lm", "-lrt"])
            .arg("-o")
            .arg(&bin)
            .status()
            .expect("run the C compiler");
        assert!(status.success(), "compiling {name} failed");
        println!("running {name} ...");
        let mut cmd = Command::new(&bin);
        if let Some(n) = &iters {
            cmd.arg(n);
        }
        let out = cmd.output().expect("run benchmark");
        let stdout = String::from_utf8_lossy(&out.stdout);
        print!("{stdout}");
        eprint!("{}", String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "benchmark {name} failed");
        results.extend(
            stdout
                .lines()
                .filter_map(|l| l.strip_prefix("RESULT "))
                .map(String::from),
        );
        skipped.extend(
            stdout
                .lines()
                .filter(|l| l.starts_with("SKIPPED "))
                .map(String::from),
        );
    }
    println!(
        "\n{:<36} {:>14} {:>14} {:>8} {:>10}",
        "benchmark", "ws2mp", "raw", "ratio", "cpu_ratio"
    );
    for r in &results {
        let mut fields = r.split_whitespace();
        let name = fields.next().unwrap_or("");
        let kv: Vec<(&str, &str)> = fields.filter_map(|f| f.split_once('=')).collect();
        let get = |k: &str| kv.iter().find(|(key, _)| *key == k).map_or("", |(_, v)| *v);
        if kv.iter().any(|(k, _)| *k == "ratio") {
            println!(
                "{name:<36} {:>14} {:>14} {:>8} {:>10}",
                get("ws2mp"),
                get("raw"),
                get("ratio"),
                get("cpu_ratio")
            );
        } else {
            println!("{name:<36} {}", r.trim_start_matches(name).trim());
        }
    }
    // A benchmark that cannot run here (the multicast one needs root) says why.
    for line in &skipped {
        println!("{line}");
    }
}
