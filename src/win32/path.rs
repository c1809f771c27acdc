//! File names as Windows programs write them: `\` separates directories, as `/` does (a
//! Windows program never means a backslash inside a name). Drive letters (`C:\...`) have no
//! meaning here and are kept as they are.

/// The system's spelling of a Win32 file name.
pub fn native(name: &str) -> String {
    name.replace('\\', "/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn backslashes_separate_directories() {
        assert_eq!(super::native(".\\logs\\server.log"), "./logs/server.log");
        assert_eq!(super::native("/tmp/a.ini"), "/tmp/a.ini");
    }
}
