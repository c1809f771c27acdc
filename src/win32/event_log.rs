//! `RegisterEventSource`, `ReportEvent`, `DeregisterEventSource`: a service's event log
//! entries go to the system log (`sys::system_log`), one line per event: the source, the
//! event's identifier and its insertion strings (there are no message files to format them
//! with, so the strings are written as they are, separated by spaces).

use super::codes::{ERROR_ACCESS_DENIED, ERROR_INVALID_HANDLE};
use crate::sys::system_log::{self, Severity};
use parking_lot::Mutex;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

const EVENTLOG_ERROR_TYPE: u16 = 0x0001;
const EVENTLOG_WARNING_TYPE: u16 = 0x0002;
const EVENTLOG_AUDIT_FAILURE: u16 = 0x0010;
const EVENTLOG_AUDIT_SUCCESS: u16 = 0x0008;

/// Event source handles: a tag in the high bits and a count (never a table handle).
const SOURCE_TAG: usize = 0x0E57_0000;

static SOURCES: Mutex<BTreeMap<usize, String>> = Mutex::new(BTreeMap::new());

/// `RegisterEventSource(NULL, source)`: a handle for `report`. Another computer's log
/// (`lpUNCServerName` not NULL) is `ERROR_ACCESS_DENIED`.
pub fn register(remote: bool, source: &str) -> Result<usize, u32> {
    if remote {
        return Err(ERROR_ACCESS_DENIED);
    }
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    let handle = SOURCE_TAG + 4 * (NEXT.fetch_add(1, Ordering::Relaxed) & 0xFFFF);
    SOURCES.lock().insert(handle, source.to_owned());
    Ok(handle)
}

/// `DeregisterEventSource`.
pub fn deregister(handle: usize) -> Result<(), u32> {
    SOURCES
        .lock()
        .remove(&handle)
        .map(|_| ())
        .ok_or(ERROR_INVALID_HANDLE)
}

/// The severity an event type is logged at.
fn severity(event_type: u16) -> Severity {
    match event_type {
        EVENTLOG_ERROR_TYPE | EVENTLOG_AUDIT_FAILURE => Severity::Error,
        EVENTLOG_WARNING_TYPE => Severity::Warning,
        EVENTLOG_AUDIT_SUCCESS => Severity::Notice,
        _ => Severity::Info,
    }
}

/// The line `report` writes.
fn line(source: &str, event_id: u32, strings: &[String]) -> String {
    let mut text = format!("{source}[event {}]", event_id & 0xFFFF);
    if !strings.is_empty() {
        text.push_str(": ");
        text.push_str(&strings.join(" "));
    }
    text
}

/// `ReportEvent(handle, type, category, id, ..., strings)`.
pub fn report(
    handle: usize,
    event_type: u16,
    event_id: u32,
    strings: &[String],
) -> Result<(), u32> {
    let source = SOURCES
        .lock()
        .get(&handle)
        .cloned()
        .ok_or(ERROR_INVALID_HANDLE)?;
    system_log::write(severity(event_type), &line(&source, event_id, strings));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_become_one_line_at_their_severity() {
        assert_eq!(
            line("FeedSvc", 0xC000_0064, &["lost".into(), "feed 3".into()]),
            "FeedSvc[event 100]: lost feed 3"
        );
        assert_eq!(line("FeedSvc", 7, &[]), "FeedSvc[event 7]");
        assert_eq!(severity(EVENTLOG_ERROR_TYPE), Severity::Error);
        assert_eq!(severity(0x0004), Severity::Info);
    }

    #[test]
    fn handles_are_distinct_until_deregistered() {
        let a = register(false, "a").unwrap();
        let b = register(false, "b").unwrap();
        assert_ne!(a, b);
        deregister(a).unwrap();
        assert!(deregister(a).is_err());
        assert!(report(a, 4, 1, &[]).is_err());
        deregister(b).unwrap();
        assert!(register(true, "a").is_err());
    }
}
