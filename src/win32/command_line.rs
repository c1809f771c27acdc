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
    fn arguments_that_would_split_are_quoted() {
        assert_eq!(join(&["prog", "a b", ""]), r#"prog "a b" """#);
        assert_eq!(join(&["say \"hi\""]), r#""say \"hi\"""#);
        assert_eq!(join(&[r"C:\dir\ x\"]), r#""C:\dir\ x\\""#);
        assert_eq!(join(&[r#"a\"b c"#]), r#""a\\\"b c""#);
        assert_eq!(join(&[r"no\space"]), r"no\space");
    }
}
