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

/// What a copy's progress routine answers (`CopyFileEx`'s `PROGRESS_*`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Continue,
    /// Stop and remove the target.
    Cancel,
    /// Stop and leave the target as far as it got.
    Stop,
    /// Go on without asking again.
    Quiet,
}

/// The bytes a copy moves between two calls of its progress routine.
const CHUNK: usize = 1 << 20;

/// Copies `from` to `to`: the contents, permissions and last-write time (Windows' copy keeps
/// the source's). Copying a file onto itself is refused (`EBUSY`: Windows' sharing violation).
/// `progress(done, total)` is called before the first byte and after each chunk; a copy it
/// stops fails with `io::ErrorKind::Interrupted` (the target removed on `Cancel`).
pub fn copy(
    from: &str,
    to: &str,
    fail_if_exists: bool,
    progress: &mut dyn FnMut(u64, u64) -> Step,
) -> io::Result<()> {
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
    let total = meta.len();
    let mut done = 0u64;
    let mut quiet = false;
    let mut buf = vec![0u8; CHUNK.min(total as usize).max(1)];
    loop {
        match if quiet {
            Step::Continue
        } else {
            progress(done, total)
        } {
            Step::Continue => {}
            Step::Quiet => quiet = true,
            stop => {
                drop(target);
                if stop == Step::Cancel {
                    let _ = fs::remove_file(native(to));
                }
                return Err(io::ErrorKind::Interrupted.into());
            }
        }
        let n = read_full(&mut source, &mut buf)?;
        if n == 0 {
            break;
        }
        io::Write::write_all(&mut target, &buf[..n])?;
        done += n as u64;
    }
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

/// Reads until `buf` is full or the file ends.
fn read_full(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match io::Read::read(file, &mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Moves (renames) `from` to `to`. A name moved onto itself is left as it is. With `replace`,
/// a directory in the way is refused (`PermissionDenied`, Windows' access denied) and a file
/// in the way of a directory is replaced by it, as on Windows. A copy across file systems reports to `progress` as [`copy`] does.
pub fn rename(
    from: &str,
    to: &str,
    replace: bool,
    copy_allowed: bool,
    progress: &mut dyn FnMut(u64, u64) -> Step,
) -> io::Result<()> {
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
            copy(&from, &to, !replace, progress)?;
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
        let mut go = |_, _| Step::Continue;
        let dir = std::env::temp_dir().join(format!("ws2mp-copy-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let d = dir.to_str().unwrap();
        fs::write(dir.join("a"), b"abc").unwrap();
        copy(&format!("{d}\\a"), &format!("{d}\\b"), true, &mut go).unwrap();
        assert_eq!(fs::read(dir.join("b")).unwrap(), b"abc");
        let again = copy(&format!("{d}/a"), &format!("{d}/b"), true, &mut go).unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        copy(&format!("{d}/a"), &format!("{d}/b"), false, &mut go).unwrap();
        let taken =
            rename(&format!("{d}/a"), &format!("{d}/b"), false, false, &mut go).unwrap_err();
        assert_eq!(taken.kind(), io::ErrorKind::AlreadyExists);
        rename(&format!("{d}/a"), &format!("{d}/c"), false, false, &mut go).unwrap();
        assert!(!dir.join("a").exists() && dir.join("c").exists());
        rename(&format!("{d}/c"), &format!("{d}/b"), true, false, &mut go).unwrap();
        let missing =
            rename(&format!("{d}/c"), &format!("{d}/e"), false, false, &mut go).unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
        fs::remove_dir_all(&dir).unwrap();
    }
}
