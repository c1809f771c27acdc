//! Telling the system's service manager how a service is doing: systemd's notification socket
//! (`$NOTIFY_SOCKET`, a datagram socket; a name starting with `@` is in Linux's abstract
//! namespace). Where there is no such socket the messages go nowhere.

/// Sends `state` (`READY=1`, `STOPPING=1`, `STATUS=...`) to the service manager, if it asked
/// for notifications.
pub fn notify(state: &str) {
    let Some(path) = std::env::var_os("NOTIFY_SOCKET") else {
        return;
    };
    let Ok(socket) = std::os::unix::net::UnixDatagram::unbound() else {
        return;
    };
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str());
    if let Some(abstract_name) = bytes.strip_prefix(b"@") {
        #[cfg(linux_like)]
        {
            use std::os::linux::net::SocketAddrExt;
            if let Ok(addr) = std::os::unix::net::SocketAddr::from_abstract_name(abstract_name) {
                let _ = socket.send_to_addr(state.as_bytes(), &addr);
            }
        }
        #[cfg(not(linux_like))]
        let _ = abstract_name;
        return;
    }
    let _ = socket.send_to(state.as_bytes(), path);
}
