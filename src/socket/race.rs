//! Test-only: forcing the window between finding a socket in the registry and counting a
//! blocking call in `in_flight` (see `Socket::blocking`), where `closesocket` once went
//! unnoticed and the call then blocked forever.

use super::*;
use std::cell::RefCell;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::time::{Duration, Instant};

thread_local! {
    /// When set, the next blocking call on this thread says it reached the window and waits
    /// there for the go-ahead.
    static WINDOW: RefCell<Option<(Sender<()>, Receiver<()>)>> = const { RefCell::new(None) };
}

/// Called by `Socket::blocking` before it counts itself (test builds only).
pub(super) fn before_entering() {
    if let Some((reached, go)) = WINDOW.with(|w| w.borrow_mut().take()) {
        let _ = reached.send(());
        let _ = go.recv_timeout(Duration::from_secs(10));
    }
}

fn udp_socket() -> Arc<Socket> {
    let s = Socket::open(libc::AF_INET, libc::SOCK_DGRAM, libc::IPPROTO_UDP, None, 0).unwrap();
    let addr = SockAddr::from_std("127.0.0.1:0".parse().unwrap());
    s.bind(&addr).unwrap();
    s
}

#[test]
fn closesocket_in_the_window_before_a_blocking_receive_interrupts_it() {
    let sock = udp_socket();
    let (reached_tx, reached) = channel();
    let (go, go_rx) = channel();
    let (done_tx, done) = channel();
    let receiver = {
        let sock = sock.clone();
        std::thread::spawn(move || {
            WINDOW.with(|w| *w.borrow_mut() = Some((reached_tx, go_rx)));
            let mut buf = [0u8; 16];
            let started = Instant::now();
            let r = sock.recv_stream(&mut buf, 0);
            let _ = done_tx.send((r, started.elapsed()));
        })
    };
    // The receiver found the socket and is about to enter recv: close it now.
    reached.recv_timeout(Duration::from_secs(10)).unwrap();
    sock.close();
    go.send(()).unwrap();
    let outcome = done.recv_timeout(Duration::from_secs(5));
    if outcome.is_err() {
        // Unblock the stuck thread before failing, so the test process ends.
        let _ = sys::shutdown(sock.fd(), libc::SHUT_RDWR);
    }
    let (r, took) = outcome.expect("the receive entered after closesocket blocked");
    assert_eq!(r.err(), Some(WsaError::WSAEINTR));
    assert!(took < Duration::from_secs(5), "returned after {took:?}");
    receiver.join().unwrap();
}

#[test]
fn closesocket_after_a_receive_counted_itself_wakes_it() {
    let sock = udp_socket();
    let (done_tx, done) = channel();
    let receiver = {
        let sock = sock.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 16];
            let _ = done_tx.send(sock.recv_stream(&mut buf, 0));
        })
    };
    // Wait until the receive is blocked in the OS.
    let deadline = Instant::now() + Duration::from_secs(10);
    while sock.in_flight.load(Ordering::SeqCst) == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    std::thread::sleep(Duration::from_millis(20));
    sock.close();
    let r = done.recv_timeout(Duration::from_secs(5));
    if r.is_err() {
        let _ = sys::shutdown(sock.fd(), libc::SHUT_RDWR);
    }
    assert_eq!(
        r.expect("closesocket woke the receive").err(),
        Some(WsaError::WSAEINTR)
    );
    receiver.join().unwrap();
}
