//! Module handles: `GetModuleHandleA/W`, `LoadLibraryA/W`, `FreeLibrary`, `GetProcAddress`,
//! for ws2mp's own exports (the Winsock DLLs a Windows program names are all ws2mp).

use super::call;
use super::win32_sync::{name_a, name_w};
use super::win32_toolhelp::{copy_name, Fit, Unit};
use crate::handle::module;
use crate::handle::{codes, err};
use std::os::raw::{c_char, c_void};

/// `GetProcAddress`'s result: any exported function, to be cast to its real type. Windows'
/// is `INT_PTR (*)()`; this is `void (*)(void)`, the type GCC and Clang accept casting to
/// any other function type without a `-Wcast-function-type` warning.
pub type FARPROC = Option<unsafe extern "C" fn()>;

/// Every function ws2mp exports, by name (what `GetProcAddress` finds). A unit test checks it
/// against include/ws2mp.h: add new exports here.
macro_rules! exports {
    ($($module:ident: [$($name:ident),* $(,)?],)*) => {
        pub(crate) fn exports() -> Vec<(&'static str, usize)> {
            vec![$($((stringify!($name), super::$module::$name as *const () as usize),)*)*]
        }
    };
}

exports! {
    byteorder: [WSAHtonl, WSAHtons, WSANtohl, WSANtohs, ws2mp_htonl, ws2mp_htons, ws2mp_ntohl, ws2mp_ntohs],
    connect_by: [WSAConnectByNameA, WSAConnectByNameW, WSAConnectByList],
    events: [WSACreateEvent, WSACloseEvent, WSASetEvent, WSAResetEvent, WSAWaitForMultipleEvents, WSAEventSelect, WSAEnumNetworkEvents],
    io: [ws2mp_recv, ws2mp_recvfrom, ws2mp_send, ws2mp_sendto, WSASend, WSASendTo, WSARecv, WSARecvFrom],
    mswsock: [AcceptEx, GetAcceptExSockaddrs, TransmitFile, WSASendMsg, ws2mp_ConnectEx, ws2mp_DisconnectEx, ws2mp_TransmitPackets, ws2mp_WSARecvMsg],
    iphlp_tables: [GetTcpTable, GetTcp6Table, GetUdpTable, GetUdp6Table, GetExtendedTcpTable, GetExtendedUdpTable, GetIfTable, GetIfEntry, GetIpForwardTable, GetIpNetTable, GetIpStatistics, GetIcmpStatistics, GetTcpStatistics, GetUdpStatistics, SendARP, GetBestRoute],
    iphlp_notify: [NotifyAddrChange, NotifyRouteChange, CancelIPChangeNotify, NotifyIpInterfaceChange, NotifyUnicastIpAddressChange, CancelMibChangeNotify2],
    multipoint: [WSAJoinLeaf],
    names: [ws2mp_gethostbyname, ws2mp_gethostbyaddr, ws2mp_gethostname, GetHostNameW, ws2mp_getservbyname, ws2mp_getservbyport, ws2mp_getprotobyname, ws2mp_getprotobynumber, ws2mp_getaddrinfo, ws2mp_freeaddrinfo, GetAddrInfoW, FreeAddrInfoW, ws2mp_getnameinfo, GetNameInfoW, ws2mp_gai_strerror, ws2mp_gai_strerrorW, ws2mp_inet_addr, ws2mp_inet_ntoa, ws2mp_inet_pton, InetPtonW, ws2mp_inet_ntop, InetNtopW, WSAAddressToStringA, WSAAddressToStringW, WSAStringToAddressA, WSAStringToAddressW],
    addrinfo_ex: [GetAddrInfoExA, GetAddrInfoExW, GetAddrInfoExCancel, GetAddrInfoExOverlappedResult, FreeAddrInfoEx, FreeAddrInfoExW],
    async_names: [WSAAsyncGetHostByName, WSAAsyncGetHostByAddr, WSAAsyncGetServByName, WSAAsyncGetServByPort, WSAAsyncGetProtoByName, WSAAsyncGetProtoByNumber, WSACancelAsyncRequest],
    options: [ws2mp_setsockopt, ws2mp_getsockopt, ioctlsocket, WSAIoctl],
    overlapped: [WSAGetOverlappedResult, GetOverlappedResult, GetOverlappedResultEx, CancelIo, CancelIoEx, SetFileCompletionNotificationModes],
    protocols: [WSAEnumProtocolsA, WSAEnumProtocolsW, WSCEnumProtocols, WSCGetProviderPath],
    rnr: [WSALookupServiceBeginA, WSALookupServiceBeginW, WSALookupServiceNextA, WSALookupServiceNextW, WSALookupServiceEnd, WSAEnumNameSpaceProvidersA, WSAEnumNameSpaceProvidersW],
    poll: [WSAPoll],
    select: [ws2mp_select, __WSAFDIsSet],
    sockets: [WSASocketA, WSASocketW, ws2mp_socket, closesocket, ws2mp_bind, ws2mp_listen, ws2mp_accept, WSAAccept, ws2mp_connect, WSAConnect, ws2mp_shutdown, WSASendDisconnect, WSARecvDisconnect, ws2mp_getsockname, ws2mp_getpeername, WSADuplicateSocketA, WSADuplicateSocketW],
    startup: [WSAStartup, WSACleanup, WSAGetLastError, WSASetLastError, WSAIsBlocking, WSASetBlockingHook, WSAUnhookBlockingHook, WSACancelBlockingCall],
    win32: [FormatMessageA, FormatMessageW, GetVersion, GetVersionExA, GetVersionExW, VerSetConditionMask, VerifyVersionInfoA, VerifyVersionInfoW, GetAdaptersAddresses],
    win32_exception: [SetUnhandledExceptionFilter, AddVectoredExceptionHandler, RemoveVectoredExceptionHandler, RaiseException],
    win32_console: [SetConsoleCtrlHandler, GetStdHandle, WriteConsoleA, WriteConsoleW, GenerateConsoleCtrlEvent, SetConsoleTextAttribute, SetConsoleTitleA, SetConsoleTitleW, GetConsoleTitleA, GetConsoleTitleW, GetConsoleScreenBufferInfo, Beep, ws2mp_system, GetConsoleMode, SetConsoleMode, ws2mp_SetConsoleCursorPosition, ReadConsoleA, ReadConsoleW, FlushConsoleInputBuffer, MessageBeep, AllocConsole, FreeConsole, GetConsoleWindow],
    win32_critical: [InitializeCriticalSection, InitializeCriticalSectionAndSpinCount, EnterCriticalSection, TryEnterCriticalSection, LeaveCriticalSection, DeleteCriticalSection],
    win32_file: [ReadFile, WriteFile, ReadFileEx, WriteFileEx, CreateFileA, CreateFileW, GetFileSize, GetFileSizeEx, SetFilePointer, SetFilePointerEx, SetEndOfFile, FlushFileBuffers, DeleteFileA, DeleteFileW, GetFileType, GetFileAttributesA, GetFileAttributesW, CreateDirectoryA, RemoveDirectoryA, CreateDirectoryW, RemoveDirectoryW, CopyFileA, CopyFileW, MoveFileA, MoveFileW, MoveFileExA, MoveFileExW],
    win32_file_info: [GetFileTime, SetFileTime, GetFileInformationByHandle, GetFileAttributesExA, GetFileAttributesExW, SetFileAttributesA, SetFileAttributesW, GetFileInformationByHandleEx, GetFinalPathNameByHandleA, GetFinalPathNameByHandleW],
    win32_copy_progress: [CopyFileExA, CopyFileExW, MoveFileWithProgressA, MoveFileWithProgressW],
    win32_links: [CreateHardLinkA, CreateHardLinkW, CreateSymbolicLinkA, CreateSymbolicLinkW],
    win32_volume: [GetLogicalDrives, GetLogicalDriveStringsA, GetLogicalDriveStringsW, GetDriveTypeA, GetDriveTypeW, GetVolumeInformationA, GetVolumeInformationW],
    win32_volume_names: [FindFirstVolumeA, FindFirstVolumeW, FindNextVolumeA, FindNextVolumeW, FindVolumeClose, GetVolumeNameForVolumeMountPointA, GetVolumeNameForVolumeMountPointW, GetVolumePathNamesForVolumeNameA, GetVolumePathNamesForVolumeNameW],
    win32_file_lock: [LockFile, UnlockFile, LockFileEx, UnlockFileEx],
    win32_disk_space: [GetDiskFreeSpaceExA, GetDiskFreeSpaceExW, GetDiskFreeSpaceA, GetDiskFreeSpaceW],
    win32_cpu_times: [GetProcessTimes, GetThreadTimes, GetSystemTimes],
    win32_full_path: [GetFullPathNameA, GetFullPathNameW],
    crt_osfhandle: [_get_osfhandle, _open_osfhandle],
    win32_find: [FindFirstFileA, FindFirstFileW, FindNextFileA, FindNextFileW, FindClose, FindFirstFileExA, FindFirstFileExW],
    iphlp_luid: [ConvertInterfaceIndexToLuid, ConvertInterfaceLuidToIndex, ConvertInterfaceLuidToGuid, ConvertInterfaceGuidToLuid, ConvertInterfaceLuidToNameA, ConvertInterfaceLuidToNameW, ConvertInterfaceNameToLuidA, ConvertInterfaceNameToLuidW, ConvertInterfaceLuidToAlias, ConvertInterfaceAliasToLuid, GetAdapterIndex],
    win32_icmp: [IcmpCreateFile, IcmpCloseHandle, IcmpSendEcho, IcmpSendEcho2, IcmpParseReplies, GetRTTAndHopCount],
    win32_inet: [InternetOpenA, InternetOpenW, InternetOpenUrlA, InternetOpenUrlW, InternetConnectA, InternetConnectW, HttpOpenRequestA, HttpOpenRequestW, HttpSendRequestA, HttpSendRequestW, HttpAddRequestHeadersA, HttpAddRequestHeadersW, InternetSetOptionA, InternetSetOptionW, InternetCrackUrlA, InternetCrackUrlW, InternetReadFile, InternetQueryDataAvailable, HttpQueryInfoA, HttpQueryInfoW, InternetCloseHandle, InternetGetConnectedState, URLDownloadToFileA, URLDownloadToFileW],
    win32_mm_timer: [timeSetEvent, timeKillEvent],
    win32_iocp: [CreateIoCompletionPort, GetQueuedCompletionStatus, GetQueuedCompletionStatusEx, PostQueuedCompletionStatus],
    win32_handles: [CloseHandle, DuplicateHandle, SetHandleInformation, GetHandleInformation, WaitForSingleObject, WaitForSingleObjectEx, WaitForMultipleObjects, WaitForMultipleObjectsEx, SignalObjectAndWait],
    win32_module: [GetModuleHandleA, GetModuleHandleW, GetModuleFileNameA, GetModuleFileNameW, LoadLibraryA, LoadLibraryW, FreeLibrary, GetProcAddress],
    win32_sysinfo: [GetSystemInfo, GetNativeSystemInfo, GetActiveProcessorCount, GetMaximumProcessorCount, GetLogicalProcessorInformation, IsProcessorFeaturePresent],
    win32_fls: [FlsAlloc, FlsGetValue, FlsSetValue, FlsFree],
    win32_memory: [GlobalMemoryStatusEx, GlobalMemoryStatus, IsBadReadPtr, IsBadWritePtr, IsBadCodePtr, IsBadStringPtrA, IsBadStringPtrW],
    win32_com: [CoInitialize, CoInitializeEx, CoUninitialize],
    win32_command_line: [GetCommandLineA, GetCommandLineW, CommandLineToArgvW],
    win32_sync: [CreateEventA, CreateEventW, OpenEventA, OpenEventW, SetEvent, ResetEvent, PulseEvent, CreateMutexA, CreateMutexW, OpenMutexA, OpenMutexW, ReleaseMutex, CreateSemaphoreA, CreateSemaphoreW, OpenSemaphoreA, OpenSemaphoreW, ReleaseSemaphore],
    win32_profile: [GetPrivateProfileStringA, GetPrivateProfileStringW, GetPrivateProfileIntA, GetPrivateProfileIntW, GetPrivateProfileSectionA, GetPrivateProfileSectionW, GetPrivateProfileSectionNamesA, GetPrivateProfileSectionNamesW, WritePrivateProfileStringA, WritePrivateProfileStringW],
    win32_registry: [RegOpenKeyExA, RegOpenKeyExW, RegOpenKeyA, RegOpenKeyW, RegCreateKeyExA, RegCreateKeyExW, RegCreateKeyA, RegCreateKeyW, RegQueryValueExA, RegQueryValueExW, RegSetValueExA, RegSetValueExW, RegGetValueA, RegGetValueW, RegDeleteValueA, RegDeleteValueW, RegDeleteKeyA, RegDeleteKeyW, RegDeleteTreeA, RegDeleteTreeW, RegEnumKeyExA, RegEnumKeyExW, RegEnumKeyA, RegEnumKeyW, RegEnumValueA, RegEnumValueW, RegQueryInfoKeyA, RegQueryInfoKeyW, RegCloseKey, RegFlushKey],
    win32_pool: [QueueUserWorkItem, CreateTimerQueue, CreateTimerQueueTimer, ChangeTimerQueueTimer, DeleteTimerQueueTimer, DeleteTimerQueueEx, DeleteTimerQueue, RegisterWaitForSingleObject, UnregisterWaitEx, UnregisterWait],
    win32_threadpool: [CreateThreadpoolWork, SubmitThreadpoolWork, WaitForThreadpoolWorkCallbacks, CloseThreadpoolWork, TrySubmitThreadpoolCallback, CreateThreadpoolTimer, SetThreadpoolTimer, SetThreadpoolTimerEx, IsThreadpoolTimerSet, WaitForThreadpoolTimerCallbacks, CloseThreadpoolTimer, CreateThreadpoolWait, SetThreadpoolWait, SetThreadpoolWaitEx, WaitForThreadpoolWaitCallbacks, CloseThreadpoolWait, CreateThreadpoolIo, StartThreadpoolIo, CancelThreadpoolIo, WaitForThreadpoolIoCallbacks, CloseThreadpoolIo, BindIoCompletionCallback, CreateThreadpool, CloseThreadpool, SetThreadpoolThreadMaximum, SetThreadpoolThreadMinimum, CreateThreadpoolCleanupGroup, CloseThreadpoolCleanupGroupMembers, CloseThreadpoolCleanupGroup, SetEventWhenCallbackReturns, ReleaseSemaphoreWhenCallbackReturns, ReleaseMutexWhenCallbackReturns, LeaveCriticalSectionWhenCallbackReturns, FreeLibraryWhenCallbackReturns, CallbackMayRunLong, DisassociateCurrentThreadFromCallback],
    win32_init_once: [InitOnceInitialize, InitOnceExecuteOnce, InitOnceBeginInitialize, InitOnceComplete],
    win32_srw: [InitializeSRWLock, AcquireSRWLockExclusive, AcquireSRWLockShared, TryAcquireSRWLockExclusive, TryAcquireSRWLockShared, ReleaseSRWLockExclusive, ReleaseSRWLockShared, InitializeConditionVariable, SleepConditionVariableCS, SleepConditionVariableSRW, WakeConditionVariable, WakeAllConditionVariable],
    win32_strings: [MultiByteToWideChar, WideCharToMultiByte, ws2mp_wide_strings, ws2mp_strtok, ws2mp_wchar_arg, IsValidCodePage, GetCPInfo, GetCPInfoExA, GetCPInfoExW, IsDBCSLeadByte, IsDBCSLeadByteEx],
    win32_timer: [CreateWaitableTimerA, CreateWaitableTimerW, CreateWaitableTimerExA, CreateWaitableTimerExW, OpenWaitableTimerA, OpenWaitableTimerW, SetWaitableTimer, SetWaitableTimerEx, CancelWaitableTimer],
    win32_time: [Sleep, GetTickCount, GetTickCount64, QueryPerformanceCounter, QueryPerformanceFrequency, GetSystemTime, GetLocalTime, GetSystemTimeAsFileTime, GetSystemTimePreciseAsFileTime, FileTimeToSystemTime, SystemTimeToFileTime, FileTimeToLocalFileTime, SetSystemTime, SetLocalTime, GetTimeZoneInformation, SystemTimeToTzSpecificLocalTime, TzSpecificLocalTimeToSystemTime, ws2mp_clock, ws2mp_localtime_r, ws2mp_gmtime_r],
    win32_window: [RegisterClassA, RegisterClassW, RegisterClassExA, RegisterClassExW, UnregisterClassA, UnregisterClassW, CreateWindowExA, CreateWindowExW, DestroyWindow, IsWindow, ShowWindow, UpdateWindow, DefWindowProcA, DefWindowProcW, GetWindowTextA, GetWindowTextW, GetWindowTextLengthA, GetWindowTextLengthW, SetWindowTextA, SetWindowTextW, GetWindowThreadProcessId, GetWindowLongPtrA, GetWindowLongPtrW, SetWindowLongPtrA, SetWindowLongPtrW, GetWindowLongA, GetWindowLongW, SetWindowLongA, SetWindowLongW, GetMessageA, GetMessageW, PeekMessageA, PeekMessageW, WaitMessage, TranslateMessage, DispatchMessageA, DispatchMessageW, PostMessageA, PostMessageW, PostThreadMessageA, PostThreadMessageW, SendMessageA, SendMessageW, PostQuitMessage, SetTimer, KillTimer, MsgWaitForMultipleObjects, MsgWaitForMultipleObjectsEx, GetQueueStatus, GetInputState, SendMessageTimeoutA, SendMessageTimeoutW, SendNotifyMessageA, SendNotifyMessageW, InSendMessage, ReplyMessage, RegisterWindowMessageA, RegisterWindowMessageW, GetMessageTime, GetMessagePos, CallWindowProcA, CallWindowProcW, WSAAsyncSelect],
    win32_virtual: [VirtualAlloc, VirtualFree, VirtualProtect],
    win32_service: [StartServiceCtrlDispatcherA, StartServiceCtrlDispatcherW, RegisterServiceCtrlHandlerA, RegisterServiceCtrlHandlerW, RegisterServiceCtrlHandlerExA, RegisterServiceCtrlHandlerExW, SetServiceStatus, OpenSCManagerA, OpenSCManagerW, CreateServiceA, CreateServiceW, OpenServiceA, OpenServiceW, StartServiceA, StartServiceW, ControlService, QueryServiceStatus, ChangeServiceConfig2A, ChangeServiceConfig2W, DeleteService, CloseServiceHandle, RegisterEventSourceA, RegisterEventSourceW, DeregisterEventSource, CloseEventLog, ReportEventA, ReportEventW],
    win32_toolhelp: [CreateToolhelp32Snapshot, Process32First, Process32Next, Process32FirstW, Process32NextW, EnumProcesses, GetProcessMemoryInfo, GetModuleBaseNameA, GetModuleBaseNameW, GetModuleFileNameExA, GetModuleFileNameExW, GetProcessImageFileNameA, GetProcessImageFileNameW, QueryFullProcessImageNameA, QueryFullProcessImageNameW],
    win32_wave: [waveOutGetNumDevs, waveInGetNumDevs, waveOutGetDevCapsA, waveOutGetDevCapsW, waveInGetDevCapsA, waveInGetDevCapsW, waveOutOpen, waveInOpen, waveOutPrepareHeader, waveOutUnprepareHeader, waveOutWrite, waveOutPause, waveOutRestart, waveOutReset, waveOutClose, waveOutGetPosition, waveOutSetVolume, waveOutGetVolume, waveInPrepareHeader, waveInUnprepareHeader, waveInAddBuffer, waveInStart, waveInStop, waveInReset, waveInClose, waveInGetPosition],
    win32_mapping: [CreateFileMappingA, CreateFileMappingW, OpenFileMappingA, OpenFileMappingW, MapViewOfFile, MapViewOfFileEx, UnmapViewOfFile, FlushViewOfFile],
    win32_named_pipe: [CreateNamedPipeA, CreateNamedPipeW, ConnectNamedPipe, DisconnectNamedPipe, WaitNamedPipeA, WaitNamedPipeW, SetNamedPipeHandleState, GetNamedPipeInfo, TransactNamedPipe, CallNamedPipeA, CallNamedPipeW, GetNamedPipeClientProcessId, GetNamedPipeServerProcessId, GetNamedPipeHandleStateA, GetNamedPipeHandleStateW],
    win32_random: [rand_s, CryptAcquireContextA, CryptAcquireContextW, CryptReleaseContext, CryptGenRandom, BCryptGenRandom],
    win32_uuid: [CoCreateGuid, UuidCreate, UuidCreateSequential, UuidToStringA, UuidToStringW, UuidFromStringA, UuidFromStringW, RpcStringFreeA, RpcStringFreeW],
    win32_slist: [InitializeSListHead, InterlockedPushEntrySList, InterlockedPushListSListEx, InterlockedPopEntrySList, InterlockedFlushSList, QueryDepthSList, RtlFirstEntrySList],
    win32_process: [CreatePipe, PeekNamedPipe, CreateProcessA, CreateProcessW, GetExitCodeProcess, TerminateProcess, GetProcessId, OpenProcess],
    win32_thread: [CreateThread, _beginthreadex, _beginthread, ExitThread, _endthreadex, _endthread, SuspendThread, ResumeThread, TerminateThread, GetExitCodeThread, GetThreadId, GetCurrentThreadId, GetCurrentProcessId, GetCurrentThread, GetCurrentProcess, SleepEx, QueueUserAPC, SetThreadAffinityMask, GetCurrentProcessorNumber, GetProcessAffinityMask, SetProcessAffinityMask, SetPriorityClass, GetPriorityClass, SetThreadDescription, GetThreadDescription, SetThreadPriority, GetThreadPriority],
}

fn module_by_name(name: Option<String>) -> crate::error::WsaResult<*mut c_void> {
    match name {
        None => Ok(module::PROGRAM_MODULE as *mut c_void),
        Some(n) => Ok(module::by_name(&n)? as *mut c_void),
    }
}

/// The handle of a loaded module: "ws2_32.dll", "mswsock.dll", "wsock32.dll" or
/// "kernel32.dll" (any case, with or without ".dll") name ws2mp itself; NULL names the program
/// (in which `GetProcAddress` finds nothing). Returns NULL with `ERROR_MOD_NOT_FOUND` for any
/// other module.
///
/// # Safety
/// `lpModuleName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn GetModuleHandleA(lpModuleName: *const c_char) -> *mut c_void {
    // SAFETY: caller guarantee.
    call(std::ptr::null_mut(), || {
        module_by_name(unsafe { name_a(lpModuleName) })
    })
}

/// `GetModuleHandleA` with a UTF-16 name.
///
/// # Safety
/// `lpModuleName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn GetModuleHandleW(lpModuleName: *const u16) -> *mut c_void {
    // SAFETY: caller guarantee.
    call(std::ptr::null_mut(), || {
        module_by_name(unsafe { name_w(lpModuleName) })
    })
}

/// "Loads" one of the Winsock DLLs: returns ws2mp's module handle (as `GetModuleHandleA`).
/// Any other library → NULL with `ERROR_MOD_NOT_FOUND` (ws2mp loads no Windows DLLs).
///
/// # Safety
/// `lpLibFileName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn LoadLibraryA(lpLibFileName: *const c_char) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        let name = unsafe { name_a(lpLibFileName) }.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        Ok(module::by_name(&name)? as *mut c_void)
    })
}

/// `LoadLibraryA` with a UTF-16 name.
///
/// # Safety
/// `lpLibFileName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn LoadLibraryW(lpLibFileName: *const u16) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        let name = unsafe { name_w(lpLibFileName) }.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        Ok(module::by_name(&name)? as *mut c_void)
    })
}

/// Releases a module handle from `LoadLibraryA/W` (nothing to unload). Returns TRUE, or FALSE
/// with `ERROR_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn FreeLibrary(hLibModule: *mut c_void) -> i32 {
    call(0, || {
        if !module::is_module(hLibModule as usize) {
            return Err(err(codes::ERROR_INVALID_HANDLE));
        }
        Ok(1)
    })
}

/// The address of one of ws2mp's exports in the ws2mp module: `"WSAPoll"` finds `WSAPoll`;
/// a name POSIX also uses finds its `ws2mp_` form (`"send"` → `ws2mp_send`), which has the
/// Winsock signature. Cast it to the function's type, as on Windows. Returns NULL with
/// `ERROR_PROC_NOT_FOUND` (unknown name, an ordinal, or the program's own module) or
/// `ERROR_INVALID_HANDLE` (not a module handle).
///
/// # Safety
/// `lpProcName` must be NULL, an ordinal (below 0x10000), or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn GetProcAddress(
    hModule: *mut c_void,
    lpProcName: *const c_char,
) -> FARPROC {
    let address = call(0usize, || {
        if (lpProcName as usize) < 0x10000 {
            return Err(err(codes::ERROR_PROC_NOT_FOUND));
        }
        // SAFETY: caller guarantee (not an ordinal, so a string).
        let name = unsafe { name_a(lpProcName) }.ok_or(err(codes::ERROR_PROC_NOT_FOUND))?;
        module::proc_address(hModule as usize, &name, exports)
    });
    if address == 0 {
        return None;
    }
    // SAFETY: `address` is one of ws2mp's exported functions; the caller casts it to its type.
    Some(unsafe { std::mem::transmute::<usize, unsafe extern "C" fn()>(address) })
}

/// `GetModuleFileNameA` and `GetModuleFileNameW`.
///
/// # Safety
/// `lpFilename` must be NULL or hold `nSize` writable characters.
unsafe fn module_file_name<T: Unit>(module: *mut c_void, buf: *mut T, size: u32) -> u32 {
    call(0, || {
        if !module.is_null() && !module::is_module(module as usize) {
            return Err(err(codes::ERROR_MOD_NOT_FOUND));
        }
        let program = std::env::current_exe().map_err(|_| err(codes::ERROR_FILE_NOT_FOUND))?;
        let name = T::encode(&crate::win32::path::windows(&program.to_string_lossy()));
        // SAFETY: caller guarantee.
        let copied = unsafe { copy_name(&name, buf, size, Fit::Truncate)? };
        if (copied as usize) < name.len() {
            crate::error::set_last_error(codes::ERROR_INSUFFICIENT_BUFFER);
            return Ok(size);
        }
        Ok(copied)
    })
}

/// The program's full path, `\`-separated (as Windows programs cut it with
/// `strrchr(path, '\\')`; every call that takes a path reads it back), for `hModule` NULL,
/// `GetModuleHandle(NULL)` or one of the Winsock DLLs' handles (they are ws2mp, linked into the
/// program). As on Windows, a buffer too small gets the path cut to `nSize - 1` characters and
/// a NUL, and the call returns `nSize` with `ERROR_INSUFFICIENT_BUFFER`; otherwise it returns
/// the characters copied without the NUL. 0 with `ERROR_INSUFFICIENT_BUFFER` (no buffer) or
/// `ERROR_MOD_NOT_FOUND` (not a module handle).
///
/// # Safety
/// `lpFilename` must be NULL or hold `nSize` writable characters.
#[no_mangle]
pub unsafe extern "C" fn GetModuleFileNameA(
    hModule: *mut c_void,
    lpFilename: *mut c_char,
    nSize: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { module_file_name(hModule, lpFilename, nSize) }
}

/// `GetModuleFileNameA` in UTF-16.
///
/// # Safety
/// `lpFilename` must be NULL or hold `nSize` writable characters.
#[no_mangle]
pub unsafe extern "C" fn GetModuleFileNameW(
    hModule: *mut c_void,
    lpFilename: *mut u16,
    nSize: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { module_file_name(hModule, lpFilename, nSize) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_declared_function_is_in_the_export_table() {
        let header = include_str!("../../include/ws2mp.h");
        let table: std::collections::HashSet<&str> =
            super::exports().into_iter().map(|(n, _)| n).collect();
        let mut missing = Vec::new();
        for line in header.lines() {
            let line = line.trim_start();
            if line.starts_with("//") || line.starts_with('#') || line.starts_with("typedef") {
                continue;
            }
            let Some(paren) = line.find('(') else {
                continue;
            };
            let before = &line[..paren];
            if before.contains('=') || before.contains("(*") || !before.contains(' ') {
                continue;
            }
            let name = before
                .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()
                .unwrap();
            if !name.is_empty() && !table.contains(name) {
                missing.push(name.to_string());
            }
        }
        assert!(
            missing.is_empty(),
            "GetProcAddress's table lacks: {missing:?}"
        );
    }
}
