//! File names as Windows programs write them: `\` separates directories, as `/` does (a
//! Windows program never means a backslash inside a name). Drive letters (`C:\...`) have no
//! meaning here and are kept as they are.

/// The system's spelling of a Win32 file name.
pub fn native(name: &str) -> String {
    name.replace('\\', "/")
}

/// A system path in Windows' shape, `\` for each `/` (no drive letter), as the program's own
/// path is given (`GetModuleFileName`, the image-name calls): `native` reads it back.
pub fn windows(name: &str) -> String {
    name.replace('/', "\\")
}

#[cfg(test)]
mod tests {
    #[test]
    fn backslashes_separate_directories() {
        assert_eq!(super::native(".\\logs\\server.log"), "./logs/server.log");
        assert_eq!(super::native("/tmp/a.ini"), "/tmp/a.ini");
    }

    #[test]
    fn program_paths_take_windows_shape_and_read_back() {
        let shaped = super::windows("/usr/local/bin/server");
        assert_eq!(shaped, "\\usr\\local\\bin\\server");
        assert_eq!(super::native(&shaped), "/usr/local/bin/server");
    }
}
