//! The report as text for a terminal, JSON for tools, and Markdown for an issue or a wiki.

use crate::scan::{Report, Site};
use std::fmt::Write;

/// How many sites of a documented difference the text and Markdown show.
const SHOWN_SITES: usize = 6;
/// How many missing names the summary lists.
const TOP: usize = 10;

/// `a.c:3,9 b.c:4`: the sites grouped by file, at most `limit`, with a count of the rest.
fn sites(r: &Report, sites: &[Site], limit: usize) -> String {
    let mut out = String::new();
    let mut last: Option<usize> = None;
    for s in sites.iter().take(limit) {
        if last == Some(s.file) {
            let _ = write!(out, ",{}", s.line);
        } else {
            if last.is_some() {
                out.push(' ');
            }
            let _ = write!(out, "{}:{}", r.files[s.file], s.line);
            last = Some(s.file);
        }
    }
    if sites.len() > limit {
        let _ = write!(out, " (and {} more)", sites.len() - limit);
    }
    out
}

/// `1 line`, `2 lines`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `5 files (3 units)`: the units are the .c/.cpp/.cc/.cxx files.
fn files_units(r: &Report) -> String {
    format!(
        "{} ({})",
        plural(r.files.len(), "file"),
        plural(r.units, "unit")
    )
}

fn verdict(r: &Report) -> String {
    match r.edits() {
        0 => "likely".to_string(),
        1 => "needs 1 edit".to_string(),
        n => format!("needs {n} edits"),
    }
}

fn include_text(name: &str, angle: bool) -> String {
    if angle {
        format!("<{name}>")
    } else {
        format!("\"{name}\"")
    }
}

fn top_missing(r: &Report) -> String {
    let top: Vec<String> = r
        .missing
        .iter()
        .take(TOP)
        .map(|m| format!("{} ({})", m.name, m.sites.len()))
        .collect();
    if top.is_empty() {
        "none".to_string()
    } else {
        top.join(", ")
    }
}

fn instead(replacement: &Option<String>, reason: &str) -> String {
    match replacement {
        Some(r) => format!("use {r}; {reason}"),
        None => reason.to_string(),
    }
}

/// Words wrapped at `width` columns, each line indented by `indent`.
fn wrap(words: &[String], indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::from(indent);
    for w in words {
        if line.len() > indent.len() && line.len() + 1 + w.len() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(indent);
        }
        if line.len() > indent.len() {
            line.push(' ');
        }
        line.push_str(w);
    }
    if line.len() > indent.len() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

pub fn text(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "ws2mp-scan: {}, {}",
        files_units(r),
        plural(r.lines, "line")
    );
    if !r.includes.is_empty() {
        let _ = writeln!(o, "\nIncludes ws2mp cannot satisfy ({})", r.includes.len());
        for i in &r.includes {
            let what = match &i.fix {
                Some(fix) => format!(
                    "found only as {}: write #include {}",
                    fix,
                    include_text(fix, i.angle)
                ),
                None => "not provided".to_string(),
            };
            let _ = writeln!(
                o,
                "  {}:{}: {}: {}",
                r.files[i.site.file],
                i.site.line,
                include_text(&i.name, i.angle),
                what
            );
        }
    }
    if !r.spellings.is_empty() {
        let _ = writeln!(
            o,
            "\nWindows spellings GCC and Clang refuse ({})",
            r.spellings.len()
        );
        for f in &r.spellings {
            let _ = writeln!(o, "  {}:{}: {}", r.files[f.site.file], f.site.line, f.what);
            let _ = writeln!(
                o,
                "    docs/PORTING.md {}: \"{}\"",
                f.quote.section, f.quote.text
            );
        }
    }
    if !r.missing.is_empty() {
        let uses: usize = r.missing.iter().map(|m| m.sites.len()).sum();
        let _ = writeln!(
            o,
            "\nNot provided ({} names, {} uses)",
            r.missing.len(),
            uses
        );
        for m in &r.missing {
            let _ = writeln!(
                o,
                "  {} ({}): {}",
                m.name,
                m.sites.len(),
                instead(&m.replacement, &m.reason)
            );
            let _ = writeln!(o, "    {}", sites(r, &m.sites, usize::MAX));
        }
    }
    if !r.differences.is_empty() {
        let _ = writeln!(
            o,
            "\nProvided, with a documented difference ({} names)",
            r.differences.len()
        );
        for d in &r.differences {
            let _ = writeln!(
                o,
                "  {} ({}): docs/PORTING.md {}:",
                d.name,
                d.sites.len(),
                d.quote.section
            );
            let _ = writeln!(o, "    \"{}\"", d.quote.text);
            let _ = writeln!(o, "    {}", sites(r, &d.sites, SHOWN_SITES));
        }
    }
    if !r.findings.is_empty() {
        let _ = writeln!(
            o,
            "\nCompiles, but behaves differently ({})",
            r.findings.len()
        );
        for f in &r.findings {
            let _ = writeln!(o, "  {}:{}: {}", r.files[f.site.file], f.site.line, f.what);
            let _ = writeln!(
                o,
                "    docs/PORTING.md {}: \"{}\"",
                f.quote.section, f.quote.text
            );
        }
    }
    if !r.provided.is_empty() {
        let _ = writeln!(o, "\nProvided ({} names)", r.provided.len());
        let words: Vec<String> = r
            .provided
            .iter()
            .map(|(n, c)| format!("{n} ({c})"))
            .collect();
        o.push_str(&wrap(&words, "  ", 96));
    }
    let _ = writeln!(o, "\nSummary");
    let _ = writeln!(
        o,
        "  scanned: {}, {}",
        files_units(r),
        plural(r.lines, "line")
    );
    let _ = writeln!(o, "  builds unchanged: {}", verdict(r));
    let _ = writeln!(o, "  top missing: {}", top_missing(r));
    o
}

/// A JSON string literal.
pub fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_sites(r: &Report, sites: &[Site]) -> String {
    let items: Vec<String> = sites
        .iter()
        .map(|s| {
            format!(
                "{{\"file\":{},\"line\":{}}}",
                json_str(&r.files[s.file]),
                s.line
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}

fn json_opt(s: &Option<String>) -> String {
    s.as_deref().map_or("null".to_string(), json_str)
}

pub fn json(r: &Report) -> String {
    let mut o = String::from("{\n");
    let _ = writeln!(o, "  \"files\": {},", r.files.len());
    let _ = writeln!(o, "  \"units\": {},", r.units);
    let _ = writeln!(o, "  \"lines\": {},", r.lines);
    let _ = writeln!(o, "  \"builds_unchanged\": {},", r.edits() == 0);
    let _ = writeln!(o, "  \"edits\": {},", r.edits());
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "[]".to_string()
        } else {
            format!("[\n    {}\n  ]", items.join(",\n    "))
        }
    };
    let includes = r
        .includes
        .iter()
        .map(|i| {
            format!(
                "{{\"file\":{},\"line\":{},\"include\":{},\"angle\":{},\"fix\":{}}}",
                json_str(&r.files[i.site.file]),
                i.site.line,
                json_str(&i.name),
                i.angle,
                json_opt(&i.fix)
            )
        })
        .collect();
    let _ = writeln!(o, "  \"includes\": {},", list(includes));
    let spellings = r
        .spellings
        .iter()
        .map(|f| {
            format!(
                "{{\"file\":{},\"line\":{},\"what\":{},\"section\":{},\"quote\":{}}}",
                json_str(&r.files[f.site.file]),
                f.site.line,
                json_str(&f.what),
                json_str(&f.quote.section),
                json_str(&f.quote.text)
            )
        })
        .collect();
    let _ = writeln!(o, "  \"spellings\": {},", list(spellings));
    let missing = r
        .missing
        .iter()
        .map(|m| {
            format!(
                "{{\"name\":{},\"replacement\":{},\"reason\":{},\"uses\":{}}}",
                json_str(&m.name),
                json_opt(&m.replacement),
                json_str(&m.reason),
                json_sites(r, &m.sites)
            )
        })
        .collect();
    let _ = writeln!(o, "  \"not_provided\": {},", list(missing));
    let diffs = r
        .differences
        .iter()
        .map(|d| {
            format!(
                "{{\"name\":{},\"section\":{},\"quote\":{},\"uses\":{}}}",
                json_str(&d.name),
                json_str(&d.quote.section),
                json_str(&d.quote.text),
                json_sites(r, &d.sites)
            )
        })
        .collect();
    let _ = writeln!(o, "  \"differences\": {},", list(diffs));
    let findings = r
        .findings
        .iter()
        .map(|f| {
            format!(
                "{{\"file\":{},\"line\":{},\"what\":{},\"section\":{},\"quote\":{}}}",
                json_str(&r.files[f.site.file]),
                f.site.line,
                json_str(&f.what),
                json_str(&f.quote.section),
                json_str(&f.quote.text)
            )
        })
        .collect();
    let _ = writeln!(o, "  \"patterns\": {},", list(findings));
    let provided = r
        .provided
        .iter()
        .map(|(n, c)| format!("{{\"name\":{},\"uses\":{c}}}", json_str(n)))
        .collect();
    let _ = writeln!(o, "  \"provided\": {},", list(provided));
    let top = r
        .missing
        .iter()
        .take(TOP)
        .map(|m| {
            format!(
                "{{\"name\":{},\"uses\":{}}}",
                json_str(&m.name),
                m.sites.len()
            )
        })
        .collect();
    let _ = writeln!(o, "  \"top_missing\": {},", list(top));
    let scanned = r.files.iter().map(|f| json_str(f)).collect();
    let _ = writeln!(o, "  \"scanned\": {}", list(scanned));
    o.push_str("}\n");
    o
}

/// A Markdown table cell: `|` escaped, no line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn markdown(r: &Report) -> String {
    let mut o = String::from("# ws2mp-scan report\n\n");
    let _ = writeln!(
        o,
        "{}, {}. Builds unchanged: **{}**.",
        files_units(r),
        plural(r.lines, "line"),
        verdict(r)
    );
    if !r.includes.is_empty() {
        o.push_str(
            "\n## Includes ws2mp cannot satisfy\n\n| Where | Include | Fix |\n|---|---|---|\n",
        );
        for i in &r.includes {
            let fix = i.fix.as_ref().map_or("not provided".to_string(), |f| {
                format!("`#include {}`", include_text(f, i.angle))
            });
            let _ = writeln!(
                o,
                "| {}:{} | `{}` | {} |",
                cell(&r.files[i.site.file]),
                i.site.line,
                cell(&include_text(&i.name, i.angle)),
                cell(&fix)
            );
        }
    }
    if !r.spellings.is_empty() {
        o.push_str("\n## Windows spellings GCC and Clang refuse\n\n| Where | What | docs/PORTING.md |\n|---|---|---|\n");
        for f in &r.spellings {
            let _ = writeln!(
                o,
                "| {}:{} | {} | {}: {} |",
                cell(&r.files[f.site.file]),
                f.site.line,
                cell(&f.what),
                cell(&f.quote.section),
                cell(&f.quote.text)
            );
        }
    }
    if !r.missing.is_empty() {
        o.push_str("\n## Not provided\n\n| Name | Uses | Instead | Where |\n|---|---|---|---|\n");
        for m in &r.missing {
            let _ = writeln!(
                o,
                "| `{}` | {} | {} | {} |",
                m.name,
                m.sites.len(),
                cell(&instead(&m.replacement, &m.reason)),
                cell(&sites(r, &m.sites, usize::MAX))
            );
        }
    }
    if !r.differences.is_empty() {
        o.push_str(
            "\n## Provided, with a documented difference\n\n| Name | Uses | docs/PORTING.md | Where |\n|---|---|---|---|\n",
        );
        for d in &r.differences {
            let _ = writeln!(
                o,
                "| `{}` | {} | {}: {} | {} |",
                d.name,
                d.sites.len(),
                cell(&d.quote.section),
                cell(&d.quote.text),
                cell(&sites(r, &d.sites, SHOWN_SITES))
            );
        }
    }
    if !r.findings.is_empty() {
        o.push_str("\n## Compiles, but behaves differently\n\n| Where | What | docs/PORTING.md |\n|---|---|---|\n");
        for f in &r.findings {
            let _ = writeln!(
                o,
                "| {}:{} | {} | {}: {} |",
                cell(&r.files[f.site.file]),
                f.site.line,
                cell(&f.what),
                cell(&f.quote.section),
                cell(&f.quote.text)
            );
        }
    }
    if !r.provided.is_empty() {
        o.push_str("\n## Provided\n\n");
        let words: Vec<String> = r
            .provided
            .iter()
            .map(|(n, c)| format!("`{n}` ({c})"))
            .collect();
        let _ = writeln!(o, "{}", words.join(", "));
    }
    let _ = writeln!(o, "\n## Summary\n");
    let _ = writeln!(
        o,
        "- scanned: {}, {}",
        files_units(r),
        plural(r.lines, "line")
    );
    let _ = writeln!(o, "- builds unchanged: **{}**", verdict(r));
    let _ = writeln!(o, "- top missing: {}", top_missing(r));
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(
            json_str("a\"b\\c\nd\te\u{1}é"),
            "\"a\\\"b\\\\c\\nd\\te\\u0001é\""
        );
    }

    #[test]
    fn markdown_cells_escape_bars() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
    }

    #[test]
    fn wrapping() {
        let words: Vec<String> = ["aaaa", "bbbb", "cccc"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(wrap(&words, "  ", 12), "  aaaa bbbb\n  cccc\n");
    }
}
