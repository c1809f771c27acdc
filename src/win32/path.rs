//! File names as Windows programs write them: `\` separates directories, as `/` does (a
//! Windows program never means a backslash inside a name). Drive letters (`C:\...`) have no
//! meaning here and are kept as they are, except in the calls that take a volume's root
//! (`GetVolumeInformation`, `GetDriveType`, `GetDiskFreeSpace`): there `C:\` is the system's
//! root, the one drive ws2mp reports (`GetLogicalDrives`), see [`volume_root`].

/// The system's spelling of a Win32 file name.
pub fn native(name: &str) -> String {
    name.replace('\\', "/")
}

/// A system path in Windows' shape, `\` for each `/` (no drive letter), as the program's own
/// path is given (`GetModuleFileName`, the image-name calls): `native` reads it back.
pub fn windows(name: &str) -> String {
    name.replace('/', "\\")
}

/// What a name given as a volume's root stands for.
#[derive(Debug, PartialEq, Eq)]
pub enum VolumeRoot {
    /// The system's name of the directory.
    Dir(String),
    /// A drive letter other than `C:`: no such drive.
    NoDrive,
}

/// The directory a volume call's `name` stands for: `C:`, `C:\` and `C:/` (either case) are
/// the root, `/`, the one drive ws2mp reports; any other drive letter's root is a drive that
/// does not exist; other names are directories, `\` read as `/`.
pub fn volume_root(name: &str) -> VolumeRoot {
    let b = name.as_bytes();
    let drive = b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':';
    if !drive || !b[2..].iter().all(|&c| c == b'\\' || c == b'/') || b.len() > 3 {
        return VolumeRoot::Dir(native(name));
    }
    if b[0].eq_ignore_ascii_case(&b'C') {
        VolumeRoot::Dir("/".to_owned())
    } else {
        VolumeRoot::NoDrive
    }
}

#[cfg(test)]
mod tests {
    use super::VolumeRoot;

    #[test]
    fn the_c_drive_is_the_root() {
        for name in ["C:", "c:\\", "C:/"] {
            assert_eq!(super::volume_root(name), VolumeRoot::Dir("/".into()));
        }
        assert_eq!(super::volume_root("D:\\"), VolumeRoot::NoDrive);
        assert_eq!(
            super::volume_root("C:\\tmp"),
            VolumeRoot::Dir("C:/tmp".into())
        );
        assert_eq!(
            super::volume_root("\\tmp\\"),
            VolumeRoot::Dir("/tmp/".into())
        );
    }

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
