/* Generated from include/ws2mp.h and the compat headers' inline W helpers by tests/header.rs
 * (`WS2MP_BLESS=1 cargo test --test header`): do not edit.
 *
 * W functions take the C library's wchar_t strings too. On Windows wchar_t and WCHAR are both
 * 16 bits, so programs pass L"..." literals, std::wstring::c_str() and a wmain's argv to the
 * W functions (InetPtonW(AF_INET, L"127.0.0.1", &a), GetAddrInfoW(L"localhost", L"80", ...)).
 * Here wchar_t is 32 bits: such an argument is converted to a WCHAR string first
 * (ws2mp_wchar_arg). C: each W function with a string parameter is a function-like macro that
 * picks the conversion by the argument's type (_Generic); the function's address and
 * `(InetPtonW)(...)` are untouched. C++: an overload takes either type (ws2mp_wstr_arg_).
 * -DWS2MP_NO_WCHAR_T_OVERLOADS turns this off. See docs/PORTING.md, section 6. */
#ifndef WS2MP_COMPAT_WCHAR_ARGS_H
#define WS2MP_COMPAT_WCHAR_ARGS_H

#ifdef __cplusplus
extern "C++" {
/* A string argument of a W function: a WCHAR string as it is, a wchar_t string converted. */
struct ws2mp_wstr_arg_ {
    const uint16_t *p;
    ws2mp_wstr_arg_(const uint16_t *s) : p(s) {}
    ws2mp_wstr_arg_(const wchar_t *s) : p(ws2mp_wchar_arg((const int32_t *)(const void *)s)) {}
    /* NULL and 0 (NULL is an integer constant in C++). */
    ws2mp_wstr_arg_(int) : p(0) {}
    ws2mp_wstr_arg_(long) : p(0) {}
#if __cplusplus >= 201103L
    ws2mp_wstr_arg_(decltype(nullptr)) : p(0) {}
#endif
};
}
#else
#define WS2MP_WSTR_(s)                                                                         \
    __extension__ _Generic((s),                                                                \
        wchar_t *: ws2mp_wchar_arg((const int32_t *)(const void *)(s)),                        \
        const wchar_t *: ws2mp_wchar_arg((const int32_t *)(const void *)(s)),                  \
        default: (s))
#endif
#endif /* WS2MP_COMPAT_WCHAR_ARGS_H */

/* The wrappers, in one part for each header, made when the header has included this file at
 * its end. */

/* <windows.h>'s, once it has defined them. */
#if defined(WS2MP_WCHAR_ARGS_FOR_WINDOWS_H) && !defined(WS2MP_WCHAR_ARGS_DONE_WINDOWS_H)
#define WS2MP_WCHAR_ARGS_DONE_WINDOWS_H
#ifdef __cplusplus
extern "C++" {
#if WS2MP_WINNT_VISTA
template <class T0, class T1>
static inline int32_t GetAddrInfoExW(T0 pName, T1 pServiceName, uint32_t dwNameSpace, void *lpNspId, const struct addrinfoexW *hints, struct addrinfoexW **ppResult, struct timeval *timeout, struct WSAOVERLAPPED *lpOverlapped, LPLOOKUPSERVICE_COMPLETION_ROUTINE lpCompletionRoutine, void **lpHandle)
{
    return GetAddrInfoExW(ws2mp_wstr_arg_(pName).p, ws2mp_wstr_arg_(pServiceName).p, dwNameSpace, lpNspId, hints, ppResult, timeout, lpOverlapped, lpCompletionRoutine, lpHandle);
}
#endif
#if WS2MP_WINNT_VISTA
template <class T0, class T1>
static inline int32_t WSAConnectByNameW(SOCKET s, T0 nodename, T1 servicename, uint32_t *LocalAddressLength, struct sockaddr *LocalAddress, uint32_t *RemoteAddressLength, struct sockaddr *RemoteAddress, const struct timeval *timeout, void *Reserved)
{
    return WSAConnectByNameW(s, ws2mp_wstr_arg_(nodename).p, ws2mp_wstr_arg_(servicename).p, LocalAddressLength, LocalAddress, RemoteAddressLength, RemoteAddress, timeout, Reserved);
}
#endif
template <class T0>
static inline uint32_t ConvertInterfaceNameToLuidW(T0 InterfaceName, void *InterfaceLuid)
{
    return ConvertInterfaceNameToLuidW(ws2mp_wstr_arg_(InterfaceName).p, InterfaceLuid);
}
template <class T0>
static inline uint32_t ConvertInterfaceAliasToLuid(T0 InterfaceAlias, void *InterfaceLuid)
{
    return ConvertInterfaceAliasToLuid(ws2mp_wstr_arg_(InterfaceAlias).p, InterfaceLuid);
}
template <class T0>
static inline uint32_t GetAdapterIndex(T0 AdapterName, uint32_t *IfIndex)
{
    return GetAdapterIndex(ws2mp_wstr_arg_(AdapterName).p, IfIndex);
}
template <class T0, class T1>
static inline int32_t GetAddrInfoW(T0 pNodeName, T1 pServiceName, const struct addrinfoW *pHints, struct addrinfoW **ppResult)
{
    return GetAddrInfoW(ws2mp_wstr_arg_(pNodeName).p, ws2mp_wstr_arg_(pServiceName).p, pHints, ppResult);
}
#if WS2MP_NTDDI_VISTA
template <class T0>
static inline int32_t InetPtonW(int32_t Family, T0 pszAddrString, void *pAddrBuf)
{
    return InetPtonW(Family, ws2mp_wstr_arg_(pszAddrString).p, pAddrBuf);
}
#endif
template <class T0>
static inline int32_t WSAStringToAddressW(T0 AddressString, int32_t AddressFamily, const struct WSAPROTOCOL_INFOW *lpProtocolInfo, struct sockaddr *lpAddress, int32_t *lpAddressLength)
{
    return WSAStringToAddressW(ws2mp_wstr_arg_(AddressString).p, AddressFamily, lpProtocolInfo, lpAddress, lpAddressLength);
}
template <class T0>
static inline uint16_t ** CommandLineToArgvW(T0 lpCmdLine, int32_t *pNumArgs)
{
    return CommandLineToArgvW(ws2mp_wstr_arg_(lpCmdLine).p, pNumArgs);
}
template <class T0>
static inline int32_t SetConsoleTitleW(T0 lpConsoleTitle)
{
    return SetConsoleTitleW(ws2mp_wstr_arg_(lpConsoleTitle).p);
}
template <class T0, class T1>
static inline int32_t CopyFileExW(T0 lpExistingFileName, T1 lpNewFileName, LPPROGRESS_ROUTINE lpProgressRoutine, void *lpData, int32_t *pbCancel, uint32_t dwCopyFlags)
{
    return CopyFileExW(ws2mp_wstr_arg_(lpExistingFileName).p, ws2mp_wstr_arg_(lpNewFileName).p, lpProgressRoutine, lpData, pbCancel, dwCopyFlags);
}
template <class T0, class T1>
static inline int32_t MoveFileWithProgressW(T0 lpExistingFileName, T1 lpNewFileName, LPPROGRESS_ROUTINE lpProgressRoutine, void *lpData, uint32_t dwFlags)
{
    return MoveFileWithProgressW(ws2mp_wstr_arg_(lpExistingFileName).p, ws2mp_wstr_arg_(lpNewFileName).p, lpProgressRoutine, lpData, dwFlags);
}
template <class T0>
static inline int32_t GetDiskFreeSpaceExW(T0 lpDirectoryName, void *lpFreeBytesAvailableToCaller, void *lpTotalNumberOfBytes, void *lpTotalNumberOfFreeBytes)
{
    return GetDiskFreeSpaceExW(ws2mp_wstr_arg_(lpDirectoryName).p, lpFreeBytesAvailableToCaller, lpTotalNumberOfBytes, lpTotalNumberOfFreeBytes);
}
template <class T0>
static inline int32_t GetDiskFreeSpaceW(T0 lpRootPathName, uint32_t *lpSectorsPerCluster, uint32_t *lpBytesPerSector, uint32_t *lpNumberOfFreeClusters, uint32_t *lpTotalNumberOfClusters)
{
    return GetDiskFreeSpaceW(ws2mp_wstr_arg_(lpRootPathName).p, lpSectorsPerCluster, lpBytesPerSector, lpNumberOfFreeClusters, lpTotalNumberOfClusters);
}
template <class T0>
static inline void * CreateFileW(T0 lpFileName, uint32_t dwDesiredAccess, uint32_t dwShareMode, void *lpSecurityAttributes, uint32_t dwCreationDisposition, uint32_t dwFlagsAndAttributes, void *hTemplateFile)
{
    return CreateFileW(ws2mp_wstr_arg_(lpFileName).p, dwDesiredAccess, dwShareMode, lpSecurityAttributes, dwCreationDisposition, dwFlagsAndAttributes, hTemplateFile);
}
template <class T0>
static inline int32_t DeleteFileW(T0 lpFileName)
{
    return DeleteFileW(ws2mp_wstr_arg_(lpFileName).p);
}
template <class T0>
static inline uint32_t GetFileAttributesW(T0 lpFileName)
{
    return GetFileAttributesW(ws2mp_wstr_arg_(lpFileName).p);
}
template <class T0>
static inline int32_t CreateDirectoryW(T0 lpPathName, void *lpSecurityAttributes)
{
    return CreateDirectoryW(ws2mp_wstr_arg_(lpPathName).p, lpSecurityAttributes);
}
template <class T0>
static inline int32_t RemoveDirectoryW(T0 lpPathName)
{
    return RemoveDirectoryW(ws2mp_wstr_arg_(lpPathName).p);
}
template <class T0, class T1>
static inline int32_t CopyFileW(T0 lpExistingFileName, T1 lpNewFileName, int32_t bFailIfExists)
{
    return CopyFileW(ws2mp_wstr_arg_(lpExistingFileName).p, ws2mp_wstr_arg_(lpNewFileName).p, bFailIfExists);
}
template <class T0, class T1>
static inline int32_t MoveFileW(T0 lpExistingFileName, T1 lpNewFileName)
{
    return MoveFileW(ws2mp_wstr_arg_(lpExistingFileName).p, ws2mp_wstr_arg_(lpNewFileName).p);
}
template <class T0, class T1>
static inline int32_t MoveFileExW(T0 lpExistingFileName, T1 lpNewFileName, uint32_t dwFlags)
{
    return MoveFileExW(ws2mp_wstr_arg_(lpExistingFileName).p, ws2mp_wstr_arg_(lpNewFileName).p, dwFlags);
}
template <class T0>
static inline int32_t GetFileAttributesExW(T0 lpFileName, int32_t fInfoLevelId, void *lpFileInformation)
{
    return GetFileAttributesExW(ws2mp_wstr_arg_(lpFileName).p, fInfoLevelId, lpFileInformation);
}
template <class T0>
static inline int32_t SetFileAttributesW(T0 lpFileName, uint32_t dwFileAttributes)
{
    return SetFileAttributesW(ws2mp_wstr_arg_(lpFileName).p, dwFileAttributes);
}
template <class T0>
static inline void * FindFirstFileW(T0 lpFileName, void *lpFindFileData)
{
    return FindFirstFileW(ws2mp_wstr_arg_(lpFileName).p, lpFindFileData);
}
template <class T0>
static inline void * FindFirstFileExW(T0 lpFileName, int32_t fInfoLevelId, void *lpFindFileData, int32_t fSearchOp, void *lpSearchFilter, uint32_t dwAdditionalFlags)
{
    return FindFirstFileExW(ws2mp_wstr_arg_(lpFileName).p, fInfoLevelId, lpFindFileData, fSearchOp, lpSearchFilter, dwAdditionalFlags);
}
template <class T0>
static inline uint32_t GetFullPathNameW(T0 lpFileName, uint32_t nBufferLength, uint16_t *lpBuffer, uint16_t **lpFilePart)
{
    return GetFullPathNameW(ws2mp_wstr_arg_(lpFileName).p, nBufferLength, lpBuffer, lpFilePart);
}
template <class T0, class T1, class T2>
static inline void * InternetOpenW(T0 lpszAgent, uint32_t dwAccessType, T1 lpszProxy, T2 lpszProxyBypass, uint32_t dwFlags)
{
    return InternetOpenW(ws2mp_wstr_arg_(lpszAgent).p, dwAccessType, ws2mp_wstr_arg_(lpszProxy).p, ws2mp_wstr_arg_(lpszProxyBypass).p, dwFlags);
}
template <class T0, class T1>
static inline void * InternetOpenUrlW(void *hInternet, T0 lpszUrl, T1 lpszHeaders, uint32_t dwHeadersLength, uint32_t dwFlags, uintptr_t dwContext)
{
    return InternetOpenUrlW(hInternet, ws2mp_wstr_arg_(lpszUrl).p, ws2mp_wstr_arg_(lpszHeaders).p, dwHeadersLength, dwFlags, dwContext);
}
template <class T0, class T1, class T2>
static inline void * InternetConnectW(void *hInternet, T0 lpszServerName, uint16_t nServerPort, T1 lpszUserName, T2 lpszPassword, uint32_t dwService, uint32_t dwFlags, uintptr_t dwContext)
{
    return InternetConnectW(hInternet, ws2mp_wstr_arg_(lpszServerName).p, nServerPort, ws2mp_wstr_arg_(lpszUserName).p, ws2mp_wstr_arg_(lpszPassword).p, dwService, dwFlags, dwContext);
}
template <class T0, class T1, class T2, class T3>
static inline void * HttpOpenRequestW(void *hConnect, T0 lpszVerb, T1 lpszObjectName, T2 lpszVersion, T3 lpszReferrer, const uint16_t *const *lplpszAcceptTypes, uint32_t dwFlags, uintptr_t dwContext)
{
    return HttpOpenRequestW(hConnect, ws2mp_wstr_arg_(lpszVerb).p, ws2mp_wstr_arg_(lpszObjectName).p, ws2mp_wstr_arg_(lpszVersion).p, ws2mp_wstr_arg_(lpszReferrer).p, lplpszAcceptTypes, dwFlags, dwContext);
}
template <class T0>
static inline int32_t HttpSendRequestW(void *hRequest, T0 lpszHeaders, uint32_t dwHeadersLength, void *lpOptional, uint32_t dwOptionalLength)
{
    return HttpSendRequestW(hRequest, ws2mp_wstr_arg_(lpszHeaders).p, dwHeadersLength, lpOptional, dwOptionalLength);
}
template <class T0>
static inline int32_t HttpAddRequestHeadersW(void *hRequest, T0 lpszHeaders, uint32_t dwHeadersLength, uint32_t dwModifiers)
{
    return HttpAddRequestHeadersW(hRequest, ws2mp_wstr_arg_(lpszHeaders).p, dwHeadersLength, dwModifiers);
}
template <class T0, class T1>
static inline int32_t URLDownloadToFileW(void *pCaller, T0 szURL, T1 szFileName, uint32_t dwReserved, void *lpfnCB)
{
    return URLDownloadToFileW(pCaller, ws2mp_wstr_arg_(szURL).p, ws2mp_wstr_arg_(szFileName).p, dwReserved, lpfnCB);
}
template <class T0>
static inline int32_t InternetCrackUrlW(T0 lpszUrl, uint32_t dwUrlLength, uint32_t dwFlags, void *lpUrlComponents)
{
    return InternetCrackUrlW(ws2mp_wstr_arg_(lpszUrl).p, dwUrlLength, dwFlags, lpUrlComponents);
}
template <class T0, class T1>
static inline int32_t CreateHardLinkW(T0 lpFileName, T1 lpExistingFileName, void *lpSecurityAttributes)
{
    return CreateHardLinkW(ws2mp_wstr_arg_(lpFileName).p, ws2mp_wstr_arg_(lpExistingFileName).p, lpSecurityAttributes);
}
template <class T0, class T1>
static inline uint8_t CreateSymbolicLinkW(T0 lpSymlinkFileName, T1 lpTargetFileName, uint32_t dwFlags)
{
    return CreateSymbolicLinkW(ws2mp_wstr_arg_(lpSymlinkFileName).p, ws2mp_wstr_arg_(lpTargetFileName).p, dwFlags);
}
template <class T0>
static inline void * CreateFileMappingW(void *hFile, void *lpFileMappingAttributes, uint32_t flProtect, uint32_t dwMaximumSizeHigh, uint32_t dwMaximumSizeLow, T0 lpName)
{
    return CreateFileMappingW(hFile, lpFileMappingAttributes, flProtect, dwMaximumSizeHigh, dwMaximumSizeLow, ws2mp_wstr_arg_(lpName).p);
}
template <class T0>
static inline void * OpenFileMappingW(uint32_t dwDesiredAccess, int32_t bInheritHandle, T0 lpName)
{
    return OpenFileMappingW(dwDesiredAccess, bInheritHandle, ws2mp_wstr_arg_(lpName).p);
}
template <class T0>
static inline void * GetModuleHandleW(T0 lpModuleName)
{
    return GetModuleHandleW(ws2mp_wstr_arg_(lpModuleName).p);
}
template <class T0>
static inline void * LoadLibraryW(T0 lpLibFileName)
{
    return LoadLibraryW(ws2mp_wstr_arg_(lpLibFileName).p);
}
template <class T0>
static inline void * CreateNamedPipeW(T0 lpName, uint32_t dwOpenMode, uint32_t dwPipeMode, uint32_t nMaxInstances, uint32_t nOutBufferSize, uint32_t nInBufferSize, uint32_t nDefaultTimeOut, void *lpSecurityAttributes)
{
    return CreateNamedPipeW(ws2mp_wstr_arg_(lpName).p, dwOpenMode, dwPipeMode, nMaxInstances, nOutBufferSize, nInBufferSize, nDefaultTimeOut, lpSecurityAttributes);
}
template <class T0>
static inline int32_t WaitNamedPipeW(T0 lpNamedPipeName, uint32_t nTimeOut)
{
    return WaitNamedPipeW(ws2mp_wstr_arg_(lpNamedPipeName).p, nTimeOut);
}
template <class T0>
static inline int32_t CallNamedPipeW(T0 lpNamedPipeName, void *lpInBuffer, uint32_t nInBufferSize, void *lpOutBuffer, uint32_t nOutBufferSize, uint32_t *lpBytesRead, uint32_t nTimeOut)
{
    return CallNamedPipeW(ws2mp_wstr_arg_(lpNamedPipeName).p, lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesRead, nTimeOut);
}
template <class T0, class T1>
static inline int32_t CreateProcessW(T0 lpApplicationName, uint16_t *lpCommandLine, void *lpProcessAttributes, void *lpThreadAttributes, int32_t bInheritHandles, uint32_t dwCreationFlags, void *lpEnvironment, T1 lpCurrentDirectory, void *lpStartupInfo, void *lpProcessInformation)
{
    return CreateProcessW(ws2mp_wstr_arg_(lpApplicationName).p, lpCommandLine, lpProcessAttributes, lpThreadAttributes, bInheritHandles, dwCreationFlags, lpEnvironment, ws2mp_wstr_arg_(lpCurrentDirectory).p, lpStartupInfo, lpProcessInformation);
}
template <class T0, class T1, class T2, class T3>
static inline uint32_t GetPrivateProfileStringW(T0 lpAppName, T1 lpKeyName, T2 lpDefault, uint16_t *lpReturnedString, uint32_t nSize, T3 lpFileName)
{
    return GetPrivateProfileStringW(ws2mp_wstr_arg_(lpAppName).p, ws2mp_wstr_arg_(lpKeyName).p, ws2mp_wstr_arg_(lpDefault).p, lpReturnedString, nSize, ws2mp_wstr_arg_(lpFileName).p);
}
template <class T0, class T1, class T2>
static inline uint32_t GetPrivateProfileIntW(T0 lpAppName, T1 lpKeyName, int32_t nDefault, T2 lpFileName)
{
    return GetPrivateProfileIntW(ws2mp_wstr_arg_(lpAppName).p, ws2mp_wstr_arg_(lpKeyName).p, nDefault, ws2mp_wstr_arg_(lpFileName).p);
}
template <class T0, class T1>
static inline uint32_t GetPrivateProfileSectionW(T0 lpAppName, uint16_t *lpReturnedString, uint32_t nSize, T1 lpFileName)
{
    return GetPrivateProfileSectionW(ws2mp_wstr_arg_(lpAppName).p, lpReturnedString, nSize, ws2mp_wstr_arg_(lpFileName).p);
}
template <class T0>
static inline uint32_t GetPrivateProfileSectionNamesW(uint16_t *lpszReturnBuffer, uint32_t nSize, T0 lpFileName)
{
    return GetPrivateProfileSectionNamesW(lpszReturnBuffer, nSize, ws2mp_wstr_arg_(lpFileName).p);
}
template <class T0, class T1, class T2, class T3>
static inline int32_t WritePrivateProfileStringW(T0 lpAppName, T1 lpKeyName, T2 lpString, T3 lpFileName)
{
    return WritePrivateProfileStringW(ws2mp_wstr_arg_(lpAppName).p, ws2mp_wstr_arg_(lpKeyName).p, ws2mp_wstr_arg_(lpString).p, ws2mp_wstr_arg_(lpFileName).p);
}
template <class T0>
static inline int32_t RegOpenKeyExW(void *hKey, T0 lpSubKey, uint32_t ulOptions, uint32_t samDesired, void **phkResult)
{
    return RegOpenKeyExW(hKey, ws2mp_wstr_arg_(lpSubKey).p, ulOptions, samDesired, phkResult);
}
template <class T0>
static inline int32_t RegOpenKeyW(void *hKey, T0 lpSubKey, void **phkResult)
{
    return RegOpenKeyW(hKey, ws2mp_wstr_arg_(lpSubKey).p, phkResult);
}
template <class T0>
static inline int32_t RegCreateKeyExW(void *hKey, T0 lpSubKey, uint32_t Reserved, uint16_t *lpClass, uint32_t dwOptions, uint32_t samDesired, void *lpSecurityAttributes, void **phkResult, uint32_t *lpdwDisposition)
{
    return RegCreateKeyExW(hKey, ws2mp_wstr_arg_(lpSubKey).p, Reserved, lpClass, dwOptions, samDesired, lpSecurityAttributes, phkResult, lpdwDisposition);
}
template <class T0>
static inline int32_t RegCreateKeyW(void *hKey, T0 lpSubKey, void **phkResult)
{
    return RegCreateKeyW(hKey, ws2mp_wstr_arg_(lpSubKey).p, phkResult);
}
template <class T0>
static inline int32_t RegQueryValueExW(void *hKey, T0 lpValueName, uint32_t *lpReserved, uint32_t *lpType, uint8_t *lpData, uint32_t *lpcbData)
{
    return RegQueryValueExW(hKey, ws2mp_wstr_arg_(lpValueName).p, lpReserved, lpType, lpData, lpcbData);
}
template <class T0>
static inline int32_t RegSetValueExW(void *hKey, T0 lpValueName, uint32_t Reserved, uint32_t dwType, const uint8_t *lpData, uint32_t cbData)
{
    return RegSetValueExW(hKey, ws2mp_wstr_arg_(lpValueName).p, Reserved, dwType, lpData, cbData);
}
template <class T0, class T1>
static inline int32_t RegGetValueW(void *hkey, T0 lpSubKey, T1 lpValue, uint32_t dwFlags, uint32_t *pdwType, void *pvData, uint32_t *pcbData)
{
    return RegGetValueW(hkey, ws2mp_wstr_arg_(lpSubKey).p, ws2mp_wstr_arg_(lpValue).p, dwFlags, pdwType, pvData, pcbData);
}
template <class T0>
static inline int32_t RegDeleteValueW(void *hKey, T0 lpValueName)
{
    return RegDeleteValueW(hKey, ws2mp_wstr_arg_(lpValueName).p);
}
template <class T0>
static inline int32_t RegDeleteKeyW(void *hKey, T0 lpSubKey)
{
    return RegDeleteKeyW(hKey, ws2mp_wstr_arg_(lpSubKey).p);
}
template <class T0>
static inline int32_t RegDeleteTreeW(void *hKey, T0 lpSubKey)
{
    return RegDeleteTreeW(hKey, ws2mp_wstr_arg_(lpSubKey).p);
}
template <class T0>
static inline void * RegisterServiceCtrlHandlerW(T0 lpServiceName, LPHANDLER_FUNCTION lpHandlerProc)
{
    return RegisterServiceCtrlHandlerW(ws2mp_wstr_arg_(lpServiceName).p, lpHandlerProc);
}
template <class T0>
static inline void * RegisterServiceCtrlHandlerExW(T0 lpServiceName, LPHANDLER_FUNCTION_EX lpHandlerProc, void *lpContext)
{
    return RegisterServiceCtrlHandlerExW(ws2mp_wstr_arg_(lpServiceName).p, lpHandlerProc, lpContext);
}
template <class T0, class T1>
static inline void * OpenSCManagerW(T0 lpMachineName, T1 lpDatabaseName, uint32_t dwDesiredAccess)
{
    return OpenSCManagerW(ws2mp_wstr_arg_(lpMachineName).p, ws2mp_wstr_arg_(lpDatabaseName).p, dwDesiredAccess);
}
template <class T0, class T1, class T2, class T3, class T4, class T5, class T6>
static inline void * CreateServiceW(void *hSCManager, T0 lpServiceName, T1 lpDisplayName, uint32_t dwDesiredAccess, uint32_t dwServiceType, uint32_t dwStartType, uint32_t dwErrorControl, T2 lpBinaryPathName, T3 lpLoadOrderGroup, uint32_t *lpdwTagId, T4 lpDependencies, T5 lpServiceStartName, T6 lpPassword)
{
    return CreateServiceW(hSCManager, ws2mp_wstr_arg_(lpServiceName).p, ws2mp_wstr_arg_(lpDisplayName).p, dwDesiredAccess, dwServiceType, dwStartType, dwErrorControl, ws2mp_wstr_arg_(lpBinaryPathName).p, ws2mp_wstr_arg_(lpLoadOrderGroup).p, lpdwTagId, ws2mp_wstr_arg_(lpDependencies).p, ws2mp_wstr_arg_(lpServiceStartName).p, ws2mp_wstr_arg_(lpPassword).p);
}
template <class T0>
static inline void * OpenServiceW(void *hSCManager, T0 lpServiceName, uint32_t dwDesiredAccess)
{
    return OpenServiceW(hSCManager, ws2mp_wstr_arg_(lpServiceName).p, dwDesiredAccess);
}
template <class T0, class T1>
static inline void * RegisterEventSourceW(T0 lpUNCServerName, T1 lpSourceName)
{
    return RegisterEventSourceW(ws2mp_wstr_arg_(lpUNCServerName).p, ws2mp_wstr_arg_(lpSourceName).p);
}
template <class T0>
static inline void * CreateEventW(void *lpEventAttributes, int32_t bManualReset, int32_t bInitialState, T0 lpName)
{
    return CreateEventW(lpEventAttributes, bManualReset, bInitialState, ws2mp_wstr_arg_(lpName).p);
}
template <class T0>
static inline void * OpenEventW(uint32_t dwDesiredAccess, int32_t bInheritHandle, T0 lpName)
{
    return OpenEventW(dwDesiredAccess, bInheritHandle, ws2mp_wstr_arg_(lpName).p);
}
template <class T0>
static inline void * CreateMutexW(void *lpMutexAttributes, int32_t bInitialOwner, T0 lpName)
{
    return CreateMutexW(lpMutexAttributes, bInitialOwner, ws2mp_wstr_arg_(lpName).p);
}
template <class T0>
static inline void * OpenMutexW(uint32_t dwDesiredAccess, int32_t bInheritHandle, T0 lpName)
{
    return OpenMutexW(dwDesiredAccess, bInheritHandle, ws2mp_wstr_arg_(lpName).p);
}
template <class T0>
static inline void * CreateSemaphoreW(void *lpSemaphoreAttributes, int32_t lInitialCount, int32_t lMaximumCount, T0 lpName)
{
    return CreateSemaphoreW(lpSemaphoreAttributes, lInitialCount, lMaximumCount, ws2mp_wstr_arg_(lpName).p);
}
template <class T0>
static inline void * OpenSemaphoreW(uint32_t dwDesiredAccess, int32_t bInheritHandle, T0 lpName)
{
    return OpenSemaphoreW(dwDesiredAccess, bInheritHandle, ws2mp_wstr_arg_(lpName).p);
}
template <class T0>
static inline int32_t SetThreadDescription(void *hThread, T0 lpThreadDescription)
{
    return SetThreadDescription(hThread, ws2mp_wstr_arg_(lpThreadDescription).p);
}
template <class T0>
static inline void * CreateWaitableTimerW(void *lpTimerAttributes, int32_t bManualReset, T0 lpTimerName)
{
    return CreateWaitableTimerW(lpTimerAttributes, bManualReset, ws2mp_wstr_arg_(lpTimerName).p);
}
template <class T0>
static inline void * CreateWaitableTimerExW(void *lpTimerAttributes, T0 lpTimerName, uint32_t dwFlags, uint32_t dwDesiredAccess)
{
    return CreateWaitableTimerExW(lpTimerAttributes, ws2mp_wstr_arg_(lpTimerName).p, dwFlags, dwDesiredAccess);
}
template <class T0>
static inline void * OpenWaitableTimerW(uint32_t dwDesiredAccess, int32_t bInheritHandle, T0 lpTimerName)
{
    return OpenWaitableTimerW(dwDesiredAccess, bInheritHandle, ws2mp_wstr_arg_(lpTimerName).p);
}
template <class T0>
static inline int32_t UuidFromStringW(T0 StringUuid, void *Uuid)
{
    return UuidFromStringW(ws2mp_wstr_arg_(StringUuid).p, Uuid);
}
template <class T0>
static inline uint32_t GetDriveTypeW(T0 lpRootPathName)
{
    return GetDriveTypeW(ws2mp_wstr_arg_(lpRootPathName).p);
}
template <class T0>
static inline int32_t GetVolumeInformationW(T0 lpRootPathName, uint16_t *lpVolumeNameBuffer, uint32_t nVolumeNameSize, uint32_t *lpVolumeSerialNumber, uint32_t *lpMaximumComponentLength, uint32_t *lpFileSystemFlags, uint16_t *lpFileSystemNameBuffer, uint32_t nFileSystemNameSize)
{
    return GetVolumeInformationW(ws2mp_wstr_arg_(lpRootPathName).p, lpVolumeNameBuffer, nVolumeNameSize, lpVolumeSerialNumber, lpMaximumComponentLength, lpFileSystemFlags, lpFileSystemNameBuffer, nFileSystemNameSize);
}
template <class T0>
static inline int32_t GetVolumeNameForVolumeMountPointW(T0 lpszVolumeMountPoint, uint16_t *lpszVolumeName, uint32_t cchBufferLength)
{
    return GetVolumeNameForVolumeMountPointW(ws2mp_wstr_arg_(lpszVolumeMountPoint).p, lpszVolumeName, cchBufferLength);
}
template <class T0>
static inline int32_t GetVolumePathNamesForVolumeNameW(T0 lpszVolumeName, uint16_t *lpszVolumePathNames, uint32_t cchBufferLength, uint32_t *lpcchReturnLength)
{
    return GetVolumePathNamesForVolumeNameW(ws2mp_wstr_arg_(lpszVolumeName).p, lpszVolumePathNames, cchBufferLength, lpcchReturnLength);
}
template <class T0>
static inline int32_t UnregisterClassW(T0 lpClassName, void *hInstance)
{
    return UnregisterClassW(ws2mp_wstr_arg_(lpClassName).p, hInstance);
}
template <class T0, class T1>
static inline void * CreateWindowExW(uint32_t dwExStyle, T0 lpClassName, T1 lpWindowName, uint32_t dwStyle, int32_t X, int32_t Y, int32_t nWidth, int32_t nHeight, void *hWndParent, void *hMenu, void *hInstance, void *lpParam)
{
    return CreateWindowExW(dwExStyle, ws2mp_wstr_arg_(lpClassName).p, ws2mp_wstr_arg_(lpWindowName).p, dwStyle, X, Y, nWidth, nHeight, hWndParent, hMenu, hInstance, lpParam);
}
template <class T0>
static inline int32_t SetWindowTextW(void *hWnd, T0 lpString)
{
    return SetWindowTextW(hWnd, ws2mp_wstr_arg_(lpString).p);
}
template <class T0>
static inline uint32_t RegisterWindowMessageW(T0 lpString)
{
    return RegisterWindowMessageW(ws2mp_wstr_arg_(lpString).p);
}
template <class T0>
static inline int wvsprintfW(LPWSTR buf, T0 fmt, va_list ap)
{
    return wvsprintfW(buf, ws2mp_wstr_arg_(fmt).p, ap);
}
template <class T0>
static inline void OutputDebugStringW(T0 text)
{
    OutputDebugStringW(ws2mp_wstr_arg_(text).p);
}
template <class T0>
static inline int lstrlenW(T0 s)
{
    return lstrlenW(ws2mp_wstr_arg_(s).p);
}
template <class T0>
static inline LPWSTR lstrcpyW(LPWSTR dest, T0 src)
{
    return lstrcpyW(dest, ws2mp_wstr_arg_(src).p);
}
template <class T0>
static inline LPWSTR lstrcpynW(LPWSTR dest, T0 src, int n)
{
    return lstrcpynW(dest, ws2mp_wstr_arg_(src).p, n);
}
template <class T0>
static inline LPWSTR lstrcatW(LPWSTR dest, T0 src)
{
    return lstrcatW(dest, ws2mp_wstr_arg_(src).p);
}
template <class T0, class T1>
static inline int lstrcmpW(T0 a, T1 b)
{
    return lstrcmpW(ws2mp_wstr_arg_(a).p, ws2mp_wstr_arg_(b).p);
}
template <class T0, class T1>
static inline int lstrcmpiW(T0 a, T1 b)
{
    return lstrcmpiW(ws2mp_wstr_arg_(a).p, ws2mp_wstr_arg_(b).p);
}
template <class T0>
static inline int LCMapStringW(DWORD Locale, DWORD dwMapFlags, T0 lpSrcStr, int cchSrc, LPWSTR lpDestStr, int cchDest)
{
    return LCMapStringW(Locale, dwMapFlags, ws2mp_wstr_arg_(lpSrcStr).p, cchSrc, lpDestStr, cchDest);
}
template <class T0, class T1>
static inline int MessageBoxW(HWND hWnd, T0 lpText, T1 lpCaption, UINT uType)
{
    return MessageBoxW(hWnd, ws2mp_wstr_arg_(lpText).p, ws2mp_wstr_arg_(lpCaption).p, uType);
}
template <class T0>
static inline BOOL SetCurrentDirectoryW(T0 lpPathName)
{
    return SetCurrentDirectoryW(ws2mp_wstr_arg_(lpPathName).p);
}
template <class T0>
static inline DWORD GetEnvironmentVariableW(T0 lpName, LPWSTR lpBuffer, DWORD nSize)
{
    return GetEnvironmentVariableW(ws2mp_wstr_arg_(lpName).p, lpBuffer, nSize);
}
template <class T0, class T1>
static inline BOOL SetEnvironmentVariableW(T0 lpName, T1 lpValue)
{
    return SetEnvironmentVariableW(ws2mp_wstr_arg_(lpName).p, ws2mp_wstr_arg_(lpValue).p);
}
template <class T0>
static inline DWORD ExpandEnvironmentStringsW(T0 lpSrc, LPWSTR lpDst, DWORD nSize)
{
    return ExpandEnvironmentStringsW(ws2mp_wstr_arg_(lpSrc).p, lpDst, nSize);
}
}
#else
#if WS2MP_WINNT_VISTA
#define GetAddrInfoExW(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9) (GetAddrInfoExW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), a2, a3, a4, a5, a6, a7, a8, a9)
#endif
#if WS2MP_WINNT_VISTA
#define WSAConnectByNameW(a0, a1, a2, a3, a4, a5, a6, a7, a8) (WSAConnectByNameW)(a0, WS2MP_WSTR_(a1), WS2MP_WSTR_(a2), a3, a4, a5, a6, a7, a8)
#endif
#define ConvertInterfaceNameToLuidW(a0, a1) (ConvertInterfaceNameToLuidW)(WS2MP_WSTR_(a0), a1)
#define ConvertInterfaceAliasToLuid(a0, a1) (ConvertInterfaceAliasToLuid)(WS2MP_WSTR_(a0), a1)
#define GetAdapterIndex(a0, a1) (GetAdapterIndex)(WS2MP_WSTR_(a0), a1)
#define GetAddrInfoW(a0, a1, a2, a3) (GetAddrInfoW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), a2, a3)
#if WS2MP_NTDDI_VISTA
#define InetPtonW(a0, a1, a2) (InetPtonW)(a0, WS2MP_WSTR_(a1), a2)
#endif
#define WSAStringToAddressW(a0, a1, a2, a3, a4) (WSAStringToAddressW)(WS2MP_WSTR_(a0), a1, a2, a3, a4)
#define CommandLineToArgvW(a0, a1) (CommandLineToArgvW)(WS2MP_WSTR_(a0), a1)
#define SetConsoleTitleW(a0) (SetConsoleTitleW)(WS2MP_WSTR_(a0))
#define CopyFileExW(a0, a1, a2, a3, a4, a5) (CopyFileExW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), a2, a3, a4, a5)
#define MoveFileWithProgressW(a0, a1, a2, a3, a4) (MoveFileWithProgressW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), a2, a3, a4)
#define GetDiskFreeSpaceExW(a0, a1, a2, a3) (GetDiskFreeSpaceExW)(WS2MP_WSTR_(a0), a1, a2, a3)
#define GetDiskFreeSpaceW(a0, a1, a2, a3, a4) (GetDiskFreeSpaceW)(WS2MP_WSTR_(a0), a1, a2, a3, a4)
#define CreateFileW(a0, a1, a2, a3, a4, a5, a6) (CreateFileW)(WS2MP_WSTR_(a0), a1, a2, a3, a4, a5, a6)
#define DeleteFileW(a0) (DeleteFileW)(WS2MP_WSTR_(a0))
#define GetFileAttributesW(a0) (GetFileAttributesW)(WS2MP_WSTR_(a0))
#define CreateDirectoryW(a0, a1) (CreateDirectoryW)(WS2MP_WSTR_(a0), a1)
#define RemoveDirectoryW(a0) (RemoveDirectoryW)(WS2MP_WSTR_(a0))
#define CopyFileW(a0, a1, a2) (CopyFileW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), a2)
#define MoveFileW(a0, a1) (MoveFileW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1))
#define MoveFileExW(a0, a1, a2) (MoveFileExW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), a2)
#define GetFileAttributesExW(a0, a1, a2) (GetFileAttributesExW)(WS2MP_WSTR_(a0), a1, a2)
#define SetFileAttributesW(a0, a1) (SetFileAttributesW)(WS2MP_WSTR_(a0), a1)
#define FindFirstFileW(a0, a1) (FindFirstFileW)(WS2MP_WSTR_(a0), a1)
#define FindFirstFileExW(a0, a1, a2, a3, a4, a5) (FindFirstFileExW)(WS2MP_WSTR_(a0), a1, a2, a3, a4, a5)
#define GetFullPathNameW(a0, a1, a2, a3) (GetFullPathNameW)(WS2MP_WSTR_(a0), a1, a2, a3)
#define InternetOpenW(a0, a1, a2, a3, a4) (InternetOpenW)(WS2MP_WSTR_(a0), a1, WS2MP_WSTR_(a2), WS2MP_WSTR_(a3), a4)
#define InternetOpenUrlW(a0, a1, a2, a3, a4, a5) (InternetOpenUrlW)(a0, WS2MP_WSTR_(a1), WS2MP_WSTR_(a2), a3, a4, a5)
#define InternetConnectW(a0, a1, a2, a3, a4, a5, a6, a7) (InternetConnectW)(a0, WS2MP_WSTR_(a1), a2, WS2MP_WSTR_(a3), WS2MP_WSTR_(a4), a5, a6, a7)
#define HttpOpenRequestW(a0, a1, a2, a3, a4, a5, a6, a7) (HttpOpenRequestW)(a0, WS2MP_WSTR_(a1), WS2MP_WSTR_(a2), WS2MP_WSTR_(a3), WS2MP_WSTR_(a4), a5, a6, a7)
#define HttpSendRequestW(a0, a1, a2, a3, a4) (HttpSendRequestW)(a0, WS2MP_WSTR_(a1), a2, a3, a4)
#define HttpAddRequestHeadersW(a0, a1, a2, a3) (HttpAddRequestHeadersW)(a0, WS2MP_WSTR_(a1), a2, a3)
#define URLDownloadToFileW(a0, a1, a2, a3, a4) (URLDownloadToFileW)(a0, WS2MP_WSTR_(a1), WS2MP_WSTR_(a2), a3, a4)
#define InternetCrackUrlW(a0, a1, a2, a3) (InternetCrackUrlW)(WS2MP_WSTR_(a0), a1, a2, a3)
#define CreateHardLinkW(a0, a1, a2) (CreateHardLinkW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), a2)
#define CreateSymbolicLinkW(a0, a1, a2) (CreateSymbolicLinkW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), a2)
#define CreateFileMappingW(a0, a1, a2, a3, a4, a5) (CreateFileMappingW)(a0, a1, a2, a3, a4, WS2MP_WSTR_(a5))
#define OpenFileMappingW(a0, a1, a2) (OpenFileMappingW)(a0, a1, WS2MP_WSTR_(a2))
#define GetModuleHandleW(a0) (GetModuleHandleW)(WS2MP_WSTR_(a0))
#define LoadLibraryW(a0) (LoadLibraryW)(WS2MP_WSTR_(a0))
#define CreateNamedPipeW(a0, a1, a2, a3, a4, a5, a6, a7) (CreateNamedPipeW)(WS2MP_WSTR_(a0), a1, a2, a3, a4, a5, a6, a7)
#define WaitNamedPipeW(a0, a1) (WaitNamedPipeW)(WS2MP_WSTR_(a0), a1)
#define CallNamedPipeW(a0, a1, a2, a3, a4, a5, a6) (CallNamedPipeW)(WS2MP_WSTR_(a0), a1, a2, a3, a4, a5, a6)
#define CreateProcessW(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9) (CreateProcessW)(WS2MP_WSTR_(a0), a1, a2, a3, a4, a5, a6, WS2MP_WSTR_(a7), a8, a9)
#define GetPrivateProfileStringW(a0, a1, a2, a3, a4, a5) (GetPrivateProfileStringW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), WS2MP_WSTR_(a2), a3, a4, WS2MP_WSTR_(a5))
#define GetPrivateProfileIntW(a0, a1, a2, a3) (GetPrivateProfileIntW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), a2, WS2MP_WSTR_(a3))
#define GetPrivateProfileSectionW(a0, a1, a2, a3) (GetPrivateProfileSectionW)(WS2MP_WSTR_(a0), a1, a2, WS2MP_WSTR_(a3))
#define GetPrivateProfileSectionNamesW(a0, a1, a2) (GetPrivateProfileSectionNamesW)(a0, a1, WS2MP_WSTR_(a2))
#define WritePrivateProfileStringW(a0, a1, a2, a3) (WritePrivateProfileStringW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), WS2MP_WSTR_(a2), WS2MP_WSTR_(a3))
#define RegOpenKeyExW(a0, a1, a2, a3, a4) (RegOpenKeyExW)(a0, WS2MP_WSTR_(a1), a2, a3, a4)
#define RegOpenKeyW(a0, a1, a2) (RegOpenKeyW)(a0, WS2MP_WSTR_(a1), a2)
#define RegCreateKeyExW(a0, a1, a2, a3, a4, a5, a6, a7, a8) (RegCreateKeyExW)(a0, WS2MP_WSTR_(a1), a2, a3, a4, a5, a6, a7, a8)
#define RegCreateKeyW(a0, a1, a2) (RegCreateKeyW)(a0, WS2MP_WSTR_(a1), a2)
#define RegQueryValueExW(a0, a1, a2, a3, a4, a5) (RegQueryValueExW)(a0, WS2MP_WSTR_(a1), a2, a3, a4, a5)
#define RegSetValueExW(a0, a1, a2, a3, a4, a5) (RegSetValueExW)(a0, WS2MP_WSTR_(a1), a2, a3, a4, a5)
#define RegGetValueW(a0, a1, a2, a3, a4, a5, a6) (RegGetValueW)(a0, WS2MP_WSTR_(a1), WS2MP_WSTR_(a2), a3, a4, a5, a6)
#define RegDeleteValueW(a0, a1) (RegDeleteValueW)(a0, WS2MP_WSTR_(a1))
#define RegDeleteKeyW(a0, a1) (RegDeleteKeyW)(a0, WS2MP_WSTR_(a1))
#define RegDeleteTreeW(a0, a1) (RegDeleteTreeW)(a0, WS2MP_WSTR_(a1))
#define RegisterServiceCtrlHandlerW(a0, a1) (RegisterServiceCtrlHandlerW)(WS2MP_WSTR_(a0), a1)
#define RegisterServiceCtrlHandlerExW(a0, a1, a2) (RegisterServiceCtrlHandlerExW)(WS2MP_WSTR_(a0), a1, a2)
#define OpenSCManagerW(a0, a1, a2) (OpenSCManagerW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), a2)
#define CreateServiceW(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12) (CreateServiceW)(a0, WS2MP_WSTR_(a1), WS2MP_WSTR_(a2), a3, a4, a5, a6, WS2MP_WSTR_(a7), WS2MP_WSTR_(a8), a9, WS2MP_WSTR_(a10), WS2MP_WSTR_(a11), WS2MP_WSTR_(a12))
#define OpenServiceW(a0, a1, a2) (OpenServiceW)(a0, WS2MP_WSTR_(a1), a2)
#define RegisterEventSourceW(a0, a1) (RegisterEventSourceW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1))
#define CreateEventW(a0, a1, a2, a3) (CreateEventW)(a0, a1, a2, WS2MP_WSTR_(a3))
#define OpenEventW(a0, a1, a2) (OpenEventW)(a0, a1, WS2MP_WSTR_(a2))
#define CreateMutexW(a0, a1, a2) (CreateMutexW)(a0, a1, WS2MP_WSTR_(a2))
#define OpenMutexW(a0, a1, a2) (OpenMutexW)(a0, a1, WS2MP_WSTR_(a2))
#define CreateSemaphoreW(a0, a1, a2, a3) (CreateSemaphoreW)(a0, a1, a2, WS2MP_WSTR_(a3))
#define OpenSemaphoreW(a0, a1, a2) (OpenSemaphoreW)(a0, a1, WS2MP_WSTR_(a2))
#define SetThreadDescription(a0, a1) (SetThreadDescription)(a0, WS2MP_WSTR_(a1))
#define CreateWaitableTimerW(a0, a1, a2) (CreateWaitableTimerW)(a0, a1, WS2MP_WSTR_(a2))
#define CreateWaitableTimerExW(a0, a1, a2, a3) (CreateWaitableTimerExW)(a0, WS2MP_WSTR_(a1), a2, a3)
#define OpenWaitableTimerW(a0, a1, a2) (OpenWaitableTimerW)(a0, a1, WS2MP_WSTR_(a2))
#define UuidFromStringW(a0, a1) (UuidFromStringW)(WS2MP_WSTR_(a0), a1)
#define GetDriveTypeW(a0) (GetDriveTypeW)(WS2MP_WSTR_(a0))
#define GetVolumeInformationW(a0, a1, a2, a3, a4, a5, a6, a7) (GetVolumeInformationW)(WS2MP_WSTR_(a0), a1, a2, a3, a4, a5, a6, a7)
#define GetVolumeNameForVolumeMountPointW(a0, a1, a2) (GetVolumeNameForVolumeMountPointW)(WS2MP_WSTR_(a0), a1, a2)
#define GetVolumePathNamesForVolumeNameW(a0, a1, a2, a3) (GetVolumePathNamesForVolumeNameW)(WS2MP_WSTR_(a0), a1, a2, a3)
#define UnregisterClassW(a0, a1) (UnregisterClassW)(WS2MP_WSTR_(a0), a1)
#define CreateWindowExW(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11) (CreateWindowExW)(a0, WS2MP_WSTR_(a1), WS2MP_WSTR_(a2), a3, a4, a5, a6, a7, a8, a9, a10, a11)
#define SetWindowTextW(a0, a1) (SetWindowTextW)(a0, WS2MP_WSTR_(a1))
#define RegisterWindowMessageW(a0) (RegisterWindowMessageW)(WS2MP_WSTR_(a0))
#define wvsprintfW(a0, a1, a2) (wvsprintfW)(a0, WS2MP_WSTR_(a1), a2)
#define OutputDebugStringW(a0) (OutputDebugStringW)(WS2MP_WSTR_(a0))
#define lstrlenW(a0) (lstrlenW)(WS2MP_WSTR_(a0))
#define lstrcpyW(a0, a1) (lstrcpyW)(a0, WS2MP_WSTR_(a1))
#define lstrcpynW(a0, a1, a2) (lstrcpynW)(a0, WS2MP_WSTR_(a1), a2)
#define lstrcatW(a0, a1) (lstrcatW)(a0, WS2MP_WSTR_(a1))
#define lstrcmpW(a0, a1) (lstrcmpW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1))
#define lstrcmpiW(a0, a1) (lstrcmpiW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1))
#define LCMapStringW(a0, a1, a2, a3, a4, a5) (LCMapStringW)(a0, a1, WS2MP_WSTR_(a2), a3, a4, a5)
#define MessageBoxW(a0, a1, a2, a3) (MessageBoxW)(a0, WS2MP_WSTR_(a1), WS2MP_WSTR_(a2), a3)
#define SetCurrentDirectoryW(a0) (SetCurrentDirectoryW)(WS2MP_WSTR_(a0))
#define GetEnvironmentVariableW(a0, a1, a2) (GetEnvironmentVariableW)(WS2MP_WSTR_(a0), a1, a2)
#define SetEnvironmentVariableW(a0, a1) (SetEnvironmentVariableW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1))
#define ExpandEnvironmentStringsW(a0, a1, a2) (ExpandEnvironmentStringsW)(WS2MP_WSTR_(a0), a1, a2)
#endif
#endif

/* <datetimeapi.h>'s, once it has defined them. */
#if defined(WS2MP_WCHAR_ARGS_FOR_DATETIMEAPI_H) && !defined(WS2MP_WCHAR_ARGS_DONE_DATETIMEAPI_H)
#define WS2MP_WCHAR_ARGS_DONE_DATETIMEAPI_H
#ifdef __cplusplus
extern "C++" {
template <class T0>
static inline int GetDateFormatW(LCID Locale, DWORD dwFlags, const SYSTEMTIME *lpDate, T0 lpFormat, LPWSTR lpDateStr, int cchDate)
{
    return GetDateFormatW(Locale, dwFlags, lpDate, ws2mp_wstr_arg_(lpFormat).p, lpDateStr, cchDate);
}
template <class T0>
static inline int GetTimeFormatW(LCID Locale, DWORD dwFlags, const SYSTEMTIME *lpTime, T0 lpFormat, LPWSTR lpTimeStr, int cchTime)
{
    return GetTimeFormatW(Locale, dwFlags, lpTime, ws2mp_wstr_arg_(lpFormat).p, lpTimeStr, cchTime);
}
template <class T0>
static inline int GetNumberFormatW(LCID Locale, DWORD dwFlags, T0 lpValue, const NUMBERFMTW *lpFormat, LPWSTR lpNumberStr, int cchNumber)
{
    return GetNumberFormatW(Locale, dwFlags, ws2mp_wstr_arg_(lpValue).p, lpFormat, lpNumberStr, cchNumber);
}
}
#else
#define GetDateFormatW(a0, a1, a2, a3, a4, a5) (GetDateFormatW)(a0, a1, a2, WS2MP_WSTR_(a3), a4, a5)
#define GetTimeFormatW(a0, a1, a2, a3, a4, a5) (GetTimeFormatW)(a0, a1, a2, WS2MP_WSTR_(a3), a4, a5)
#define GetNumberFormatW(a0, a1, a2, a3, a4, a5) (GetNumberFormatW)(a0, a1, WS2MP_WSTR_(a2), a3, a4, a5)
#endif
#endif

/* <fileapi.h>'s, once it has defined them. */
#if defined(WS2MP_WCHAR_ARGS_FOR_FILEAPI_H) && !defined(WS2MP_WCHAR_ARGS_DONE_FILEAPI_H)
#define WS2MP_WCHAR_ARGS_DONE_FILEAPI_H
#ifdef __cplusplus
extern "C++" {
template <class T0, class T1>
static inline UINT GetTempFileNameW(T0 lpPathName, T1 lpPrefixString, UINT uUnique, LPWSTR lpTempFileName)
{
    return GetTempFileNameW(ws2mp_wstr_arg_(lpPathName).p, ws2mp_wstr_arg_(lpPrefixString).p, uUnique, lpTempFileName);
}
template <class T0>
static inline DWORD GetLongPathNameW(T0 lpszShortPath, LPWSTR lpszLongPath, DWORD cchBuffer)
{
    return GetLongPathNameW(ws2mp_wstr_arg_(lpszShortPath).p, lpszLongPath, cchBuffer);
}
template <class T0>
static inline DWORD GetShortPathNameW(T0 lpszLongPath, LPWSTR lpszShortPath, DWORD cchBuffer)
{
    return GetShortPathNameW(ws2mp_wstr_arg_(lpszLongPath).p, lpszShortPath, cchBuffer);
}
template <class T0, class T1, class T2>
static inline DWORD SearchPathW(T0 lpPath, T1 lpFileName, T2 lpExtension, DWORD nBufferLength, LPWSTR lpBuffer, LPWSTR *lpFilePart)
{
    return SearchPathW(ws2mp_wstr_arg_(lpPath).p, ws2mp_wstr_arg_(lpFileName).p, ws2mp_wstr_arg_(lpExtension).p, nBufferLength, lpBuffer, lpFilePart);
}
template <class T0>
static inline BOOL NeedCurrentDirectoryForExePathW(T0 lpExeName)
{
    return NeedCurrentDirectoryForExePathW(ws2mp_wstr_arg_(lpExeName).p);
}
template <class T0, class T1, class T2>
static inline BOOL ReplaceFileW(T0 lpReplacedFileName, T1 lpReplacementFileName, T2 lpBackupFileName, DWORD dwReplaceFlags, LPVOID lpExclude, LPVOID lpReserved)
{
    return ReplaceFileW(ws2mp_wstr_arg_(lpReplacedFileName).p, ws2mp_wstr_arg_(lpReplacementFileName).p, ws2mp_wstr_arg_(lpBackupFileName).p, dwReplaceFlags, lpExclude, lpReserved);
}
template <class T0>
static inline DWORD GetCompressedFileSizeW(T0 lpFileName, LPDWORD lpFileSizeHigh)
{
    return GetCompressedFileSizeW(ws2mp_wstr_arg_(lpFileName).p, lpFileSizeHigh);
}
template <class T0, class T1>
static inline BOOL CreateDirectoryExW(T0 lpTemplateDirectory, T1 lpNewDirectory, LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
    return CreateDirectoryExW(ws2mp_wstr_arg_(lpTemplateDirectory).p, ws2mp_wstr_arg_(lpNewDirectory).p, lpSecurityAttributes);
}
}
#else
#define GetTempFileNameW(a0, a1, a2, a3) (GetTempFileNameW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), a2, a3)
#define GetLongPathNameW(a0, a1, a2) (GetLongPathNameW)(WS2MP_WSTR_(a0), a1, a2)
#define GetShortPathNameW(a0, a1, a2) (GetShortPathNameW)(WS2MP_WSTR_(a0), a1, a2)
#define SearchPathW(a0, a1, a2, a3, a4, a5) (SearchPathW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), WS2MP_WSTR_(a2), a3, a4, a5)
#define NeedCurrentDirectoryForExePathW(a0) (NeedCurrentDirectoryForExePathW)(WS2MP_WSTR_(a0))
#define ReplaceFileW(a0, a1, a2, a3, a4, a5) (ReplaceFileW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), WS2MP_WSTR_(a2), a3, a4, a5)
#define GetCompressedFileSizeW(a0, a1) (GetCompressedFileSizeW)(WS2MP_WSTR_(a0), a1)
#define CreateDirectoryExW(a0, a1, a2) (CreateDirectoryExW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1), a2)
#endif
#endif

/* <ip2string.h>'s, once it has defined them. */
#if defined(WS2MP_WCHAR_ARGS_FOR_IP2STRING_H) && !defined(WS2MP_WCHAR_ARGS_DONE_IP2STRING_H)
#define WS2MP_WCHAR_ARGS_DONE_IP2STRING_H
#ifdef __cplusplus
extern "C++" {
template <class T0>
static inline NTSTATUS RtlIpv4StringToAddressExW(T0 AddressString, BOOLEAN Strict, struct in_addr *Address, PUSHORT Port)
{
    return RtlIpv4StringToAddressExW(ws2mp_wstr_arg_(AddressString).p, Strict, Address, Port);
}
template <class T0>
static inline NTSTATUS RtlIpv6StringToAddressExW(T0 AddressString, struct in6_addr *Address, PULONG ScopeId, PUSHORT Port)
{
    return RtlIpv6StringToAddressExW(ws2mp_wstr_arg_(AddressString).p, Address, ScopeId, Port);
}
}
#else
#define RtlIpv4StringToAddressExW(a0, a1, a2, a3) (RtlIpv4StringToAddressExW)(WS2MP_WSTR_(a0), a1, a2, a3)
#define RtlIpv6StringToAddressExW(a0, a1, a2, a3) (RtlIpv6StringToAddressExW)(WS2MP_WSTR_(a0), a1, a2, a3)
#endif
#endif

/* <libloaderapi.h>'s, once it has defined them. */
#if defined(WS2MP_WCHAR_ARGS_FOR_LIBLOADERAPI_H) && !defined(WS2MP_WCHAR_ARGS_DONE_LIBLOADERAPI_H)
#define WS2MP_WCHAR_ARGS_DONE_LIBLOADERAPI_H
#ifdef __cplusplus
extern "C++" {
template <class T0>
static inline HMODULE LoadLibraryExW(T0 lpLibFileName, HANDLE hFile, DWORD dwFlags)
{
    return LoadLibraryExW(ws2mp_wstr_arg_(lpLibFileName).p, hFile, dwFlags);
}
template <class T0>
static inline BOOL GetModuleHandleExW(DWORD dwFlags, T0 lpModuleName, HMODULE *phModule)
{
    return GetModuleHandleExW(dwFlags, ws2mp_wstr_arg_(lpModuleName).p, phModule);
}
template <class T0>
static inline BOOL SetDllDirectoryW(T0 lpPathName)
{
    return SetDllDirectoryW(ws2mp_wstr_arg_(lpPathName).p);
}
template <class T0>
static inline DLL_DIRECTORY_COOKIE AddDllDirectory(T0 NewDirectory)
{
    return AddDllDirectory(ws2mp_wstr_arg_(NewDirectory).p);
}
}
#else
#define LoadLibraryExW(a0, a1, a2) (LoadLibraryExW)(WS2MP_WSTR_(a0), a1, a2)
#define GetModuleHandleExW(a0, a1, a2) (GetModuleHandleExW)(a0, WS2MP_WSTR_(a1), a2)
#define SetDllDirectoryW(a0) (SetDllDirectoryW)(WS2MP_WSTR_(a0))
#define AddDllDirectory(a0) (AddDllDirectory)(WS2MP_WSTR_(a0))
#endif
#endif

/* <processthreadsapi.h>'s, once it has defined them. */
#if defined(WS2MP_WCHAR_ARGS_FOR_PROCESSTHREADSAPI_H) && !defined(WS2MP_WCHAR_ARGS_DONE_PROCESSTHREADSAPI_H)
#define WS2MP_WCHAR_ARGS_DONE_PROCESSTHREADSAPI_H
#ifdef __cplusplus
extern "C++" {
template <class T0>
static inline void FatalAppExitW(UINT uAction, T0 lpMessageText)
{
    FatalAppExitW(uAction, ws2mp_wstr_arg_(lpMessageText).p);
}
}
#else
#define FatalAppExitW(a0, a1) (FatalAppExitW)(a0, WS2MP_WSTR_(a1))
#endif
#endif

/* <shlwapi.h>'s, once it has defined them. */
#if defined(WS2MP_WCHAR_ARGS_FOR_SHLWAPI_H) && !defined(WS2MP_WCHAR_ARGS_DONE_SHLWAPI_H)
#define WS2MP_WCHAR_ARGS_DONE_SHLWAPI_H
#ifdef __cplusplus
extern "C++" {
template <class T0>
static inline BOOL PathFileExistsW(T0 path)
{
    return PathFileExistsW(ws2mp_wstr_arg_(path).p);
}
template <class T0>
static inline BOOL PathIsDirectoryW(T0 path)
{
    return PathIsDirectoryW(ws2mp_wstr_arg_(path).p);
}
template <class T0>
static inline BOOL PathIsRelativeW(T0 path)
{
    return PathIsRelativeW(ws2mp_wstr_arg_(path).p);
}
template <class T0>
static inline BOOL PathRenameExtensionW(LPWSTR path, T0 ext)
{
    return PathRenameExtensionW(path, ws2mp_wstr_arg_(ext).p);
}
template <class T0>
static inline BOOL PathAppendW(LPWSTR path, T0 more)
{
    return PathAppendW(path, ws2mp_wstr_arg_(more).p);
}
template <class T0, class T1>
static inline LPWSTR PathCombineW(LPWSTR dest, T0 dir, T1 file)
{
    return PathCombineW(dest, ws2mp_wstr_arg_(dir).p, ws2mp_wstr_arg_(file).p);
}
template <class T0, class T1>
static inline int StrCmpIW(T0 a, T1 b)
{
    return StrCmpIW(ws2mp_wstr_arg_(a).p, ws2mp_wstr_arg_(b).p);
}
template <class T0>
static inline int StrToIntW(T0 s)
{
    return StrToIntW(ws2mp_wstr_arg_(s).p);
}
template <class T0>
static inline BOOL StrTrimW(LPWSTR s, T0 trim)
{
    return StrTrimW(s, ws2mp_wstr_arg_(trim).p);
}
}
#else
#define PathFileExistsW(a0) (PathFileExistsW)(WS2MP_WSTR_(a0))
#define PathIsDirectoryW(a0) (PathIsDirectoryW)(WS2MP_WSTR_(a0))
#define PathIsRelativeW(a0) (PathIsRelativeW)(WS2MP_WSTR_(a0))
#define PathRenameExtensionW(a0, a1) (PathRenameExtensionW)(a0, WS2MP_WSTR_(a1))
#define PathAppendW(a0, a1) (PathAppendW)(a0, WS2MP_WSTR_(a1))
#define PathCombineW(a0, a1, a2) (PathCombineW)(a0, WS2MP_WSTR_(a1), WS2MP_WSTR_(a2))
#define StrCmpIW(a0, a1) (StrCmpIW)(WS2MP_WSTR_(a0), WS2MP_WSTR_(a1))
#define StrToIntW(a0) (StrToIntW)(WS2MP_WSTR_(a0))
#define StrTrimW(a0, a1) (StrTrimW)(a0, WS2MP_WSTR_(a1))
#endif
#endif

/* <strsafe.h>'s, once it has defined them. */
#if defined(WS2MP_WCHAR_ARGS_FOR_STRSAFE_H) && !defined(WS2MP_WCHAR_ARGS_DONE_STRSAFE_H)
#define WS2MP_WCHAR_ARGS_DONE_STRSAFE_H
#ifdef __cplusplus
extern "C++" {
template <class T0>
static inline HRESULT StringCchCopyW(STRSAFE_LPWSTR dest, size_t cch, T0 src)
{
    return StringCchCopyW(dest, cch, ws2mp_wstr_arg_(src).p);
}
template <class T0>
static inline HRESULT StringCbCopyW(STRSAFE_LPWSTR dest, size_t cb, T0 src)
{
    return StringCbCopyW(dest, cb, ws2mp_wstr_arg_(src).p);
}
template <class T0>
static inline HRESULT StringCchCatW(STRSAFE_LPWSTR dest, size_t cch, T0 src)
{
    return StringCchCatW(dest, cch, ws2mp_wstr_arg_(src).p);
}
template <class T0>
static inline HRESULT StringCbCatW(STRSAFE_LPWSTR dest, size_t cb, T0 src)
{
    return StringCbCatW(dest, cb, ws2mp_wstr_arg_(src).p);
}
template <class T0>
static inline HRESULT StringCchLengthW(T0 s, size_t max, size_t *len)
{
    return StringCchLengthW(ws2mp_wstr_arg_(s).p, max, len);
}
template <class T0>
static inline HRESULT StringCbLengthW(T0 s, size_t cbmax, size_t *cblen)
{
    return StringCbLengthW(ws2mp_wstr_arg_(s).p, cbmax, cblen);
}
template <class T0>
static inline HRESULT StringCchVPrintfW(STRSAFE_LPWSTR dest, size_t cch, T0 fmt, va_list ap)
{
    return StringCchVPrintfW(dest, cch, ws2mp_wstr_arg_(fmt).p, ap);
}
template <class T0>
static inline HRESULT StringCbVPrintfW(STRSAFE_LPWSTR dest, size_t cb, T0 fmt, va_list ap)
{
    return StringCbVPrintfW(dest, cb, ws2mp_wstr_arg_(fmt).p, ap);
}
template <class T0>
static inline HRESULT StringCchCopyExW(STRSAFE_LPWSTR dest, size_t cch, T0 src, STRSAFE_LPWSTR *end, size_t *remaining, DWORD flags)
{
    return StringCchCopyExW(dest, cch, ws2mp_wstr_arg_(src).p, end, remaining, flags);
}
template <class T0>
static inline HRESULT StringCchCatExW(STRSAFE_LPWSTR dest, size_t cch, T0 src, STRSAFE_LPWSTR *end, size_t *remaining, DWORD flags)
{
    return StringCchCatExW(dest, cch, ws2mp_wstr_arg_(src).p, end, remaining, flags);
}
template <class T0>
static inline HRESULT StringCchVPrintfExW(STRSAFE_LPWSTR dest, size_t cch, STRSAFE_LPWSTR *end, size_t *remaining, DWORD flags, T0 src, va_list ap)
{
    return StringCchVPrintfExW(dest, cch, end, remaining, flags, ws2mp_wstr_arg_(src).p, ap);
}
template <class T0>
static inline HRESULT StringCbCopyExW(STRSAFE_LPWSTR dest, size_t cb, T0 src, STRSAFE_LPWSTR *end, size_t *cb_rem, DWORD flags)
{
    return StringCbCopyExW(dest, cb, ws2mp_wstr_arg_(src).p, end, cb_rem, flags);
}
template <class T0>
static inline HRESULT StringCbCatExW(STRSAFE_LPWSTR dest, size_t cb, T0 src, STRSAFE_LPWSTR *end, size_t *cb_rem, DWORD flags)
{
    return StringCbCatExW(dest, cb, ws2mp_wstr_arg_(src).p, end, cb_rem, flags);
}
template <class T0>
static inline HRESULT StringCbVPrintfExW(STRSAFE_LPWSTR dest, size_t cb, STRSAFE_LPWSTR *end, size_t *cb_rem, DWORD flags, T0 fmt, va_list ap)
{
    return StringCbVPrintfExW(dest, cb, end, cb_rem, flags, ws2mp_wstr_arg_(fmt).p, ap);
}
}
#else
#define StringCchCopyW(a0, a1, a2) (StringCchCopyW)(a0, a1, WS2MP_WSTR_(a2))
#define StringCbCopyW(a0, a1, a2) (StringCbCopyW)(a0, a1, WS2MP_WSTR_(a2))
#define StringCchCatW(a0, a1, a2) (StringCchCatW)(a0, a1, WS2MP_WSTR_(a2))
#define StringCbCatW(a0, a1, a2) (StringCbCatW)(a0, a1, WS2MP_WSTR_(a2))
#define StringCchLengthW(a0, a1, a2) (StringCchLengthW)(WS2MP_WSTR_(a0), a1, a2)
#define StringCbLengthW(a0, a1, a2) (StringCbLengthW)(WS2MP_WSTR_(a0), a1, a2)
#define StringCchVPrintfW(a0, a1, a2, a3) (StringCchVPrintfW)(a0, a1, WS2MP_WSTR_(a2), a3)
#define StringCbVPrintfW(a0, a1, a2, a3) (StringCbVPrintfW)(a0, a1, WS2MP_WSTR_(a2), a3)
#define StringCchCopyExW(a0, a1, a2, a3, a4, a5) (StringCchCopyExW)(a0, a1, WS2MP_WSTR_(a2), a3, a4, a5)
#define StringCchCatExW(a0, a1, a2, a3, a4, a5) (StringCchCatExW)(a0, a1, WS2MP_WSTR_(a2), a3, a4, a5)
#define StringCchVPrintfExW(a0, a1, a2, a3, a4, a5, a6) (StringCchVPrintfExW)(a0, a1, a2, a3, a4, WS2MP_WSTR_(a5), a6)
#define StringCbCopyExW(a0, a1, a2, a3, a4, a5) (StringCbCopyExW)(a0, a1, WS2MP_WSTR_(a2), a3, a4, a5)
#define StringCbCatExW(a0, a1, a2, a3, a4, a5) (StringCbCatExW)(a0, a1, WS2MP_WSTR_(a2), a3, a4, a5)
#define StringCbVPrintfExW(a0, a1, a2, a3, a4, a5, a6) (StringCbVPrintfExW)(a0, a1, a2, a3, a4, WS2MP_WSTR_(a5), a6)
#endif
#endif

/* <synchapi.h>'s, once it has defined them. */
#if defined(WS2MP_WCHAR_ARGS_FOR_SYNCHAPI_H) && !defined(WS2MP_WCHAR_ARGS_DONE_SYNCHAPI_H)
#define WS2MP_WCHAR_ARGS_DONE_SYNCHAPI_H
#ifdef __cplusplus
extern "C++" {
template <class T0>
static inline HANDLE CreateEventExW(LPSECURITY_ATTRIBUTES lpEventAttributes, T0 lpName, DWORD dwFlags, DWORD dwDesiredAccess)
{
    return CreateEventExW(lpEventAttributes, ws2mp_wstr_arg_(lpName).p, dwFlags, dwDesiredAccess);
}
template <class T0>
static inline HANDLE CreateMutexExW(LPSECURITY_ATTRIBUTES lpMutexAttributes, T0 lpName, DWORD dwFlags, DWORD dwDesiredAccess)
{
    return CreateMutexExW(lpMutexAttributes, ws2mp_wstr_arg_(lpName).p, dwFlags, dwDesiredAccess);
}
template <class T0>
static inline HANDLE CreateSemaphoreExW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount, LONG lMaximumCount, T0 lpName, DWORD dwFlags, DWORD dwDesiredAccess)
{
    return CreateSemaphoreExW(lpSemaphoreAttributes, lInitialCount, lMaximumCount, ws2mp_wstr_arg_(lpName).p, dwFlags, dwDesiredAccess);
}
}
#else
#define CreateEventExW(a0, a1, a2, a3) (CreateEventExW)(a0, WS2MP_WSTR_(a1), a2, a3)
#define CreateMutexExW(a0, a1, a2, a3) (CreateMutexExW)(a0, WS2MP_WSTR_(a1), a2, a3)
#define CreateSemaphoreExW(a0, a1, a2, a3, a4, a5) (CreateSemaphoreExW)(a0, a1, a2, WS2MP_WSTR_(a3), a4, a5)
#endif
#endif

/* <winuser.h>'s, once it has defined them. */
#if defined(WS2MP_WCHAR_ARGS_FOR_WINUSER_H) && !defined(WS2MP_WCHAR_ARGS_DONE_WINUSER_H)
#define WS2MP_WCHAR_ARGS_DONE_WINUSER_H
#ifdef __cplusplus
extern "C++" {
template <class T0>
static inline HICON LoadIconW(HINSTANCE hInstance, T0 lpIconName)
{
    return LoadIconW(hInstance, ws2mp_wstr_arg_(lpIconName).p);
}
template <class T0>
static inline HCURSOR LoadCursorW(HINSTANCE hInstance, T0 lpCursorName)
{
    return LoadCursorW(hInstance, ws2mp_wstr_arg_(lpCursorName).p);
}
}
#else
#define LoadIconW(a0, a1) (LoadIconW)(a0, WS2MP_WSTR_(a1))
#define LoadCursorW(a0, a1) (LoadCursorW)(a0, WS2MP_WSTR_(a1))
#endif
#endif
