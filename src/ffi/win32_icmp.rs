//! The ICMP helper API of `<icmpapi.h>`: `IcmpCreateFile`, `IcmpCloseHandle`, `IcmpSendEcho`,
//! `IcmpSendEcho2` (with an event) and `IcmpParseReplies`, the way Windows programs ping
//! without raw sockets. IPv4 only. The echo itself is `sys::icmp::echo`: a raw ICMP socket
//! when the process may open one (root, `CAP_NET_RAW`), else Linux's unprivileged ping socket.

use super::win32_sync::SetEvent;
use crate::sys::icmp::{self, EchoAnswer, EchoRequest};
use parking_lot::Mutex;
use std::collections::HashSet;
use std::net::Ipv4Addr;
use std::os::raw::c_void;
use std::time::Duration;

const ERROR_INVALID_HANDLE: i32 = 6;
const ERROR_ACCESS_DENIED: i32 = 5;
const ERROR_INVALID_PARAMETER: i32 = 87;
const ERROR_INVALID_NETNAME: i32 = 1214;
const ERROR_IO_PENDING: i32 = 997;
const IP_SUCCESS: u32 = 0;
const IP_DEST_NET_UNREACHABLE: u32 = 11002;
const IP_DEST_HOST_UNREACHABLE: u32 = 11003;
const IP_DEST_PROT_UNREACHABLE: u32 = 11004;
const IP_DEST_PORT_UNREACHABLE: u32 = 11005;
const IP_PACKET_TOO_BIG: u32 = 11009;
const IP_REQ_TIMED_OUT: u32 = 11010;
const IP_TTL_EXPIRED_TRANSIT: u32 = 11013;
const IP_TTL_EXPIRED_REASSEM: u32 = 11014;
const IP_PARAM_PROBLEM: u32 = 11015;
const IP_SOURCE_QUENCH: u32 = 11016;
const IP_GENERAL_FAILURE: u32 = 11050;
/// `IP_FLAG_DF` in `IP_OPTION_INFORMATION.Flags`.
const IP_FLAG_DF: u8 = 0x02;

/// `IP_OPTION_INFORMATION` (Windows' layout).
#[repr(C)]
#[derive(Clone, Copy)]
struct OptionInformation {
    ttl: u8,
    tos: u8,
    flags: u8,
    options_size: u8,
    options_data: *mut u8,
}

/// `ICMP_ECHO_REPLY` (40 bytes on 64-bit targets, as on Win64).
#[repr(C)]
struct EchoReply {
    address: u32,
    status: u32,
    round_trip_time: u32,
    data_size: u16,
    reserved: u16,
    data: *mut c_void,
    options: OptionInformation,
}

/// The handles `IcmpCreateFile` gave out and `IcmpCloseHandle` has not closed.
static HANDLES: Mutex<Option<HashSet<usize>>> = Mutex::new(None);
static NEXT: Mutex<usize> = Mutex::new(0);

fn fail<T>(code: i32, value: T) -> T {
    crate::error::set_last_error(code);
    value
}

fn is_open(h: *mut c_void) -> bool {
    HANDLES
        .lock()
        .as_ref()
        .is_some_and(|set| set.contains(&(h as usize)))
}

/// Opens an ICMP handle for `IcmpSendEcho`. Never fails here (sockets are made per request).
#[no_mangle]
pub extern "C" fn IcmpCreateFile() -> *mut c_void {
    let mut next = NEXT.lock();
    *next += 1;
    // Far from ws2mp's handle table, the standard handles and INVALID_HANDLE_VALUE.
    let h = 0x4943_0000usize + *next * 4;
    HANDLES.lock().get_or_insert_with(HashSet::new).insert(h);
    h as *mut c_void
}

/// Closes a handle from `IcmpCreateFile`: TRUE, or FALSE with `ERROR_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn IcmpCloseHandle(IcmpHandle: *mut c_void) -> i32 {
    let removed = HANDLES
        .lock()
        .as_mut()
        .is_some_and(|set| set.remove(&(IcmpHandle as usize)));
    if removed {
        1
    } else {
        fail(ERROR_INVALID_HANDLE, 0)
    }
}

/// The Windows status of an ICMP answer.
fn status_of(answer: &EchoAnswer) -> u32 {
    match (answer.icmp_type, answer.code) {
        (0, _) => IP_SUCCESS,
        (3, 0) => IP_DEST_NET_UNREACHABLE,
        (3, 2) => IP_DEST_PROT_UNREACHABLE,
        (3, 3) => IP_DEST_PORT_UNREACHABLE,
        (3, 4) => IP_PACKET_TOO_BIG,
        (3, _) => IP_DEST_HOST_UNREACHABLE,
        (4, _) => IP_SOURCE_QUENCH,
        (11, 0) => IP_TTL_EXPIRED_TRANSIT,
        (11, _) => IP_TTL_EXPIRED_REASSEM,
        (12, _) => IP_PARAM_PROBLEM,
        _ => IP_GENERAL_FAILURE,
    }
}

/// One request, as the program gave it (pointers kept as integers to cross to a thread).
#[derive(Clone, Copy)]
struct Call {
    dest: u32,
    request: usize,
    request_size: u16,
    options: usize,
    reply: usize,
    reply_size: u32,
    timeout: u32,
}

/// Runs the echo and fills the reply buffer, the number of replies in its `Reserved` field
/// (where `IcmpParseReplies` finds it). Returns that number (0 or 1) and the error code for 0.
///
/// # Safety
/// The call's pointers must be valid as `IcmpSendEcho` requires (checked for NULL and size).
unsafe fn run(call: Call) -> (u32, i32) {
    // SAFETY: caller guarantee (RequestData readable for RequestSize bytes).
    let data: &[u8] = if call.request_size == 0 {
        &[]
    } else {
        unsafe {
            std::slice::from_raw_parts(call.request as *const u8, usize::from(call.request_size))
        }
    };
    let options = call.options as *const OptionInformation;
    // SAFETY: caller guarantee (NULL or a readable IP_OPTION_INFORMATION).
    let options = unsafe { options.as_ref().copied() };
    let req = EchoRequest {
        dest: Ipv4Addr::from(u32::from_be(call.dest)),
        data,
        ttl: options.map_or(0, |o| o.ttl),
        tos: options.map_or(0, |o| o.tos),
        dont_fragment: options.is_some_and(|o| o.flags & IP_FLAG_DF != 0),
        timeout: Duration::from_millis(u64::from(call.timeout)),
    };
    let reply = call.reply as *mut EchoReply;
    let room = call.reply_size as usize - std::mem::size_of::<EchoReply>();
    // SAFETY: caller guarantee: the reply buffer holds an ICMP_ECHO_REPLY and `room` bytes.
    let data_area = unsafe { (call.reply as *mut u8).add(std::mem::size_of::<EchoReply>()) };
    let mut out = EchoReply {
        address: call.dest,
        status: IP_REQ_TIMED_OUT,
        round_trip_time: 0,
        data_size: 0,
        reserved: 0,
        data: data_area.cast(),
        options: OptionInformation {
            ttl: 0,
            tos: 0,
            flags: 0,
            options_size: 0,
            options_data: std::ptr::null_mut(),
        },
    };
    let result = match icmp::echo(&req) {
        Ok(Some(answer)) => {
            out.address = u32::from(answer.from).to_be();
            out.status = status_of(&answer);
            out.round_trip_time = answer.rtt.as_millis().min(u128::from(u32::MAX)) as u32;
            out.options.ttl = answer.ttl;
            out.options.tos = answer.tos;
            out.options.flags = answer.ip_flags;
            if out.status == IP_SUCCESS {
                let n = answer.data.len().min(room).min(usize::from(u16::MAX));
                // SAFETY: `n` bytes fit in the caller's buffer after the reply.
                unsafe { std::ptr::copy_nonoverlapping(answer.data.as_ptr(), data_area, n) };
                out.data_size = n as u16;
            }
            out.reserved = 1;
            (1, 0)
        }
        Ok(None) => (0, IP_REQ_TIMED_OUT as i32),
        Err(e) if e == libc::EACCES || e == libc::EPERM => (0, ERROR_ACCESS_DENIED),
        Err(e) if e == libc::ENETUNREACH => {
            out.status = IP_DEST_NET_UNREACHABLE;
            (0, IP_DEST_NET_UNREACHABLE as i32)
        }
        Err(e) if e == libc::EHOSTUNREACH => {
            out.status = IP_DEST_HOST_UNREACHABLE;
            (0, IP_DEST_HOST_UNREACHABLE as i32)
        }
        Err(e) if e == libc::EMSGSIZE => {
            out.status = IP_PACKET_TOO_BIG;
            (0, IP_PACKET_TOO_BIG as i32)
        }
        Err(_) => {
            out.status = IP_GENERAL_FAILURE;
            (0, IP_GENERAL_FAILURE as i32)
        }
    };
    // SAFETY: caller guarantee (checked size); the buffer may be unaligned.
    unsafe { reply.write_unaligned(out) };
    result
}

/// Checks a call's arguments; the error code when they are refused, as Windows (Vista and
/// later) reports them: a closed or unknown handle → `ERROR_INVALID_HANDLE`; a handle of
/// something else (`INVALID_HANDLE_VALUE` is the process's pseudo-handle, an event, ...), a
/// missing or empty reply buffer or missing request data → `ERROR_INVALID_PARAMETER`;
/// destination 0.0.0.0 →
/// `ERROR_INVALID_NETNAME`; a reply buffer without room for the `ICMP_ECHO_REPLY` and the
/// request's data → `IP_GENERAL_FAILURE`.
fn check(handle: *mut c_void, call: &Call) -> Result<(), i32> {
    if !is_open(handle) {
        let h = handle as usize;
        let other_kind = h >= usize::MAX - 1 || crate::handle::lookup(h).is_ok();
        return Err(if other_kind {
            ERROR_INVALID_PARAMETER
        } else {
            ERROR_INVALID_HANDLE
        });
    }
    if call.reply == 0 || call.reply_size == 0 || (call.request == 0 && call.request_size != 0) {
        return Err(ERROR_INVALID_PARAMETER);
    }
    if call.dest == 0 {
        return Err(ERROR_INVALID_NETNAME);
    }
    let need = std::mem::size_of::<EchoReply>() + usize::from(call.request_size);
    if (call.reply_size as usize) < need {
        return Err(IP_GENERAL_FAILURE as i32);
    }
    Ok(())
}

/// `<ipexport.h>`'s `struct ip_option_information` (`PIP_OPTION_INFORMATION`), defined by the
/// compat header: ws2mp.h names only the tag, so that a program's own declarations of the ICMP
/// functions with Windows' types (old programs declared them themselves) agree with ws2mp's.
#[repr(C)]
pub struct IpOptionInformation {
    _opaque: [u8; 0],
}

/// Sends an ICMP echo request to `DestinationAddress` (network byte order) with
/// `RequestSize` bytes of `RequestData` and the TTL, TOS and don't-fragment flag of
/// `RequestOptions` (NULL: defaults), and waits up to `Timeout` ms. Returns 1 with an
/// `ICMP_ECHO_REPLY` and the echoed data in `ReplyBuffer` (its `Status` is `IP_SUCCESS`, or
/// `IP_DEST_*_UNREACHABLE` / `IP_TTL_EXPIRED_TRANSIT` & co. with a router's address when an
/// ICMP error answered), or 0 with `GetLastError`: `IP_REQ_TIMED_OUT`, `IP_GENERAL_FAILURE`
/// (`ReplySize` below `sizeof(ICMP_ECHO_REPLY) + RequestSize`; Windows before Vista said
/// `IP_BUF_TOO_SMALL`), `ERROR_INVALID_HANDLE` (a closed handle), `ERROR_INVALID_PARAMETER`
/// (another kind of handle, `INVALID_HANDLE_VALUE` included; no reply buffer or a `ReplySize`
/// of 0), `ERROR_INVALID_NETNAME` (destination 0.0.0.0),
/// `ERROR_ACCESS_DENIED` (no raw socket and no ping socket allowed), `IP_DEST_NET_UNREACHABLE`
/// (no route).
///
/// # Safety
/// `RequestData` must be readable for `RequestSize` bytes, `RequestOptions` NULL or a readable
/// `IP_OPTION_INFORMATION`, `ReplyBuffer` writable for `ReplySize` bytes.
#[no_mangle]
pub unsafe extern "C" fn IcmpSendEcho(
    IcmpHandle: *mut c_void,
    DestinationAddress: u32,
    RequestData: *mut c_void,
    RequestSize: u16,
    RequestOptions: *mut IpOptionInformation,
    ReplyBuffer: *mut c_void,
    ReplySize: u32,
    Timeout: u32,
) -> u32 {
    let call = Call {
        dest: DestinationAddress,
        request: RequestData as usize,
        request_size: RequestSize,
        options: RequestOptions as usize,
        reply: ReplyBuffer as usize,
        reply_size: ReplySize,
        timeout: Timeout,
    };
    if let Err(code) = check(IcmpHandle, &call) {
        return fail(code, 0);
    }
    // SAFETY: caller guarantee; the sizes were checked.
    let (count, code) = unsafe { run(call) };
    // The synchronous call parses its reply: the count leaves the `Reserved` field.
    // SAFETY: the reply was just written there (the size was checked).
    unsafe { take_count(ReplyBuffer) };
    if count == 0 {
        crate::error::set_last_error(code);
    }
    count
}

/// Reads and clears the reply count `run` left in an `ICMP_ECHO_REPLY`'s `Reserved` field.
///
/// # Safety
/// `reply` must be a writable `ICMP_ECHO_REPLY` (possibly unaligned).
unsafe fn take_count(reply: *mut c_void) -> u16 {
    let reply = reply as *mut EchoReply;
    // SAFETY: caller guarantee.
    let mut r = unsafe { reply.read_unaligned() };
    let count = r.reserved;
    r.reserved = 0;
    // SAFETY: caller guarantee.
    unsafe { reply.write_unaligned(r) };
    count
}

/// `IO_STATUS_BLOCK`, as the APC routine of `IcmpSendEcho2` receives it.
#[repr(C)]
struct IoStatusBlock {
    status: usize,
    information: usize,
}

/// `PIO_APC_ROUTINE`: the context, the operation's `IO_STATUS_BLOCK`, a reserved 0.
type IoApcRoutine = unsafe extern "system" fn(*mut c_void, *mut IoStatusBlock, u32);

/// `IcmpSendEcho` that returns at once when `Event` is given: 0 with `ERROR_IO_PENDING`, the
/// reply written and the event set when the answer (or the timeout) comes; then
/// `IcmpParseReplies` counts the replies; with `ApcRoutine` instead, the same, and when the
/// answer comes the routine is queued to the calling thread as an APC (it runs in that
/// thread's next alertable wait, `SleepEx(..., TRUE)` & co.) with `ApcContext`, an
/// `IO_STATUS_BLOCK` (status 0, the reply's size) and 0, as Windows (Vista and later) calls
/// it. With neither `Event` nor `ApcRoutine` it is `IcmpSendEcho`.
///
/// # Safety
/// As for `IcmpSendEcho`; with an event, the buffers must stay valid until it is set.
#[no_mangle]
pub unsafe extern "C" fn IcmpSendEcho2(
    IcmpHandle: *mut c_void,
    Event: *mut c_void,
    ApcRoutine: super::win32_module::FARPROC,
    ApcContext: *mut c_void,
    DestinationAddress: u32,
    RequestData: *mut c_void,
    RequestSize: u16,
    RequestOptions: *mut IpOptionInformation,
    ReplyBuffer: *mut c_void,
    ReplySize: u32,
    Timeout: u32,
) -> u32 {
    if Event.is_null() && ApcRoutine.is_none() {
        // SAFETY: caller guarantee.
        return unsafe {
            IcmpSendEcho(
                IcmpHandle,
                DestinationAddress,
                RequestData,
                RequestSize,
                RequestOptions,
                ReplyBuffer,
                ReplySize,
                Timeout,
            )
        };
    }
    let call = Call {
        dest: DestinationAddress,
        request: RequestData as usize,
        request_size: RequestSize,
        options: RequestOptions as usize,
        reply: ReplyBuffer as usize,
        reply_size: ReplySize,
        timeout: Timeout,
    };
    if let Err(code) = check(IcmpHandle, &call) {
        return fail(code, 0);
    }
    let event = Event as usize;
    // SAFETY: PIO_APC_ROUTINE is the routine's type (FARPROC only stands for any function).
    let apc = ApcRoutine.map(|f| unsafe { std::mem::transmute::<_, IoApcRoutine>(f) });
    let (target, context) = (
        crate::handle::apc::ApcTarget::current(),
        ApcContext as usize,
    );
    std::thread::spawn(move || {
        // SAFETY: caller guarantee: the buffers stay valid until the event is set or the APC
        // has run.
        let _ = unsafe { run(call) };
        if event != 0 {
            SetEvent(event as *mut c_void);
        }
        if let Some(routine) = apc {
            // SAFETY: as above: the reply was written.
            let reply = unsafe { (call.reply as *const EchoReply).read_unaligned() };
            let size = std::mem::size_of::<EchoReply>() + usize::from(reply.data_size);
            target.queue(Box::new(move || {
                let mut io = IoStatusBlock {
                    status: 0,
                    information: size,
                };
                // SAFETY: the program's APC routine, called as Windows calls it, on the
                // issuing thread during an alertable wait.
                unsafe { routine(context as *mut c_void, &mut io, 0) };
            }));
        }
    });
    fail(ERROR_IO_PENDING, 0)
}

/// The number of replies in a buffer `IcmpSendEcho2` filled, as Windows counts them: the
/// count the reply's `Reserved` field holds, which is then cleared (the last error is left
/// alone); with none, 0 and the reply's `Status` (`IP_REQ_TIMED_OUT`, ...) as the last error.
/// NULL or a size below one `ICMP_ECHO_REPLY`: 0 with `ERROR_INVALID_PARAMETER`.
///
/// # Safety
/// `ReplyBuffer` must be NULL or a writable `ICMP_ECHO_REPLY`.
#[no_mangle]
pub unsafe extern "C" fn IcmpParseReplies(ReplyBuffer: *mut c_void, ReplySize: u32) -> u32 {
    if ReplyBuffer.is_null() || (ReplySize as usize) < std::mem::size_of::<EchoReply>() {
        return fail(ERROR_INVALID_PARAMETER, 0);
    }
    // SAFETY: caller guarantee.
    match unsafe { take_count(ReplyBuffer) } {
        0 => {
            // SAFETY: caller guarantee.
            let reply = unsafe { (ReplyBuffer as *const EchoReply).read_unaligned() };
            fail(reply.status as i32, 0)
        }
        n => u32::from(n),
    }
}

/// How long `GetRTTAndHopCount` waits for each hop's answer.
const HOP_TIMEOUT: Duration = Duration::from_millis(1000);

/// `<iphlpapi.h>`'s `GetRTTAndHopCount`: the number of hops to `DestIpAddress` (network byte
/// order) and the round-trip time in milliseconds, found as Windows finds them: ICMP echo
/// requests with a TTL of 1, 2, ... up to `MaxHops`, until the destination itself answers;
/// `*HopCount` is that TTL and `*RTT` the answer's round trip. A hop that does not answer
/// within a second does not end the walk. Returns TRUE, or FALSE with `GetLastError`:
/// `ERROR_INVALID_PARAMETER` (NULL `HopCount` or `RTT`, `MaxHops` 0 or above 255),
/// `ERROR_INVALID_NETNAME` (destination 0.0.0.0), `ERROR_ACCESS_DENIED` (no raw socket and no
/// ping socket allowed), `IP_DEST_NET_UNREACHABLE`/`IP_DEST_HOST_UNREACHABLE` (no route, or a
/// router said so), `IP_REQ_TIMED_OUT` (no answer from the destination within `MaxHops`).
/// The two counts are left alone on failure.
///
/// # Safety
/// `HopCount` and `RTT` must be NULL or writable `ULONG`s.
#[no_mangle]
pub unsafe extern "C" fn GetRTTAndHopCount(
    DestIpAddress: u32,
    HopCount: *mut u32,
    MaxHops: u32,
    RTT: *mut u32,
) -> i32 {
    if HopCount.is_null() || RTT.is_null() || MaxHops == 0 || MaxHops > 255 {
        return fail(ERROR_INVALID_PARAMETER, 0);
    }
    if DestIpAddress == 0 {
        return fail(ERROR_INVALID_NETNAME, 0);
    }
    let dest = Ipv4Addr::from(u32::from_be(DestIpAddress));
    let mut last = IP_REQ_TIMED_OUT as i32;
    for ttl in 1..=MaxHops as u8 {
        let req = EchoRequest {
            dest,
            data: &[0u8; 32],
            ttl,
            tos: 0,
            dont_fragment: false,
            timeout: HOP_TIMEOUT,
        };
        match icmp::echo(&req) {
            Ok(Some(answer)) => match status_of(&answer) {
                IP_SUCCESS => {
                    let rtt = answer.rtt.as_millis().min(u128::from(u32::MAX)) as u32;
                    // SAFETY: caller guarantee (checked for NULL).
                    unsafe {
                        HopCount.write_unaligned(u32::from(ttl));
                        RTT.write_unaligned(rtt);
                    }
                    return 1;
                }
                IP_TTL_EXPIRED_TRANSIT | IP_TTL_EXPIRED_REASSEM => {}
                status => return fail(status as i32, 0),
            },
            Ok(None) => last = IP_REQ_TIMED_OUT as i32,
            Err(e) if e == libc::EACCES || e == libc::EPERM => return fail(ERROR_ACCESS_DENIED, 0),
            Err(e) if e == libc::ENETUNREACH => return fail(IP_DEST_NET_UNREACHABLE as i32, 0),
            Err(e) if e == libc::EHOSTUNREACH => return fail(IP_DEST_HOST_UNREACHABLE as i32, 0),
            Err(_) => last = IP_GENERAL_FAILURE as i32,
        }
    }
    fail(last, 0)
}
