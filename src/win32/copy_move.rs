//! `CopyFile` and `MoveFile(Ex)` on Win32 file names (`\` separates directories).
//!
//! A copy takes the source's contents and permissions; with `fail_if_exists` the target is
//! created only if it is not there. A move is a rename: it refuses an existing target unless
//! `replace`, and crosses file systems only with `copy_allowed` (copy, then delete), as
//! `MOVEFILE_REPLACE_EXISTING` and `MOVEFILE_COPY_ALLOWED` say. "Already there" is
//! `io::ErrorKind::AlreadyExists`.

use super::path::native;
use std::fs::{self, File, OpenOptions};
use std::io;

/// Whether the two names are one file (the same device and inode).
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Copies `from` to `to`: the contents, permissions and last-write time (Windows' copy keeps
/// the source's). Copying a file onto itself is refused (`EBUSY`: Windows' sharing violation).
pub fn copy(from: &str, to: &str, fail_if_exists: bool) -> io::Result<()> {
    let mut source = File::open(native(from))?;
    let meta = source.metadata()?;
    if fs::metadata(native(to)).is_ok_and(|t| same_file(&meta, &t)) {
        return Err(io::Error::from_raw_os_error(libc::EBUSY));
    }
    let mut options = OpenOptions::new();
    options.write(true);
    if fail_if_exists {
        options.create_new(true);
    } else {
        options.create(true).truncate(true);
    }
    let mut target = options.open(native(to))?;
    io::copy(&mut source, &mut target)?;
    let mut times = fs::FileTimes::new();
    if let Ok(t) = meta.modified() {
        times = times.set_modified(t);
    }
    if let Ok(t) = meta.accessed() {
        times = times.set_accessed(t);
    }
    target.set_times(times)?;
    target.set_permissions(meta.permissions())
}

/// Moves (renames) `from` to `to`. A name moved onto itself is left as it is. With `replace`,
/// a directory in the way is refused (`PermissionDenied`, Windows' access denied) and a file
/// in the way of a directory is replaced by it, as on Windows.
pub fn rename(from: &str, to: &str, replace: bool, copy_allowed: bool) -> io::Result<()> {
    let (from, to) = (native(from), native(to));
    let source = fs::symlink_metadata(&from)?;
    if let Ok(target) = fs::symlink_metadata(&to) {
        if same_file(&source, &target) {
            return Ok(());
        }
        if !replace {
            return Err(io::ErrorKind::AlreadyExists.into());
        }
        if target.is_dir() {
            return Err(io::ErrorKind::PermissionDenied.into());
        }
        if source.is_dir() {
            fs::remove_file(&to)?;
        }
    }
    match fs::rename(&from, &to) {
        Err(e) if copy_allowed && e.raw_os_error() == Some(libc::EXDEV) => {
            copy(&from, &to, !replace)?;
            fs::remove_file(&from)
        }
        r => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_and_move_keep_windows_rules() {
        let dir = std::env::temp_dir().join(format!("ws2mp-copy-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let d = dir.to_str().unwrap();
        fs::write(dir.join("a"), b"abc").unwrap();
        copy(&format!("{d}\\a"), &format!("{d}\\b"), true).unwrap();
        assert_eq!(fs::read(dir.join("b")).unwrap(), b"abc");
        let again = copy(&format!("{d}/a"), &format!("{d}/b"), true).unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        copy(&format!("{d}/a"), &format!("{d}/b"), false).unwrap();
        let taken = rename(&format!("{d}/a"), &format!("{d}/b"), false, false).unwrap_err();
        assert_eq!(taken.kind(), io::ErrorKind::AlreadyExists);
        rename(&format!("{d}/a"), &format!("{d}/c"), false, false).unwrap();
        assert!(!dir.join("a").exists() && dir.join("c").exists());
        rename(&format!("{d}/c"), &format!("{d}/b"), true, false).unwrap();
        let missing = rename(&format!("{d}/c"), &format!("{d}/e"), false, false).unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
        fs::remove_dir_all(&dir).unwrap();
    }
}
