//! Limits and timeouts of the rooted provider (docs/PROTOCOL.md §6).
//!
//! Sizes are constants; the three timeouts a deployment may want to change are read once from
//! the environment (`WS2MP_RMP_HEARTBEAT_MS`, `WS2MP_RMP_STALL_MS`, `WS2MP_RMP_JOIN_TIMEOUT_MS`).

use std::sync::OnceLock;
use std::time::Duration;

/// Bytes a link may queue in user space beyond the kernel's TCP buffer.
pub(crate) const SEND_QUEUE_LIMIT: usize = 256 * 1024;
/// Bytes of delivered messages that may wait in user space for a socket that is not read.
pub(crate) const DELIVERY_BACKLOG: usize = 256 * 1024;
/// A root's receive reads its links itself (instead of waiting for the engine) while it has
/// at most this many joined leaves; with more, one poll over all of them would cost more than
/// the engine's hand-over.
pub(crate) const DIRECT_LINKS: usize = 8;
/// Size of the buffer a receiving thread reads its links into.
pub(crate) const DIRECT_SCRATCH: usize = 64 * 1024;
/// Accepted connections that have not sent their HELLO yet, per listening socket.
pub(crate) const MAX_HANDSHAKING: usize = 128;
/// What `listen(s, SOMAXCONN)` gives a rooted listening socket: the most join requests (at a
/// root) or invitations (at a listening c_leaf) that may wait for the program's decision,
/// counting the connections still handshaking (docs/PROTOCOL.md §6). Nothing is allocated per
/// slot: the queue grows with what is actually waiting.
pub(crate) const MAX_BACKLOG: usize = 4096;
/// The range Windows clamps a `SOMAXCONN_HINT(n)` backlog (`listen(s, -n)`) to.
pub(crate) const HINT_MIN: usize = 200;
pub(crate) const HINT_MAX: usize = 65535;

/// The backlog a rooted listening socket keeps for `listen(s, backlog)`, as Windows reads the
/// argument: `SOMAXCONN` (Windows' 0x7fffffff, or the platform's own `SOMAXCONN` that a program
/// compiled here passes) is the provider maximum [`MAX_BACKLOG`]; a negative value is
/// `SOMAXCONN_HINT(n)`: n clamped to 200..=65535; any other value is clamped to
/// 1..=[`MAX_BACKLOG`].
pub fn backlog(requested: i32) -> usize {
    if requested == i32::MAX || requested == libc::SOMAXCONN {
        MAX_BACKLOG
    } else if requested < 0 {
        (requested.unsigned_abs() as usize).clamp(HINT_MIN, HINT_MAX)
    } else {
        (requested as usize).clamp(1, MAX_BACKLOG)
    }
}
/// Time an accepted connection has to send a complete HELLO.
pub(crate) const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);
/// Time a closing link has to flush its LEAVE before it is reset.
pub(crate) const CLOSE_LINGER: Duration = Duration::from_secs(5);
/// Period of the engine's timer scan (heartbeats and every timeout).
pub(crate) const TICK_MAX: Duration = Duration::from_millis(100);

pub struct Timeouts {
    /// Silence after which a joined link is declared dead.
    pub heartbeat: Duration,
    /// Time a link with queued data may take no byte before it is evicted.
    pub stall: Duration,
    /// Time a pending join or invitation may wait for the program's decision.
    pub decision: Duration,
}

fn env_ms(name: &str, default_ms: u64, min: u64, max: u64) -> Duration {
    let ms = std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(default_ms, |v| v.clamp(min, max));
    Duration::from_millis(ms)
}

pub fn timeouts() -> &'static Timeouts {
    static T: OnceLock<Timeouts> = OnceLock::new();
    T.get_or_init(|| Timeouts {
        heartbeat: env_ms("WS2MP_RMP_HEARTBEAT_MS", 10_000, 300, 600_000),
        stall: env_ms("WS2MP_RMP_STALL_MS", 10_000, 100, 600_000),
        decision: env_ms("WS2MP_RMP_JOIN_TIMEOUT_MS", 30_000, 100, 600_000),
    })
}

/// The heartbeat timeout in milliseconds, as announced in HELLO and ACCEPT.
pub fn heartbeat_ms() -> u32 {
    timeouts().heartbeat.as_millis() as u32
}

/// How often a link sends HEARTBEAT: a quarter of the smaller of the two sides' timeouts.
pub fn heartbeat_interval(peer_ms: u32) -> Duration {
    let own = timeouts().heartbeat;
    let peer = Duration::from_millis(u64::from(peer_ms.max(300)));
    own.min(peer) / 4
}

/// The engine's timer period.
pub fn tick() -> Duration {
    (timeouts().heartbeat / 4).min(TICK_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_backlogs_read_as_on_windows() {
        assert_eq!(backlog(0x7fff_ffff), MAX_BACKLOG);
        assert_eq!(backlog(libc::SOMAXCONN), MAX_BACKLOG);
        assert_eq!(backlog(5), 5);
        assert_eq!(backlog(0), 1);
        assert_eq!(backlog(1_000_000), MAX_BACKLOG);
        // SOMAXCONN_HINT(n) is -(n), clamped to 200..=65535.
        assert_eq!(backlog(-5), HINT_MIN);
        assert_eq!(backlog(-1000), 1000);
        assert_eq!(backlog(-100_000), HINT_MAX);
        assert_eq!(backlog(i32::MIN), HINT_MAX);
    }
}
