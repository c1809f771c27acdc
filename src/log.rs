//! `WS2MP_LOG=error|warn|info|debug|trace`: diagnostics on stderr, off by default.
//!
//! The level is read once, on first use. Each line is `ws2mp[<level>] <message>`.

use std::fmt::Arguments;
use std::io::Write;
use std::sync::OnceLock;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Level {
    Error = 1,
    Warn,
    Info,
    Debug,
    Trace,
}

fn threshold() -> u8 {
    static LEVEL: OnceLock<u8> = OnceLock::new();
    *LEVEL.get_or_init(|| match std::env::var("WS2MP_LOG").as_deref() {
        Ok("error") => Level::Error as u8,
        Ok("warn") => Level::Warn as u8,
        Ok("info") => Level::Info as u8,
        Ok("debug") => Level::Debug as u8,
        Ok("trace") => Level::Trace as u8,
        _ => 0,
    })
}

/// True when messages of `level` are written; lets callers skip formatting work.
pub fn enabled(level: Level) -> bool {
    level as u8 <= threshold()
}

pub fn write(level: Level, args: Arguments<'_>) {
    if enabled(level) {
        let name = match level {
            Level::Error => "error",
            Level::Warn => "warn",
            Level::Info => "info",
            Level::Debug => "debug",
            Level::Trace => "trace",
        };
        let _ = writeln!(std::io::stderr().lock(), "ws2mp[{name}] {args}");
    }
}

pub fn error(args: Arguments<'_>) {
    write(Level::Error, args)
}
pub fn warn(args: Arguments<'_>) {
    write(Level::Warn, args)
}
pub fn info(args: Arguments<'_>) {
    write(Level::Info, args)
}
pub fn debug(args: Arguments<'_>) {
    write(Level::Debug, args)
}
