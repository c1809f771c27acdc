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
];

pub(crate) const FORMAT_MESSAGE_IGNORE_INSERTS: u32 = 0x0000_0200;
pub(crate) const FORMAT_MESSAGE_FROM_STRING: u32 = 0x0000_0400;
pub(crate) const FORMAT_MESSAGE_FROM_HMODULE: u32 = 0x0000_0800;
pub(crate) const FORMAT_MESSAGE_FROM_SYSTEM: u32 = 0x0000_1000;
pub(crate) const FORMAT_MESSAGE_ARGUMENT_ARRAY: u32 = 0x0000_2000;
pub(crate) const FORMAT_MESSAGE_MAX_WIDTH_MASK: u32 = 0x0000_00FF;

/// One insert argument, already read from the caller's argument array.
pub enum Insert {
    Text(String),
    Number(u64),
}

/// Where the message comes from and how to expand it.
pub struct Request<'a> {
    pub flags: u32,
    /// The `FORMAT_MESSAGE_FROM_STRING` source, already converted to UTF-8.
    pub source: Option<String>,
    pub message_id: u32,
    pub language_id: u32,
    /// Reads insert `n` (1-based) with its printf-style type (`s`, `d`, `u`, `x`, ...); `None`
    /// when there is no argument array.
    pub insert: Option<&'a dyn Fn(usize, char) -> Option<Insert>>,
}

/// Languages the English table answers: neutral (0), the neutral/default/system-default
/// sublanguages, and English in any sublanguage.
fn language_ok(lang: u32) -> bool {
    let primary = lang & 0x3ff;
    lang <= 0xffff && (primary == 0 || primary == 0x09)
}

/// The formatted message, or the Win32 error `FormatMessage` sets.
pub fn format(req: &Request<'_>) -> Result<String, u32> {
    let (template, system) = if req.flags & FORMAT_MESSAGE_FROM_STRING != 0 {
        (req.source.clone().ok_or(ERROR_INVALID_PARAMETER)?, false)
    } else if req.flags & FORMAT_MESSAGE_FROM_SYSTEM != 0 {
        if !language_ok(req.language_id) {
            return Err(ERROR_RESOURCE_LANG_NOT_FOUND);
        }
        let text = system_message(req.message_id).ok_or(ERROR_MR_MID_NOT_FOUND)?;
        // Message-table entries end with a line break.
        (format!("{text}\r\n"), true)
    } else if req.flags & FORMAT_MESSAGE_FROM_HMODULE != 0 {
        // Only the system table exists here (a module's table is not loadable).
        return Err(ERROR_MR_MID_NOT_FOUND);
    } else {
        return Err(ERROR_INVALID_PARAMETER);
    };
    let ignore_inserts = req.flags & FORMAT_MESSAGE_IGNORE_INSERTS != 0;
    let width = req.flags & FORMAT_MESSAGE_MAX_WIDTH_MASK;
    expand(&template, system, ignore_inserts, width, req.insert)
}

/// Expands escapes and inserts, then applies the width rule: 0 keeps the template's line
/// breaks, `FORMAT_MESSAGE_MAX_WIDTH_MASK` turns them into spaces, 1..254 also wraps lines at
/// that width. `%n` line breaks are always kept.
fn expand(
    template: &str,
    system: bool,
    ignore_inserts: bool,
    width: u32,
    insert: Option<&dyn Fn(usize, char) -> Option<Insert>>,
) -> Result<String, u32> {
    const HARD_BREAK: char = '\u{1}';
    let mut out = String::new();
    let chars: Vec<char> = template.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c == '\r' && chars.get(i) == Some(&'\n') {
            i += 1;
            out.push(if width == 0 { HARD_BREAK } else { ' ' });
            continue;
        }
        if c == '\n' && !system {
            out.push(if width == 0 { HARD_BREAK } else { ' ' });
            continue;
        }
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(&next) = chars.get(i) else {
            break;
        };
        match next {
            '0' => return Ok(finish(&out, width)),
            '1'..='9' => {
                let start = i - 1;
                let mut n = 0usize;
                while i < chars.len() && chars[i].is_ascii_digit() && n < 10 {
                    n = n * 10 + (chars[i] as usize - '0' as usize);
                    i += 1;
                }
                let mut kind = 's';
                let mut spec_end = i;
                if chars.get(i) == Some(&'!') {
                    if let Some(close) = chars[i + 1..].iter().position(|&c| c == '!') {
                        let spec: String = chars[i + 1..i + 1 + close].iter().collect();
                        kind = spec.chars().last().unwrap_or('s');
                        spec_end = i + close + 2;
                    }
                }
                if ignore_inserts {
                    out.extend(&chars[start..spec_end]);
                    i = spec_end;
                    continue;
                }
                i = spec_end;
                let read = insert.ok_or(ERROR_INVALID_PARAMETER)?;
                match read(n, kind).ok_or(ERROR_INVALID_PARAMETER)? {
                    Insert::Text(s) => out.push_str(&s),
                    Insert::Number(v) => out.push_str(&match kind {
                        'd' | 'i' => (v as i64 as i32).to_string(),
                        'x' => format!("{:x}", v as u32),
                        'X' => format!("{:X}", v as u32),
                        'c' => char::from_u32(v as u32).unwrap_or('?').to_string(),
                        _ => (v as u32).to_string(),
                    }),
                }
            }
            'n' => {
                i += 1;
                out.push(HARD_BREAK);
            }
            'r' => {
                i += 1;
                out.push('\r');
            }
            't' => {
                i += 1;
                out.push('\t');
            }
            other => {
                // %% %. %! %space and any other character: the character itself.
                i += 1;
                out.push(other);
            }
        }
    }
    Ok(finish(&out, width))
}

fn finish(text: &str, width: u32) -> String {
    const HARD_BREAK: char = '\u{1}';
    let wrapped = if width == 0 || width == FORMAT_MESSAGE_MAX_WIDTH_MASK {
        text.to_string()
    } else {
        let mut lines = Vec::new();
        for para in text.split(HARD_BREAK) {
            let mut line = String::new();
            for word in para.split(' ') {
                if !line.is_empty()
                    && line.chars().count() + 1 + word.chars().count() > width as usize
                {
                    lines.push(std::mem::take(&mut line));
                } else if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            lines.push(line);
        }
        return lines.join("\r\n");
    };
    wrapped.replace(HARD_BREAK, "\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn system(code: u32, flags: u32) -> Result<String, u32> {
        format(&Request {
            flags: FORMAT_MESSAGE_FROM_SYSTEM | flags,
            source: None,
            message_id: code,
            language_id: 0,
            insert: None,
        })
    }

    #[test]
    fn table_is_sorted() {
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn system_messages_end_with_crlf() {
        assert_eq!(
            system(10061, 0).unwrap(),
            "No connection could be made because the target machine actively refused it.\r\n"
        );
        assert_eq!(
            system(0, 0xff).unwrap(),
            "The operation completed successfully. "
        );
        assert_eq!(system(12345, 0), Err(ERROR_MR_MID_NOT_FOUND));
    }

    #[test]
    fn strings_expand_inserts_and_escapes() {
        let read = |n: usize, _k: char| Some(Insert::Text(format!("<{n}>")));
        let r = format(&Request {
            flags: FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY,
            source: Some("a %1 b %2!s! 100%% %n".into()),
            message_id: 0,
            language_id: 0,
            insert: Some(&read),
        });
        assert_eq!(r.unwrap(), "a <1> b <2> 100% \r\n");
        let r = format(&Request {
            flags: FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_IGNORE_INSERTS,
            source: Some("x %1!d! y".into()),
            message_id: 0,
            language_id: 0,
            insert: None,
        });
        assert_eq!(r.unwrap(), "x %1!d! y");
    }
}
