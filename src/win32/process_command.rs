//! What `CreateProcess` runs: the program and arguments from `lpApplicationName` and
//! `lpCommandLine` with Windows' rules, the program found as given or on `PATH` (a `.exe`
//! suffix dropped when only the file without it exists), `cmd.exe /c LINE` run as
//! `/bin/sh -c LINE`, a bare `cmd.exe` (the interactive shell remote-shell programs start on
//! their pipes) as a POSIX shell running the lines of its standard input (the carriage return
//! of a CRLF line removed), and an environment block read into pairs.

use super::command_line;
use std::path::{Path, PathBuf};

/// A program to start.
#[derive(Debug, PartialEq, Eq)]
pub struct Plan {
    /// The program's name as to be looked up (as given, `/bin/sh` for `cmd /c`).
    pub program: String,
    /// `argv[0]` and the rest of `argv`.
    pub argv0: String,
    pub args: Vec<String>,
}

/// The command a `cmd /c` or `cmd /k` line hands to the shell: what follows the switch, with
/// one pair of surrounding quotes removed (cmd's common case).
fn cmd_switch(line: &str, name_end: usize) -> Option<String> {
    let rest = line[name_end..].trim_start_matches([' ', '\t']);
    let lower = rest.get(..2)?.to_ascii_lowercase();
    if lower != "/c" && lower != "/k" {
        return None;
    }
    let after = &rest[2..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let cmd = after.trim_matches([' ', '\t']);
    let unquoted = cmd
        .strip_prefix('"')
        .and_then(|c| c.strip_suffix('"'))
        .filter(|c| !c.contains('"'));
    Some(unquoted.unwrap_or(cmd).to_string())
}

/// Where the program's name ends in a command line (quoted: after the closing quote).
fn name_end(line: &str) -> usize {
    if let Some(rest) = line.strip_prefix('"') {
        rest.find('"').map_or(line.len(), |i| i + 2)
    } else {
        line.find([' ', '\t']).unwrap_or(line.len())
    }
}

/// What a bare `cmd.exe` runs: a shell running the lines of its standard input one by one, as
/// cmd does. cmd takes CRLF lines (a telnet client's, or a remote shell's that turns each CR
/// into CRLF); a POSIX shell would keep the CR as the end of the line's last word, so each line
/// loses it before the shell runs it (in the shell itself: a filter such as `tr` would hold
/// the lines in its output buffer).
const INTERACTIVE: &str =
    "cr=$(printf '\\r'); while IFS= read -r l || [ -n \"$l\" ]; do eval \"${l%\"$cr\"}\"; done";

fn is_cmd(name: &str) -> bool {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.eq_ignore_ascii_case("cmd") || base.eq_ignore_ascii_case("cmd.exe")
}

/// The program and arguments of `CreateProcess(app, line, ...)`. `app` names the program
/// (the line then gives `argv`, its first word only `argv[0]`); without it the line's first
/// word is the program. None when both are missing or empty.
pub fn plan(app: Option<&str>, line: Option<&str>) -> Option<Plan> {
    let line = line.filter(|l| !l.trim().is_empty());
    let app = app.filter(|a| !a.is_empty());
    let line_owned;
    let line = match (line, app) {
        (Some(l), _) => l,
        (None, Some(a)) => {
            line_owned = command_line::join(&[a]);
            &line_owned
        }
        (None, None) => return None,
    };
    let line = line.trim_start_matches([' ', '\t']);
    let mut argv = command_line::split(line);
    let program = match app {
        Some(a) => a.to_string(),
        None => argv.first().cloned()?,
    };
    if is_cmd(&program) {
        if argv.len() <= 1 {
            return Some(Plan {
                program: "/bin/sh".into(),
                argv0: "sh".into(),
                args: vec!["-c".into(), INTERACTIVE.into()],
            });
        }
        if let Some(cmd) = cmd_switch(line, name_end(line)) {
            return Some(Plan {
                program: "/bin/sh".into(),
                argv0: "sh".into(),
                args: vec!["-c".into(), cmd],
            });
        }
    }
    let argv0 = if argv.is_empty() {
        program.clone()
    } else {
        argv.remove(0)
    };
    Some(Plan {
        program,
        argv0,
        args: argv,
    })
}

/// Finds the program: a name with a directory in it as given (relative to `cwd`), a bare name
/// in `cwd` and then on `path` (`PATH`'s `:`-separated directories); each candidate also
/// without a `.exe` suffix. `\` separates directories as `/` does (`GetModuleFileName`'s
/// `\usr\bin\server`, or a directory of it joined with `/`). `runnable` tells whether a file
/// may be run.
pub fn find(
    name: &str,
    cwd: &Path,
    path: Option<&str>,
    runnable: impl Fn(&Path) -> bool,
) -> Option<PathBuf> {
    let name = super::path::native(name);
    let variants = |p: PathBuf| -> Option<PathBuf> {
        if runnable(&p) {
            return Some(p);
        }
        let s = p.to_str()?;
        let stem = s
            .len()
            .checked_sub(4)
            .filter(|&i| s.is_char_boundary(i) && s[i..].eq_ignore_ascii_case(".exe"))
            .map(|i| PathBuf::from(&s[..i]))?;
        runnable(&stem).then_some(stem)
    };
    if name.contains('/') {
        return variants(cwd.join(&name));
    }
    if let Some(found) = variants(cwd.join(&name)) {
        return Some(found);
    }
    path?
        .split(':')
        .filter(|d| !d.is_empty())
        .find_map(|d| variants(Path::new(d).join(&name)))
}

/// An environment block (`NAME=value` strings, each ended by a NUL, the block by another)
/// as pairs; entries without `=` and cmd's hidden `=C:=C:\` drive entries are left out.
pub fn environment(block: &[String]) -> Vec<(String, String)> {
    block
        .iter()
        .filter_map(|e| {
            let i = e.find('=').filter(|&i| i > 0)?;
            Some((e[..i].to_string(), e[i + 1..].to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(program: &str, argv0: &str, args: &[&str]) -> Option<Plan> {
        Some(Plan {
            program: program.into(),
            argv0: argv0.into(),
            args: args.iter().map(|s| s.to_string()).collect(),
        })
    }

    #[test]
    fn the_line_names_the_program_without_an_application_name() {
        assert_eq!(
            plan(None, Some("child.exe -x \"a b\"")),
            p("child.exe", "child.exe", &["-x", "a b"])
        );
        assert_eq!(
            plan(Some("/bin/echo"), Some("echo hi")),
            p("/bin/echo", "echo", &["hi"])
        );
        assert_eq!(
            plan(Some("/bin/true"), None),
            p("/bin/true", "/bin/true", &[])
        );
        assert_eq!(plan(None, Some("  ")), None);
        assert_eq!(plan(None, None), None);
    }

    #[test]
    fn cmd_c_runs_the_posix_shell() {
        assert_eq!(
            plan(None, Some("cmd.exe /c echo hi & exit 3")),
            p("/bin/sh", "sh", &["-c", "echo hi & exit 3"])
        );
        assert_eq!(
            plan(None, Some("CMD /C \"echo x\"")),
            p("/bin/sh", "sh", &["-c", "echo x"])
        );
        assert_eq!(plan(None, Some("cmd /cx")), p("cmd", "cmd", &["/cx"]));
    }

    #[test]
    fn a_bare_cmd_is_the_interactive_posix_shell() {
        let shell = p("/bin/sh", "sh", &["-c", INTERACTIVE]);
        assert_eq!(plan(None, Some("cmd.exe")), shell);
        assert_eq!(plan(None, Some("  CMD ")), shell);
        assert_eq!(plan(Some("C:\\Windows\\system32\\cmd.exe"), None), shell);
        assert_eq!(
            plan(None, Some("cmd.exe /q")),
            p("cmd.exe", "cmd.exe", &["/q"])
        );
    }

    #[test]
    fn programs_are_found_with_or_without_exe() {
        let have = |p: &Path| p == Path::new("/bin/tool") || p == Path::new("/w/./local");
        let cwd = Path::new("/w");
        assert_eq!(
            find("tool.exe", cwd, Some("/usr/bin:/bin"), have),
            Some(PathBuf::from("/bin/tool"))
        );
        assert_eq!(
            find("./local.EXE", cwd, None, have),
            Some(PathBuf::from("/w/./local"))
        );
        assert_eq!(find("nothere", cwd, Some("/bin"), have), None);
        assert_eq!(
            find("\\bin\\tool.exe", cwd, None, have),
            Some(PathBuf::from("/bin/tool"))
        );
        assert_eq!(
            find("\\bin/tool", cwd, None, have),
            Some(PathBuf::from("/bin/tool"))
        );
    }

    #[test]
    fn environment_blocks_become_pairs() {
        let block = ["A=1".to_string(), "=C:=C:\\".into(), "B=x=y".into()];
        assert_eq!(
            environment(&block),
            vec![("A".into(), "1".into()), ("B".into(), "x=y".into())]
        );
    }
}
