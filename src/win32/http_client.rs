//! The HTTP side of WinINet (`InternetOpenUrl`, `HttpSendRequest`, `InternetReadFile`,
//! `HttpQueryInfo`): `http://` URLs split into host, port and path, one request per connection
//! (`Connection: close`), the response's status line and headers parsed, and its body read as
//! its framing says (`Content-Length`, chunked, or to the end of the connection). Redirects
//! (301, 302, 303, 307, 308 with a `Location`) are followed as WinINet follows them. No TLS:
//! `https://` is refused as a scheme this WinINet does not know.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;

/// What went wrong, as WinINet reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// `ERROR_INTERNET_INVALID_URL`.
    InvalidUrl,
    /// `ERROR_INTERNET_UNRECOGNIZED_SCHEME` (`https`, `ftp`, `gopher`, ...: no TLS here).
    UnrecognizedScheme,
    /// `ERROR_INTERNET_NAME_NOT_RESOLVED`.
    NameNotResolved,
    /// `ERROR_INTERNET_CANNOT_CONNECT`.
    CannotConnect,
    /// `ERROR_INTERNET_CONNECTION_RESET` (the connection failed during the exchange).
    ConnectionReset,
    /// `ERROR_HTTP_INVALID_SERVER_RESPONSE`.
    InvalidResponse,
    /// `ERROR_HTTP_REDIRECT_FAILED` (too many redirects, or one to another scheme).
    RedirectFailed,
}

impl Error {
    /// The Win32 error code.
    pub fn code(self) -> i32 {
        match self {
            Error::InvalidUrl => 12005,
            Error::UnrecognizedScheme => 12006,
            Error::NameNotResolved => 12007,
            Error::CannotConnect => 12029,
            Error::ConnectionReset => 12031,
            Error::InvalidResponse => 12152,
            Error::RedirectFailed => 12156,
        }
    }
}

/// An `http://` URL's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    pub host: String,
    pub port: u16,
    /// The path and query (`/` when the URL has none); a fragment is dropped.
    pub path: String,
}

/// Splits an absolute URL. Only `http` is known (any case); user names in the authority are
/// dropped; an IPv6 literal is written in brackets.
pub fn parse_url(url: &str) -> Result<Url, Error> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://").ok_or(Error::InvalidUrl)?;
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return Err(Error::InvalidUrl);
    }
    if !scheme.eq_ignore_ascii_case("http") {
        return Err(Error::UnrecognizedScheme);
    }
    let rest = rest.split('#').next().unwrap_or("");
    let (authority, path) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, after) = v6.split_once(']').ok_or(Error::InvalidUrl)?;
        (h, after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err(Error::InvalidUrl);
    }
    let port = match port {
        None | Some("") => 80,
        Some(p) => p.parse().map_err(|_| Error::InvalidUrl)?,
    };
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    Ok(Url {
        host: host.to_string(),
        port,
        path,
    })
}

/// Where each part of a URL lies in it (`InternetCrackUrl`), as ranges of its code units, so
/// the same parse serves ANSI and UTF-16 strings. Any scheme: `scheme://[user[:password]@]host
/// [:port][/path][?query|#fragment]`, the query or fragment being the extra information.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cracked {
    pub scheme: std::ops::Range<usize>,
    pub user: std::ops::Range<usize>,
    pub password: std::ops::Range<usize>,
    pub host: std::ops::Range<usize>,
    /// The port written in the URL, if any.
    pub port: Option<u16>,
    pub path: std::ops::Range<usize>,
    pub extra: std::ops::Range<usize>,
}

/// Splits `url` (code units, ASCII delimiters) into its parts; None when it has no
/// `scheme://` or its port is not a number.
pub fn crack<T: Copy + Into<u32>>(url: &[T]) -> Option<Cracked> {
    let at = |i: usize| url.get(i).map(|&c| c.into());
    let find = |from: usize, to: usize, set: &[u8]| {
        (from..to).find(|&i| at(i).is_some_and(|c| set.iter().any(|&d| u32::from(d) == c)))
    };
    let colon = find(0, url.len(), b":")?;
    if colon == 0
        || !(0..colon).all(|i| {
            at(i).is_some_and(|c| {
                char::from_u32(c).is_some_and(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            })
        })
        || at(colon + 1) != Some(u32::from(b'/'))
        || at(colon + 2) != Some(u32::from(b'/'))
    {
        return None;
    }
    let start = colon + 3;
    let end = find(start, url.len(), b"/?#").unwrap_or(url.len());
    let (user, password, host_start) =
        match (start..end).rev().find(|&i| at(i) == Some(u32::from(b'@'))) {
            Some(a) => match find(start, a, b":") {
                Some(c) => (start..c, c + 1..a, a + 1),
                None => (start..a, a..a, a + 1),
            },
            None => (start..start, start..start, start),
        };
    let (host, port_range) = if at(host_start) == Some(u32::from(b'[')) {
        let close = find(host_start, end, b"]")?;
        let port = (at(close + 1) == Some(u32::from(b':'))).then_some(close + 2..end);
        (host_start + 1..close, port)
    } else {
        match find(host_start, end, b":") {
            Some(c) => (host_start..c, Some(c + 1..end)),
            None => (host_start..end, None),
        }
    };
    let port = match port_range {
        Some(r) if !r.is_empty() => {
            let digits: Option<String> = r
                .map(|i| {
                    at(i)
                        .and_then(char::from_u32)
                        .filter(|c| c.is_ascii_digit())
                })
                .collect();
            Some(digits?.parse().ok()?)
        }
        _ => None,
    };
    let extra_start = find(end, url.len(), b"?#").unwrap_or(url.len());
    Some(Cracked {
        scheme: 0..colon,
        user,
        password,
        host,
        port,
        path: end..extra_start,
        extra: extra_start..url.len(),
    })
}

/// A request to send.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub verb: String,
    pub host: String,
    pub port: u16,
    pub path: String,
    /// `HTTP/1.1` unless the program named another.
    pub version: String,
    pub agent: String,
    /// The program's own header lines (`Name: value`, CRLF-separated).
    pub headers: String,
    pub body: Vec<u8>,
}

impl Request {
    /// The request as it goes on the wire. `Host`, `User-Agent`, `Content-Length` (with a body
    /// or a POST) and `Connection: close` are added unless the program's headers have them.
    pub fn bytes(&self) -> Vec<u8> {
        let own: Vec<&str> = self
            .headers
            .split(['\r', '\n'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let has = |name: &str| {
            own.iter().any(|l| {
                l.split_once(':')
                    .is_some_and(|(n, _)| n.trim().eq_ignore_ascii_case(name))
            })
        };
        let mut s = format!("{} {} {}\r\n", self.verb, self.path, self.version);
        if !has("Host") {
            if self.port == 80 {
                s += &format!("Host: {}\r\n", host_for_header(&self.host));
            } else {
                s += &format!("Host: {}:{}\r\n", host_for_header(&self.host), self.port);
            }
        }
        if !has("User-Agent") && !self.agent.is_empty() {
            s += &format!("User-Agent: {}\r\n", self.agent);
        }
        for l in &own {
            s += l;
            s += "\r\n";
        }
        if !has("Content-Length")
            && (!self.body.is_empty() || self.verb.eq_ignore_ascii_case("POST"))
        {
            s += &format!("Content-Length: {}\r\n", self.body.len());
        }
        if !has("Connection") {
            s += "Connection: close\r\n";
        }
        s += "\r\n";
        let mut out = s.into_bytes();
        out.extend_from_slice(&self.body);
        out
    }
}

fn host_for_header(host: &str) -> String {
    if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_string()
    }
}

/// How the body is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framing {
    Length(u64),
    /// Chunked: the bytes left in the current chunk (0: a size line comes next).
    Chunked {
        left: u64,
        done: bool,
    },
    ToEnd,
}

/// A response: status, headers, and its body to read.
pub struct Response<R> {
    pub status: u16,
    pub status_text: String,
    pub version: String,
    /// The headers in order, names as sent.
    pub headers: Vec<(String, String)>,
    /// The status line and headers, each line ended by CRLF, with the blank line.
    pub raw_headers: String,
    reader: BufReader<R>,
    framing: Framing,
}

impl<R: Read> Response<R> {
    /// Reads the status line and headers from `stream`; `head` is a response to HEAD.
    pub fn read_from(stream: R, head: bool) -> Result<Self, Error> {
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        let read_line = |reader: &mut BufReader<R>, line: &mut String| -> Result<(), Error> {
            line.clear();
            let mut raw = Vec::new();
            reader
                .read_until(b'\n', &mut raw)
                .map_err(|_| Error::ConnectionReset)?;
            if raw.is_empty() {
                return Err(Error::InvalidResponse);
            }
            *line = String::from_utf8_lossy(&raw)
                .trim_end_matches(['\r', '\n'])
                .to_string();
            Ok(())
        };
        read_line(&mut reader, &mut line)?;
        let mut parts = line.splitn(3, ' ');
        let version = parts.next().unwrap_or("").to_string();
        if !version.starts_with("HTTP/") {
            return Err(Error::InvalidResponse);
        }
        let status: u16 = parts
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or(Error::InvalidResponse)?;
        let status_text = parts.next().unwrap_or("").to_string();
        let mut raw_headers = format!("{line}\r\n");
        let mut headers = Vec::new();
        loop {
            read_line(&mut reader, &mut line)?;
            if line.is_empty() {
                break;
            }
            raw_headers += &line;
            raw_headers += "\r\n";
            if let Some((n, v)) = line.split_once(':') {
                headers.push((n.trim().to_string(), v.trim().to_string()));
            }
        }
        raw_headers += "\r\n";
        let mut r = Response {
            status,
            status_text,
            version,
            headers,
            raw_headers,
            reader,
            framing: Framing::ToEnd,
        };
        r.framing = if head || status == 204 || status == 304 || (100..200).contains(&status) {
            Framing::Length(0)
        } else if r
            .header("Transfer-Encoding")
            .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"))
        {
            Framing::Chunked {
                left: 0,
                done: false,
            }
        } else if let Some(n) = r.header("Content-Length").and_then(|v| v.parse().ok()) {
            Framing::Length(n)
        } else {
            Framing::ToEnd
        };
        Ok(r)
    }

    /// The first header of that name (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The `index`th header of that name.
    pub fn header_at(&self, name: &str, index: usize) -> Option<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .nth(index)
            .map(|(_, v)| v.as_str())
    }

    /// Body bytes already received and not yet read, or, when there are none, what one read
    /// of the connection brings (0 at the end of the body).
    pub fn available(&mut self) -> io::Result<usize> {
        let buffered = self.reader.buffer().len();
        if buffered > 0 || self.at_end() {
            return Ok(self.limit(buffered));
        }
        if matches!(self.framing, Framing::Chunked { left: 0, .. }) {
            self.next_chunk()?;
            if self.at_end() {
                return Ok(0);
            }
        }
        let n = self.reader.fill_buf()?.len();
        Ok(self.limit(n))
    }

    fn limit(&self, n: usize) -> usize {
        match self.framing {
            Framing::Length(left) => n.min(left as usize),
            Framing::Chunked { left, done } => {
                if done {
                    0
                } else {
                    n.min(left as usize)
                }
            }
            Framing::ToEnd => n,
        }
    }

    fn at_end(&self) -> bool {
        matches!(
            self.framing,
            Framing::Length(0) | Framing::Chunked { done: true, .. }
        )
    }

    /// Reads the next chunk's size line (and, after the last chunk, its trailers).
    fn next_chunk(&mut self) -> io::Result<()> {
        let bad = || io::Error::new(io::ErrorKind::InvalidData, "bad chunk");
        let mut line = Vec::new();
        loop {
            line.clear();
            if self.reader.read_until(b'\n', &mut line)? == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim();
            if text.is_empty() {
                continue; // the CRLF that ends the previous chunk's data
            }
            let size = text.split(';').next().unwrap_or("").trim();
            let size = u64::from_str_radix(size, 16).map_err(|_| bad())?;
            if size == 0 {
                loop {
                    line.clear();
                    if self.reader.read_until(b'\n', &mut line)? == 0
                        || line.iter().all(|b| b.is_ascii_whitespace())
                    {
                        break;
                    }
                }
                self.framing = Framing::Chunked {
                    left: 0,
                    done: true,
                };
            } else {
                self.framing = Framing::Chunked {
                    left: size,
                    done: false,
                };
            }
            return Ok(());
        }
    }

    /// Reads body bytes; 0 at its end.
    pub fn read_body(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if matches!(
            self.framing,
            Framing::Chunked {
                left: 0,
                done: false
            }
        ) {
            self.next_chunk()?;
        }
        let want = self.limit(buf.len());
        if want == 0 {
            return Ok(0);
        }
        let n = self.reader.read(&mut buf[..want])?;
        match &mut self.framing {
            Framing::Length(left) => {
                if n == 0 {
                    return Err(io::ErrorKind::UnexpectedEof.into());
                }
                *left -= n as u64;
            }
            Framing::Chunked { left, .. } => {
                if n == 0 {
                    return Err(io::ErrorKind::UnexpectedEof.into());
                }
                *left -= n as u64;
            }
            Framing::ToEnd => {}
        }
        Ok(n)
    }
}

/// Whether WinINet follows this status to its `Location`.
fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

/// The most redirects followed for one request, as WinINet's limit.
const MAX_REDIRECTS: usize = 10;

/// Sends `req` and reads the response's head; with `follow`, redirects are followed (a 303,
/// and a 301 or 302 of a POST, become a GET without a body, as browsers and WinINet do).
pub fn send(mut req: Request, follow: bool) -> Result<Response<TcpStream>, Error> {
    for _ in 0..=MAX_REDIRECTS {
        let mut stream = connect(&req.host, req.port)?;
        stream
            .write_all(&req.bytes())
            .map_err(|_| Error::ConnectionReset)?;
        let head = req.verb.eq_ignore_ascii_case("HEAD");
        let resp = Response::read_from(stream, head)?;
        if !(follow && is_redirect(resp.status)) {
            return Ok(resp);
        }
        let Some(location) = resp.header("Location") else {
            return Ok(resp);
        };
        let next = if location.starts_with('/') {
            Url {
                host: req.host.clone(),
                port: req.port,
                path: location.to_string(),
            }
        } else {
            match parse_url(location) {
                Ok(u) => u,
                Err(Error::UnrecognizedScheme) => return Err(Error::RedirectFailed),
                Err(e) => return Err(e),
            }
        };
        if resp.status == 303
            || (matches!(resp.status, 301 | 302) && req.verb.eq_ignore_ascii_case("POST"))
        {
            req.verb = "GET".into();
            req.body.clear();
        }
        req.host = next.host;
        req.port = next.port;
        req.path = next.path;
    }
    Err(Error::RedirectFailed)
}

fn connect(host: &str, port: u16) -> Result<TcpStream, Error> {
    use std::net::ToSocketAddrs;
    let addrs: Vec<_> = (host, port)
        .to_socket_addrs()
        .map_err(|_| Error::NameNotResolved)?
        .collect();
    if addrs.is_empty() {
        return Err(Error::NameNotResolved);
    }
    addrs
        .iter()
        .find_map(|a| TcpStream::connect(a).ok())
        .ok_or(Error::CannotConnect)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn urls_split_into_host_port_and_path() {
        let u = parse_url("http://example.com").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.path.as_str()),
            ("example.com", 80, "/")
        );
        let u = parse_url("HTTP://user:pw@127.0.0.1:8080/a/b?x=1#frag").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.path.as_str()),
            ("127.0.0.1", 8080, "/a/b?x=1")
        );
        let u = parse_url("http://[::1]:81?q").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.path.as_str()),
            ("::1", 81, "/?q")
        );
        assert_eq!(
            parse_url("https://example.com/"),
            Err(Error::UnrecognizedScheme)
        );
        assert_eq!(
            parse_url("ftp://example.com/"),
            Err(Error::UnrecognizedScheme)
        );
        assert_eq!(parse_url("example.com"), Err(Error::InvalidUrl));
        assert_eq!(parse_url("http://:80/"), Err(Error::InvalidUrl));
        assert_eq!(parse_url("http://h:port/"), Err(Error::InvalidUrl));
    }

    #[test]
    fn cracking_finds_every_part() {
        let url = "https://me:pw@example.com:8443/dir/file.zip?x=1#top";
        let c = crack(url.as_bytes()).unwrap();
        let part = |r: std::ops::Range<usize>| &url[r];
        assert_eq!(part(c.scheme.clone()), "https");
        assert_eq!(part(c.user.clone()), "me");
        assert_eq!(part(c.password.clone()), "pw");
        assert_eq!(part(c.host.clone()), "example.com");
        assert_eq!(c.port, Some(8443));
        assert_eq!(part(c.path.clone()), "/dir/file.zip");
        assert_eq!(part(c.extra.clone()), "?x=1#top");
        let url = "http://[::1]/";
        let c = crack(url.as_bytes()).unwrap();
        assert_eq!(
            (&url[c.host.clone()], c.port, &url[c.path.clone()]),
            ("::1", None, "/")
        );
        let url = "http://host";
        let c = crack(url.as_bytes()).unwrap();
        assert_eq!(
            (
                &url[c.host.clone()],
                c.path.clone().count(),
                c.extra.clone().count()
            ),
            ("host", 0, 0)
        );
        let wide: Vec<u16> = "ftp://h:21/a".encode_utf16().collect();
        let c = crack(&wide).unwrap();
        assert_eq!(
            (c.host.clone(), c.port, c.path.clone()),
            (6..7, Some(21), 10..12)
        );
        assert_eq!(crack("no scheme".as_bytes()), None);
        assert_eq!(crack("http://h:port/".as_bytes()), None);
    }

    #[test]
    fn the_request_carries_host_agent_and_close() {
        let r = Request {
            verb: "POST".into(),
            host: "h".into(),
            port: 8080,
            path: "/p".into(),
            version: "HTTP/1.1".into(),
            agent: "agent".into(),
            headers: "Accept: */*\r\nX-A: 1".into(),
            body: b"ab".to_vec(),
        };
        assert_eq!(
            String::from_utf8(r.bytes()).unwrap(),
            "POST /p HTTP/1.1\r\nHost: h:8080\r\nUser-Agent: agent\r\nAccept: */*\r\nX-A: 1\r\n\
             Content-Length: 2\r\nConnection: close\r\n\r\nab"
        );
    }

    fn body_of(raw: &str) -> (Response<Cursor<Vec<u8>>>, Vec<u8>) {
        let mut r = Response::read_from(Cursor::new(raw.as_bytes().to_vec()), false).unwrap();
        let mut out = Vec::new();
        let mut buf = [0u8; 3];
        loop {
            let n = r.read_body(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        (r, out)
    }

    #[test]
    fn bodies_end_where_their_framing_says() {
        let (r, b) = body_of("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX: y\r\n\r\nhelloEXTRA");
        assert_eq!((r.status, r.status_text.as_str()), (200, "OK"));
        assert_eq!(b, b"hello");
        assert_eq!(r.header("content-length"), Some("5"));
        assert_eq!(
            r.raw_headers,
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX: y\r\n\r\n"
        );
        let (_, b) = body_of(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;x=1\r\npedia\r\n0\r\nT: 1\r\n\r\nJUNK",
        );
        assert_eq!(b, b"Wikipedia");
        let (_, b) = body_of("HTTP/1.0 404 Not Found\r\n\r\nto the end");
        assert_eq!(b, b"to the end");
        let (_, b) = body_of("HTTP/1.1 204 No Content\r\n\r\nignored");
        assert_eq!(b, b"");
    }

    #[test]
    fn available_counts_what_is_buffered() {
        let mut r = Response::read_from(
            Cursor::new(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcdef".to_vec()),
            false,
        )
        .unwrap();
        assert_eq!(r.available().unwrap(), 4);
        let mut buf = [0u8; 8];
        assert_eq!(r.read_body(&mut buf).unwrap(), 4);
        assert_eq!(r.available().unwrap(), 0);
    }

    #[test]
    fn a_response_that_is_not_http_is_refused() {
        assert!(matches!(
            Response::read_from(Cursor::new(b"SSH-2.0-x\r\n".to_vec()), false),
            Err(Error::InvalidResponse)
        ));
        assert!(matches!(
            Response::read_from(Cursor::new(Vec::new()), false),
            Err(Error::InvalidResponse)
        ));
    }
}
