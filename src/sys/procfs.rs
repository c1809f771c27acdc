//! Linux's `/proc` (and `/sys`) text files, the source of the IP Helper tables: elsewhere
//! every read fails with `EOPNOTSUPP`, so the tables built from them report
//! `ERROR_NOT_SUPPORTED` on macOS and the BSDs (which keep these tables behind `sysctl`s
//! ws2mp does not read).

use super::SysResult;

/// The whole text of a file under `/proc` or `/sys` (Linux), else `Err(EOPNOTSUPP)`.
#[cfg(target_os = "linux")]
pub(crate) fn read(path: &str) -> SysResult<String> {
    std::fs::read_to_string(path).map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))
}

/// The whole text of a file under `/proc` or `/sys` (Linux), else `Err(EOPNOTSUPP)`.
#[cfg(not(target_os = "linux"))]
pub(crate) fn read(_path: &str) -> SysResult<String> {
    Err(libc::EOPNOTSUPP)
}

/// The directory entries' names (`/proc/<pid>/fd`), or the error of `opendir`.
#[cfg(target_os = "linux")]
pub(crate) fn list(path: &str) -> SysResult<Vec<String>> {
    let dir = std::fs::read_dir(path).map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))?;
    Ok(dir
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect())
}

/// The directory entries' names (`/proc/<pid>/fd`), or the error of `opendir`.
#[cfg(not(target_os = "linux"))]
pub(crate) fn list(_path: &str) -> SysResult<Vec<String>> {
    Err(libc::EOPNOTSUPP)
}

/// Where a symbolic link points (`/proc/<pid>/fd/<n>`: `socket:[inode]` for a socket).
#[cfg(target_os = "linux")]
pub(crate) fn link(path: &str) -> SysResult<String> {
    let to = std::fs::read_link(path).map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))?;
    Ok(to.to_string_lossy().into_owned())
}

/// Where a symbolic link points (`/proc/<pid>/fd/<n>`: `socket:[inode]` for a socket).
#[cfg(not(target_os = "linux"))]
pub(crate) fn link(_path: &str) -> SysResult<String> {
    Err(libc::EOPNOTSUPP)
}
