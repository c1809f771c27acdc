//! What ws2mp provides, read at start-up from its own headers and docs (embedded in the
//! binary, so the tables are those of the ws2mp it was built with): every name the compat
//! headers and ws2mp.h declare, the header file names, the documented differences of
//! docs/PORTING.md, and the curated table of names ws2mp does not provide.

use crate::decls::{declared, Depth};
use crate::lexer::lex;
use std::collections::{HashMap, HashSet};

macro_rules! compat {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/include/compat/", $name)))),*]
    };
}

/// The compat headers with content (the capitalised forwarders only include these).
pub const HEADERS: &[(&str, &str)] = compat![
    "atlconv.h",
    "basetsd.h",
    "bcrypt.h",
    "combaseapi.h",
    "conio.h",
    "consoleapi.h",
    "crtdbg.h",
    "datetimeapi.h",
    "dbghelp.h",
    "direct.h",
    "fileapi.h",
    "float.h",
    "fstream.h",
    "handleapi.h",
    "icmpapi.h",
    "ifmib.h",
    "in6addr.h",
    "inaddr.h",
    "inttypes.h",
    "intrin.h",
    "io.h",
    "ioapiset.h",
    "iomanip.h",
    "iostream.h",
    "ip2string.h",
    "ipexport.h",
    "iphlpapi.h",
    "ipmib.h",
    "iprtrmib.h",
    "iptypes.h",
    "libloaderapi.h",
    "limits.h",
    "lmcons.h",
    "memoryapi.h",
    "minwindef.h",
    "mmsystem.h",
    "mstcpip.h",
    "mswsock.h",
    "netioapi.h",
    "objbase.h",
    "poll.h",
    "poppack.h",
    "process.h",
    "processthreadsapi.h",
    "profileapi.h",
    "psapi.h",
    "pshpack1.h",
    "pshpack2.h",
    "pshpack4.h",
    "pshpack8.h",
    "rpc.h",
    "rpcdce.h",
    "sal.h",
    "sdkddkver.h",
    "share.h",
    "shellapi.h",
    "shlobj.h",
    "shlwapi.h",
    "specstrings.h",
    "stdio.h",
    "stdlib.h",
    "string.h",
    "strsafe.h",
    "svcguid.h",
    "synchapi.h",
    "sys/stat.h",
    "sysinfoapi.h",
    "tchar.h",
    "tcpmib.h",
    "threadpoolapiset.h",
    "threadpoollegacyapiset.h",
    "time.h",
    "timeapi.h",
    "timezoneapi.h",
    "tlhelp32.h",
    "udpmib.h",
    "urlmon.h",
    "versionhelpers.h",
    "wchar.h",
    "winbase.h",
    "wincon.h",
    "wincrypt.h",
    "windef.h",
    "windows.h",
    "windowsx.h",
    "winerror.h",
    "wingdi.h",
    "wininet.h",
    "winnls.h",
    "winnt.h",
    "winreg.h",
    "winsock.h",
    "winsock2.h",
    "winsvc.h",
    "winuser.h",
    "ws2def.h",
    "ws2ipdef.h",
    "ws2mp_crt.h",
    "ws2mp_event_log.h",
    "ws2mp_msformat.h",
    "ws2mp_names.h",
    "ws2mp_path.h",
    "ws2mp_stat_names.h",
    "ws2mp_wchar_args.h",
    "ws2mp_wchar_printf.h",
    "ws2mp_wfile.h",
    "ws2mp_wformat.h",
    "ws2mp_winver.h",
    "ws2mp_wprintf.h",
    "ws2spi.h",
    "ws2tcpip.h",
    "wsipx.h",
    "wsnwlink.h",
    "wspiapi.h",
];

/// Every file name in include/compat, the forwarders' capitalisations too.
pub const HEADER_NAMES: &[&str] = &[
    "AtlConv.h",
    "BCrypt.h",
    "BaseTsd.h",
    "Bcrypt.h",
    "DbgHelp.h",
    "Dbghelp.h",
    "ICMPAPI.H",
    "IPExport.h",
    "IPHlpApi.h",
    "IPTypes.h",
    "IcmpAPI.h",
    "Icmpapi.h",
    "Intrin.h",
    "IpExport.h",
    "Ipexport.h",
    "Iphlpapi.h",
    "LMCONS.H",
    "LMCons.h",
    "Lmcons.h",
    "MMSYSTEM.H",
    "MMSystem.h",
    "MSTCPIP.H",
    "MSTcpIP.h",
    "MSTcpIp.h",
    "MSWSOCK.H",
    "MSWSOCK.h",
    "MSWSock.h",
    "MinWinDef.h",
    "Mmsystem.h",
    "MsTcpIp.h",
    "MsWSock.h",
    "Mstcpip.h",
    "Mswsock.h",
    "ObjBase.h",
    "Objbase.h",
    "Psapi.h",
    "RPC.H",
    "Rpc.h",
    "RpcDce.h",
    "SDKDDKVer.h",
    "STDIO.H",
    "STDLIB.H",
    "STRING.H",
    "SVCGUID.H",
    "ShlObj.h",
    "ShlObj_core.h",
    "Shlobj.h",
    "Shlwapi.h",
    "SvcGuid.h",
    "Svcguid.h",
    "TCHAR.H",
    "Tchar.h",
    "TlHelp32.h",
    "URLMON.H",
    "UrlMon.h",
    "Urlmon.h",
    "VERSIONHELPERS.H",
    "VersionHelpers.h",
    "Versionhelpers.h",
    "WINDOWS.H",
    "WININET.H",
    "WINSOCK.H",
    "WINSOCK2.H",
    "WS2IPDEF.H",
    "WS2IPDef.h",
    "WS2SPI.H",
    "WS2TCPIP.H",
    "WS2TcpIp.h",
    "WS2def.h",
    "WS2spi.h",
    "WS2tcpip.h",
    "WSPIAPI.H",
    "WSPIApi.h",
    "WSPiApi.h",
    "WinBase.h",
    "WinCon.h",
    "WinCrypt.h",
    "WinDef.h",
    "WinGDI.h",
    "WinInet.h",
    "WinNT.h",
    "WinNls.h",
    "WinReg.h",
    "WinSock.h",
    "WinSock2.H",
    "WinSock2.h",
    "WinSvc.h",
    "WinUser.h",
    "Wincrypt.h",
    "Windows.H",
    "Windows.h",
    "WindowsX.h",
    "Wininet.h",
    "Winnt.h",
    "Winsock.h",
    "Winsock2.h",
    "Ws2IpDef.h",
    "Ws2TcpIp.h",
    "Ws2def.h",
    "Ws2ipdef.h",
    "Ws2spi.h",
    "Ws2tcpip.h",
    "Wspiapi.h",
    "atlconv.h",
    "basetsd.h",
    "bcrypt.h",
    "combaseapi.h",
    "conio.h",
    "consoleapi.h",
    "crtdbg.h",
    "datetimeapi.h",
    "dbghelp.h",
    "direct.h",
    "fileapi.h",
    "float.h",
    "fstream.h",
    "handleapi.h",
    "icmpapi.h",
    "ifmib.h",
    "in6addr.h",
    "inaddr.h",
    "intrin.h",
    "inttypes.h",
    "io.h",
    "ioapiset.h",
    "iomanip.h",
    "iostream.h",
    "ip2string.h",
    "ipexport.h",
    "iphlpapi.h",
    "ipmib.h",
    "iprtrmib.h",
    "iptypes.h",
    "libloaderapi.h",
    "limits.h",
    "lmcons.h",
    "memoryapi.h",
    "minwindef.h",
    "mmsystem.h",
    "mstcpip.h",
    "mswsock.h",
    "netioapi.h",
    "objbase.h",
    "poll.h",
    "poppack.h",
    "process.h",
    "processthreadsapi.h",
    "profileapi.h",
    "psapi.h",
    "pshpack1.h",
    "pshpack2.h",
    "pshpack4.h",
    "pshpack8.h",
    "rpc.h",
    "rpcdce.h",
    "sal.h",
    "sdkddkver.h",
    "share.h",
    "shellapi.h",
    "shlobj.h",
    "shlwapi.h",
    "specstrings.h",
    "stdio.h",
    "stdlib.h",
    "string.h",
    "strsafe.h",
    "svcguid.h",
    "synchapi.h",
    "sys/stat.h",
    "sysinfoapi.h",
    "tchar.h",
    "tcpmib.h",
    "threadpoolapiset.h",
    "threadpoollegacyapiset.h",
    "time.h",
    "timeapi.h",
    "timezoneapi.h",
    "tlhelp32.h",
    "udpmib.h",
    "urlmon.h",
    "versionhelpers.h",
    "wchar.h",
    "winbase.h",
    "wincon.h",
    "wincrypt.h",
    "windef.h",
    "windows.h",
    "windowsx.h",
    "winerror.h",
    "wingdi.h",
    "wininet.h",
    "winnls.h",
    "winnt.h",
    "winreg.h",
    "winsock.h",
    "winsock2.h",
    "winsvc.h",
    "winuser.h",
    "ws2def.h",
    "ws2ipDef.h",
    "ws2ipdef.h",
    "ws2mp_crt.h",
    "ws2mp_event_log.h",
    "ws2mp_msformat.h",
    "ws2mp_names.h",
    "ws2mp_path.h",
    "ws2mp_stat_names.h",
    "ws2mp_wchar_args.h",
    "ws2mp_wchar_printf.h",
    "ws2mp_wfile.h",
    "ws2mp_wformat.h",
    "ws2mp_winver.h",
    "ws2mp_wprintf.h",
    "ws2spi.h",
    "ws2tcpip.h",
    "wsipx.h",
    "wsnwlink.h",
    "wspiapi.h",
];

/// Names the compat headers define for C only: in C++ the C++ library names its own variables
/// and parameters so (`<sal.h>`, docs/PORTING.md section 6), so a C++ file that uses one does
/// not build unchanged.
pub const NOT_IN_CPP: &[&str] = &["__bound", "__in", "__out", "__success"];
pub const NOT_IN_CPP_REASON: &str = "not defined in C++ (the C++ library uses the name for its own variables): define it in the program (#define __in) after its last #include";

pub const WS2MP_H: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/include/ws2mp.h"));
pub const PORTING_MD: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/PORTING.md"));
const NOT_PROVIDED_TSV: &str = include_str!("not_provided.tsv");

/// Headers of the C and C++ standard libraries and of POSIX that a Windows program may include
/// and the system provides (any header under a directory, `sys/...`, counts as the system's).
const SYSTEM_HEADERS: &[&str] = &[
    "assert.h",
    "complex.h",
    "ctype.h",
    "errno.h",
    "fenv.h",
    "float.h",
    "inttypes.h",
    "iso646.h",
    "limits.h",
    "locale.h",
    "math.h",
    "setjmp.h",
    "signal.h",
    "stdalign.h",
    "stdarg.h",
    "stdatomic.h",
    "stdbool.h",
    "stddef.h",
    "stdint.h",
    "stdio.h",
    "stdlib.h",
    "stdnoreturn.h",
    "string.h",
    "tgmath.h",
    "threads.h",
    "time.h",
    "uchar.h",
    "wchar.h",
    "wctype.h",
    "fcntl.h",
    "unistd.h",
    "pthread.h",
    "poll.h",
    "netdb.h",
    "dirent.h",
    "dlfcn.h",
    "getopt.h",
    "malloc.h",
    "memory.h",
    "search.h",
    "strings.h",
    "termios.h",
    "syslog.h",
    "sched.h",
    "semaphore.h",
    "ifaddrs.h",
    "libgen.h",
    "pwd.h",
    "grp.h",
    "utime.h",
    "alloca.h",
    "stdc-predef.h",
    "pty.h",
    "util.h",
    "libutil.h",
    "err.h",
    "spawn.h",
    "sysexits.h",
    "paths.h",
    "regex.h",
    "fnmatch.h",
    "glob.h",
    "wordexp.h",
    "iconv.h",
    "langinfo.h",
    "ucontext.h",
    "execinfo.h",
    "endian.h",
    "byteswap.h",
    "error.h",
    "features.h",
    "utmp.h",
    "utmpx.h",
    "aio.h",
    "mqueue.h",
    "ftw.h",
    "syscall.h",
    "link.h",
    "elf.h",
    "nl_types.h",
    "monetary.h",
    "cpio.h",
    "tar.h",
    "algorithm",
    "any",
    "array",
    "atomic",
    "bitset",
    "cassert",
    "cctype",
    "cerrno",
    "cfloat",
    "chrono",
    "cinttypes",
    "climits",
    "clocale",
    "cmath",
    "complex",
    "condition_variable",
    "csetjmp",
    "csignal",
    "cstdarg",
    "cstddef",
    "cstdint",
    "cstdio",
    "cstdlib",
    "cstring",
    "ctime",
    "cwchar",
    "cwctype",
    "deque",
    "exception",
    "filesystem",
    "fstream",
    "functional",
    "future",
    "initializer_list",
    "iomanip",
    "ios",
    "iosfwd",
    "iostream",
    "istream",
    "iterator",
    "limits",
    "list",
    "locale",
    "map",
    "memory",
    "mutex",
    "new",
    "numeric",
    "optional",
    "ostream",
    "queue",
    "random",
    "ratio",
    "regex",
    "set",
    "shared_mutex",
    "sstream",
    "stack",
    "stdexcept",
    "streambuf",
    "string",
    "string_view",
    "system_error",
    "thread",
    "tuple",
    "type_traits",
    "typeinfo",
    "unordered_map",
    "unordered_set",
    "utility",
    "valarray",
    "variant",
    "vector",
];

/// Winsock names that `<winsock2.h>` takes from the system's socket headers (it includes them)
/// rather than declaring itself: provided, with the same meaning.
const SYSTEM_NAMES: &[&str] = &[
    "AF_INET",
    "AF_INET6",
    "AF_UNSPEC",
    "PF_INET",
    "PF_INET6",
    "PF_UNSPEC",
    "SOCK_STREAM",
    "SOCK_DGRAM",
    "SOCK_RAW",
    "IPPROTO_IP",
    "IPPROTO_IPV6",
    "IPPROTO_TCP",
    "IPPROTO_UDP",
    "IPPROTO_ICMP",
    "SOL_SOCKET",
    "SO_REUSEADDR",
    "SO_KEEPALIVE",
    "SO_BROADCAST",
    "SO_RCVBUF",
    "SO_SNDBUF",
    "SO_LINGER",
    "SO_ERROR",
    "SO_TYPE",
    "SO_RCVTIMEO",
    "SO_SNDTIMEO",
    "SO_OOBINLINE",
    "SO_ACCEPTCONN",
    "SO_DONTROUTE",
    "TCP_NODELAY",
    "INADDR_ANY",
    "INADDR_LOOPBACK",
    "INADDR_BROADCAST",
    "INADDR_NONE",
    "SOMAXCONN",
    "MSG_PEEK",
    "MSG_OOB",
    "MSG_DONTROUTE",
    "MSG_WAITALL",
    "htons",
    "htonl",
    "ntohs",
    "ntohl",
    "IP_TTL",
    "IP_MULTICAST_TTL",
    "IP_MULTICAST_LOOP",
    "IP_MULTICAST_IF",
    "IP_ADD_MEMBERSHIP",
    "IP_DROP_MEMBERSHIP",
    "IPV6_V6ONLY",
    "IPV6_JOIN_GROUP",
    "IPV6_LEAVE_GROUP",
    "IPV6_MULTICAST_HOPS",
    "IPV6_MULTICAST_IF",
    "IPV6_MULTICAST_LOOP",
    "sockaddr",
    "sockaddr_storage",
    "in6addr_any",
    "in6addr_loopback",
];

/// A name ws2mp lacks, with what to use instead.
#[derive(Clone, Debug)]
pub struct Missing {
    pub replacement: Option<&'static str>,
    pub reason: &'static str,
}

/// A documented difference: one line quoted from docs/PORTING.md, and its section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    pub section: String,
    pub text: String,
}

/// The section 3 rows the spelling checks quote (the start of their Windows spelling).
pub(crate) const SPELLING_VOID_MAIN: &str = "`void main(...)` in a C++ file";
pub(crate) const SPELLING_SUFFIX: &str = "A source file named `Server.Cpp`";

/// How an `#include` fares.
#[derive(Debug, PartialEq, Eq)]
pub enum IncludeFate {
    /// A compat header, a system header or a file of the scanned tree.
    Found,
    /// Found only under another capitalisation: the spelling that works.
    Case(String),
    Missing,
}

pub struct Tables {
    pub provided: HashSet<&'static str>,
    pub missing: HashMap<&'static str, Missing>,
    pub differences: HashMap<String, Quote>,
    /// Table rows of PORTING.md by their first cell, for the patterns.
    pub rows: Vec<(String, Quote)>,
    pub porting: &'static str,
}

impl Tables {
    pub fn load() -> Tables {
        let mut provided = HashSet::new();
        let mut sockets = HashSet::new();
        for src in HEADERS.iter().map(|h| h.1).chain([WS2MP_H]) {
            declared(&lex(src), Depth::Scope, &mut provided, &mut sockets);
        }
        provided.extend(SYSTEM_NAMES);
        let mut missing = HashMap::new();
        for line in NOT_PROVIDED_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(name), Some(repl), Some(reason)) = (cols.next(), cols.next(), cols.next())
            else {
                panic!("not_provided.tsv: a line without three columns: {line:?}");
            };
            if !provided.contains(name) {
                missing.insert(
                    name,
                    Missing {
                        replacement: (repl != "-").then_some(repl),
                        reason,
                    },
                );
            }
        }
        let (differences, rows) = porting_differences(PORTING_MD);
        Tables {
            provided,
            missing,
            differences,
            rows,
            porting: PORTING_MD,
        }
    }

    /// The quote of the table row whose first cell starts with `area`. Panics if the docs lost
    /// it (the unit tests load every one the patterns use).
    pub fn row(&self, area: &str) -> Quote {
        self.rows
            .iter()
            .find(|(a, _)| a.starts_with(area))
            .map(|(_, q)| q.clone())
            .unwrap_or_else(|| panic!("docs/PORTING.md has no row {area:?}"))
    }

    /// The row of PORTING.md's section 3 (one-line changes) whose Windows spelling starts with
    /// `start`, quoted as its portable spelling and the reason. Panics if the docs lost it (the
    /// unit tests load every one the scan uses).
    pub fn spelling(&self, start: &str) -> Quote {
        let mut section = String::new();
        for line in self.porting.lines() {
            if let Some(h) = line.strip_prefix("## ") {
                section = section_name(h);
            }
            if !section.starts_with("§3 ") || !line.starts_with('|') {
                continue;
            }
            let row = cells(line);
            if row.len() == 3 && row[0].starts_with(start) {
                return Quote {
                    section,
                    text: format!("{}: {}", row[1], row[2]),
                };
            }
        }
        panic!("docs/PORTING.md section 3 has no row {start:?}")
    }

    /// The bullet of PORTING.md that starts with `start` (`- **Both ends ...`), as one line.
    pub fn bullet(&self, start: &str) -> Quote {
        let mut section = String::new();
        let mut lines = self.porting.lines();
        while let Some(line) = lines.next() {
            if let Some(h) = line.strip_prefix("## ") {
                section = section_name(h);
            }
            if let Some(rest) = line.strip_prefix("- ").filter(|r| r.starts_with(start)) {
                let mut text = rest.to_string();
                for more in lines.by_ref() {
                    if more.trim().is_empty() || more.trim_start().starts_with("- ") {
                        break;
                    }
                    text.push(' ');
                    text.push_str(more.trim());
                }
                // The bold lead and the sentence after it.
                let lead_end = text[2..].find("**").map_or(0, |e| e + 4);
                if let Some(end) = text[lead_end..].find(". ").map(|e| lead_end + e + 1) {
                    if end < text.len() {
                        text.truncate(end);
                        text.push_str(" …");
                    }
                }
                return Quote { section, text };
            }
        }
        panic!("docs/PORTING.md has no bullet {start:?}")
    }
}

/// Is `name` spelled the way Windows names its API (for names in neither table)? Kept
/// narrow: a program's own names never reach this test.
pub fn windows_shaped(name: &str) -> bool {
    let b = name.as_bytes();
    (name.starts_with("WSA") && b.len() > 3 && b[3].is_ascii_uppercase())
        || ["SIO_", "WM_", "HKEY_", "LPFN_"]
            .iter()
            .any(|p| name.starts_with(p) && b.len() > p.len())
        || ((name.ends_with("ExA") || name.ends_with("ExW"))
            && b[0].is_ascii_uppercase()
            && b.len() > 4
            && b[b.len() - 4].is_ascii_lowercase())
        || (name.starts_with("Reg")
            && [
                "Open", "Create", "Query", "Set", "Close", "Delete", "Enum", "Flush", "Get",
                "Notify",
            ]
            .iter()
            .any(|v| name[3..].starts_with(v)))
}

/// Classifies an `#include` that the scanned tree does not hold (`tree_match` says whether
/// the tree has the file under another capitalisation, and which).
pub fn include_fate(name: &str, angle: bool, tree_case: Option<String>) -> IncludeFate {
    let base = name.trim_start_matches("./");
    // ws2mp's own header, a compat header, a system header.
    if base == "ws2mp.h"
        || HEADER_NAMES.contains(&base)
        || SYSTEM_HEADERS.contains(&base)
        || (angle && base.contains('/'))
    {
        return IncludeFate::Found;
    }
    if let Some(fix) = tree_case {
        return IncludeFate::Case(fix);
    }
    let lower = base.to_ascii_lowercase();
    if let Some(h) = HEADER_NAMES
        .iter()
        .chain(SYSTEM_HEADERS)
        .find(|h| h.to_ascii_lowercase() == lower && h.chars().all(|c| !c.is_ascii_uppercase()))
    {
        return IncludeFate::Case((*h).to_string());
    }
    IncludeFate::Missing
}

fn section_name(heading: &str) -> String {
    // "4. Where ws2mp differs from Windows" -> "§4 Where ws2mp differs from Windows"
    match heading.split_once(". ") {
        Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => format!("§{n} {rest}"),
        _ => heading.to_string(),
    }
}

/// Splits a Markdown table row into its cells (a `\|` stays in its cell).
fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
    let mut out = vec![String::new()];
    let mut prev = ' ';
    for c in inner.chars() {
        if c == '|' && prev != '\\' {
            out.push(String::new());
        } else {
            out.last_mut().unwrap().push(c);
        }
        prev = c;
    }
    out.iter().map(|c| c.trim().to_string()).collect()
}

/// The backtick spans of a cell: (span, text before it since the previous span).
fn spans(cell: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = cell;
    let mut before = String::new();
    while let Some(open) = rest.find('`') {
        before.push_str(&rest[..open]);
        let Some(close) = rest[open + 1..].find('`') else {
            break;
        };
        out.push((
            rest[open + 1..open + 1 + close].to_string(),
            std::mem::take(&mut before),
        ));
        rest = &rest[open + 2 + close..];
    }
    out
}

fn is_ident(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_alphabetic() || b[0] == b'_')
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// The identifiers a backtick span names: `CreateEventA/W` (A, W and the unsuffixed name),
/// `WaitForSingleObject(Ex)`, `Interlocked{Increment,Decrement}`, `shutdown(SD_RECEIVE)`
/// (shutdown), `SO_LINGER {1, n>0}` (SO_LINGER).
pub fn expand(span: &str) -> Vec<String> {
    let span = span.trim().trim_end_matches("()");
    if let Some(open) = span
        .find('{')
        .filter(|&o| span.ends_with('}') && is_ident(&span[..o]))
    {
        let base = &span[..open];
        return span[open + 1..span.len() - 1]
            .split(',')
            .map(|s| format!("{base}{}", s.trim()))
            .filter(|n| is_ident(n))
            .collect();
    }
    if let Some(open) = span.find('(') {
        if let Some(close) = span[open..].find(')').map(|c| open + c) {
            let base = &span[..open];
            let inner = &span[open + 1..close];
            let tail = &span[close + 1..];
            if inner.contains('_') && inner.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                return expand(base); // a call with its argument
            }
            let mut out = expand(&format!("{base}{tail}"));
            for alt in inner.split(',') {
                out.extend(expand(&format!("{base}{}{tail}", alt.trim())));
            }
            return out;
        }
    }
    if let Some((left, right)) = span.split_once('/') {
        if right.len() <= 2 && left.len() > right.len() && is_ident(left) {
            let stem = &left[..left.len() - right.len()];
            return [left.to_string(), format!("{stem}{right}"), stem.to_string()]
                .into_iter()
                .filter(|n| is_ident(n))
                .collect();
        }
        let mut out = expand(left);
        out.extend(expand(right));
        return out;
    }
    let head = span.split(' ').next().unwrap_or("");
    if is_ident(span) {
        vec![span.to_string()]
    } else if is_ident(head) && span[head.len()..].trim_start().starts_with('{') {
        vec![head.to_string()]
    } else {
        Vec::new()
    }
}

/// The names a cell lists at its start: backtick spans separated only by commas, slashes,
/// "and"/"or", or a parenthesised remark; the list ends at the first other text.
fn leading_names(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, (span, before)) in spans(cell).iter().enumerate() {
        let mut sep = before.as_str().to_string();
        // Parenthesised remarks between names do not end the list.
        while let (Some(o), Some(c)) = (sep.find('('), sep.rfind(')')) {
            if o < c {
                sep.replace_range(o..=c, "");
            } else {
                break;
            }
        }
        let ok = sep
            .split(|c: char| c.is_whitespace() || c == ',' || c == '/' || c == '&')
            .all(|w| w.is_empty() || w == "and" || w == "or");
        if !ok || (i > 0 && before.contains('`')) {
            break;
        }
        if i == 0 && !before.trim().is_empty() {
            break;
        }
        out.extend(expand(span));
    }
    out
}

/// The clauses (`; `-separated) of a long difference cell that name `name` in backticks,
/// marked `…` where others were left out; the whole cell when none or all do.
fn excerpt(cell: &str, name: &str) -> String {
    let clauses: Vec<&str> = cell.split("; ").collect();
    let mention = format!("`{name}");
    let names_it = |c: &str| {
        c.match_indices(&mention).any(|(at, _)| {
            let after = c
                .as_bytes()
                .get(at + mention.len())
                .copied()
                .unwrap_or(b' ');
            !(after.is_ascii_alphanumeric() || after == b'_')
        })
    };
    let picked: Vec<&str> = clauses.iter().copied().filter(|c| names_it(c)).collect();
    if picked.is_empty() || picked.len() == clauses.len() {
        return cell.to_string();
    }
    let mut out = String::new();
    let mut gap = false;
    for c in &clauses {
        if picked.contains(c) {
            if gap || !out.is_empty() {
                out.push_str(if out.is_empty() { "… " } else { " … " });
            }
            out.push_str(c);
            gap = false;
        } else {
            gap = true;
        }
    }
    if gap {
        out.push_str(" …");
    }
    out
}

/// The differences tables of PORTING.md: each name of a row's first cell (or, in the Win32
/// header table, of its "Provided" cell) maps to the row's difference, quoted.
fn porting_differences(md: &str) -> (HashMap<String, Quote>, Vec<(String, Quote)>) {
    let mut map: HashMap<String, Quote> = HashMap::new();
    let mut rows = Vec::new();
    let mut section = String::new();
    let lines: Vec<&str> = md.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(h) = line.strip_prefix("## ") {
            section = section_name(h);
        }
        let is_table =
            line.starts_with('|') && lines.get(i + 1).is_some_and(|l| l.starts_with("|---"));
        if !is_table {
            i += 1;
            continue;
        }
        let head = cells(line);
        let diff_col = head
            .iter()
            .position(|h| h == "ws2mp" || h.starts_with("Differences") || h == "Notes");
        let area_col = head.first().is_some_and(|h| h == "Area");
        let provided_col = head.iter().position(|h| h == "Provided");
        i += 2;
        while i < lines.len() && lines[i].starts_with('|') {
            let row = cells(lines[i]);
            i += 1;
            let Some(dc) = diff_col else { continue };
            let diff = row.get(dc).cloned().unwrap_or_default();
            if diff.is_empty() || diff == "—" {
                continue;
            }
            let first = row.first().cloned().unwrap_or_default();
            let text = if area_col {
                format!("{first}: {diff}")
            } else {
                diff.clone()
            };
            let quote = Quote {
                section: section.clone(),
                text,
            };
            rows.push((first.clone(), quote.clone()));
            let names = match provided_col {
                // The Win32 header table: a continuation row's note belongs to the names it
                // provides; a header row's only to the provided names the note itself names.
                Some(pc) if pc > 0 => {
                    // The Win32 header table. A note that names some of the row's names is
                    // about those only; a continuation row's other note belongs to the names
                    // its cell starts with; a header row's, to no name.
                    let provided = row.get(pc).cloned().unwrap_or_default();
                    let noted: HashSet<String> =
                        spans(&diff).iter().flat_map(|s| expand(&s.0)).collect();
                    let listed = if first.is_empty() {
                        leading_names(&provided)
                    } else {
                        spans(&provided).iter().flat_map(|s| expand(&s.0)).collect()
                    };
                    let named: Vec<String> = listed
                        .iter()
                        .filter(|n| noted.contains(*n))
                        .cloned()
                        .collect();
                    if !named.is_empty() || !first.is_empty() {
                        named
                    } else {
                        listed
                    }
                }
                _ => leading_names(&first),
            };
            for name in names {
                let prefix = if area_col {
                    format!("{first}: ")
                } else {
                    String::new()
                };
                let text = format!("{prefix}{}", excerpt(&diff, &name));
                map.entry(name).or_insert_with(|| Quote {
                    section: section.clone(),
                    text,
                });
            }
        }
    }
    (map, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_compat_header_is_known() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/include/compat");
        // Files, and the files of subdirectories as "sys/stat.h".
        let mut on_disk: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().unwrap().is_dir() {
                for inner in std::fs::read_dir(entry.path()).unwrap() {
                    let inner = inner.unwrap().file_name().to_string_lossy().into_owned();
                    on_disk.push(format!("{name}/{inner}"));
                }
            } else {
                on_disk.push(name);
            }
        }
        on_disk.sort();
        let mut known: Vec<String> = HEADER_NAMES.iter().map(|s| s.to_string()).collect();
        known.sort();
        assert_eq!(
            known, on_disk,
            "include/compat changed: update HEADER_NAMES (and HEADERS)"
        );
        // Every header that is not a capitalised forwarder is read for its names.
        for name in &on_disk {
            let forwarder = name.chars().any(|c| c.is_ascii_uppercase())
                || on_disk
                    .iter()
                    .any(|o| o != name && o == &name.to_ascii_lowercase());
            if !forwarder {
                assert!(
                    HEADERS.iter().any(|h| h.0 == name),
                    "{name} is not in HEADERS"
                );
            }
        }
    }

    #[test]
    fn provided_names_come_from_the_headers() {
        let t = Tables::load();
        for name in [
            "WSAStartup",
            "WSAEventSelect",
            "WSAJoinLeaf",
            "closesocket",
            "send",
            "select",
            "gethostbyname",
            "SOCKET",
            "WSADATA",
            "FD_READ",
            "SIO_MULTIPOINT_LOOPBACK",
            "CreateThread",
            "_beginthreadex",
            "CRITICAL_SECTION",
            "InterlockedIncrement",
            "StringCchCopyA",
            "_T",
            "GetAdaptersAddresses",
            "HWND",
            "WSAOVERLAPPED",
            "sockaddr_in",
            "WAIT_OBJECT_0",
            "LPTHREAD_START_ROUTINE",
            "in_addr",
            "WSAAsyncSelect",
            "PulseEvent",
            "SetWaitableTimer",
            "CreateWaitableTimer",
            "CoInitializeEx",
            "GlobalMemoryStatusEx",
            "BindIoCompletionCallback",
            "CreateThreadpoolWork",
            "TP_CALLBACK_ENVIRON",
            "InitOnceExecuteOnce",
            "MoveToEx",
            "Ellipse",
            "CreatePen",
            "HPEN",
            "InvalidateRgn",
        ] {
            assert!(t.provided.contains(name), "{name} should be provided");
        }
        for name in [
            "CreateMailslot",
            "PlaySound",
            "GetMailslotInfo",
            "PdhAddCounter",
            "PDH_FMT_COUNTERVALUE",
            "Polyline",
            "BitBlt",
            "CreateFont",
        ] {
            assert!(!t.provided.contains(name), "{name} is not provided");
            assert!(
                t.missing.contains_key(name),
                "{name} is in not_provided.tsv"
            );
        }
    }

    #[test]
    fn expansions() {
        assert_eq!(
            expand("CreateEventA/W"),
            ["CreateEventA", "CreateEventW", "CreateEvent"]
        );
        assert_eq!(
            expand("WaitForSingleObject(Ex)"),
            ["WaitForSingleObject", "WaitForSingleObjectEx"]
        );
        assert_eq!(
            expand("InitializeCriticalSection(AndSpinCount, Ex)"),
            [
                "InitializeCriticalSection",
                "InitializeCriticalSectionAndSpinCount",
                "InitializeCriticalSectionEx"
            ]
        );
        assert_eq!(
            expand("Interlocked{Increment,Decrement}"),
            ["InterlockedIncrement", "InterlockedDecrement"]
        );
        assert_eq!(expand("shutdown(SD_RECEIVE)"), ["shutdown"]);
        assert_eq!(expand("SO_LINGER {1, n>0}"), ["SO_LINGER"]);
        assert_eq!(expand("GetExceptionCode()"), ["GetExceptionCode"]);
        assert_eq!(expand("<windows.h>"), Vec::<String>::new());
        assert_eq!(
            leading_names("`SO_RCVTIMEO` / `SO_SNDTIMEO` read back"),
            ["SO_RCVTIMEO", "SO_SNDTIMEO"]
        );
        assert_eq!(
            leading_names("`fAlertable` in `WSAWaitForMultipleEvents`"),
            ["fAlertable"]
        );
        assert_eq!(
            leading_names("A plain `socket()` UDP socket"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn differences_are_quoted_from_porting_md() {
        let t = Tables::load();
        let q = &t.differences["SO_REUSEADDR"];
        assert!(q.section.starts_with("§4"));
        assert!(
            q.text.starts_with("`SO_REUSEADDR`: POSIX meaning"),
            "{}",
            q.text
        );
        let q = &t.differences["CreateThread"];
        assert!(
            q.text.contains("thread ids are ws2mp's own numbers"),
            "{}",
            q.text
        );
        assert!(t.differences["CreateEventW"].text.contains("process-local"));
        assert!(t.differences["_getche"].text.contains("echo"));
        assert!(t.differences["lstrcmp"].text.contains("word sort"));
        assert!(
            !t.differences.contains_key("lstrcpy"),
            "the note names lstrcmp only"
        );
        assert!(!t.differences.contains_key("LocalFree"));
        assert!(!t.differences.contains_key("ERROR_INVALID_PARAMETER"));
        assert!(t.differences["FormatMessageA"]
            .text
            .contains("language ids"));
        assert!(t.differences["__leave"].text.contains("`__finally`"));
        assert!(!t.differences.contains_key("MAX_PATH"));
        // Every quote is the document's text (the area cell, then the difference cell).
        for (first, q) in &t.rows {
            let text = q
                .text
                .strip_prefix(&format!("{first}: "))
                .unwrap_or(&q.text);
            assert!(PORTING_MD.contains(text), "not quoted verbatim: {text}");
        }
        for q in t.differences.values() {
            // "<area cell>: <excerpt>", the excerpt's clauses joined by " … ".
            let text = t
                .rows
                .iter()
                .find_map(|(first, _)| q.text.strip_prefix(&format!("{first}: ")))
                .unwrap_or(&q.text);
            for part in text.split(" … ") {
                let part = part.trim_start_matches("… ").trim_end_matches(" …");
                assert!(PORTING_MD.contains(part), "not quoted verbatim: {part}");
            }
        }
        assert_eq!(excerpt("a `X` b; c `Y`; d `X`", "X"), "a `X` b … d `X`",);
        assert_eq!(excerpt("a `Xy`; c `Y`", "X"), "a `Xy`; c `Y`");
        assert_eq!(excerpt("a; c `Y`", "Y"), "… c `Y`");
        assert!(t
            .row("Raw libc calls")
            .text
            .contains("do not re-enable network events"));
        assert!(t
            .bullet("**Both ends must be ws2mp.**")
            .text
            .contains("wire protocol"));
        // Every row and bullet the patterns quote (scan.rs) is in the document.
        for area in [
            "Raw libc calls on a ws2mp socket",
            "`SO_REUSEADDR`",
            "`FIONREAD` on a datagram socket",
            "Overlapped I/O",
        ] {
            assert!(!t.row(area).text.is_empty());
        }
        assert!(t
            .bullet("**Loopback belongs to the receiving socket.**")
            .text
            .ends_with("Windows' meaning. …"));
        // Every section 3 row the spelling checks (scan.rs) quote is in the document.
        for start in [SPELLING_VOID_MAIN, SPELLING_SUFFIX] {
            assert!(t.spelling(start).section.starts_with("§3 "));
        }
    }

    #[test]
    fn includes() {
        assert_eq!(include_fate("winsock2.h", true, None), IncludeFate::Found);
        assert_eq!(include_fate("ws2mp.h", false, None), IncludeFate::Found);
        assert_eq!(include_fate("WinSock2.h", true, None), IncludeFate::Found);
        assert_eq!(
            include_fate("WINSOCK2.h", true, None),
            IncludeFate::Case("winsock2.h".into())
        );
        assert_eq!(
            include_fate("Stdio.h", true, None),
            IncludeFate::Case("stdio.h".into())
        );
        assert_eq!(include_fate("sys/types.h", true, None), IncludeFate::Found);
        assert_eq!(include_fate("vector", true, None), IncludeFate::Found);
        assert_eq!(include_fate("mmsystem.h", true, None), IncludeFate::Found);
        assert_eq!(include_fate("gdiplus.h", true, None), IncludeFate::Missing);
        assert_eq!(
            include_fate("Util.h", false, Some("util.h".into())),
            IncludeFate::Case("util.h".into())
        );
    }
}
