//! WinINet's HTTP subset (`<wininet.h>`): `InternetOpen`, `InternetOpenUrl`, `InternetConnect`,
//! `HttpOpenRequest`, `HttpAddRequestHeaders`, `HttpSendRequest`, `InternetReadFile`,
//! `InternetQueryDataAvailable`, `HttpQueryInfo`, `InternetSetOption`, `InternetCrackUrl`,
//! `InternetCloseHandle`,
//! `InternetGetConnectedState`; and urlmon's `URLDownloadToFile` over the same HTTP: the calls HTTP
//! downloaders and update checkers make. Synchronous only; `http://` only (no TLS, no FTP, no
//! cache, no proxy, no cookies). The exchange itself is `crate::win32::http_client`.

use super::call;
use super::win32_process::{ansi, wide};
use crate::error::{WsaError, WsaResult};
use crate::win32::http_client::{self, Request, Response};
use parking_lot::Mutex;
use std::collections::BTreeMap;
use std::net::TcpStream;
use std::os::raw::{c_char, c_void};
use std::sync::Arc;

const ERROR_INVALID_HANDLE: i32 = 6;
const ERROR_NOT_SUPPORTED: i32 = 50;
const ERROR_INVALID_PARAMETER: i32 = 87;
const ERROR_INSUFFICIENT_BUFFER: i32 = 122;
const ERROR_INTERNET_INCORRECT_HANDLE_TYPE: i32 = 12018;
const ERROR_INTERNET_INCORRECT_HANDLE_STATE: i32 = 12019;
const ERROR_INTERNET_CONNECTION_RESET: i32 = 12031;
const ERROR_HTTP_HEADER_NOT_FOUND: i32 = 12150;
const ERROR_HTTP_INVALID_QUERY_REQUEST: i32 = 12154;
const ERROR_HTTP_HEADER_ALREADY_EXISTS: i32 = 12155;
const ERROR_INTERNET_INVALID_OPTION: i32 = 12009;

const HTTP_ADDREQ_FLAG_REPLACE: u32 = 0x8000_0000;
const HTTP_ADDREQ_FLAG_ADD: u32 = 0x2000_0000;
const HTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA: u32 = 0x4000_0000;
const HTTP_ADDREQ_FLAG_ADD_IF_NEW: u32 = 0x1000_0000;
const HTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON: u32 = 0x0100_0000;

/// `INTERNET_SERVICE_HTTP`.
const INTERNET_SERVICE_HTTP: u32 = 3;
/// `INTERNET_FLAG_NO_AUTO_REDIRECT`.
const INTERNET_FLAG_NO_AUTO_REDIRECT: u32 = 0x0020_0000;
/// `INTERNET_FLAG_SECURE`: TLS, not provided.
const INTERNET_FLAG_SECURE: u32 = 0x0080_0000;
/// `INTERNET_CONNECTION_LAN`.
const INTERNET_CONNECTION_LAN: u32 = 0x02;

const HTTP_QUERY_FLAG_REQUEST_HEADERS: u32 = 0x8000_0000;
const HTTP_QUERY_FLAG_SYSTEMTIME: u32 = 0x4000_0000;
const HTTP_QUERY_FLAG_NUMBER: u32 = 0x2000_0000;
const HTTP_QUERY_FLAG_NUMBER64: u32 = 0x0800_0000;
const HTTP_QUERY_VERSION: u32 = 18;
const HTTP_QUERY_STATUS_CODE: u32 = 19;
const HTTP_QUERY_STATUS_TEXT: u32 = 20;
const HTTP_QUERY_RAW_HEADERS: u32 = 21;
const HTTP_QUERY_RAW_HEADERS_CRLF: u32 = 22;
const HTTP_QUERY_CUSTOM: u32 = 65535;

/// The `HTTP_QUERY_*` levels that name one response header.
const HEADER_LEVELS: &[(u32, &str)] = &[
    (0, "MIME-Version"),
    (1, "Content-Type"),
    (2, "Content-Transfer-Encoding"),
    (3, "Content-ID"),
    (4, "Content-Description"),
    (5, "Content-Length"),
    (6, "Content-Language"),
    (7, "Allow"),
    (8, "Public"),
    (9, "Date"),
    (10, "Expires"),
    (11, "Last-Modified"),
    (17, "Pragma"),
    (23, "Connection"),
    (29, "Content-Encoding"),
    (33, "Location"),
    (36, "Retry-After"),
    (37, "Server"),
    (40, "WWW-Authenticate"),
    (41, "Proxy-Authenticate"),
    (42, "Accept-Ranges"),
    (43, "Set-Cookie"),
    (46, "Refresh"),
    (47, "Content-Disposition"),
    (48, "Age"),
    (49, "Cache-Control"),
    (51, "Content-Location"),
    (52, "Content-MD5"),
    (53, "Content-Range"),
    (54, "ETag"),
    (63, "Transfer-Encoding"),
    (64, "Upgrade"),
    (65, "Vary"),
    (66, "Via"),
    (67, "Warning"),
];

enum Object {
    Session {
        agent: String,
    },
    Connect {
        agent: String,
        host: String,
        port: u16,
    },
    Request {
        req: Request,
        follow: bool,
        secure: bool,
        response: Option<Box<Response<TcpStream>>>,
    },
}

type Shared = Arc<Mutex<Object>>;

/// The open handles. The values are far from ws2mp's other handles (its table, file handles,
/// the standard handles, `IcmpCreateFile`'s).
static OBJECTS: Mutex<BTreeMap<usize, Shared>> = Mutex::new(BTreeMap::new());
static NEXT: Mutex<usize> = Mutex::new(0);
const HANDLE_BASE: usize = 0x494E_4554_0000_0000;

fn fail(code: i32) -> WsaError {
    WsaError(code)
}

fn insert(o: Object) -> *mut c_void {
    let mut next = NEXT.lock();
    *next += 1;
    let h = HANDLE_BASE + *next * 4;
    OBJECTS.lock().insert(h, Arc::new(Mutex::new(o)));
    h as *mut c_void
}

fn get(h: *mut c_void) -> WsaResult<Shared> {
    OBJECTS
        .lock()
        .get(&(h as usize))
        .cloned()
        .ok_or(fail(ERROR_INVALID_HANDLE))
}

fn net(e: http_client::Error) -> WsaError {
    fail(e.code())
}

/// The program's extra header lines: `len` characters, or up to the NUL when `len` is -1.
fn headers_a(p: *const c_char, len: u32) -> String {
    if p.is_null() || len == 0 {
        return String::new();
    }
    if len == u32::MAX {
        // SAFETY: caller guarantee: NUL-terminated when the length is -1.
        return unsafe { ansi(p) }.unwrap_or_default();
    }
    // SAFETY: caller guarantee: `len` readable bytes.
    let bytes = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len as usize) };
    String::from_utf8_lossy(bytes).into_owned()
}

fn headers_w(p: *const u16, len: u32) -> String {
    if p.is_null() || len == 0 {
        return String::new();
    }
    if len == u32::MAX {
        // SAFETY: caller guarantee: NUL-terminated when the length is -1.
        return unsafe { wide(p) }.unwrap_or_default();
    }
    // SAFETY: caller guarantee: `len` readable units.
    String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(p, len as usize) })
}

fn open(agent: Option<String>) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        Ok(insert(Object::Session {
            agent: agent.unwrap_or_default(),
        }))
    })
}

/// Opens a WinINet session. The access type, proxy and flags are accepted and not used (no
/// proxy: connections are direct). Never fails.
///
/// # Safety
/// The strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn InternetOpenA(
    lpszAgent: *const c_char,
    dwAccessType: u32,
    lpszProxy: *const c_char,
    lpszProxyBypass: *const c_char,
    dwFlags: u32,
) -> *mut c_void {
    let _ = (dwAccessType, lpszProxy, lpszProxyBypass, dwFlags);
    // SAFETY: caller guarantee.
    open(unsafe { ansi(lpszAgent) })
}

/// `InternetOpenA` with a UTF-16 agent.
///
/// # Safety
/// As `InternetOpenA`.
#[no_mangle]
pub unsafe extern "C" fn InternetOpenW(
    lpszAgent: *const u16,
    dwAccessType: u32,
    lpszProxy: *const u16,
    lpszProxyBypass: *const u16,
    dwFlags: u32,
) -> *mut c_void {
    let _ = (dwAccessType, lpszProxy, lpszProxyBypass, dwFlags);
    // SAFETY: caller guarantee.
    open(unsafe { wide(lpszAgent) })
}

fn session_agent(h: *mut c_void) -> WsaResult<String> {
    match &*get(h)?.lock() {
        Object::Session { agent } => Ok(agent.clone()),
        _ => Err(fail(ERROR_INTERNET_INCORRECT_HANDLE_TYPE)),
    }
}

fn open_url(h: *mut c_void, url: Option<String>, headers: String, flags: u32) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        let agent = session_agent(h)?;
        let url =
            http_client::parse_url(&url.ok_or(fail(ERROR_INVALID_PARAMETER))?).map_err(net)?;
        let req = Request {
            verb: "GET".into(),
            host: url.host,
            port: url.port,
            path: url.path,
            version: "HTTP/1.1".into(),
            agent,
            headers,
            body: Vec::new(),
        };
        let follow = flags & INTERNET_FLAG_NO_AUTO_REDIRECT == 0;
        let response = http_client::send(req.clone(), follow).map_err(net)?;
        Ok(insert(Object::Request {
            req,
            follow,
            secure: false,
            response: Some(Box::new(response)),
        }))
    })
}

/// Opens an `http://` URL with a GET: the request is sent and the response's headers read
/// before the call returns (an error status is a success here, as in WinINet: read it with
/// `HttpQueryInfo`); redirects are followed unless `INTERNET_FLAG_NO_AUTO_REDIRECT`. Other
/// flags are accepted (no cache to bypass). NULL with `ERROR_INTERNET_UNRECOGNIZED_SCHEME`
/// (`https://`, `ftp://`: not provided), `ERROR_INTERNET_INVALID_URL`,
/// `ERROR_INTERNET_NAME_NOT_RESOLVED`, `ERROR_INTERNET_CANNOT_CONNECT`,
/// `ERROR_HTTP_INVALID_SERVER_RESPONSE`, `ERROR_INTERNET_INCORRECT_HANDLE_TYPE` (not a
/// session handle).
///
/// # Safety
/// The URL NUL-terminated; the headers NULL, `dwHeadersLength` bytes, or NUL-terminated with
/// -1.
#[no_mangle]
pub unsafe extern "C" fn InternetOpenUrlA(
    hInternet: *mut c_void,
    lpszUrl: *const c_char,
    lpszHeaders: *const c_char,
    dwHeadersLength: u32,
    dwFlags: u32,
    dwContext: usize,
) -> *mut c_void {
    let _ = dwContext;
    // SAFETY: caller guarantee.
    let url = unsafe { ansi(lpszUrl) };
    open_url(
        hInternet,
        url,
        headers_a(lpszHeaders, dwHeadersLength),
        dwFlags,
    )
}

/// `InternetOpenUrlA` with UTF-16 strings (`dwHeadersLength` in characters).
///
/// # Safety
/// As `InternetOpenUrlA`.
#[no_mangle]
pub unsafe extern "C" fn InternetOpenUrlW(
    hInternet: *mut c_void,
    lpszUrl: *const u16,
    lpszHeaders: *const u16,
    dwHeadersLength: u32,
    dwFlags: u32,
    dwContext: usize,
) -> *mut c_void {
    let _ = dwContext;
    // SAFETY: caller guarantee.
    let url = unsafe { wide(lpszUrl) };
    open_url(
        hInternet,
        url,
        headers_w(lpszHeaders, dwHeadersLength),
        dwFlags,
    )
}

fn connect(h: *mut c_void, server: Option<String>, port: u16, service: u32) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        let agent = session_agent(h)?;
        if service != INTERNET_SERVICE_HTTP {
            return Err(fail(ERROR_NOT_SUPPORTED));
        }
        let host = server
            .filter(|s| !s.is_empty())
            .ok_or(fail(ERROR_INVALID_PARAMETER))?;
        let host = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .map(str::to_string)
            .unwrap_or(host);
        Ok(insert(Object::Connect {
            agent,
            host,
            port: if port == 0 { 80 } else { port },
        }))
    })
}

/// Names an HTTP server for `HttpOpenRequest` (nothing is sent yet). Port 0 is 80. User
/// names and passwords are not used (no authentication). FALSE with `ERROR_NOT_SUPPORTED` for
/// a service other than `INTERNET_SERVICE_HTTP` (FTP, Gopher).
///
/// # Safety
/// The strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn InternetConnectA(
    hInternet: *mut c_void,
    lpszServerName: *const c_char,
    nServerPort: u16,
    lpszUserName: *const c_char,
    lpszPassword: *const c_char,
    dwService: u32,
    dwFlags: u32,
    dwContext: usize,
) -> *mut c_void {
    let _ = (lpszUserName, lpszPassword, dwFlags, dwContext);
    // SAFETY: caller guarantee.
    let server = unsafe { ansi(lpszServerName) };
    connect(hInternet, server, nServerPort, dwService)
}

/// `InternetConnectA` with UTF-16 strings.
///
/// # Safety
/// As `InternetConnectA`.
#[no_mangle]
pub unsafe extern "C" fn InternetConnectW(
    hInternet: *mut c_void,
    lpszServerName: *const u16,
    nServerPort: u16,
    lpszUserName: *const u16,
    lpszPassword: *const u16,
    dwService: u32,
    dwFlags: u32,
    dwContext: usize,
) -> *mut c_void {
    let _ = (lpszUserName, lpszPassword, dwFlags, dwContext);
    // SAFETY: caller guarantee.
    let server = unsafe { wide(lpszServerName) };
    connect(hInternet, server, nServerPort, dwService)
}

struct OpenRequest {
    verb: Option<String>,
    object: Option<String>,
    version: Option<String>,
    referrer: Option<String>,
    accept: Vec<String>,
    flags: u32,
}

fn open_request(h: *mut c_void, o: OpenRequest) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        let (agent, host, port) = match &*get(h)?.lock() {
            Object::Connect { agent, host, port } => (agent.clone(), host.clone(), *port),
            _ => return Err(fail(ERROR_INTERNET_INCORRECT_HANDLE_TYPE)),
        };
        let mut headers = String::new();
        if let Some(r) = o.referrer.filter(|r| !r.is_empty()) {
            headers += &format!("Referer: {r}\r\n");
        }
        if !o.accept.is_empty() {
            headers += &format!("Accept: {}\r\n", o.accept.join(", "));
        }
        let path = o
            .object
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "/".into());
        let req = Request {
            verb: o
                .verb
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| "GET".into()),
            host,
            port,
            path: if path.starts_with('/') || path.contains("://") {
                path
            } else {
                format!("/{path}")
            },
            version: o
                .version
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| "HTTP/1.1".into()),
            agent,
            headers,
            body: Vec::new(),
        };
        Ok(insert(Object::Request {
            req,
            follow: o.flags & INTERNET_FLAG_NO_AUTO_REDIRECT == 0,
            secure: o.flags & INTERNET_FLAG_SECURE != 0,
            response: None,
        }))
    })
}

/// The strings of a NULL-terminated array (`lplpszAcceptTypes`).
///
/// # Safety
/// `p` NULL or an array of string pointers ended by NULL.
unsafe fn string_list<T>(
    p: *const *const T,
    one: impl Fn(*const T) -> Option<String>,
) -> Vec<String> {
    let mut out = Vec::new();
    if p.is_null() {
        return out;
    }
    let mut i = 0;
    loop {
        // SAFETY: caller guarantee: the array is NULL-terminated.
        let s = unsafe { *p.add(i) };
        if s.is_null() {
            break;
        }
        out.extend(one(s));
        i += 1;
    }
    out
}

/// Makes a request on a connection from `InternetConnect`: the verb (NULL: GET), the object
/// (the path, NULL: `/`), the version (NULL: HTTP/1.1), a referrer and accept types (sent as
/// `Referer` and `Accept`). Nothing is sent until `HttpSendRequest`. `INTERNET_FLAG_SECURE`
/// is accepted here and fails the send (no TLS).
///
/// # Safety
/// The strings NULL or NUL-terminated; the accept types NULL or a NULL-terminated array.
#[no_mangle]
pub unsafe extern "C" fn HttpOpenRequestA(
    hConnect: *mut c_void,
    lpszVerb: *const c_char,
    lpszObjectName: *const c_char,
    lpszVersion: *const c_char,
    lpszReferrer: *const c_char,
    lplpszAcceptTypes: *const *const c_char,
    dwFlags: u32,
    dwContext: usize,
) -> *mut c_void {
    let _ = dwContext;
    // SAFETY: caller guarantees for each string.
    let o = unsafe {
        OpenRequest {
            verb: ansi(lpszVerb),
            object: ansi(lpszObjectName),
            version: ansi(lpszVersion),
            referrer: ansi(lpszReferrer),
            // SAFETY: each entry is a NUL-terminated string.
            accept: string_list(lplpszAcceptTypes, |s| ansi(s)),
            flags: dwFlags,
        }
    };
    open_request(hConnect, o)
}

/// `HttpOpenRequestA` with UTF-16 strings.
///
/// # Safety
/// As `HttpOpenRequestA`.
#[no_mangle]
pub unsafe extern "C" fn HttpOpenRequestW(
    hConnect: *mut c_void,
    lpszVerb: *const u16,
    lpszObjectName: *const u16,
    lpszVersion: *const u16,
    lpszReferrer: *const u16,
    lplpszAcceptTypes: *const *const u16,
    dwFlags: u32,
    dwContext: usize,
) -> *mut c_void {
    let _ = dwContext;
    // SAFETY: caller guarantees for each string.
    let o = unsafe {
        OpenRequest {
            verb: wide(lpszVerb),
            object: wide(lpszObjectName),
            version: wide(lpszVersion),
            referrer: wide(lpszReferrer),
            // SAFETY: each entry is a NUL-terminated string.
            accept: string_list(lplpszAcceptTypes, |s| wide(s)),
            flags: dwFlags,
        }
    };
    open_request(hConnect, o)
}

fn send_request(h: *mut c_void, headers: String, body: Vec<u8>) -> i32 {
    call(0, || {
        let obj = get(h)?;
        let mut o = obj.lock();
        let Object::Request {
            req,
            follow,
            secure,
            response,
        } = &mut *o
        else {
            return Err(fail(ERROR_INTERNET_INCORRECT_HANDLE_TYPE));
        };
        if *secure {
            return Err(net(http_client::Error::UnrecognizedScheme));
        }
        let mut r = req.clone();
        if !headers.is_empty() {
            if !r.headers.is_empty() && !r.headers.ends_with('\n') {
                r.headers += "\r\n";
            }
            r.headers += &headers;
        }
        r.body = body;
        *response = None;
        *response = Some(Box::new(http_client::send(r, *follow).map_err(net)?));
        Ok(1)
    })
}

/// Sends the request with the extra headers and the optional body (`Content-Length` added),
/// and reads the response's headers. An error status is a success (read it with
/// `HttpQueryInfo`). FALSE with the errors of `InternetOpenUrlA`;
/// `ERROR_INTERNET_UNRECOGNIZED_SCHEME` for a request opened with `INTERNET_FLAG_SECURE`.
///
/// # Safety
/// The headers as for `InternetOpenUrlA`; `lpOptional` NULL or `dwOptionalLength` readable
/// bytes.
#[no_mangle]
pub unsafe extern "C" fn HttpSendRequestA(
    hRequest: *mut c_void,
    lpszHeaders: *const c_char,
    dwHeadersLength: u32,
    lpOptional: *mut c_void,
    dwOptionalLength: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let body = unsafe { optional(lpOptional, dwOptionalLength) };
    send_request(hRequest, headers_a(lpszHeaders, dwHeadersLength), body)
}

/// `HttpSendRequestA` with UTF-16 headers (the body is bytes).
///
/// # Safety
/// As `HttpSendRequestA`.
#[no_mangle]
pub unsafe extern "C" fn HttpSendRequestW(
    hRequest: *mut c_void,
    lpszHeaders: *const u16,
    dwHeadersLength: u32,
    lpOptional: *mut c_void,
    dwOptionalLength: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let body = unsafe { optional(lpOptional, dwOptionalLength) };
    send_request(hRequest, headers_w(lpszHeaders, dwHeadersLength), body)
}

/// # Safety
/// `p` NULL or `len` readable bytes.
unsafe fn optional(p: *mut c_void, len: u32) -> Vec<u8> {
    if p.is_null() || len == 0 {
        return Vec::new();
    }
    // SAFETY: caller guarantee.
    unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len as usize) }.to_vec()
}

/// Adds `lines` to a request's own headers as `HttpAddRequestHeaders` does with `modifiers`.
fn add_headers(own: &str, lines: &str, modifiers: u32) -> WsaResult<String> {
    let mut out: Vec<(String, String)> = own
        .split(['\r', '\n'])
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    for line in lines
        .split(['\r', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let (name, value) = line
            .split_once(':')
            .map(|(n, v)| (n.trim(), v.trim()))
            .ok_or(fail(ERROR_INVALID_PARAMETER))?;
        let existing = out.iter().position(|(n, _)| n.eq_ignore_ascii_case(name));
        let coalesce = modifiers
            & (HTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA | HTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON);
        match existing {
            Some(_) if modifiers & HTTP_ADDREQ_FLAG_ADD_IF_NEW != 0 => {
                return Err(fail(ERROR_HTTP_HEADER_ALREADY_EXISTS))
            }
            Some(i) if modifiers & HTTP_ADDREQ_FLAG_REPLACE != 0 => {
                out.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
                if !value.is_empty() {
                    out.insert(i.min(out.len()), (name.to_string(), value.to_string()));
                }
            }
            None if modifiers & HTTP_ADDREQ_FLAG_REPLACE != 0
                && modifiers & HTTP_ADDREQ_FLAG_ADD == 0 =>
            {
                return Err(fail(ERROR_HTTP_HEADER_NOT_FOUND))
            }
            Some(i) if coalesce != 0 => {
                let sep = if coalesce & HTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON != 0 {
                    "; "
                } else {
                    ", "
                };
                out[i].1 = format!("{}{sep}{value}", out[i].1);
            }
            _ if value.is_empty() => {}
            _ => out.push((name.to_string(), value.to_string())),
        }
    }
    Ok(out.iter().map(|(n, v)| format!("{n}: {v}\r\n")).collect())
}

fn add_request_headers(h: *mut c_void, lines: String, modifiers: u32) -> i32 {
    call(0, || {
        let obj = get(h)?;
        let mut o = obj.lock();
        let Object::Request { req, .. } = &mut *o else {
            return Err(fail(ERROR_INTERNET_INCORRECT_HANDLE_TYPE));
        };
        req.headers = add_headers(&req.headers, &lines, modifiers)?;
        Ok(1)
    })
}

/// Adds header lines to a request for its next `HttpSendRequest`: `HTTP_ADDREQ_FLAG_ADD`
/// (or no flag) adds, `REPLACE` replaces the header of that name (an empty value removes it;
/// without `ADD`, a header that is not there fails with `ERROR_HTTP_HEADER_NOT_FOUND`),
/// `ADD_IF_NEW` fails with `ERROR_HTTP_HEADER_ALREADY_EXISTS` when it is there,
/// `COALESCE_WITH_COMMA`/`SEMICOLON` append to it. FALSE with `ERROR_INVALID_PARAMETER` for a
/// line without a colon.
///
/// # Safety
/// `lpszHeaders` `dwHeadersLength` bytes, or NUL-terminated with -1.
#[no_mangle]
pub unsafe extern "C" fn HttpAddRequestHeadersA(
    hRequest: *mut c_void,
    lpszHeaders: *const c_char,
    dwHeadersLength: u32,
    dwModifiers: u32,
) -> i32 {
    add_request_headers(
        hRequest,
        headers_a(lpszHeaders, dwHeadersLength),
        dwModifiers,
    )
}

/// `HttpAddRequestHeadersA` with UTF-16 headers (`dwHeadersLength` in characters).
///
/// # Safety
/// As `HttpAddRequestHeadersA`.
#[no_mangle]
pub unsafe extern "C" fn HttpAddRequestHeadersW(
    hRequest: *mut c_void,
    lpszHeaders: *const u16,
    dwHeadersLength: u32,
    dwModifiers: u32,
) -> i32 {
    add_request_headers(
        hRequest,
        headers_w(lpszHeaders, dwHeadersLength),
        dwModifiers,
    )
}

/// Accepts an option (the timeouts, buffer sizes, user name and password, ...) on any handle
/// of this WinINet, or on none (NULL: the process's defaults), and changes nothing: requests
/// wait as long as the system's connect and receive take. FALSE with `ERROR_INVALID_HANDLE`
/// for a handle that is none of these, `ERROR_INTERNET_INVALID_OPTION` for option 0.
///
/// # Safety
/// `lpBuffer` is not read.
#[no_mangle]
pub unsafe extern "C" fn InternetSetOptionA(
    hInternet: *mut c_void,
    dwOption: u32,
    lpBuffer: *mut c_void,
    dwBufferLength: u32,
) -> i32 {
    let _ = (lpBuffer, dwBufferLength);
    call(0, || {
        if !hInternet.is_null() {
            get(hInternet)?;
        }
        if dwOption == 0 {
            return Err(fail(ERROR_INTERNET_INVALID_OPTION));
        }
        Ok(1)
    })
}

/// `InternetSetOptionA` (the buffer is not read either way).
///
/// # Safety
/// As `InternetSetOptionA`.
#[no_mangle]
pub unsafe extern "C" fn InternetSetOptionW(
    hInternet: *mut c_void,
    dwOption: u32,
    lpBuffer: *mut c_void,
    dwBufferLength: u32,
) -> i32 {
    // SAFETY: the same contract.
    unsafe { InternetSetOptionA(hInternet, dwOption, lpBuffer, dwBufferLength) }
}

/// Runs `f` on the response of a request handle that has one.
fn with_response<T>(
    h: *mut c_void,
    f: impl FnOnce(&mut Response<TcpStream>) -> WsaResult<T>,
) -> WsaResult<T> {
    let obj = get(h)?;
    let mut o = obj.lock();
    match &mut *o {
        Object::Request {
            response: Some(r), ..
        } => f(r),
        Object::Request { response: None, .. } => Err(fail(ERROR_INTERNET_INCORRECT_HANDLE_STATE)),
        _ => Err(fail(ERROR_INTERNET_INCORRECT_HANDLE_TYPE)),
    }
}

/// Reads the response body: the call returns when the buffer is full or the body has ended;
/// TRUE with `*lpdwNumberOfBytesRead` 0 at its end. FALSE with
/// `ERROR_INTERNET_CONNECTION_RESET` when the connection fails before the body's end,
/// `ERROR_INTERNET_INCORRECT_HANDLE_STATE` before `HttpSendRequest`,
/// `ERROR_INTERNET_INCORRECT_HANDLE_TYPE` for a session or connection handle.
///
/// # Safety
/// `lpBuffer` writable for `dwNumberOfBytesToRead` bytes; `lpdwNumberOfBytesRead` writable.
#[no_mangle]
pub unsafe extern "C" fn InternetReadFile(
    hFile: *mut c_void,
    lpBuffer: *mut c_void,
    dwNumberOfBytesToRead: u32,
    lpdwNumberOfBytesRead: *mut u32,
) -> i32 {
    call(0, || {
        if lpdwNumberOfBytesRead.is_null() || (lpBuffer.is_null() && dwNumberOfBytesToRead > 0) {
            return Err(fail(ERROR_INVALID_PARAMETER));
        }
        let mut buf = vec![0u8; dwNumberOfBytesToRead as usize];
        let n = with_response(hFile, |r| {
            let mut got = 0;
            while got < buf.len() {
                let k = r
                    .read_body(&mut buf[got..])
                    .map_err(|_| fail(ERROR_INTERNET_CONNECTION_RESET))?;
                if k == 0 {
                    break;
                }
                got += k;
            }
            Ok(got)
        })?;
        if n > 0 {
            super::write_array(lpBuffer.cast::<u8>(), &buf[..n])
                .map_err(|_| fail(ERROR_INVALID_PARAMETER))?;
        }
        super::write_out(lpdwNumberOfBytesRead, n as u32)
            .map_err(|_| fail(ERROR_INVALID_PARAMETER))?;
        Ok(1)
    })
}

/// The body bytes that can be read without waiting (waiting for some when none has come
/// yet); 0 at the body's end. `dwFlags` and `dwContext` must be 0.
///
/// # Safety
/// `lpdwNumberOfBytesAvailable` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn InternetQueryDataAvailable(
    hFile: *mut c_void,
    lpdwNumberOfBytesAvailable: *mut u32,
    dwFlags: u32,
    dwContext: usize,
) -> i32 {
    let _ = (dwFlags, dwContext);
    call(0, || {
        let n = with_response(hFile, |r| {
            r.available()
                .map_err(|_| fail(ERROR_INTERNET_CONNECTION_RESET))
        })?;
        if !lpdwNumberOfBytesAvailable.is_null() {
            super::write_out(lpdwNumberOfBytesAvailable, n as u32)
                .map_err(|_| fail(ERROR_INVALID_PARAMETER))?;
        }
        Ok(1)
    })
}

/// What `HttpQueryInfo` answers: a string or a number.
enum Answer {
    Text(String),
    Number(u64),
}

/// The answer to `level` for the `index`th occurrence; the next index when there is one.
fn query(
    r: &Response<TcpStream>,
    level: u32,
    custom: Option<&str>,
    index: usize,
) -> WsaResult<(Answer, Option<usize>)> {
    let header = level & 0xFFFF;
    let text = |s: &str| Answer::Text(s.to_string());
    let status_line = |a: Answer| Ok((a, None));
    match header {
        HTTP_QUERY_STATUS_CODE => return status_line(Answer::Number(r.status.into())),
        HTTP_QUERY_STATUS_TEXT => return status_line(text(&r.status_text)),
        HTTP_QUERY_VERSION => return status_line(text(&r.version)),
        HTTP_QUERY_RAW_HEADERS_CRLF => return status_line(text(&r.raw_headers)),
        HTTP_QUERY_RAW_HEADERS => {
            let lines: Vec<&str> = r
                .raw_headers
                .split("\r\n")
                .filter(|l| !l.is_empty())
                .collect();
            return status_line(Answer::Text(lines.join("\0") + "\0"));
        }
        _ => {}
    }
    let name = match header {
        HTTP_QUERY_CUSTOM => custom.ok_or(fail(ERROR_INVALID_PARAMETER))?,
        _ => HEADER_LEVELS
            .iter()
            .find(|(l, _)| *l == header)
            .map(|(_, n)| *n)
            .ok_or(fail(ERROR_HTTP_INVALID_QUERY_REQUEST))?,
    };
    let value = r
        .header_at(name, index)
        .ok_or(fail(ERROR_HTTP_HEADER_NOT_FOUND))?;
    let next = r.header_at(name, index + 1).map(|_| index + 1);
    Ok((text(value), next))
}

/// `HttpQueryInfoA`/`W`: the status code, text and version, the raw headers (CRLF or
/// NUL-separated), one response header by level or (`HTTP_QUERY_CUSTOM`) by the name in the
/// buffer, as a string or, with `HTTP_QUERY_FLAG_NUMBER`/`NUMBER64`, a number.
fn query_info(
    h: *mut c_void,
    level: u32,
    buffer: *mut c_void,
    len: *mut u32,
    index: *mut u32,
    wide_out: bool,
) -> i32 {
    call(0, || {
        if len.is_null() {
            return Err(fail(ERROR_INVALID_PARAMETER));
        }
        if level & (HTTP_QUERY_FLAG_REQUEST_HEADERS | HTTP_QUERY_FLAG_SYSTEMTIME) != 0 {
            return Err(fail(ERROR_HTTP_INVALID_QUERY_REQUEST));
        }
        let room = super::read_in(len.cast_const()).map_err(|_| fail(ERROR_INVALID_PARAMETER))?;
        let at = if index.is_null() {
            0
        } else {
            super::read_in(index.cast_const()).map_err(|_| fail(ERROR_INVALID_PARAMETER))? as usize
        };
        let custom = if level & 0xFFFF == HTTP_QUERY_CUSTOM && !buffer.is_null() {
            // SAFETY: caller guarantee: the buffer holds the header's name, NUL-terminated.
            unsafe {
                if wide_out {
                    wide(buffer.cast())
                } else {
                    ansi(buffer.cast())
                }
            }
        } else {
            None
        };
        let (answer, next) = with_response(h, |r| query(r, level, custom.as_deref(), at))?;
        let number = level & (HTTP_QUERY_FLAG_NUMBER | HTTP_QUERY_FLAG_NUMBER64) != 0;
        let bytes: Vec<u8> = if number {
            let n = match answer {
                Answer::Number(n) => n,
                Answer::Text(s) => s.trim().parse().unwrap_or(0),
            };
            if level & HTTP_QUERY_FLAG_NUMBER64 != 0 {
                n.to_ne_bytes().to_vec()
            } else {
                (n as u32).to_ne_bytes().to_vec()
            }
        } else {
            let s = match answer {
                Answer::Number(n) => n.to_string(),
                Answer::Text(s) => s,
            };
            if wide_out {
                s.encode_utf16()
                    .chain([0])
                    .flat_map(|u| u.to_ne_bytes())
                    .collect()
            } else {
                s.into_bytes().into_iter().chain([0]).collect()
            }
        };
        let unit = if wide_out { 2 } else { 1 };
        if buffer.is_null() || (room as usize) < bytes.len() {
            // The size needed, in bytes, with the terminator.
            super::write_out(len, bytes.len() as u32).map_err(|_| fail(ERROR_INVALID_PARAMETER))?;
            return Err(fail(ERROR_INSUFFICIENT_BUFFER));
        }
        super::write_array(buffer.cast::<u8>(), &bytes)
            .map_err(|_| fail(ERROR_INVALID_PARAMETER))?;
        // In bytes, a string's without its terminator (for the W form too, as Windows counts).
        let written = if number {
            bytes.len()
        } else {
            bytes.len() - unit
        };
        super::write_out(len, written as u32).map_err(|_| fail(ERROR_INVALID_PARAMETER))?;
        if !index.is_null() {
            super::write_out(index, next.unwrap_or(at + 1) as u32)
                .map_err(|_| fail(ERROR_INVALID_PARAMETER))?;
        }
        Ok(1)
    })
}

/// Reads the response's status or headers (see `query_info`). A string's length on success
/// is in bytes without the NUL; a buffer too small fails with `ERROR_INSUFFICIENT_BUFFER`
/// and the size needed in bytes with the NUL. FALSE with `ERROR_HTTP_HEADER_NOT_FOUND`,
/// `ERROR_HTTP_INVALID_QUERY_REQUEST` (request headers, `HTTP_QUERY_FLAG_SYSTEMTIME`, a level
/// not listed), `ERROR_INTERNET_INCORRECT_HANDLE_STATE` before the request was sent.
///
/// # Safety
/// `lpBuffer` NULL or writable for `*lpdwBufferLength` bytes (holding the header's name for
/// `HTTP_QUERY_CUSTOM`); `lpdwBufferLength` readable and writable; `lpdwIndex` NULL or
/// readable and writable.
#[no_mangle]
pub unsafe extern "C" fn HttpQueryInfoA(
    hRequest: *mut c_void,
    dwInfoLevel: u32,
    lpBuffer: *mut c_void,
    lpdwBufferLength: *mut u32,
    lpdwIndex: *mut u32,
) -> i32 {
    query_info(
        hRequest,
        dwInfoLevel,
        lpBuffer,
        lpdwBufferLength,
        lpdwIndex,
        false,
    )
}

/// `HttpQueryInfoA` with UTF-16 strings (lengths in bytes, as Windows counts them; the name
/// of an `HTTP_QUERY_CUSTOM` header is UTF-16 too).
///
/// # Safety
/// As `HttpQueryInfoA`.
#[no_mangle]
pub unsafe extern "C" fn HttpQueryInfoW(
    hRequest: *mut c_void,
    dwInfoLevel: u32,
    lpBuffer: *mut c_void,
    lpdwBufferLength: *mut u32,
    lpdwIndex: *mut u32,
) -> i32 {
    query_info(
        hRequest,
        dwInfoLevel,
        lpBuffer,
        lpdwBufferLength,
        lpdwIndex,
        true,
    )
}

/// Closes a session, connection or request handle (a request's connection is closed with
/// it). Handles opened from a session stay usable after the session is closed. FALSE with
/// `ERROR_INVALID_HANDLE` for anything else.
#[no_mangle]
pub extern "C" fn InternetCloseHandle(hInternet: *mut c_void) -> i32 {
    call(0, || {
        OBJECTS
            .lock()
            .remove(&(hInternet as usize))
            .map(|_| 1)
            .ok_or(fail(ERROR_INVALID_HANDLE))
    })
}

/// TRUE with `INTERNET_CONNECTION_LAN`: connections are direct (no modem, no proxy), and
/// whether a network is reachable is found out by connecting.
///
/// # Safety
/// `lpdwFlags` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn InternetGetConnectedState(lpdwFlags: *mut u32, dwReserved: u32) -> i32 {
    let _ = dwReserved;
    call(0, || {
        if !lpdwFlags.is_null() {
            super::write_out(lpdwFlags, INTERNET_CONNECTION_LAN)
                .map_err(|_| fail(ERROR_INVALID_PARAMETER))?;
        }
        Ok(1)
    })
}

/// `INET_E_INVALID_URL`.
const INET_E_INVALID_URL: i32 = 0x800C_0002_u32 as i32;
/// `INET_E_CANNOT_CONNECT`.
const INET_E_CANNOT_CONNECT: i32 = 0x800C_0004_u32 as i32;
/// `INET_E_RESOURCE_NOT_FOUND`: the server's name did not resolve.
const INET_E_RESOURCE_NOT_FOUND: i32 = 0x800C_0005_u32 as i32;
/// `INET_E_DOWNLOAD_FAILURE`.
const INET_E_DOWNLOAD_FAILURE: i32 = 0x800C_0008_u32 as i32;
/// `INET_E_UNKNOWN_PROTOCOL`.
const INET_E_UNKNOWN_PROTOCOL: i32 = 0x800C_000D_u32 as i32;
/// `E_INVALIDARG`.
const E_INVALIDARG: i32 = 0x8007_0057_u32 as i32;

/// `URLDownloadToFile`'s result for a URL and a file name.
fn download(url: Option<String>, file: Option<String>) -> i32 {
    let (Some(url), Some(file)) = (url, file.filter(|f| !f.is_empty())) else {
        return E_INVALIDARG;
    };
    let url = match http_client::parse_url(&url) {
        Ok(u) => u,
        Err(http_client::Error::UnrecognizedScheme) => return INET_E_UNKNOWN_PROTOCOL,
        Err(_) => return INET_E_INVALID_URL,
    };
    let req = Request {
        verb: "GET".into(),
        host: url.host,
        port: url.port,
        path: url.path,
        version: "HTTP/1.1".into(),
        agent: "Mozilla/4.0 (compatible; ws2mp)".into(),
        headers: String::new(),
        body: Vec::new(),
    };
    let mut resp = match http_client::send(req, true) {
        Ok(r) => r,
        Err(http_client::Error::NameNotResolved) => return INET_E_RESOURCE_NOT_FOUND,
        Err(http_client::Error::CannotConnect) => return INET_E_CANNOT_CONNECT,
        Err(_) => return INET_E_DOWNLOAD_FAILURE,
    };
    if resp.status >= 400 {
        return INET_E_DOWNLOAD_FAILURE;
    }
    let Ok(mut out) = std::fs::File::create(crate::win32::path::native(&file)) else {
        return INET_E_DOWNLOAD_FAILURE;
    };
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match resp.read_body(&mut buf) {
            Ok(0) => return 0,
            Ok(n) => {
                if std::io::Write::write_all(&mut out, &buf[..n]).is_err() {
                    return INET_E_DOWNLOAD_FAILURE;
                }
            }
            Err(_) => return INET_E_DOWNLOAD_FAILURE,
        }
    }
}

/// urlmon's `URLDownloadToFileA`: GETs an `http://` URL (redirects followed) into the file
/// named (created or replaced; `\` separates directories). `S_OK`, or `INET_E_UNKNOWN_PROTOCOL`
/// (`https://`: no TLS), `INET_E_INVALID_URL`, `INET_E_RESOURCE_NOT_FOUND` (the name did not
/// resolve), `INET_E_CANNOT_CONNECT`, `INET_E_DOWNLOAD_FAILURE` (a status of 400 or more, the
/// file could not be written, the connection failed), `E_INVALIDARG`. The caller and the
/// status callback are not used (no progress is reported).
///
/// # Safety
/// The strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn URLDownloadToFileA(
    pCaller: *mut c_void,
    szURL: *const c_char,
    szFileName: *const c_char,
    dwReserved: u32,
    lpfnCB: *mut c_void,
) -> i32 {
    let _ = (pCaller, dwReserved, lpfnCB);
    // SAFETY: caller guarantee.
    let (url, file) = unsafe { (ansi(szURL), ansi(szFileName)) };
    call(INET_E_DOWNLOAD_FAILURE, || Ok(download(url, file)))
}

/// `URLDownloadToFileA` with UTF-16 strings.
///
/// # Safety
/// As `URLDownloadToFileA`.
#[no_mangle]
pub unsafe extern "C" fn URLDownloadToFileW(
    pCaller: *mut c_void,
    szURL: *const u16,
    szFileName: *const u16,
    dwReserved: u32,
    lpfnCB: *mut c_void,
) -> i32 {
    let _ = (pCaller, dwReserved, lpfnCB);
    // SAFETY: caller guarantee.
    let (url, file) = unsafe { (wide(szURL), wide(szFileName)) };
    call(INET_E_DOWNLOAD_FAILURE, || Ok(download(url, file)))
}

/// `URL_COMPONENTSA` (`T` = `u8`) and `URL_COMPONENTSW` (`u16`), Windows' layout (the
/// structures themselves are in `<wininet.h>`; the calls take them as `void *`).
#[repr(C)]
pub(crate) struct UrlComponents<T> {
    dwStructSize: u32,
    lpszScheme: *mut T,
    dwSchemeLength: u32,
    nScheme: i32,
    lpszHostName: *mut T,
    dwHostNameLength: u32,
    nPort: u16,
    lpszUserName: *mut T,
    dwUserNameLength: u32,
    lpszPassword: *mut T,
    dwPasswordLength: u32,
    lpszUrlPath: *mut T,
    dwUrlPathLength: u32,
    lpszExtraInfo: *mut T,
    dwExtraInfoLength: u32,
}

/// The `INTERNET_SCHEME` values and the default ports of the schemes WinINet names.
const SCHEMES: &[(&str, i32, u16)] = &[
    ("ftp", 1, 21),
    ("gopher", 2, 70),
    ("http", 3, 80),
    ("https", 4, 443),
    ("file", 5, 0),
    ("news", 6, 0),
    ("mailto", 7, 0),
    ("socks", 8, 1080),
    ("javascript", 9, 0),
    ("vbscript", 10, 0),
    ("res", 11, 0),
];

/// Splits a URL into `*uc` (see `InternetCrackUrlA`).
///
/// # Safety
/// `url` NUL-terminated (or `len` units long when `len` is not 0); `uc` NULL or a readable and
/// writable `URL_COMPONENTS` whose non-NULL buffers hold their lengths in units.
unsafe fn crack_into<T: Copy + Into<u32> + Default>(
    url: *const T,
    len: u32,
    uc: *mut UrlComponents<T>,
) -> i32 {
    call(0, || {
        // SAFETY: caller guarantee.
        let Some(uc) = (unsafe { uc.as_mut() }) else {
            return Err(fail(ERROR_INVALID_PARAMETER));
        };
        if url.is_null() || uc.dwStructSize as usize != std::mem::size_of::<UrlComponents<T>>() {
            return Err(fail(ERROR_INVALID_PARAMETER));
        }
        let n = if len != 0 {
            len as usize
        } else {
            let mut n = 0;
            // SAFETY: caller guarantee: NUL-terminated.
            while unsafe { *url.add(n) }.into() != 0 {
                n += 1;
            }
            n
        };
        // SAFETY: the `n` units just counted (or given).
        let units = unsafe { std::slice::from_raw_parts(url, n) };
        let c = http_client::crack(units).ok_or(fail(http_client::Error::InvalidUrl.code()))?;
        let scheme: String = units[c.scheme.clone()]
            .iter()
            .filter_map(|&u| char::from_u32(u.into()))
            .collect::<String>()
            .to_ascii_lowercase();
        let known = SCHEMES.iter().find(|(name, _, _)| *name == scheme);
        uc.nScheme = known.map_or(-1, |k| k.1);
        uc.nPort = c.port.unwrap_or(known.map_or(0, |k| k.2));
        let mut short = false;
        for (ptr, length, range, present) in [
            (
                &mut uc.lpszScheme,
                &mut uc.dwSchemeLength,
                c.scheme.clone(),
                true,
            ),
            (
                &mut uc.lpszHostName,
                &mut uc.dwHostNameLength,
                c.host.clone(),
                true,
            ),
            (
                &mut uc.lpszUserName,
                &mut uc.dwUserNameLength,
                c.user.clone(),
                !c.user.is_empty(),
            ),
            (
                &mut uc.lpszPassword,
                &mut uc.dwPasswordLength,
                c.password.clone(),
                !c.password.is_empty(),
            ),
            (
                &mut uc.lpszUrlPath,
                &mut uc.dwUrlPathLength,
                c.path.clone(),
                true,
            ),
            (
                &mut uc.lpszExtraInfo,
                &mut uc.dwExtraInfoLength,
                c.extra.clone(),
                true,
            ),
        ] {
            if *length == 0 {
                continue;
            }
            let part = &units[range.clone()];
            if ptr.is_null() {
                *ptr = if present {
                    // SAFETY: `range` lies within the caller's string.
                    unsafe { url.add(range.start) }.cast_mut()
                } else {
                    std::ptr::null_mut()
                };
                *length = part.len() as u32;
                continue;
            }
            if (*length as usize) <= part.len() {
                *length = part.len() as u32 + 1;
                short = true;
                continue;
            }
            let mut copy = part.to_vec();
            copy.push(T::default());
            // SAFETY: caller guarantee: the buffer holds `*length` units, more than `copy`'s.
            unsafe { std::ptr::copy_nonoverlapping(copy.as_ptr(), *ptr, copy.len()) };
            *length = part.len() as u32;
        }
        if short {
            return Err(fail(ERROR_INSUFFICIENT_BUFFER));
        }
        Ok(1)
    })
}

/// Splits a URL of any scheme into scheme, host, port (the URL's, else the scheme's default:
/// 80, 443, 21, ...), user name, password, path and extra information (`?query` and
/// `#fragment`), as `InternetCrackUrl` does: a part whose length is 0 is skipped, a NULL
/// pointer with a length receives a pointer into the URL and the part's length, a buffer
/// receives a copy (its length then the characters without the NUL). `dwFlags` (`ICU_DECODE`,
/// `ICU_ESCAPE`) is not applied: the parts come as written. FALSE with
/// `ERROR_INTERNET_INVALID_URL` (no `scheme://`, a port that is not a number),
/// `ERROR_INSUFFICIENT_BUFFER` (a buffer too small: its length is set to the size needed, with
/// the NUL), `ERROR_INVALID_PARAMETER` (NULL, a `dwStructSize` that is not the structure's).
///
/// # Safety
/// `lpszUrl` NUL-terminated, or `dwUrlLength` bytes when that is not 0; `lpUrlComponents`
/// NULL or a `URL_COMPONENTSA` whose buffers hold the lengths given.
#[no_mangle]
pub unsafe extern "C" fn InternetCrackUrlA(
    lpszUrl: *const c_char,
    dwUrlLength: u32,
    dwFlags: u32,
    lpUrlComponents: *mut c_void,
) -> i32 {
    let _ = dwFlags;
    // SAFETY: caller guarantee.
    unsafe { crack_into(lpszUrl.cast::<u8>(), dwUrlLength, lpUrlComponents.cast()) }
}

/// `InternetCrackUrlA` over UTF-16 strings (lengths in characters).
///
/// # Safety
/// As `InternetCrackUrlA`, with `URL_COMPONENTSW`.
#[no_mangle]
pub unsafe extern "C" fn InternetCrackUrlW(
    lpszUrl: *const u16,
    dwUrlLength: u32,
    dwFlags: u32,
    lpUrlComponents: *mut c_void,
) -> i32 {
    let _ = dwFlags;
    // SAFETY: caller guarantee.
    unsafe { crack_into(lpszUrl, dwUrlLength, lpUrlComponents.cast()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_headers_follow_the_modifiers() {
        let h = add_headers("", "Accept: a\r\nX: 1", 0).unwrap();
        assert_eq!(h, "Accept: a\r\nX: 1\r\n");
        assert_eq!(
            add_headers(&h, "accept: b", HTTP_ADDREQ_FLAG_REPLACE).unwrap(),
            "accept: b\r\nX: 1\r\n"
        );
        assert_eq!(
            add_headers(&h, "Accept:", HTTP_ADDREQ_FLAG_REPLACE).unwrap(),
            "X: 1\r\n"
        );
        assert_eq!(
            add_headers(&h, "Accept: c", HTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA).unwrap(),
            "Accept: a, c\r\nX: 1\r\n"
        );
        assert_eq!(
            add_headers(&h, "X: 2", HTTP_ADDREQ_FLAG_ADD_IF_NEW).err(),
            Some(WsaError(ERROR_HTTP_HEADER_ALREADY_EXISTS))
        );
        assert_eq!(
            add_headers(&h, "no colon", 0).err(),
            Some(WsaError(ERROR_INVALID_PARAMETER))
        );
    }
}
