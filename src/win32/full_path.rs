//! `GetFullPathName`: a name made absolute against the current directory, by text only (the
//! file need not exist, links are not followed). `\` separates as `/` does; `.` parts are
//! dropped and `..` removes the part before it (never above the root); a name ending in a
//! separator keeps one. The result is the system's path, `/`-separated.

/// The full path of `name` (already non-empty) from directory `cwd` (absolute), and where its
/// last part starts (None when it ends in a separator: the root, `dir\`).
pub fn resolve(cwd: &str, name: &str) -> (String, Option<usize>) {
    let name = name.replace('\\', "/");
    let base = if name.starts_with('/') { "" } else { cwd };
    let mut parts: Vec<&str> = Vec::new();
    for part in base.split('/').chain(name.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut full = format!("/{}", parts.join("/"));
    if parts.is_empty() {
        return (full, None);
    }
    let last = name.rsplit('/').next().unwrap_or("");
    if last.is_empty() {
        full.push('/');
        return (full, None);
    }
    let start = full.rfind('/').map_or(0, |i| i + 1);
    (full, Some(start))
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn resolves_against_the_directory() {
        assert_eq!(
            resolve("/srv/ftp", "a.txt"),
            ("/srv/ftp/a.txt".into(), Some(9))
        );
        assert_eq!(
            resolve("/srv/ftp", "..\\logs\\.\\x.log"),
            ("/srv/logs/x.log".into(), Some(10))
        );
        assert_eq!(resolve("/srv/ftp", "sub\\"), ("/srv/ftp/sub/".into(), None));
        assert_eq!(
            resolve("/srv/ftp", "\\etc\\hosts"),
            ("/etc/hosts".into(), Some(5))
        );
        assert_eq!(resolve("/srv", "..\\..\\..\\x"), ("/x".into(), Some(1)));
        assert_eq!(resolve("/srv", ".."), ("/".into(), None));
        assert_eq!(resolve("/srv/ftp", "."), ("/srv/ftp".into(), Some(5)));
    }
}
