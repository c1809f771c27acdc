//! include/ws2mp.h must be exactly what the pinned cbindgen generates from the sources.
//! Set WS2MP_BLESS=1 to rewrite it.

use std::path::Path;

#[test]
fn generated_header_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("cbindgen.toml");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(root)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut generated);
    let path = root.join("include/ws2mp.h");
    let current = std::fs::read(&path).unwrap_or_default();
    if current != generated {
        if std::env::var_os("WS2MP_BLESS").is_some() {
            std::fs::write(&path, &generated).unwrap();
            return;
        }
        panic!(
            "include/ws2mp.h is stale: run `WS2MP_BLESS=1 cargo test --test header` and commit it"
        );
    }
}

/// Every macro in ws2mp.h is a Winsock name (or ws2mp's own, prefixed): a Rust-internal constant
/// leaking into the public header would collide with the user's names (`DATA`, `VERSION`, ...).
#[test]
fn header_defines_only_winsock_names() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let header = std::fs::read_to_string(root.join("include/ws2mp.h")).unwrap();
    const PREFIXES: &[&str] = &[
        "WSA", "WS2MP_", "FD_", "XP1_", "PFL_", "SO_", "SIO_", "IOC_", "JL_", "CF_", "SD_", "SG_",
        "MSG_",
    ];
    const NAMES: &[&str] = &[
        "SOCKET_ERROR",
        "INVALID_SOCKET",
        "WINSOCK_VERSION",
        "FROM_PROTOCOL_INFO",
        "BIGENDIAN",
        "LITTLEENDIAN",
        "SECURITY_PROTOCOL_NONE",
        "LAYERED_PROTOCOL",
        "BASE_PROTOCOL",
        "MAX_PROTOCOL_CHAIN",
        "PVD_CONFIG",
        "IP_DONTFRAGMENT",
    ];
    let strays: Vec<&str> = header
        .lines()
        .filter_map(|l| l.strip_prefix("#define "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| !PREFIXES.iter().any(|p| name.starts_with(p)) && !NAMES.contains(name))
        .collect();
    assert!(
        strays.is_empty(),
        "ws2mp.h defines names that are not Winsock's: {strays:?}"
    );
}
