//! Module handles (`GetModuleHandle`, `LoadLibrary`, `GetProcAddress`) for ws2mp's own
//! exports, so that `GetProcAddress(GetModuleHandle("ws2_32.dll"), "WSAPoll")` finds them.
//!
//! The Winsock DLL names (ws2_32, mswsock, wsock32, kernel32 for the Win32 calls and iphlpapi
//! for `GetAdaptersAddresses`, icmp for the older home of `IcmpSendEcho`, wininet and urlmon for
//! their HTTP subset), in any
//! case, with or without ".dll", all name ws2mp. Exported names are looked up in a table built
//! from the functions themselves (it works with the static library too, where `dlsym` would not
//! see them); a name POSIX also uses ("send") finds its `ws2mp_` export. Other modules are not
//! loadable: `ERROR_MOD_NOT_FOUND`.

use super::{codes, err};
use crate::error::WsaResult;
use std::collections::HashMap;
use std::sync::OnceLock;

/// ws2mp's module handle (any non-NULL value that is not a pointer the program owns).
pub(crate) const WS2MP_MODULE: usize = 0x0057_5332_0000;
/// The program's own module (`GetModuleHandle(NULL)`): nothing is looked up in it.
pub(crate) const PROGRAM_MODULE: usize = 0x0057_5332_1000;

const NAMES: &[&str] = &[
    "ws2_32", "mswsock", "wsock32", "kernel32", "iphlpapi", "icmp", "wininet", "urlmon",
];

/// The module a `LoadLibrary`/`GetModuleHandle` name means.
pub fn by_name(name: &str) -> WsaResult<usize> {
    let lower = name.to_ascii_lowercase();
    let base = lower.rsplit(['/', '\\']).next().unwrap_or(&lower);
    let base = base.strip_suffix(".dll").unwrap_or(base);
    if NAMES.contains(&base) {
        Ok(WS2MP_MODULE)
    } else {
        Err(err(codes::ERROR_MOD_NOT_FOUND))
    }
}

/// Whether `module` is a module handle ws2mp gave out.
pub fn is_module(module: usize) -> bool {
    module == WS2MP_MODULE || module == PROGRAM_MODULE
}

/// ws2mp's exports by name, and their addresses (the ABI layer lists them).
pub(crate) type Exports = fn() -> Vec<(&'static str, usize)>;

fn table(exports: Exports) -> &'static HashMap<&'static str, usize> {
    static TABLE: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    TABLE.get_or_init(|| exports().into_iter().collect())
}

/// `GetProcAddress`: the address of a ws2mp export. Unknown → `ERROR_PROC_NOT_FOUND`.
pub fn proc_address(module: usize, name: &str, exports: Exports) -> WsaResult<usize> {
    if !is_module(module) {
        return Err(err(codes::ERROR_INVALID_HANDLE));
    }
    if module != WS2MP_MODULE {
        return Err(err(codes::ERROR_PROC_NOT_FOUND));
    }
    let table = table(exports);
    if let Some(&f) = table.get(format!("ws2mp_{name}").as_str()) {
        return Ok(f);
    }
    if name.starts_with("ws2mp_") {
        return Err(err(codes::ERROR_PROC_NOT_FOUND));
    }
    table
        .get(name)
        .copied()
        .ok_or(err(codes::ERROR_PROC_NOT_FOUND))
}
