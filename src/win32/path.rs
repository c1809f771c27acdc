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

/// The one volume's unique name (`FindFirstVolume`, `GetVolumeNameForVolumeMountPoint`), in
/// Windows' shape: `\\?\Volume{GUID}\`, 49 characters. It stands for `C:`, the root.
pub const C_VOLUME_NAME: &str = "\\\\?\\Volume{5753324d-0000-4300-8000-00000000003a}\\";

/// The directory a volume call's `name` stands for: `C:`, `C:\` and `C:/` (either case) are
/// the root, `/`, the one drive ws2mp reports, as is the volume's unique name
/// ([`C_VOLUME_NAME`], with or without its last `\`); any other drive letter's root is a drive
/// that does not exist; other names are directories, `\` read as `/`. The `\\?\` and `\\.\`
/// prefixes are read past, as Windows does (`\\?\C:\` is `C:\`).
pub fn volume_root(name: &str) -> VolumeRoot {
    let unique = &C_VOLUME_NAME[..C_VOLUME_NAME.len() - 1];
    if name.trim_end_matches('\\').eq_ignore_ascii_case(unique) {
        return VolumeRoot::Dir("/".to_owned());
    }
    let name = ["\\\\?\\", "\\\\.\\"]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .unwrap_or(name);
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
        for name in ["\\\\?\\C:\\", "\\\\.\\c:\\", super::C_VOLUME_NAME] {
            assert_eq!(super::volume_root(name), VolumeRoot::Dir("/".into()));
        }
        assert_eq!(super::C_VOLUME_NAME.len(), 49);
        assert_eq!(super::volume_root("\\\\?\\D:\\"), VolumeRoot::NoDrive);
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
