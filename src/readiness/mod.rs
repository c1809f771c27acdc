//! Winsock's readiness waits over many sockets, with Windows' rules: `select`
//! ([`select`]) and `WSAPoll` ([`poll`]). The ABI layer only copies the program's `fd_set`s
//! and `WSAPOLLFD` arrays in and out; the waits, and what Windows reports for each socket,
//! are decided here.

pub(crate) mod poll;
pub(crate) mod select;
