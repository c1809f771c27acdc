//! The process's command line as one string, the way Windows keeps it (`GetCommandLine`,
//! `WinMain`'s `lpCmdLine`): the arguments joined by spaces, each quoted so that Windows'
//! own splitting (`CommandLineToArgvW`, the C runtime's `argv`) gives it back.

/// `args` as one Windows command line. An argument that is empty or holds a space, a tab or a
/// quote is put in quotes; inside them a quote is written `\"` and the backslashes before a
/// quote (or before the closing quote) are doubled, as the splitting rules read them.
pub fn join<S: AsRef<str>>(args: &[S]) -> String {
    let mut line = String::new();
    for (i, arg) in args.iter().enumerate() {
        let arg = arg.as_ref();
        if i > 0 {
            line.push(' ');
        }
        if !arg.is_empty() && !arg.contains([' ', '\t', '"']) {
            line.push_str(arg);
            continue;
        }
        line.push('"');
        let mut backslashes = 0;
        for c in arg.chars() {
            match c {
                '\\' => backslashes += 1,
                '"' => {
                    line.extend(std::iter::repeat_n('\\', backslashes * 2 + 1));
                    backslashes = 0;
                }
                _ => {
                    line.extend(std::iter::repeat_n('\\', backslashes));
                    backslashes = 0;
                }
            }
            if c != '\\' {
                line.push(c);
            }
        }
        line.extend(std::iter::repeat_n('\\', backslashes * 2));
        line.push('"');
    }
    line
}

/// A command line split into arguments as `CommandLineToArgvW` splits it: the program's name
/// first, up to a blank or, when quoted, to the next quote (no escapes); then blank-separated
/// arguments where quotes group, `\"` is a quote, 2n backslashes before a quote are n (and
/// the quote groups) and 2n+1 are n and a literal quote, other backslashes stay, and `""`
/// inside quotes is a literal quote.
pub fn split(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut args = Vec::new();
    let mut i = 0;
    // The program's name.
    let mut name = String::new();
    if chars.first() == Some(&'"') {
        i = 1;
        while i < chars.len() && chars[i] != '"' {
            name.push(chars[i]);
            i += 1;
        }
        i += 1;
    } else {
        while i < chars.len() && chars[i] != ' ' && chars[i] != '\t' {
            name.push(chars[i]);
            i += 1;
        }
    }
    args.push(name);
    loop {
        while i < chars.len() && (chars[i] == ' ' || chars[i] == '\t') {
            i += 1;
        }
        if i >= chars.len() {
            return args;
        }
        let mut arg = String::new();
        let mut quoted = false;
        while i < chars.len() && (quoted || (chars[i] != ' ' && chars[i] != '\t')) {
            match chars[i] {
                '\\' => {
                    let start = i;
                    while i < chars.len() && chars[i] == '\\' {
                        i += 1;
                    }
                    let n = i - start;
                    if i < chars.len() && chars[i] == '"' {
                        arg.extend(std::iter::repeat_n('\\', n / 2));
                        if n % 2 == 1 {
                            arg.push('"');
                            i += 1;
                        }
                    } else {
                        arg.extend(std::iter::repeat_n('\\', n));
                    }
                }
                '"' if quoted && chars.get(i + 1) == Some(&'"') => {
                    arg.push('"');
                    i += 2;
                }
                '"' => {
                    quoted = !quoted;
                    i += 1;
                }
                c => {
                    arg.push(c);
                    i += 1;
                }
            }
        }
        args.push(arg);
    }
}

/// This process's command line (the program's own name first).
pub fn this_process() -> String {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    join(&args)
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn plain_arguments_are_joined_by_spaces() {
        assert_eq!(join(&["prog", "-p", "5150"]), "prog -p 5150");
        assert_eq!(join::<&str>(&[]), "");
    }

    #[test]
    fn split_reads_windows_quoting() {
        use super::split;
        assert_eq!(
            split(r#""C:\Program Files\app.exe" -p 5150"#),
            [r"C:\Program Files\app.exe", "-p", "5150"]
        );
        assert_eq!(
            split(r#"app "a b" c\d "e\"f" g\\"h i" """#),
            ["app", "a b", r"c\d", "e\"f", r"g\h i", ""]
        );
        assert_eq!(split(r#"app "x""y""#), ["app", "x\"y"]);
        assert_eq!(split("app"), ["app"]);
        for args in [
            vec!["prog", "a b", ""],
            vec!["say \"hi\""],
            vec![r"C:\dir\ x\"],
            vec![r#"a\"b c"#],
        ] {
            let mut line = vec!["prog".to_owned()];
            line.extend(args.iter().map(|a| a.to_string()));
            assert_eq!(split(&super::join(&line)), line, "join and split agree");
        }
    }

    #[test]
    fn arguments_that_would_split_are_quoted() {
        assert_eq!(join(&["prog", "a b", ""]), r#"prog "a b" """#);
        assert_eq!(join(&["say \"hi\""]), r#""say \"hi\"""#);
        assert_eq!(join(&[r"C:\dir\ x\"]), r#""C:\dir\ x\\""#);
        assert_eq!(join(&[r#"a\"b c"#]), r#""a\\\"b c""#);
        assert_eq!(join(&[r"no\space"]), r"no\space");
    }
}
