//! `CreateToolhelp32Snapshot`: the system's processes at one moment, walked with
//! `Process32First` / `Process32Next` through the snapshot's handle.

use super::{codes, err, Kind, Object};
use crate::error::WsaResult;
use crate::win32::process_list::{self, ProcessEntry};
use parking_lot::Mutex;
use std::sync::Arc;

/// `ERROR_NO_MORE_FILES`: `Process32Next` past the last process.
const ERROR_NO_MORE_FILES: i32 = 18;

pub struct Snapshot {
    processes: Vec<ProcessEntry>,
    next: Mutex<usize>,
}

/// A snapshot of every process (`TH32CS_SNAPPROCESS`).
pub fn of_processes() -> WsaResult<Arc<Object>> {
    let processes = process_list::processes().map_err(|code| err(code as i32))?;
    Object::new(
        Kind::Snapshot(Snapshot {
            processes,
            next: Mutex::new(0),
        }),
        None,
        false,
    )
}

/// The snapshot's first process (`first`) or the one after the last one given.
pub fn walk(object: &Object, first: bool) -> WsaResult<ProcessEntry> {
    let Kind::Snapshot(s) = &object.kind else {
        return Err(err(codes::ERROR_INVALID_HANDLE));
    };
    let mut next = s.next.lock();
    if first {
        *next = 0;
    }
    let entry = s
        .processes
        .get(*next)
        .cloned()
        .ok_or(err(ERROR_NO_MORE_FILES))?;
    *next += 1;
    Ok(entry)
}
