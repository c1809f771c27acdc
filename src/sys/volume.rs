//! What kind of file system holds a path (`statfs`), for `GetVolumeInformation` and
//! `GetDriveType`, and the path an open descriptor names (`GetFinalPathNameByHandle`).

use super::{cvt, Fd, SysResult};
use std::ffi::CStr;

/// How Windows would class the drive (`GetDriveType`'s answer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Fixed,
    Remote,
    RamDisk,
    CdRom,
}

/// A file system: its type's name, its class and the longest name one of its directories
/// holds.
pub struct Volume {
    pub fs_name: String,
    pub class: Class,
    pub name_max: u32,
}

/// The file system holding `path`.
pub fn of(path: &CStr) -> SysResult<Volume> {
    // SAFETY: an all-zero statfs is valid; statfs only writes it.
    let mut s: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid C string and buffer.
    cvt(unsafe { libc::statfs(path.as_ptr(), &mut s) })?;
    Ok(describe(&s))
}

#[cfg(linux_like)]
fn describe(s: &libc::statfs) -> Volume {
    // The kernel's magic numbers (linux/magic.h and the file systems' own).
    #[allow(clippy::unnecessary_cast)]
    let (name, class) = match s.f_type as u64 {
        0xEF53 => ("ext4", Class::Fixed),
        0x5846_5342 => ("xfs", Class::Fixed),
        0x9123_683E => ("btrfs", Class::Fixed),
        0x2FC1_2FC1 => ("zfs", Class::Fixed),
        0x794C_7630 => ("overlay", Class::Fixed),
        0x4D44 => ("FAT32", Class::Fixed),
        0x2011_BAB0 => ("exFAT", Class::Fixed),
        0x5346_544E | 0x7366_746E => ("NTFS", Class::Fixed),
        0x6573_5546 => ("fuse", Class::Fixed),
        0x0102_1994 => ("tmpfs", Class::RamDisk),
        0x8584_58F6 => ("ramfs", Class::RamDisk),
        0x6969 => ("nfs", Class::Remote),
        0xFF53_4D42 => ("cifs", Class::Remote),
        0xFE53_4D42 => ("smb2", Class::Remote),
        0x517B => ("smb", Class::Remote),
        0x0100_2110 | 0x0102_1997 => ("9p", Class::Remote),
        0x9660 => ("CDFS", Class::CdRom),
        0x1501_3346 => ("UDF", Class::CdRom),
        _ => ("unknown", Class::Fixed),
    };
    Volume {
        fs_name: name.to_owned(),
        class,
        name_max: u32::try_from(s.f_namelen).unwrap_or(255),
    }
}

#[cfg(not(linux_like))]
fn describe(s: &libc::statfs) -> Volume {
    // SAFETY: the system NUL-terminates f_fstypename within the array.
    let name = unsafe { CStr::from_ptr(s.f_fstypename.as_ptr()) }
        .to_string_lossy()
        .into_owned();
    let class = match name.as_str() {
        "nfs" | "smbfs" | "afpfs" | "webdav" | "cifs" => Class::Remote,
        "tmpfs" | "mfs" => Class::RamDisk,
        "cd9660" | "udf" | "cddafs" => Class::CdRom,
        _ => Class::Fixed,
    };
    Volume {
        fs_name: name,
        class,
        name_max: 255,
    }
}

/// The path `fd` was opened by, as the system knows it now (after renames); a file removed
/// since is `ENOENT`.
#[cfg(linux_like)]
pub fn path_of(fd: Fd) -> SysResult<String> {
    let link = std::fs::read_link(format!("/proc/self/fd/{fd}"))
        .map_err(|e| e.raw_os_error().unwrap_or(libc::EBADF))?;
    let text = link.to_string_lossy().into_owned();
    if !text.starts_with('/') || text.ends_with(" (deleted)") {
        // A socket, pipe or anonymous object ("socket:[123]"), or a file unlinked since.
        return Err(libc::ENOENT);
    }
    Ok(text)
}

/// The path `fd` was opened by, as the system knows it now (after renames).
#[cfg(apple)]
pub fn path_of(fd: Fd) -> SysResult<String> {
    let mut buf = [0 as libc::c_char; libc::PATH_MAX as usize];
    // SAFETY: F_GETPATH writes at most PATH_MAX bytes, NUL-terminated, into `buf`.
    cvt(unsafe { libc::fcntl(fd, libc::F_GETPATH, buf.as_mut_ptr()) })?;
    // SAFETY: NUL-terminated by the call above.
    Ok(unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned())
}

/// Not known on this system.
#[cfg(not(any(linux_like, apple)))]
pub fn path_of(_fd: Fd) -> SysResult<String> {
    Err(libc::ENOTSUP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_a_volume_and_a_file_knows_its_path() {
        let root = of(c"/").unwrap();
        assert!(!root.fs_name.is_empty() && root.name_max > 0);
        let dir = std::env::temp_dir().join(format!("ws2mp-volume-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = std::fs::File::create(dir.join("a")).unwrap();
        use std::os::fd::AsRawFd;
        let canonical = std::fs::canonicalize(dir.join("a")).unwrap();
        assert_eq!(
            path_of(file.as_raw_fd()).unwrap(),
            canonical.to_str().unwrap()
        );
        std::fs::remove_file(dir.join("a")).unwrap();
        assert_eq!(path_of(file.as_raw_fd()), Err(libc::ENOENT));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
