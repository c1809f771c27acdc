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
/// Accepted connections that have not sent their HELLO yet, per listening socket.
pub(crate) const MAX_HANDSHAKING: usize = 128;
/// Join requests or invitations waiting for the program's decision, per listening socket.
pub(crate) const MAX_PENDING: usize = 64;
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
