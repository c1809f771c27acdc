//! The exported ABI, checked on the artifacts this `cargo test` built:
//!
//! - the static and the shared library exist (and the shared one has a stable SONAME);
//! - every function the shared library exports is declared in include/ws2mp.h and every
//!   function declared there is exported (and defined in the static library);
//! - no exported name is a libc/POSIX name: ws2mp must never interpose on libc for the rest of
//!   the process, so everything exported is `WSA*`, `__WSA*`, `ws2mp_*`, `closesocket`,
//!   `ioctlsocket` or a Win32 name listed in `WIN32_NAMES`. A cdylib exports only the `#[no_mangle] extern "C"` items (rustc hides the
//!   Rust runtime with a version script), so anything else showing up here is a bug;
//! - include/ws2mp.h and the compat headers compile cleanly as C99/C11 and as C++11/C++17 with
//!   `-Wall -Wextra -Werror -pedantic`, and a program that takes the address of every declared
//!   function links against the libraries.
//!
//! Symbols are listed with `nm` (binutils on Linux, the Xcode tools on macOS).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

#[cfg(target_os = "macos")]
const SHARED: &str = "libws2mp.dylib";
#[cfg(not(target_os = "macos"))]
const SHARED: &str = "libws2mp.so";
/// The file name a program linked against the shared library looks for (its SONAME /
/// install name; build.rs sets it). cargo's output does not have this name.
#[cfg(target_os = "macos")]
const SONAME_FILE: &str = "libws2mp.0.dylib";
#[cfg(not(target_os = "macos"))]
const SONAME_FILE: &str = "libws2mp.so.0";

/// Names POSIX or libc define that a Winsock program also uses. None may be exported.
const POSIX_NAMES: &[&str] = &[
    "socket",
    "socketpair",
    "bind",
    "listen",
    "accept",
    "accept4",
    "connect",
    "send",
    "recv",
    "sendto",
    "recvfrom",
    "sendmsg",
    "recvmsg",
    "sendmmsg",
    "recvmmsg",
    "select",
    "pselect",
    "poll",
    "ppoll",
    "epoll_wait",
    "shutdown",
    "close",
    "setsockopt",
    "getsockopt",
    "getsockname",
    "getpeername",
    "ioctl",
    "fcntl",
    "read",
    "write",
    "readv",
    "writev",
    "gethostbyname",
    "gethostbyaddr",
    "gethostname",
    "getaddrinfo",
    "freeaddrinfo",
    "getnameinfo",
    "gai_strerror",
    "getservbyname",
    "getservbyport",
    "getprotobyname",
    "getprotobynumber",
    "inet_addr",
    "inet_ntoa",
    "inet_aton",
    "inet_pton",
    "inet_ntop",
    "htons",
    "ntohs",
    "htonl",
    "ntohl",
    "if_nametoindex",
    "if_indextoname",
    "errno",
    "__errno_location",
    "signal",
    "sigaction",
    "malloc",
    "free",
    "memcpy",
    "memset",
];

/// Where this `cargo test` put the libraries. `cargo test` builds them into
/// target/<profile>/deps and does not copy them up (only `cargo build` does, so a copy in
/// target/<profile> may be stale): prefer deps.
fn artifact_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let deps = exe.parent().expect("deps dir").to_path_buf();
    let profile = deps.parent().expect("profile dir").to_path_buf();
    for dir in [&deps, &profile] {
        if dir.join("libws2mp.a").exists() && dir.join(SHARED).exists() {
            return dir.clone();
        }
    }
    panic!(
        "libws2mp.a and {SHARED} not found in {} or {}: Cargo.toml's [lib] crate-type must \
         list staticlib and cdylib",
        deps.display(),
        profile.display()
    );
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(cmd: &mut Command) -> String {
    let shown = format!("{cmd:?}");
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {shown}: {e} (is binutils installed?)"));
    assert!(
        out.status.success(),
        "{shown} failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Defined, global symbols of a binary: `(name, nm type letter)`.
fn defined_symbols(path: &Path, dynamic: bool) -> Vec<(String, char)> {
    let mut cmd = Command::new("nm");
    if cfg!(target_os = "macos") {
        cmd.args(["-g", "-U"]);
    } else {
        cmd.args(["--defined-only", "-g"]);
        if dynamic {
            cmd.arg("-D");
        }
    }
    cmd.arg(path);
    let mut symbols = Vec::new();
    for line in run(&mut cmd).lines() {
        // "0000000000028db0 T WSAEnumProtocolsA"; archive member headers and blank lines
        // have fewer fields.
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [_, kind, name] = fields[..] else {
            continue;
        };
        let kind = kind.chars().next().unwrap();
        if kind == 'U' {
            continue;
        }
        let mut name = name.split('@').next().unwrap();
        if cfg!(target_os = "macos") {
            name = name.strip_prefix('_').unwrap_or(name);
        }
        symbols.push((name.to_string(), kind));
    }
    symbols
}

fn exported(path: &Path) -> BTreeSet<String> {
    defined_symbols(path, true)
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// The functions and variables include/ws2mp.h declares. The header is cbindgen's output, so
/// a small scanner is enough: drop comments and preprocessor lines, split the top level into
/// statements, and keep the ones that are function declarations or `extern` variables.
fn header_declarations() -> (BTreeSet<String>, BTreeSet<String>) {
    let text = std::fs::read_to_string(root().join("include/ws2mp.h")).expect("read ws2mp.h");
    let mut code = String::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("/*") {
        code.push_str(&rest[..start]);
        let end = rest[start..].find("*/").expect("closed comment");
        rest = &rest[start + end + 2..];
    }
    code.push_str(rest);
    let mut lines = Vec::new();
    let mut continued = false;
    for line in code.lines() {
        let line = line.split("//").next().unwrap();
        let directive = continued || line.trim_start().starts_with('#');
        continued = directive && line.trim_end().ends_with('\\');
        if directive || line.trim() == "extern \"C\" {" {
            continue;
        }
        lines.push(line);
    }
    let code = lines.join("\n");

    let (mut functions, mut globals) = (BTreeSet::new(), BTreeSet::new());
    let mut depth = 0usize;
    let mut statement = String::new();
    for c in code.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => continue, // the closing brace of extern "C"
            '}' => depth -= 1,
            ';' if depth == 0 => {
                let s = statement.split_whitespace().collect::<Vec<_>>().join(" ");
                statement.clear();
                if s.starts_with("typedef") || s.contains('{') {
                    continue;
                }
                let ident = |before: &str| {
                    before
                        .trim_end()
                        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .next()
                        .unwrap()
                        .to_string()
                };
                if let Some(decl) = s.strip_prefix("extern ") {
                    globals.insert(ident(decl.split('[').next().unwrap()));
                } else if let Some(paren) = s.find('(') {
                    functions.insert(ident(&s[..paren]));
                }
                continue;
            }
            _ => {}
        }
        statement.push(c);
    }
    assert!(
        functions.len() >= 30
            && functions.contains("WSAStartup")
            && functions.contains("closesocket"),
        "the header scanner found too few functions: {functions:?}"
    );
    (functions, globals)
}

/// The Win32 (kernel32 and C runtime) functions ws2mp exports under their Windows names: none
/// is a libc name (checked against libc below).
const WIN32_NAMES: &[&str] = &[
    "AcceptEx",
    "GetAcceptExSockaddrs",
    "TransmitFile",
    "CloseHandle",
    "CreateIoCompletionPort",
    "GetQueuedCompletionStatus",
    "GetQueuedCompletionStatusEx",
    "PostQueuedCompletionStatus",
    "GetOverlappedResult",
    "GetOverlappedResultEx",
    "CancelIo",
    "CancelIoEx",
    "SetFileCompletionNotificationModes",
    "ReadFile",
    "WriteFile",
    "ReadFileEx",
    "WriteFileEx",
    "DuplicateHandle",
    "WaitForSingleObject",
    "WaitForSingleObjectEx",
    "WaitForMultipleObjects",
    "WaitForMultipleObjectsEx",
    "SignalObjectAndWait",
    "CreateEventA",
    "CreateEventW",
    "OpenEventA",
    "OpenEventW",
    "SetEvent",
    "ResetEvent",
    "PulseEvent",
    "CreateWaitableTimerA",
    "CreateWaitableTimerW",
    "CreateWaitableTimerExA",
    "CreateWaitableTimerExW",
    "OpenWaitableTimerA",
    "OpenWaitableTimerW",
    "SetWaitableTimer",
    "SetWaitableTimerEx",
    "CancelWaitableTimer",
    "CreateMutexA",
    "CreateMutexW",
    "OpenMutexA",
    "OpenMutexW",
    "ReleaseMutex",
    "CreateSemaphoreA",
    "CreateSemaphoreW",
    "OpenSemaphoreA",
    "OpenSemaphoreW",
    "ReleaseSemaphore",
    "InitializeCriticalSection",
    "InitializeCriticalSectionAndSpinCount",
    "EnterCriticalSection",
    "TryEnterCriticalSection",
    "LeaveCriticalSection",
    "DeleteCriticalSection",
    "CreateThread",
    "_beginthreadex",
    "_beginthread",
    "ExitThread",
    "_endthreadex",
    "_endthread",
    "SuspendThread",
    "SetThreadPriority",
    "ResumeThread",
    "TerminateThread",
    "GetExitCodeThread",
    "CreatePipe",
    "PeekNamedPipe",
    "CreateNamedPipeA",
    "CreateNamedPipeW",
    "ConnectNamedPipe",
    "DisconnectNamedPipe",
    "WaitNamedPipeA",
    "WaitNamedPipeW",
    "SetNamedPipeHandleState",
    "GetNamedPipeInfo",
    "TransactNamedPipe",
    "CallNamedPipeA",
    "CallNamedPipeW",
    "GetNamedPipeClientProcessId",
    "GetNamedPipeServerProcessId",
    "GetNamedPipeHandleStateA",
    "GetNamedPipeHandleStateW",
    "CreateProcessA",
    "CreateProcessW",
    "GetExitCodeProcess",
    "TerminateProcess",
    "GetProcessId",
    "GetThreadId",
    "GetThreadPriority",
    "GetCurrentThreadId",
    "GetCurrentProcessId",
    "GetCurrentThread",
    "GetCurrentProcess",
    "SleepEx",
    "QueueUserAPC",
    "RegisterClassA",
    "RegisterClassW",
    "RegisterClassExA",
    "RegisterClassExW",
    "UnregisterClassA",
    "UnregisterClassW",
    "CreateWindowExA",
    "CreateWindowExW",
    "DestroyWindow",
    "IsWindow",
    "ShowWindow",
    "UpdateWindow",
    "DefWindowProcA",
    "DefWindowProcW",
    "GetWindowTextA",
    "GetWindowTextW",
    "GetWindowTextLengthA",
    "GetWindowTextLengthW",
    "SetWindowTextA",
    "SetWindowTextW",
    "GetWindowThreadProcessId",
    "GetWindowLongPtrA",
    "GetWindowLongPtrW",
    "SetWindowLongPtrA",
    "SetWindowLongPtrW",
    "GetWindowLongA",
    "GetWindowLongW",
    "SetWindowLongA",
    "SetWindowLongW",
    "GetMessageA",
    "GetMessageW",
    "PeekMessageA",
    "PeekMessageW",
    "WaitMessage",
    "TranslateMessage",
    "DispatchMessageA",
    "DispatchMessageW",
    "PostMessageA",
    "PostMessageW",
    "PostThreadMessageA",
    "PostThreadMessageW",
    "SendMessageA",
    "SendMessageW",
    "PostQuitMessage",
    "SetTimer",
    "KillTimer",
    "MsgWaitForMultipleObjects",
    "MsgWaitForMultipleObjectsEx",
    "GetQueueStatus",
    "GetInputState",
    "SendMessageTimeoutA",
    "SendMessageTimeoutW",
    "SendNotifyMessageA",
    "SendNotifyMessageW",
    "InSendMessage",
    "ReplyMessage",
    "RegisterWindowMessageA",
    "RegisterWindowMessageW",
    "GetMessageTime",
    "GetMessagePos",
    "CallWindowProcA",
    "CallWindowProcW",
    "GetCommandLineA",
    "GetCommandLineW",
    "SetThreadAffinityMask",
    "GetProcessAffinityMask",
    "SetProcessAffinityMask",
    "SetPriorityClass",
    "GetPriorityClass",
    "Sleep",
    "GetTickCount",
    "GetTickCount64",
    "QueryPerformanceCounter",
    "QueryPerformanceFrequency",
    "GetSystemTime",
    "SetSystemTime",
    "SetLocalTime",
    "GetLocalTime",
    "GetSystemTimeAsFileTime",
    "GetSystemTimePreciseAsFileTime",
    "FileTimeToSystemTime",
    "SystemTimeToFileTime",
    "FileTimeToLocalFileTime",
    "InitializeSRWLock",
    "AcquireSRWLockExclusive",
    "AcquireSRWLockShared",
    "TryAcquireSRWLockExclusive",
    "TryAcquireSRWLockShared",
    "ReleaseSRWLockExclusive",
    "ReleaseSRWLockShared",
    "InitializeConditionVariable",
    "SleepConditionVariableCS",
    "SleepConditionVariableSRW",
    "WakeConditionVariable",
    "WakeAllConditionVariable",
    "MultiByteToWideChar",
    "WideCharToMultiByte",
    "IsValidCodePage",
    "GetCPInfo",
    "GetCPInfoExA",
    "GetCPInfoExW",
    "IsDBCSLeadByte",
    "IsDBCSLeadByteEx",
    "SetConsoleTextAttribute",
    "SetConsoleTitleA",
    "SetConsoleTitleW",
    "GetConsoleTitleA",
    "GetConsoleTitleW",
    "GetConsoleScreenBufferInfo",
    "Beep",
    "GetConsoleMode",
    "SetConsoleMode",
    "ReadConsoleA",
    "ReadConsoleW",
    "FlushConsoleInputBuffer",
    "ConvertInterfaceIndexToLuid",
    "ConvertInterfaceLuidToIndex",
    "ConvertInterfaceLuidToGuid",
    "ConvertInterfaceGuidToLuid",
    "ConvertInterfaceLuidToNameA",
    "ConvertInterfaceLuidToNameW",
    "ConvertInterfaceNameToLuidA",
    "ConvertInterfaceNameToLuidW",
    "ConvertInterfaceLuidToAlias",
    "ConvertInterfaceAliasToLuid",
    "GetAdapterIndex",
    "IcmpCreateFile",
    "IcmpCloseHandle",
    "IcmpSendEcho",
    "IcmpSendEcho2",
    "IcmpParseReplies",
    "GetRTTAndHopCount",
    "InternetOpenA",
    "InternetOpenW",
    "InternetOpenUrlA",
    "InternetOpenUrlW",
    "InternetConnectA",
    "InternetConnectW",
    "HttpOpenRequestA",
    "HttpOpenRequestW",
    "HttpSendRequestA",
    "HttpSendRequestW",
    "HttpAddRequestHeadersA",
    "HttpAddRequestHeadersW",
    "InternetSetOptionA",
    "InternetSetOptionW",
    "InternetCrackUrlA",
    "InternetCrackUrlW",
    "InternetReadFile",
    "InternetQueryDataAvailable",
    "HttpQueryInfoA",
    "HttpQueryInfoW",
    "InternetCloseHandle",
    "InternetGetConnectedState",
    "URLDownloadToFileA",
    "URLDownloadToFileW",
    "GetTcpTable",
    "GetBestRoute",
    "GetTcp6Table",
    "GetUdpTable",
    "GetUdp6Table",
    "GetExtendedTcpTable",
    "GetExtendedUdpTable",
    "GetIfTable",
    "GetIfEntry",
    "GetIpForwardTable",
    "GetIpNetTable",
    "GetIpStatistics",
    "GetIcmpStatistics",
    "GetTcpStatistics",
    "GetUdpStatistics",
    "SendARP",
    "NotifyAddrChange",
    "NotifyRouteChange",
    "CancelIPChangeNotify",
    "NotifyIpInterfaceChange",
    "NotifyUnicastIpAddressChange",
    "CancelMibChangeNotify2",
    "SetHandleInformation",
    "GetHandleInformation",
    "QueueUserWorkItem",
    "CreateTimerQueue",
    "CreateTimerQueueTimer",
    "ChangeTimerQueueTimer",
    "DeleteTimerQueueTimer",
    "DeleteTimerQueueEx",
    "DeleteTimerQueue",
    "RegisterWaitForSingleObject",
    "UnregisterWaitEx",
    "UnregisterWait",
    "CreateThreadpoolWork",
    "SubmitThreadpoolWork",
    "WaitForThreadpoolWorkCallbacks",
    "CloseThreadpoolWork",
    "TrySubmitThreadpoolCallback",
    "CreateThreadpoolTimer",
    "SetThreadpoolTimer",
    "SetThreadpoolTimerEx",
    "IsThreadpoolTimerSet",
    "WaitForThreadpoolTimerCallbacks",
    "CloseThreadpoolTimer",
    "CreateThreadpoolWait",
    "SetThreadpoolWait",
    "SetThreadpoolWaitEx",
    "WaitForThreadpoolWaitCallbacks",
    "CloseThreadpoolWait",
    "CreateThreadpoolIo",
    "StartThreadpoolIo",
    "CancelThreadpoolIo",
    "WaitForThreadpoolIoCallbacks",
    "CloseThreadpoolIo",
    "BindIoCompletionCallback",
    "CreateThreadpool",
    "CloseThreadpool",
    "SetThreadpoolThreadMaximum",
    "SetThreadpoolThreadMinimum",
    "CreateThreadpoolCleanupGroup",
    "CloseThreadpoolCleanupGroupMembers",
    "CloseThreadpoolCleanupGroup",
    "SetEventWhenCallbackReturns",
    "ReleaseSemaphoreWhenCallbackReturns",
    "ReleaseMutexWhenCallbackReturns",
    "LeaveCriticalSectionWhenCallbackReturns",
    "FreeLibraryWhenCallbackReturns",
    "CallbackMayRunLong",
    "DisassociateCurrentThreadFromCallback",
    "InitOnceInitialize",
    "InitOnceExecuteOnce",
    "InitOnceBeginInitialize",
    "InitOnceComplete",
    "WSALookupServiceBeginA",
    "WSALookupServiceBeginW",
    "WSALookupServiceNextA",
    "WSALookupServiceNextW",
    "WSALookupServiceEnd",
    "WSAEnumNameSpaceProvidersA",
    "WSAEnumNameSpaceProvidersW",
    "CreateFileA",
    "CreateFileW",
    "GetFileSize",
    "GetFileSizeEx",
    "GetFullPathNameA",
    "FindFirstVolumeA",
    "FindFirstVolumeW",
    "FindNextVolumeA",
    "FindNextVolumeW",
    "FindVolumeClose",
    "GetVolumeNameForVolumeMountPointA",
    "GetVolumeNameForVolumeMountPointW",
    "GetVolumePathNamesForVolumeNameA",
    "GetVolumePathNamesForVolumeNameW",
    "GetFullPathNameW",
    "_get_osfhandle",
    "_open_osfhandle",
    "GetFileTime",
    "SetFileTime",
    "GetFileInformationByHandle",
    "LockFile",
    "UnlockFile",
    "LockFileEx",
    "UnlockFileEx",
    "GetDiskFreeSpaceExA",
    "GetDiskFreeSpaceExW",
    "GetDiskFreeSpaceA",
    "GetDiskFreeSpaceW",
    "GetProcessTimes",
    "GetThreadTimes",
    "GetSystemTimes",
    "SetFilePointer",
    "SetFilePointerEx",
    "SetEndOfFile",
    "FlushFileBuffers",
    "DeleteFileA",
    "DeleteFileW",
    "GetFileType",
    "GetFileAttributesA",
    "GetFileAttributesW",
    "CreateDirectoryA",
    "RemoveDirectoryA",
    "CommandLineToArgvW",
    "__argc",
    "__argv",
    "VirtualAlloc",
    "VirtualFree",
    "VirtualProtect",
    "waveOutGetNumDevs",
    "waveInGetNumDevs",
    "waveOutGetDevCapsA",
    "waveOutGetDevCapsW",
    "waveInGetDevCapsA",
    "waveInGetDevCapsW",
    "waveOutOpen",
    "waveInOpen",
    "waveOutPrepareHeader",
    "waveOutUnprepareHeader",
    "waveOutWrite",
    "waveOutPause",
    "waveOutRestart",
    "waveOutReset",
    "waveOutClose",
    "waveOutGetPosition",
    "waveOutSetVolume",
    "waveOutGetVolume",
    "waveInPrepareHeader",
    "waveInUnprepareHeader",
    "waveInAddBuffer",
    "waveInStart",
    "waveInStop",
    "waveInReset",
    "waveInClose",
    "waveInGetPosition",
    "OpenProcess",
    "GetModuleBaseNameA",
    "GetModuleBaseNameW",
    "GetModuleFileNameA",
    "GetModuleFileNameW",
    "GetModuleFileNameExA",
    "GetModuleFileNameExW",
    "GetProcessImageFileNameA",
    "GetProcessImageFileNameW",
    "QueryFullProcessImageNameA",
    "QueryFullProcessImageNameW",
    "CreateToolhelp32Snapshot",
    "Process32First",
    "Process32Next",
    "Process32FirstW",
    "Process32NextW",
    "EnumProcesses",
    "GetProcessMemoryInfo",
    "GetCurrentProcessorNumber",
    "StartServiceCtrlDispatcherA",
    "StartServiceCtrlDispatcherW",
    "RegisterServiceCtrlHandlerA",
    "RegisterServiceCtrlHandlerW",
    "RegisterServiceCtrlHandlerExA",
    "RegisterServiceCtrlHandlerExW",
    "SetServiceStatus",
    "OpenSCManagerA",
    "OpenSCManagerW",
    "CreateServiceA",
    "CreateServiceW",
    "OpenServiceA",
    "OpenServiceW",
    "StartServiceA",
    "StartServiceW",
    "ControlService",
    "QueryServiceStatus",
    "ChangeServiceConfig2A",
    "ChangeServiceConfig2W",
    "DeleteService",
    "CloseServiceHandle",
    "RegisterEventSourceA",
    "RegisterEventSourceW",
    "DeregisterEventSource",
    "CloseEventLog",
    "ReportEventA",
    "ReportEventW",
    "CreateFileMappingA",
    "CreateFileMappingW",
    "OpenFileMappingA",
    "OpenFileMappingW",
    "MapViewOfFile",
    "MapViewOfFileEx",
    "UnmapViewOfFile",
    "FlushViewOfFile",
    "GetTimeZoneInformation",
    "SystemTimeToTzSpecificLocalTime",
    "TzSpecificLocalTimeToSystemTime",
    "timeSetEvent",
    "timeKillEvent",
    "RegOpenKeyExA",
    "RegOpenKeyExW",
    "RegOpenKeyA",
    "RegOpenKeyW",
    "RegCreateKeyExA",
    "RegCreateKeyExW",
    "RegCreateKeyA",
    "RegCreateKeyW",
    "RegQueryValueExA",
    "RegQueryValueExW",
    "RegSetValueExA",
    "RegSetValueExW",
    "RegGetValueA",
    "RegGetValueW",
    "RegDeleteValueA",
    "RegDeleteValueW",
    "RegDeleteKeyA",
    "RegDeleteKeyW",
    "RegDeleteTreeA",
    "RegDeleteTreeW",
    "RegEnumKeyExA",
    "RegEnumKeyExW",
    "RegEnumKeyA",
    "RegEnumKeyW",
    "RegEnumValueA",
    "RegEnumValueW",
    "RegQueryInfoKeyA",
    "RegQueryInfoKeyW",
    "RegCloseKey",
    "RegFlushKey",
    "CreateDirectoryW",
    "RemoveDirectoryW",
    "CopyFileA",
    "CopyFileW",
    "MoveFileA",
    "MoveFileW",
    "MoveFileExA",
    "MoveFileExW",
    "FindFirstFileA",
    "FindFirstFileW",
    "FindNextFileA",
    "FindNextFileW",
    "FindClose",
    "FindFirstFileExA",
    "FindFirstFileExW",
    "GetFileInformationByHandleEx",
    "GetFinalPathNameByHandleA",
    "GetFinalPathNameByHandleW",
    "CopyFileExA",
    "CopyFileExW",
    "MoveFileWithProgressA",
    "MoveFileWithProgressW",
    "CreateHardLinkA",
    "CreateHardLinkW",
    "CreateSymbolicLinkA",
    "CreateSymbolicLinkW",
    "GetLogicalDrives",
    "GetLogicalDriveStringsA",
    "GetLogicalDriveStringsW",
    "GetDriveTypeA",
    "GetDriveTypeW",
    "GetVolumeInformationA",
    "GetVolumeInformationW",
    "GetPrivateProfileStringA",
    "GetPrivateProfileStringW",
    "GetPrivateProfileIntA",
    "GetPrivateProfileIntW",
    "GetPrivateProfileSectionA",
    "GetPrivateProfileSectionW",
    "GetPrivateProfileSectionNamesA",
    "GetPrivateProfileSectionNamesW",
    "WritePrivateProfileStringA",
    "WritePrivateProfileStringW",
    "WSASendDisconnect",
    "WSARecvDisconnect",
    "GetModuleHandleA",
    "GetModuleHandleW",
    "LoadLibraryA",
    "LoadLibraryW",
    "FreeLibrary",
    "GetProcAddress",
    "GetSystemInfo",
    "GetNativeSystemInfo",
    "GlobalMemoryStatusEx",
    "GlobalMemoryStatus",
    "IsBadReadPtr",
    "IsBadWritePtr",
    "IsBadCodePtr",
    "IsBadStringPtrA",
    "IsBadStringPtrW",
    "GetActiveProcessorCount",
    "GetLogicalProcessorInformation",
    "GetMaximumProcessorCount",
    "IsProcessorFeaturePresent",
    "FlsAlloc",
    "FlsGetValue",
    "FlsSetValue",
    "FlsFree",
    "GetFileAttributesExA",
    "GetFileAttributesExW",
    "SetFileAttributesA",
    "SetFileAttributesW",
    "MessageBeep",
    "AllocConsole",
    "FreeConsole",
    "GetConsoleWindow",
    "CoInitialize",
    "CoInitializeEx",
    "CoUninitialize",
    "SetConsoleCtrlHandler",
    "GetStdHandle",
    "WriteConsoleA",
    "WriteConsoleW",
    "GenerateConsoleCtrlEvent",
    "FormatMessageA",
    "FormatMessageW",
    "GetVersion",
    "GetVersionExA",
    "GetVersionExW",
    "VerSetConditionMask",
    "VerifyVersionInfoA",
    "VerifyVersionInfoW",
    "SetUnhandledExceptionFilter",
    "AddVectoredExceptionHandler",
    "RemoveVectoredExceptionHandler",
    "RaiseException",
    "SetThreadDescription",
    "GetThreadDescription",
    "GetAdaptersAddresses",
    "rand_s",
    "CryptAcquireContextA",
    "CryptAcquireContextW",
    "CryptReleaseContext",
    "CryptGenRandom",
    "BCryptGenRandom",
    "CoCreateGuid",
    "UuidCreate",
    "UuidCreateSequential",
    "UuidToStringA",
    "UuidToStringW",
    "UuidFromStringA",
    "UuidFromStringW",
    "RpcStringFreeA",
    "RpcStringFreeW",
    "InitializeSListHead",
    "InterlockedPushEntrySList",
    "InterlockedPushListSListEx",
    "InterlockedPopEntrySList",
    "InterlockedFlushSList",
    "QueryDepthSList",
    "RtlFirstEntrySList",
];

fn is_winsock_name(name: &str) -> bool {
    WIN32_NAMES.contains(&name)
        || name.starts_with("WSA")
        || name.starts_with("__WSA")
        || name.starts_with("ws2mp_")
        || name == "closesocket"
        || name == "ioctlsocket"
        || WINSOCK_NAMES.contains(&name)
}

/// Winsock-only names outside the WSA* family that ws2mp exports as they are.
const WINSOCK_NAMES: &[&str] = &[
    "GetAddrInfoW",
    "FreeAddrInfoW",
    "GetNameInfoW",
    "InetPtonW",
    "InetNtopW",
    "GetHostNameW",
    "WSCEnumProtocols",
    "WSCGetProviderPath",
    "GetAddrInfoExA",
    "GetAddrInfoExW",
    "GetAddrInfoExCancel",
    "GetAddrInfoExOverlappedResult",
    "FreeAddrInfoEx",
    "FreeAddrInfoExW",
];

/// The names libc's shared object defines, where we can find it (Linux).
fn libc_names() -> Option<BTreeSet<String>> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let out = Command::new("cc")
        .arg("-print-file-name=libc.so.6")
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    if !path.is_absolute() || !path.exists() {
        return None;
    }
    Some(exported(&path))
}

#[test]
fn artifacts_exist() {
    let dir = artifact_dir();
    for name in ["libws2mp.a", SHARED] {
        let len = std::fs::metadata(dir.join(name)).unwrap().len();
        assert!(len > 0, "{name} is empty");
    }
    if cfg!(target_os = "linux") {
        let dynamic = run(Command::new("readelf").arg("-d").arg(dir.join(SHARED)));
        assert!(
            dynamic.contains("Library soname: [libws2mp.so.0]"),
            "{SHARED} has no SONAME libws2mp.so.0 (build.rs sets it):\n{dynamic}"
        );
    }
}

#[test]
fn exports_match_the_header() {
    let dir = artifact_dir();
    let (functions, globals) = header_declarations();
    let declared: BTreeSet<String> = functions.union(&globals).cloned().collect();
    let symbols = defined_symbols(&dir.join(SHARED), true);
    let exported: BTreeSet<String> = symbols.iter().map(|(n, _)| n.clone()).collect();

    let undeclared: Vec<_> = exported.difference(&declared).collect();
    assert!(
        undeclared.is_empty(),
        "{SHARED} exports names that include/ws2mp.h does not declare: {undeclared:?}"
    );
    let missing: Vec<_> = declared.difference(&exported).collect();
    assert!(
        missing.is_empty(),
        "include/ws2mp.h declares names that {SHARED} does not export: {missing:?}"
    );
    // Declared functions are code, declared variables are data.
    for (name, kind) in &symbols {
        let is_code = matches!(kind, 'T' | 't');
        assert_eq!(
            is_code,
            functions.contains(name),
            "{name} is exported as nm type {kind}, but the header declares it as a {}",
            if functions.contains(name) {
                "function"
            } else {
                "variable"
            }
        );
    }

    // The static library defines the same C ABI.
    let archive: BTreeSet<String> = defined_symbols(&dir.join("libws2mp.a"), false)
        .into_iter()
        .filter(|(_, kind)| kind.is_ascii_uppercase())
        .map(|(name, _)| name)
        .collect();
    let missing: Vec<_> = declared.difference(&archive).collect();
    assert!(
        missing.is_empty(),
        "libws2mp.a does not define: {missing:?}"
    );
    println!(
        "{} exported functions, {} variables",
        functions.len(),
        globals.len()
    );
}

#[test]
fn no_export_is_a_libc_name() {
    let dir = artifact_dir();
    let exported = exported(&dir.join(SHARED));
    let foreign: Vec<_> = exported.iter().filter(|n| !is_winsock_name(n)).collect();
    assert!(
        foreign.is_empty(),
        "{SHARED} exports names outside WSA*/__WSA*/ws2mp_*/closesocket/ioctlsocket: {foreign:?}"
    );

    // The static library carries the Rust runtime too (mangled names, compiler-rt helpers);
    // none of it may be a libc/POSIX name either, or linking it would replace libc's.
    let archive: BTreeSet<String> = defined_symbols(&dir.join("libws2mp.a"), false)
        .into_iter()
        .filter(|(_, kind)| kind.is_ascii_uppercase())
        .map(|(name, _)| name)
        .collect();
    for (what, names) in [(SHARED, &exported), ("libws2mp.a", &archive)] {
        let clash: Vec<_> = POSIX_NAMES.iter().filter(|n| names.contains(**n)).collect();
        assert!(clash.is_empty(), "{what} defines POSIX names: {clash:?}");
    }
    match libc_names() {
        Some(libc) => {
            assert!(libc.len() > 1000, "libc's symbol table looks wrong");
            for (what, names) in [(SHARED, &exported), ("libws2mp.a", &archive)] {
                let clash: Vec<_> = names.intersection(&libc).collect();
                assert!(
                    clash.is_empty(),
                    "{what} defines names libc defines: {clash:?}"
                );
            }
        }
        None if cfg!(target_os = "linux") => panic!("cannot find libc.so.6 through cc"),
        None => println!("(libc's own symbol table not compared on this platform)"),
    }
}

fn compiler(cplusplus: bool) -> cc::Tool {
    let target = env!("WS2MP_TARGET");
    cc::Build::new()
        .cargo_metadata(false)
        .cargo_warnings(false)
        .target(target)
        .host(target)
        .opt_level(0)
        .cpp(cplusplus)
        .get_compiler()
}

fn scratch(name: &str) -> PathBuf {
    let dir = artifact_dir()
        .parent()
        .unwrap()
        .join("symbols-test")
        .join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn compile(cplusplus: bool, std: &str, source: &Path, args: &[&std::ffi::OsStr]) {
    let mut cmd = compiler(cplusplus).to_command();
    if cplusplus {
        cmd.args(["-x", "c++"]);
    }
    cmd.arg(format!("-std={std}"));
    cmd.args(["-Wall", "-Wextra", "-Werror", "-pedantic"]);
    cmd.arg(source);
    cmd.args(args);
    let shown = format!("{cmd:?}");
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run the C compiler ({shown}): {e}"));
    assert!(
        out.status.success(),
        "{shown} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn headers_compile_pedantic_as_c_and_cplusplus() {
    let dir = scratch("pedantic");
    let plain = dir.join("plain.c");
    std::fs::write(&plain, "#include <ws2mp.h>\nint main(void) { return 0; }\n").unwrap();
    let compat = dir.join("compat.c");
    std::fs::write(
        &compat,
        "#include <winsock2.h>\n#include <ws2tcpip.h>\n#include <mswsock.h>\n\
         #include <windows.h>\n#include <winerror.h>\n#include <strsafe.h>\n#include <tchar.h>\n\
         #include <conio.h>\n#include <io.h>\n#include <iptypes.h>\n#include <iphlpapi.h>\n\
         int main(void) { return 0; }\n",
    )
    .unwrap();
    let include = root().join("include");
    let compat_include = root().join("include/compat");
    let object = dir.join("out.o");
    for (cplusplus, std) in [
        (false, "c99"),
        (false, "c11"),
        (true, "c++11"),
        (true, "c++17"),
    ] {
        for (source, inc) in [(&plain, &include), (&compat, &compat_include)] {
            compile(
                cplusplus,
                std,
                source,
                &[
                    "-c".as_ref(),
                    "-I".as_ref(),
                    inc.as_os_str(),
                    "-o".as_ref(),
                    object.as_os_str(),
                ],
            );
        }
    }
}

#[test]
fn every_declared_function_links() {
    let (functions, _) = header_declarations();
    let dir = scratch("link");
    let mut source = String::from("#include <stdio.h>\n#include <ws2mp.h>\n\n");
    source.push_str("typedef void (*any_fn)(void);\nstatic const any_fn table[] = {\n");
    for f in &functions {
        source.push_str(&format!("    (any_fn)&{f},\n"));
    }
    source.push_str(
        "};\n\nint main(void)\n{\n    size_t i, n = 0;\n\
         for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)\n        n += table[i] != 0;\n\
         printf(\"%u functions\\n\", (unsigned)n);\n\
         return n == sizeof(table) / sizeof(table[0]) ? 0 : 1;\n}\n",
    );
    let c = dir.join("all_functions.c");
    std::fs::write(&c, source).unwrap();
    let include = root().join("include");
    let libs = artifact_dir();
    let exe = dir.join("all_functions");
    let shared = libs.join(SHARED);
    // The program looks for the library by its SONAME: give cargo's output that name beside it.
    let soname_link = dir.join(SONAME_FILE);
    let _ = std::fs::remove_file(&soname_link);
    std::os::unix::fs::symlink(&shared, &soname_link).unwrap();
    let rpath = format!("-Wl,-rpath,{}", dir.display());
    compile(
        false,
        "c99",
        &c,
        &[
            "-I".as_ref(),
            include.as_os_str(),
            shared.as_os_str(),
            rpath.as_ref(),
            "-o".as_ref(),
            exe.as_os_str(),
        ],
    );
    let out = run(&mut Command::new(&exe));
    assert_eq!(out.trim(), format!("{} functions", functions.len()));
}
