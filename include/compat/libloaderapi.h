/*
 * ws2mp compat: <libloaderapi.h>: module handles for the Winsock DLLs.
 *
 * GetModuleHandleA/W, LoadLibraryA/W, FreeLibrary and GetProcAddress are declared in ws2mp.h
 * (FARPROC too). "ws2_32.dll", "mswsock.dll", "wsock32.dll" and "kernel32.dll" (any case, with
 * or without ".dll") all name ws2mp, so GetProcAddress(GetModuleHandle("ws2_32.dll"),
 * "WSAPoll") finds ws2mp's export; names POSIX also uses ("send") find the ws2mp_ function with
 * Winsock's signature. Other libraries cannot be loaded (ERROR_MOD_NOT_FOUND).
 * LoadLibraryExA/W, GetModuleHandleExA/W and the search-order calls (SetDllDirectory,
 * SetDefaultDllDirectories, AddDllDirectory, SetSearchPathMode) are inline here.
 */
#ifndef WS2MP_COMPAT_LIBLOADERAPI_H
#define WS2MP_COMPAT_LIBLOADERAPI_H

#include "handleapi.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef WS2MP_HINSTANCE_DEFINED
#define WS2MP_HINSTANCE_DEFINED
typedef void *HINSTANCE;
#endif
#ifndef WS2MP_HMODULE_DEFINED
#define WS2MP_HMODULE_DEFINED
typedef HINSTANCE HMODULE;
#endif
typedef FARPROC PROC;
typedef FARPROC NEARPROC;

/* LoadLibraryExA/W: LoadLibrary; the LOAD_LIBRARY_* / DONT_RESOLVE_DLL_REFERENCES flags change
 * nothing (hFile must be NULL: ERROR_INVALID_PARAMETER otherwise, as on Windows). */
#define DONT_RESOLVE_DLL_REFERENCES 0x00000001
#define LOAD_LIBRARY_AS_DATAFILE 0x00000002
#define LOAD_WITH_ALTERED_SEARCH_PATH 0x00000008
#define LOAD_IGNORE_CODE_AUTHZ_LEVEL 0x00000010
#define LOAD_LIBRARY_AS_IMAGE_RESOURCE 0x00000020
#define LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE 0x00000040
#define LOAD_LIBRARY_REQUIRE_SIGNED_TARGET 0x00000080
#define LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR 0x00000100
#define LOAD_LIBRARY_SEARCH_APPLICATION_DIR 0x00000200
#define LOAD_LIBRARY_SEARCH_USER_DIRS 0x00000400
#define LOAD_LIBRARY_SEARCH_SYSTEM32 0x00000800
#define LOAD_LIBRARY_SEARCH_DEFAULT_DIRS 0x00001000
#define LOAD_LIBRARY_SAFE_CURRENT_DIRS 0x00002000
static inline HMODULE LoadLibraryExA(LPCSTR lpLibFileName, HANDLE hFile, DWORD dwFlags)
{
    (void)dwFlags;
    if (hFile != NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    return LoadLibraryA(lpLibFileName);
}
static inline HMODULE LoadLibraryExW(LPCWSTR lpLibFileName, HANDLE hFile, DWORD dwFlags)
{
    (void)dwFlags;
    if (hFile != NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    return LoadLibraryW(lpLibFileName);
}

/* GetModuleHandleExA/W: GetModuleHandle into *phModule; with
 * GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS the name is an address, and the module holding it is
 * the program (ws2mp is linked into it: the program's code, data and ws2mp's are one module
 * here). The reference-count flags change nothing (ws2mp's modules are never unloaded). */
#define GET_MODULE_HANDLE_EX_FLAG_PIN 0x00000001
#define GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT 0x00000002
#define GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS 0x00000004
static inline BOOL ws2mp_module_handle_ex_(DWORD dwFlags, const void *name, int wide, HMODULE *phModule)
{
    if (phModule == NULL || (dwFlags & ~7u) != 0 ||
        (dwFlags & (GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT)) ==
            (GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT)) {
        if (phModule != NULL)
            *phModule = NULL;
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (dwFlags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS)
        *phModule = GetModuleHandleA(NULL);
    else
        *phModule = wide ? GetModuleHandleW((LPCWSTR)name) : GetModuleHandleA((LPCSTR)name);
    return *phModule != NULL;
}
static inline BOOL GetModuleHandleExA(DWORD dwFlags, LPCSTR lpModuleName, HMODULE *phModule)
{
    return ws2mp_module_handle_ex_(dwFlags, lpModuleName, 0, phModule);
}
static inline BOOL GetModuleHandleExW(DWORD dwFlags, LPCWSTR lpModuleName, HMODULE *phModule)
{
    return ws2mp_module_handle_ex_(dwFlags, lpModuleName, 1, phModule);
}

/* The DLL search-order hardening programs call first thing (SetDllDirectory(""),
 * SetDefaultDllDirectories, SetSearchPathMode): accepted, with Windows' argument checks;
 * nothing is searched for here (only ws2mp's own "DLLs" load). GetDllDirectory gives back
 * what SetDllDirectory set (per process, "" after SetDllDirectory(NULL) or ""). */
#define BASE_SEARCH_PATH_ENABLE_SAFE_SEARCHMODE 0x00000001
#define BASE_SEARCH_PATH_DISABLE_SAFE_SEARCHMODE 0x00010000
#define BASE_SEARCH_PATH_PERMANENT 0x00008000
typedef void *DLL_DIRECTORY_COOKIE, **PDLL_DIRECTORY_COOKIE;
/* One for the program (a weak definition every unit shares). */
char ws2mp_dll_directory_storage_[MAX_PATH] __attribute__((weak));
static inline char *ws2mp_dll_directory_(void)
{
    return ws2mp_dll_directory_storage_;
}
static inline BOOL SetDllDirectoryA(LPCSTR lpPathName)
{
    char *dir = ws2mp_dll_directory_();
    size_t n = lpPathName ? strlen(lpPathName) : 0;
    if (n >= MAX_PATH) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    memcpy(dir, lpPathName ? lpPathName : "", n);
    dir[n] = '\0';
    return TRUE;
}
static inline BOOL SetDllDirectoryW(LPCWSTR lpPathName)
{
    char *path = ws2mp_wide_to_utf8_(lpPathName);
    BOOL ok = lpPathName != NULL && path == NULL ? FALSE : SetDllDirectoryA(path);
    free(path);
    return ok;
}
static inline DWORD GetDllDirectoryA(DWORD nBufferLength, LPSTR lpBuffer)
{
    const char *dir = ws2mp_dll_directory_();
    DWORD n = (DWORD)strlen(dir);
    if (lpBuffer == NULL || nBufferLength <= n)
        return n + 1;
    memcpy(lpBuffer, dir, (size_t)n + 1);
    return n;
}
static inline DWORD GetDllDirectoryW(DWORD nBufferLength, LPWSTR lpBuffer)
{
    return ws2mp_copy_out_w_(lpBuffer, nBufferLength, ws2mp_dll_directory_());
}
static inline BOOL SetDefaultDllDirectories(DWORD DirectoryFlags)
{
    const DWORD known = LOAD_LIBRARY_SEARCH_APPLICATION_DIR | LOAD_LIBRARY_SEARCH_USER_DIRS |
                        LOAD_LIBRARY_SEARCH_SYSTEM32 | LOAD_LIBRARY_SEARCH_DEFAULT_DIRS;
    if (DirectoryFlags == 0 || (DirectoryFlags & ~known) != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return TRUE;
}
/* AddDllDirectory: a cookie for RemoveDllDirectory; the directory must be an absolute path. */
static inline DLL_DIRECTORY_COOKIE AddDllDirectory(LPCWSTR NewDirectory)
{
    static char cookie;
    if (NewDirectory == NULL || !(NewDirectory[0] == '/' || NewDirectory[0] == '\\' ||
                                  (NewDirectory[0] != 0 && NewDirectory[1] == ':'))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    return &cookie;
}
static inline BOOL RemoveDllDirectory(DLL_DIRECTORY_COOKIE Cookie)
{
    if (Cookie == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return TRUE;
}
static inline BOOL SetSearchPathMode(DWORD Flags)
{
    DWORD mode = Flags & ~(DWORD)BASE_SEARCH_PATH_PERMANENT;
    if (mode != BASE_SEARCH_PATH_ENABLE_SAFE_SEARCHMODE && mode != BASE_SEARCH_PATH_DISABLE_SAFE_SEARCHMODE) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return TRUE;
}

#ifdef UNICODE
#define GetModuleHandle GetModuleHandleW
#define LoadLibrary LoadLibraryW
#define LoadLibraryEx LoadLibraryExW
#define GetModuleHandleEx GetModuleHandleExW
#define SetDllDirectory SetDllDirectoryW
#define GetDllDirectory GetDllDirectoryW
#else
#define GetModuleHandle GetModuleHandleA
#define LoadLibrary LoadLibraryA
#define LoadLibraryEx LoadLibraryExA
#define GetModuleHandleEx GetModuleHandleExA
#define SetDllDirectory SetDllDirectoryA
#define GetDllDirectory GetDllDirectoryA
#endif

#ifdef __cplusplus
}
#endif

/* The W helpers above take the C library's wchar_t strings too (ws2mp_wchar_args.h). */
#if !defined(WS2MP_NO_WCHAR_T_OVERLOADS) && !defined(_MSC_VER)
#define WS2MP_WCHAR_ARGS_FOR_LIBLOADERAPI_H
#include "ws2mp_wchar_args.h"
#endif

#endif /* WS2MP_COMPAT_LIBLOADERAPI_H */
