//! `ws2mp-scan PATH...`: how much work is porting this Windows program to ws2mp? Reads C and
//! C++ sources without compiling them and reports the includes and Winsock / Win32 / CRT
//! names ws2mp does not provide, the ones it provides with a documented difference, and the
//! patterns that compile but behave differently (see docs/PORTING.md, step 1).
//!
//! Exit status: 0 when the tree likely builds unchanged, 1 when it needs edits, 2 on a usage
//! or I/O error.

#![forbid(unsafe_code)]

mod decls;
mod lexer;
mod report;
mod scan;
mod tables;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: ws2mp-scan [--json | --markdown] PATH...

Reports what porting the C/C++ sources under PATH (files or directories) to ws2mp takes:
includes and names ws2mp does not provide, names with a documented difference, and code
that compiles but behaves differently. Exit status: 0 likely builds unchanged, 1 needs
edits, 2 error.
";

enum Format {
    Text,
    Json,
    Markdown,
}

fn main() -> ExitCode {
    let mut format = Format::Text;
    let mut paths = Vec::new();
    let mut options_done = false;
    for arg in std::env::args_os().skip(1) {
        match arg.to_str() {
            Some("--json") if !options_done => format = Format::Json,
            Some("--markdown") if !options_done => format = Format::Markdown,
            Some("-h" | "--help") if !options_done => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            Some("--") if !options_done => options_done = true,
            Some(a) if a.starts_with('-') && !options_done => {
                eprint!("ws2mp-scan: unknown option {a}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.is_empty() {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    }
    let tables = tables::Tables::load();
    let report = match scan::collect(&paths).and_then(|files| scan::scan(&files, &tables)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("ws2mp-scan: {e}");
            return ExitCode::from(2);
        }
    };
    let out = match format {
        Format::Text => report::text(&report),
        Format::Json => report::json(&report),
        Format::Markdown => report::markdown(&report),
    };
    print!("{out}");
    if report.edits() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
