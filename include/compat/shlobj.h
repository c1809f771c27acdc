/*
 * ws2mp compat: <shlobj.h>: the shell's special folders, where Windows programs keep their
 * settings, logs and documents: SHGetFolderPathA/W and SHGetSpecialFolderPathA/W.
 *
 * The per-user folders are the XDG places under the home directory ($HOME, else the
 * password entry's): CSIDL_PROFILE the home itself, CSIDL_APPDATA $XDG_CONFIG_HOME (else
 * ~/.config), CSIDL_LOCAL_APPDATA $XDG_DATA_HOME (else ~/.local/share), CSIDL_PERSONAL
 * (My Documents) ~/Documents, CSIDL_DESKTOP(DIRECTORY) ~/Desktop, CSIDL_MYPICTURES
 * ~/Pictures, CSIDL_MYMUSIC ~/Music, CSIDL_MYVIDEO ~/Videos; CSIDL_COMMON_APPDATA is
 * /usr/local/share and CSIDL_COMMON_DOCUMENTS /usr/local/share/doc. CSIDL_WINDOWS,
 * CSIDL_SYSTEM and CSIDL_PROGRAM_FILES are Windows' paths (GetWindowsDirectory's, and
 * %ProgramFiles% else "C:\\Program Files"), for messages: nothing exists there. Paths use
 * '/' (ws2mp's file calls read '\\' as '/' too). CSIDL_FLAG_CREATE (or fCreate) creates a
 * missing per-user folder and its parents. Other CSIDLs give E_INVALIDARG (FALSE).
 */
#ifndef WS2MP_COMPAT_SHLOBJ_H
#define WS2MP_COMPAT_SHLOBJ_H

#include "windows.h"
#include "shellapi.h"
#include <pwd.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CSIDL_DESKTOP 0x0000
#define CSIDL_PERSONAL 0x0005
#define CSIDL_MYDOCUMENTS CSIDL_PERSONAL
#define CSIDL_MYMUSIC 0x000d
#define CSIDL_MYVIDEO 0x000e
#define CSIDL_DESKTOPDIRECTORY 0x0010
#define CSIDL_APPDATA 0x001a
#define CSIDL_LOCAL_APPDATA 0x001c
#define CSIDL_COMMON_APPDATA 0x0023
#define CSIDL_WINDOWS 0x0024
#define CSIDL_SYSTEM 0x0025
#define CSIDL_PROGRAM_FILES 0x0026
#define CSIDL_MYPICTURES 0x0027
#define CSIDL_PROFILE 0x0028
#define CSIDL_COMMON_DOCUMENTS 0x002e
#define CSIDL_FLAG_CREATE 0x8000
#define CSIDL_FLAG_DONT_VERIFY 0x4000
#define CSIDL_FLAG_MASK 0xFF00
#define SHGFP_TYPE_CURRENT 0
#define SHGFP_TYPE_DEFAULT 1

/* The folder of `csidl` into out (MAX_PATH bytes); whether it is a per-user folder (which
 * CSIDL_FLAG_CREATE may create); -1 for a CSIDL not known here. */
static inline int ws2mp_shell_folder_(int csidl, char *out)
{
    const char *home = getenv("HOME"), *xdg = NULL, *under = NULL;
    if (home == NULL || home[0] == '\0') {
        struct passwd *pw = getpwuid(ws2mp_geteuid_());
        home = (pw && pw->pw_dir) ? pw->pw_dir : "/";
    }
    switch (csidl & ~CSIDL_FLAG_MASK) {
    case CSIDL_PROFILE:
        under = "";
        break;
    case CSIDL_APPDATA:
        xdg = getenv("XDG_CONFIG_HOME");
        under = "/.config";
        break;
    case CSIDL_LOCAL_APPDATA:
        xdg = getenv("XDG_DATA_HOME");
        under = "/.local/share";
        break;
    case CSIDL_PERSONAL:
        under = "/Documents";
        break;
    case CSIDL_DESKTOP:
    case CSIDL_DESKTOPDIRECTORY:
        under = "/Desktop";
        break;
    case CSIDL_MYPICTURES:
        under = "/Pictures";
        break;
    case CSIDL_MYMUSIC:
        under = "/Music";
        break;
    case CSIDL_MYVIDEO:
        under = "/Videos";
        break;
    case CSIDL_COMMON_APPDATA:
        snprintf(out, MAX_PATH, "%s", "/usr/local/share");
        return 0;
    case CSIDL_COMMON_DOCUMENTS:
        snprintf(out, MAX_PATH, "%s", "/usr/local/share/doc");
        return 0;
    case CSIDL_WINDOWS:
        GetWindowsDirectoryA(out, MAX_PATH);
        return 0;
    case CSIDL_SYSTEM:
        GetSystemDirectoryA(out, MAX_PATH);
        return 0;
    case CSIDL_PROGRAM_FILES: {
        const char *p = getenv("ProgramFiles");
        snprintf(out, MAX_PATH, "%s", (p && p[0]) ? p : "C:\\Program Files");
        return 0;
    }
    default:
        return -1;
    }
    if (xdg != NULL && xdg[0] == '/' && strlen(xdg) < MAX_PATH)
        snprintf(out, MAX_PATH, "%s", xdg);
    else if (snprintf(out, MAX_PATH, "%s%s", strcmp(home, "/") == 0 ? "" : home, under) >= MAX_PATH)
        return -1;
    if (out[0] == '\0')
        strcpy(out, "/");
    return 1;
}

/* Creates `path` and its missing parents; whether it is a directory now. */
static inline BOOL ws2mp_shell_create_(const char *path)
{
    char part[MAX_PATH];
    size_t i, n = strlen(path);
    for (i = 1; i <= n; i++) {
        if (path[i] == '/' || path[i] == '\0') {
            memcpy(part, path, i);
            part[i] = '\0';
            CreateDirectoryA(part, NULL);
        }
    }
    return (GetFileAttributesA(path) & FILE_ATTRIBUTE_DIRECTORY) != 0 && GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES;
}

/* S_OK with the path in pszPath (MAX_PATH characters); E_INVALIDARG for a CSIDL not known
 * here; E_FAIL when CSIDL_FLAG_CREATE could not create the folder. */
static inline HRESULT SHGetFolderPathA(HWND hwnd, int csidl, HANDLE hToken, DWORD dwFlags, LPSTR pszPath)
{
    char path[MAX_PATH];
    int kind;
    (void)hwnd;
    (void)hToken;
    (void)dwFlags;
    if (pszPath == NULL)
        return E_INVALIDARG;
    kind = ws2mp_shell_folder_(csidl, path);
    if (kind < 0) {
        pszPath[0] = '\0';
        return E_INVALIDARG;
    }
    if (kind == 1 && (csidl & CSIDL_FLAG_CREATE) && !ws2mp_shell_create_(path))
        return E_FAIL;
    strcpy(pszPath, path);
    return S_OK;
}

static inline HRESULT SHGetFolderPathW(HWND hwnd, int csidl, HANDLE hToken, DWORD dwFlags, LPWSTR pszPath)
{
    char path[MAX_PATH];
    HRESULT hr = SHGetFolderPathA(hwnd, csidl, hToken, dwFlags, path);
    if (pszPath == NULL)
        return E_INVALIDARG;
    if (hr != S_OK) {
        pszPath[0] = 0;
        return hr;
    }
    return ws2mp_copy_out_w_(pszPath, MAX_PATH, path) < MAX_PATH ? S_OK : E_FAIL;
}

/* TRUE with the path in pszPath; FALSE for a CSIDL not known here (or a folder fCreate
 * could not create). */
static inline BOOL SHGetSpecialFolderPathA(HWND hwnd, LPSTR pszPath, int csidl, BOOL fCreate)
{
    return SHGetFolderPathA(hwnd, csidl | (fCreate ? CSIDL_FLAG_CREATE : 0), NULL, 0, pszPath) == S_OK;
}

static inline BOOL SHGetSpecialFolderPathW(HWND hwnd, LPWSTR pszPath, int csidl, BOOL fCreate)
{
    return SHGetFolderPathW(hwnd, csidl | (fCreate ? CSIDL_FLAG_CREATE : 0), NULL, 0, pszPath) == S_OK;
}

#ifdef UNICODE
#define SHGetFolderPath SHGetFolderPathW
#define SHGetSpecialFolderPath SHGetSpecialFolderPathW
#else
#define SHGetFolderPath SHGetFolderPathA
#define SHGetSpecialFolderPath SHGetSpecialFolderPathA
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_SHLOBJ_H */
