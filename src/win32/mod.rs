//! The few Win32 services legacy Winsock programs call next to Winsock and that need state or
//! tables (the header-only ones live in `include/compat`): system message texts for
//! `FormatMessage`, the fixed Windows version `GetVersionEx` reports, the adapter list
//! `GetAdaptersAddresses` builds from the host's interfaces, the IP Helper API's MIB tables
//! (endpoints, interfaces, routes, statistics), the memory figures of `GlobalMemoryStatusEx`,
//! and the per-thread count of `CoInitialize`.

pub mod codepage;
pub mod com;
pub mod command_line;
pub mod copy_move;
pub mod cpu_features;
pub mod cpu_times;
pub mod crypt_provider;
pub mod endpoint_tables;
pub mod event_log;
pub mod filetime;
pub mod find;
pub mod forward_table;
pub mod full_path;
pub mod guid;
pub mod http_client;
pub mod if_table;
pub mod ip_statistics;
pub(crate) mod luid;
pub mod memory;
pub mod messages;
pub mod mib_table;
pub mod mm_timer;
pub mod neighbour;
pub(crate) mod net_change;
pub mod net_table;
pub mod path;
pub mod process_command;
pub mod process_list;
pub mod processor_info;
pub mod profile;
pub mod registry;
pub(crate) mod replace_file;
pub mod sysinfo;
pub mod time_zone;
pub mod version;
pub mod virtual_memory;
pub mod wave;

/// Win32 error codes these services report (`GetLastError` values / return values).
pub(crate) mod codes {
    pub(crate) const ERROR_SUCCESS: u32 = 0;
    pub(crate) const ERROR_INVALID_PARAMETER: u32 = 87;
    pub(crate) const ERROR_ACCESS_DENIED: u32 = 5;
    pub(crate) const ERROR_INVALID_HANDLE: u32 = 6;
    pub(crate) const ERROR_NOT_ENOUGH_MEMORY: u32 = 8;
    pub(crate) const ERROR_INVALID_DATA: u32 = 13;
    pub(crate) const ERROR_NOT_SUPPORTED: u32 = 50;
    pub(crate) const ERROR_BAD_NET_NAME: u32 = 67;
    pub(crate) const ERROR_BUFFER_OVERFLOW: u32 = 111;
    pub(crate) const ERROR_BAD_ARGUMENTS: u32 = 160;
    pub(crate) const ERROR_INSUFFICIENT_BUFFER: u32 = 122;
    pub(crate) const ERROR_NO_DATA: u32 = 232;
    pub(crate) const ERROR_NO_WORK_DONE: u32 = 235;
    pub(crate) const ERROR_MR_MID_NOT_FOUND: u32 = 317;
    pub(crate) const ERROR_CAN_NOT_COMPLETE: u32 = 1003;
    pub(crate) const ERROR_OLD_WIN_VERSION: u32 = 1150;
    pub(crate) const ERROR_NOT_FOUND: u32 = 1168;
    pub(crate) const ERROR_RESOURCE_LANG_NOT_FOUND: u32 = 1815;
}
