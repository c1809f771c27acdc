//! `FormatMessage`'s system message table and its message formatting.
//!
//! The texts are the English system messages Windows returns for `FORMAT_MESSAGE_FROM_SYSTEM`
//! (as listed in Microsoft's "System Error Codes" reference): every Winsock code and the common
//! Win32 codes network programs see. As on Windows, a system message ends with "\r\n".

use super::codes::*;

/// The English system message for `code`, without the trailing line break.
pub fn system_message(code: u32) -> Option<&'static str> {
    TABLE
        .binary_search_by_key(&code, |&(c, _)| c)
        .ok()
        .map(|i| TABLE[i].1)
}

/// Sorted by code.
const TABLE: &[(u32, &str)] = &[
    (0, "The operation completed successfully."),
    (1, "Incorrect function."),
    (2, "The system cannot find the file specified."),
    (3, "The system cannot find the path specified."),
    (4, "The system cannot open the file."),
    (5, "Access is denied."),
    (6, "The handle is invalid."),
    (7, "The storage control blocks were destroyed."),
    (8, "Not enough memory resources are available to process this command."),
    (13, "The data is invalid."),
    (14, "Not enough storage is available to complete this operation."),
    (31, "A device attached to the system is not functioning."),
    (50, "The request is not supported."),
    (51, "Windows cannot find the network path. Verify that the network path is correct and the destination computer is not busy or turned off. If Windows still cannot find the network path, contact your network administrator."),
    (54, "The network is busy."),
    (58, "The specified server cannot perform the requested operation."),
    (59, "An unexpected network error occurred."),
    (67, "The network name cannot be found."),
    (87, "The parameter is incorrect."),
    (111, "The file name is too long."),
    (120, "This function is not supported on this system."),
    (122, "The data area passed to a system call is too small."),
    (160, "One or more arguments are not correct."),
    (183, "Cannot create a file when that file already exists."),
    (193, "%1 is not a valid Win32 application."),
    (232, "The pipe is being closed."),
    (234, "More data is available."),
    (258, "The wait operation timed out."),
    (259, "No more data is available."),
    (317, "The system cannot find message text for message number 0x%1 in the message file for %2."),
    (995, "The I/O operation has been aborted because of either a thread exit or an application request."),
    (996, "Overlapped I/O event is not in a signaled state."),
    (997, "Overlapped I/O operation is in progress."),
    (998, "Invalid access to memory location."),
    (1003, "Cannot complete this function."),
    (1150, "The specified program requires a newer version of Windows."),
    (1168, "Element not found."),
    (1214, "The format of the specified network name is invalid."),
    (1234, "No service is operating at the destination network endpoint on the remote system."),
    (1450, "Insufficient system resources exist to complete the requested service."),
    (1460, "This operation returned because the timeout period expired."),
    (1784, "The supplied user buffer is not valid for the requested operation."),
    (10004, "A blocking operation was interrupted by a call to WSACancelBlockingCall."),
    (10009, "The file handle supplied is not valid."),
    (10013, "An attempt was made to access a socket in a way forbidden by its access permissions."),
    (10014, "The system detected an invalid pointer address in attempting to use a pointer argument in a call."),
    (10022, "An invalid argument was supplied."),
    (10024, "Too many open sockets."),
    (10035, "A non-blocking socket operation could not be completed immediately."),
    (10036, "A blocking operation is currently executing."),
    (10037, "An operation was attempted on a non-blocking socket that already had an operation in progress."),
    (10038, "An operation was attempted on something that is not a socket."),
    (10039, "A required address was omitted from an operation on a socket."),
    (10040, "A message sent on a datagram socket was larger than the internal message buffer or some other network limit, or the buffer used to receive a datagram into was smaller than the datagram itself."),
    (10041, "A protocol was specified in the socket function call that does not support the semantics of the socket type requested."),
    (10042, "An unknown, invalid, or unsupported option or level was specified in a getsockopt or setsockopt call."),
    (10043, "The requested protocol has not been configured into the system, or no implementation for it exists."),
    (10044, "The support for the specified socket type does not exist in this address family."),
    (10045, "The attempted operation is not supported for the type of object referenced."),
    (10046, "The protocol family has not been configured into the system or no implementation for it exists."),
    (10047, "An address incompatible with the requested protocol was used."),
    (10048, "Only one usage of each socket address (protocol/network address/port) is normally permitted."),
    (10049, "The requested address is not valid in its context."),
    (10050, "A socket operation encountered a dead network."),
    (10051, "A socket operation was attempted to an unreachable network."),
    (10052, "The connection has been broken due to keep-alive activity detecting a failure while the operation was in progress."),
    (10053, "An established connection was aborted by the software in your host machine."),
    (10054, "An existing connection was forcibly closed by the remote host."),
    (10055, "An operation on a socket could not be performed because the system lacked sufficient buffer space or because a queue was full."),
    (10056, "A connect request was made on an already connected socket."),
    (10057, "A request to send or receive data was disallowed because the socket is not connected and (when sending on a datagram socket using a sendto call) no address was supplied."),
    (10058, "A request to send or receive data was disallowed because the socket had already been shut down in that direction with a previous shutdown call."),
    (10059, "Too many references to some kernel object."),
    (10060, "A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond."),
    (10061, "No connection could be made because the target machine actively refused it."),
    (10062, "Cannot translate name."),
    (10063, "Name component or name was too long."),
    (10064, "A socket operation failed because the destination host was down."),
    (10065, "A socket operation was attempted to an unreachable host."),
    (10066, "Cannot remove a directory that is not empty."),
    (10067, "A Windows Sockets implementation may have a limit on the number of applications that may use it simultaneously."),
    (10068, "Ran out of quota."),
    (10069, "Ran out of disk quota."),
    (10070, "File handle reference is no longer available."),
    (10071, "Item is not available locally."),
    (10091, "WSAStartup cannot function at this time because the underlying system it uses to provide network services is currently unavailable."),
    (10092, "The Windows Sockets version requested is not supported."),
    (10093, "Either the application has not called WSAStartup, or WSAStartup failed."),
    (10101, "Returned by WSARecv or WSARecvFrom to indicate the remote party has initiated a graceful shutdown sequence."),
    (10102, "No more results can be returned by WSALookupServiceNext."),
    (10103, "A call to WSALookupServiceEnd was made while this call was still processing. The call has been canceled."),
    (10104, "The procedure call table is invalid."),
    (10105, "The requested service provider is invalid."),
    (10106, "The requested service provider could not be loaded or initialized."),
    (10107, "A system call has failed."),
    (10108, "No such service is known. The service cannot be found in the specified name space."),
    (10109, "The specified class was not found."),
    (10110, "No more results can be returned by WSALookupServiceNext."),
    (10111, "A call to WSALookupServiceEnd was made while this call was still processing. The call has been canceled."),
    (10112, "A database query failed because it was actively refused."),
    (11001, "No such host is known."),
    (11002, "This is usually a temporary error during hostname resolution and means that the local server did not receive a response from an authoritative server."),
    (11003, "A non-recoverable error occurred during a database lookup."),
    (11004, "The requested name is valid, but no data of the requested type was found."),
    (11005, "At least one reserve has arrived."),
    (11006, "At least one path has arrived."),
    (11007, "There are no senders."),
    (11008, "There are no receivers."),
    (11009, "Reserve has been confirmed."),
    (11010, "Error due to lack of resources."),
    (11011, "Rejected for administrative reasons - bad credentials."),
    (11012, "Unknown or conflicting style."),
    (11013, "Problem with some part of the filterspec or providerspecific buffer in general."),
    (11014, "Problem with some part of the flowspec."),
    (11015, "General QOS error."),
    (11016, "An invalid or unrecognized service type was found in the flowspec."),
    (11017, "An invalid or inconsistent flowspec was found in the QOS structure."),
    (11018, "Invalid QOS provider-specific buffer."),
    (11019, "An invalid QOS filter style was used."),
    (11020, "An invalid QOS filter type was used."),
    (11021, "An incorrect number of QOS FILTERSPECs were specified in the FLOWDESCRIPTOR."),
    (11022, "An object with an invalid ObjectLength field was specified in the QOS provider-specific buffer."),
    (11023, "An incorrect number of flow descriptors was specified in the QOS structure."),
    (11024, "An unrecognized object was found in the QOS provider-specific buffer."),
    (11025, "An invalid policy object was found in the QOS provider-specific buffer."),
    (11026, "An invalid QOS flow descriptor was found in the flow descriptor list."),
    (11027, "An invalid or inconsistent flowspec was found in the QOS provider specific buffer."),
    (11028, "An invalid FILTERSPEC was found in the QOS provider-specific buffer."),
    (11029, "An invalid shape discard mode object was found in the QOS provider specific buffer."),
    (11030, "An invalid shaping rate object was found in the QOS provider-specific buffer."),
    (11031, "A reserved policy element was found in the QOS provider-specific buffer."),
    (11032, "No such host is known securely."),
    (11033, "Name based IPSEC policy could not be added."),
    // COM and security HRESULTs programs pass to FormatMessage (an HRESULT of FACILITY_WIN32
    // is answered with its Win32 code's text instead, see `system_text`).
    (0x8000_4001, "Not implemented"),
    (0x8000_4002, "No such interface supported"),
    (0x8000_4003, "Invalid pointer"),
    (0x8000_4004, "Operation aborted"),
    (0x8000_4005, "Unspecified error"),
    (0x8000_FFFF, "Catastrophic failure"),
    (0x8009_2009, "Cannot find object or property."),
    (0x800B_0100, "No signature was present in the subject."),
];

pub(crate) const FORMAT_MESSAGE_IGNORE_INSERTS: u32 = 0x0000_0200;
pub(crate) const FORMAT_MESSAGE_FROM_STRING: u32 = 0x0000_0400;
pub(crate) const FORMAT_MESSAGE_FROM_HMODULE: u32 = 0x0000_0800;
pub(crate) const FORMAT_MESSAGE_FROM_SYSTEM: u32 = 0x0000_1000;
pub(crate) const FORMAT_MESSAGE_ARGUMENT_ARRAY: u32 = 0x0000_2000;
pub(crate) const FORMAT_MESSAGE_MAX_WIDTH_MASK: u32 = 0x0000_00FF;

/// Where the insert arguments come from.
pub enum Args<'a> {
    /// Neither an array nor a `va_list` (a NULL `Arguments`).
    Missing,
    /// `FORMAT_MESSAGE_ARGUMENT_ARRAY`: reads slot `i` (0-based) of the caller's array.
    Array(&'a dyn Fn(usize) -> u64),
    /// A `va_list`: each call is the next argument.
    List(&'a mut dyn FnMut() -> u64),
}

/// Where the message comes from and how to expand it.
pub struct Request<'a> {
    pub flags: u32,
    /// The `FORMAT_MESSAGE_FROM_STRING` source, already converted to UTF-8.
    pub source: Option<String>,
    pub message_id: u32,
    pub language_id: u32,
    /// `FormatMessageW` (a `%1` or `%1!s!` insert is a `WCHAR` string) or `FormatMessageA`.
    pub wide: bool,
    pub args: Args<'a>,
    /// Reads the string at an insert's pointer value: `true` for a `WCHAR` string.
    pub read_text: &'a dyn Fn(u64, bool) -> Option<String>,
    /// The caller's buffer size in characters when it is not allocated: formatting stops once
    /// the output cannot fit, so the inserts after that point read no argument (Windows
    /// consumes a `va_list`'s arguments only up to there).
    pub limit: Option<usize>,
}

/// Why formatting failed: the Win32 error, and what was produced before it (`FormatMessageW`
/// has written that much into the caller's buffer when it fails).
pub struct Failure {
    pub code: u32,
    pub partial: String,
}

/// Languages the English table answers: neutral (0), the neutral/default/system-default
/// sublanguages, and English in any sublanguage.
fn language_ok(lang: u32) -> bool {
    let primary = lang & 0x3ff;
    lang <= 0xffff && (primary == 0 || primary == 0x09)
}

/// The system text for `id`: an HRESULT of `FACILITY_WIN32` with the error severity is
/// answered with its Win32 code's text (`E_ACCESSDENIED` is "Access is denied.").
fn system_text(id: u32) -> Option<&'static str> {
    system_message(id).or_else(|| {
        if id & 0xFFFF_0000 == 0x8007_0000 {
            system_message(id & 0xFFFF)
        } else {
            None
        }
    })
}

fn fail(code: u32) -> Failure {
    Failure {
        code,
        partial: String::new(),
    }
}

/// The formatted message, or the Win32 error `FormatMessage` sets. An empty result is
/// `Ok("")` (the caller reports `ERROR_NO_WORK_DONE`).
pub fn format(req: &mut Request<'_>) -> Result<String, Failure> {
    let template = if req.flags & FORMAT_MESSAGE_FROM_STRING != 0 {
        req.source.clone().ok_or(fail(ERROR_INVALID_PARAMETER))?
    } else if req.flags & (FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_FROM_HMODULE) != 0 {
        // A module's message table cannot be loaded here: FROM_HMODULE finds the system table
        // (the one kernel32's handle holds on Windows) when FROM_SYSTEM is also set.
        if req.flags & FORMAT_MESSAGE_FROM_SYSTEM == 0 {
            return Err(fail(ERROR_MR_MID_NOT_FOUND));
        }
        if !language_ok(req.language_id) {
            return Err(fail(ERROR_RESOURCE_LANG_NOT_FOUND));
        }
        let text = system_text(req.message_id).ok_or(fail(ERROR_MR_MID_NOT_FOUND))?;
        // Message-table entries end with a line break.
        format!("{text}\r\n")
    } else {
        return Err(fail(ERROR_INVALID_PARAMETER));
    };
    let mut cursor = Cursor {
        args: std::mem::replace(&mut req.args, Args::Missing),
        cache: Vec::new(),
        last: 0,
    };
    let r = expand(
        &template,
        req.flags,
        req.wide,
        &mut cursor,
        req.read_text,
        req.limit,
    );
    req.args = cursor.args;
    r
}

/// The insert arguments as Windows numbers them. With a `va_list`, arguments are read in order
/// into a cache as inserts ask for them; a width or precision taken from the arguments (`*`)
/// uses the one after the last read, and with a `va_list` the insert's own value then takes
/// the slot of the precision's (or width's) successor, which reads one more argument: the
/// numbering Wine's `format_msg.c` records for Windows (`"%1!*.*u!,%3!*.*u!"` with
/// 5, 3, 1, 6, 4, 2 is `"  001,  0002"`; with an array 6, 4, 2, 5, 3, 1,
/// `"%1!*.*u!,%1!*.*u!"` is `"  0002, 00003"`).
struct Cursor<'a> {
    args: Args<'a>,
    cache: Vec<u64>,
    last: usize,
}

impl Cursor<'_> {
    /// Argument `nr` (1-based), or the one after the last read.
    fn get(&mut self, nr: Option<usize>) -> u64 {
        let nr = nr.unwrap_or(self.last + 1);
        match &mut self.args {
            Args::List(next) => {
                while nr > self.last {
                    let v = next();
                    if self.cache.len() > self.last {
                        self.cache[self.last] = v;
                    } else {
                        self.cache.push(v);
                    }
                    self.last += 1;
                }
                self.cache[nr - 1]
            }
            Args::Array(read) => {
                self.last = self.last.max(nr);
                read(nr - 1)
            }
            Args::Missing => 0,
        }
    }
}

/// The output with the line-width rule applied as characters arrive: with a width of 1..254,
/// a line that reaches the width is broken at its last space (the run of spaces there is
/// dropped and what followed it starts the next line) or, with no space, right after it.
struct Out {
    text: Vec<char>,
    line_start: usize,
    width: usize,
}

impl Out {
    fn push(&mut self, c: char) {
        self.text.push(c);
        if self.width == 0 || self.text.len() - self.line_start < self.width {
            return;
        }
        let line = &self.text[self.line_start..];
        match line.iter().rposition(|&c| c == ' ') {
            Some(p) => {
                let p = self.line_start + p;
                let rest: Vec<char> = self.text[p + 1..].to_vec();
                let mut q = p;
                while q > self.line_start && self.text[q - 1] == ' ' {
                    q -= 1;
                }
                self.text.truncate(q);
                self.text.extend(['\r', '\n']);
                self.line_start = self.text.len();
                self.text.extend(rest);
            }
            None => {
                self.text.extend(['\r', '\n']);
                self.line_start = self.text.len();
            }
        }
    }

    fn push_str(&mut self, s: &str) {
        s.chars().for_each(|c| self.push(c));
    }

    /// A line break that is not a wrap: `%n` (and `%r`, which starts a new line as well).
    fn new_line(&mut self, crlf: bool) {
        self.text.push('\r');
        if crlf {
            self.text.push('\n');
        }
        self.line_start = self.text.len();
    }

    fn string(&self) -> String {
        self.text.iter().collect()
    }
}

/// Expands escapes and inserts. Line breaks in the template (CR, LF or CRLF) become CRLF, or a
/// space when the flags give a width; `%n` is always CRLF; `FORMAT_MESSAGE_MAX_WIDTH_MASK`
/// (255) wraps nothing.
fn expand(
    template: &str,
    flags: u32,
    wide: bool,
    cursor: &mut Cursor<'_>,
    read_text: &dyn Fn(u64, bool) -> Option<String>,
    limit: Option<usize>,
) -> Result<String, Failure> {
    let width = flags & FORMAT_MESSAGE_MAX_WIDTH_MASK;
    let ignore_inserts = flags & FORMAT_MESSAGE_IGNORE_INSERTS != 0;
    let mut out = Out {
        text: Vec::new(),
        line_start: 0,
        width: if width == FORMAT_MESSAGE_MAX_WIDTH_MASK {
            0
        } else {
            width as usize
        },
    };
    let chars: Vec<char> = template.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if limit.is_some_and(|l| out.text.len() >= l.max(1)) {
            // It cannot fit: the caller reports ERROR_INSUFFICIENT_BUFFER.
            break;
        }
        let c = chars[i];
        i += 1;
        if c == '\r' || c == '\n' {
            if c == '\r' && chars.get(i) == Some(&'\n') {
                i += 1;
            }
            if width != 0 {
                out.push(' ');
            } else {
                out.new_line(true);
            }
            continue;
        }
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(&next) = chars.get(i) else {
            return Err(Failure {
                code: ERROR_INVALID_PARAMETER,
                partial: out.string(),
            });
        };
        i += 1;
        match next {
            '0' => break,
            'n' => out.new_line(true),
            'r' => out.new_line(false),
            't' => out.push('\t'),
            '1'..='9' if !ignore_inserts => {
                if matches!(cursor.args, Args::Missing) {
                    return Err(Failure {
                        code: ERROR_INVALID_PARAMETER,
                        partial: out.string(),
                    });
                }
                let mut nr = next as usize - '0' as usize;
                if let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                    nr = nr * 10 + d as usize;
                    i += 1;
                }
                let spec: Vec<char> = if chars.get(i) == Some(&'!') {
                    let end = chars[i + 1..]
                        .iter()
                        .position(|&c| c == '!')
                        .map_or(chars.len(), |p| i + 1 + p);
                    let spec = chars[i + 1..end].to_vec();
                    i = (end + 1).min(chars.len());
                    spec
                } else {
                    vec!['s']
                };
                let text = insert(nr, &spec, wide, cursor, read_text);
                out.push_str(&text);
            }
            other => {
                // %% %. %! %space and any other character: the character itself; with
                // IGNORE_INSERTS, the sequence as written (inserts included).
                if ignore_inserts {
                    out.push('%');
                }
                out.push(other);
            }
        }
    }
    Ok(out.string())
}

/// One insert `%nr!spec!`: printf's flags, width and precision (`*` takes them from the
/// arguments), then the type with its size prefix (`h`, `l`, `w`, `ll`, `I`, `I32`, `I64`).
fn insert(
    nr: usize,
    spec: &[char],
    wide: bool,
    cursor: &mut Cursor<'_>,
    read_text: &dyn Fn(u64, bool) -> Option<String>,
) -> String {
    let mut i = 0;
    let (mut left, mut zero, mut plus, mut space, mut alt) = (false, false, false, false, false);
    let mut width = 0usize;
    let mut precision: Option<usize> = None;
    let mut nr = Some(nr);
    while let Some(&c) = spec.get(i) {
        match c {
            '-' => left = true,
            '0' => zero = true,
            '+' => plus = true,
            ' ' => space = true,
            '#' => alt = true,
            '*' => {
                width = cursor.get(nr) as u32 as usize;
                nr = None;
            }
            _ => break,
        }
        i += 1;
    }
    while let Some(d) = spec.get(i).and_then(|c| c.to_digit(10)) {
        width = width * 10 + d as usize;
        i += 1;
    }
    if spec.get(i) == Some(&'.') {
        i += 1;
        let mut p = 0usize;
        if spec.get(i) == Some(&'*') {
            p = cursor.get(nr) as u32 as usize;
            nr = None;
            i += 1;
        } else {
            while let Some(d) = spec.get(i).and_then(|c| c.to_digit(10)) {
                p = p * 10 + d as usize;
                i += 1;
            }
        }
        precision = Some(p);
    }
    if nr.is_none() {
        if let Args::List(_) = cursor.args {
            cursor.last -= 1;
        }
    }
    let rest: String = spec[i..].iter().collect();
    let (size, conv) = if let Some(r) = rest.strip_prefix("I64") {
        (64, r)
    } else if let Some(r) = rest.strip_prefix("I32") {
        (32, r)
    } else if let Some(r) = rest.strip_prefix("ll") {
        (64, r)
    } else if let Some(r) = rest.strip_prefix('I') {
        (usize::BITS, r)
    } else if let Some(r) = rest.strip_prefix('h') {
        (16, r)
    } else if let Some(r) = rest.strip_prefix('l').or_else(|| rest.strip_prefix('w')) {
        (33, r) // `l`/`w`: wide for s and c, 32 bits for numbers
    } else {
        (0, rest.as_str())
    };
    let arg = cursor.get(nr);
    let conv = conv.chars().next().unwrap_or('s');
    let body = match conv {
        's' | 'S' | 'c' | 'C' => {
            let wide_arg = match size {
                16 => false,
                33 => true,
                _ => wide != conv.is_ascii_uppercase(),
            };
            if conv.eq_ignore_ascii_case(&'c') {
                let unit = if wide_arg {
                    arg as u16 as u32
                } else {
                    arg as u8 as u32
                };
                char::from_u32(unit).unwrap_or('\u{FFFD}').to_string()
            } else {
                let text = if arg == 0 {
                    "(null)".to_string()
                } else {
                    read_text(arg, wide_arg).unwrap_or_default()
                };
                match precision {
                    Some(p) => text.chars().take(p).collect(),
                    None => text,
                }
            }
        }
        'p' => format!(
            "{:0w$X}",
            arg as usize,
            w = std::mem::size_of::<usize>() * 2
        ),
        _ => {
            let bits = match size {
                64 => 64,
                16 => 16,
                _ => 32,
            };
            let mask = if bits == 64 {
                u64::MAX
            } else {
                (1u64 << bits) - 1
            };
            let raw = arg & mask;
            let (negative, magnitude) = if matches!(conv, 'd' | 'i') {
                let signed = ((raw << (64 - bits)) as i64) >> (64 - bits);
                (signed < 0, signed.unsigned_abs())
            } else {
                (false, raw)
            };
            let mut digits = match conv {
                'x' => format!("{magnitude:x}"),
                'X' => format!("{magnitude:X}"),
                'o' => format!("{magnitude:o}"),
                _ => magnitude.to_string(),
            };
            if let Some(p) = precision {
                if p == 0 && magnitude == 0 {
                    digits.clear();
                }
                while digits.len() < p {
                    digits.insert(0, '0');
                }
            }
            let prefix = if negative {
                "-"
            } else if plus && matches!(conv, 'd' | 'i') {
                "+"
            } else if space && matches!(conv, 'd' | 'i') {
                " "
            } else if alt && magnitude != 0 && conv == 'x' {
                "0x"
            } else if alt && magnitude != 0 && conv == 'X' {
                "0X"
            } else if alt && conv == 'o' && !digits.starts_with('0') {
                "0"
            } else {
                ""
            };
            if zero && !left && precision.is_none() {
                let pad = width.saturating_sub(prefix.len() + digits.len());
                return format!("{prefix}{}{digits}", "0".repeat(pad));
            }
            format!("{prefix}{digits}")
        }
    };
    let n = body.chars().count();
    if n >= width {
        body
    } else if left {
        format!("{body}{}", " ".repeat(width - n))
    } else {
        format!("{}{body}", " ".repeat(width - n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_text(_: u64, _: bool) -> Option<String> {
        None
    }

    fn run(flags: u32, source: Option<&str>, id: u32, args: Args<'_>) -> Result<String, u32> {
        format(&mut Request {
            flags,
            source: source.map(str::to_string),
            message_id: id,
            language_id: 0,
            wide: false,
            args,
            read_text: &no_text,
            limit: None,
        })
        .map_err(|f| f.code)
    }

    #[test]
    fn table_is_sorted() {
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn system_messages_end_with_crlf() {
        let system = |code, flags| {
            run(
                FORMAT_MESSAGE_FROM_SYSTEM | flags,
                None,
                code,
                Args::Missing,
            )
        };
        assert_eq!(
            system(10061, 0).unwrap(),
            "No connection could be made because the target machine actively refused it.\r\n"
        );
        assert_eq!(
            system(0, 0xff).unwrap(),
            "The operation completed successfully. "
        );
        assert_eq!(system(12345, 0), Err(ERROR_MR_MID_NOT_FOUND));
        assert_eq!(system(0x8007_0005, 0).unwrap(), "Access is denied.\r\n");
        // A system message with an insert needs arguments.
        assert_eq!(system(193, 0), Err(ERROR_INVALID_PARAMETER));
    }

    #[test]
    fn inserts_take_printf_specs() {
        let slots = [5u64, 3, 1, (-7i64) as u64, 0xffff_ffff_ffff_fffe];
        let read = |i: usize| slots[i];
        let s = |src: &str| {
            run(
                FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY,
                Some(src),
                0,
                Args::Array(&read),
            )
            .unwrap()
        };
        assert_eq!(s("%1!4d!|%1!-4d!|%1!04x!"), "   5|5   |0005");
        assert_eq!(
            s("%4!d! %4!u! %5!I64d! %5!I64X!"),
            "-7 4294967289 -2 FFFFFFFFFFFFFFFE"
        );
        assert_eq!(s("%1!*.*u!"), "  001");
        assert_eq!(s("100%% %n%.%!"), "100% \r\n.!");
        assert_eq!(s("a%0b"), "a");
    }

    #[test]
    fn va_list_numbering_reads_in_order() {
        let values = [5u64, 3, 1, 6, 4, 2];
        let mut n = 0;
        let mut next = || {
            n += 1;
            values[n - 1]
        };
        let r = run(
            FORMAT_MESSAGE_FROM_STRING,
            Some("%1!*.*u!,%3!*.*u!"),
            0,
            Args::List(&mut next),
        );
        assert_eq!(r.unwrap(), "  001,  0002");
    }

    #[test]
    fn lines_wrap_at_the_last_space() {
        let w = |width: u32, src: &str| {
            run(
                FORMAT_MESSAGE_FROM_STRING | width,
                Some(src),
                0,
                Args::Missing,
            )
            .unwrap()
        };
        assert_eq!(w(11, "short long line"), "short long\r\nline");
        assert_eq!(w(12, "short long    line"), "short long\r\n  line");
        assert_eq!(w(8, "shortlongline"), "shortlon\r\ngline");
        assert_eq!(w(8, "short%rlong line"), "short\rlong\r\nline");
        assert_eq!(w(0xff, "a\r\nb"), "a b");
    }

    #[test]
    fn ignore_inserts_keeps_sequences() {
        let r = run(
            FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_IGNORE_INSERTS,
            Some("x %1!d! %% %n"),
            0,
            Args::Missing,
        );
        assert_eq!(r.unwrap(), "x %1!d! %% \r\n");
        let r = run(FORMAT_MESSAGE_FROM_STRING, Some("x %1"), 0, Args::Missing);
        assert_eq!(r, Err(ERROR_INVALID_PARAMETER));
    }
}
