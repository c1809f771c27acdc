/*
 * ws2mp compat: <process.h>: the C runtime's thread functions.
 *
 * _beginthreadex (returns the thread's HANDLE as uintptr_t, 0 on failure), _beginthread
 * (the handle is closed automatically when the thread ends, as on Windows; (uintptr_t)-1 on
 * failure), _endthreadex and _endthread are declared in ws2mp.h. _getpid is getpid.
 *
 * Starting programs: _spawnl, _spawnv, _spawnlp, _spawnvp (and _spawnle/_spawnve with an
 * environment) start a program over CreateProcessA with the command line the C runtime builds
 * (the arguments joined by spaces, unquoted, as Microsoft's does): _P_WAIT returns its exit
 * code, _P_NOWAIT its process handle (for _cwait, which waits, gives the exit code and closes
 * the handle), _P_NOWAITO and _P_DETACH 0; -1 with errno (ENOENT, EINVAL, E2BIG) on failure.
 * _P_OVERLAY and the _exec family replace the program (POSIX exec). `\` in the program's
 * path separates directories, as `/` does.
 */
#ifndef WS2MP_COMPAT_PROCESS_H
#define WS2MP_COMPAT_PROCESS_H

#include "processthreadsapi.h"
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ws2mp_path.h"

#ifndef _getpid
#define _getpid getpid
#endif

#define _P_WAIT 0
#define _P_NOWAIT 1
#define _P_OVERLAY 2
#define _OLD_P_OVERLAY _P_OVERLAY
#define _P_NOWAITO 3
#define _P_DETACH 4
#define _WAIT_CHILD 0
#define _WAIT_GRANDCHILD 1
#define P_WAIT _P_WAIT
#define P_NOWAIT _P_NOWAIT
#define P_OVERLAY _P_OVERLAY
#define P_NOWAITO _P_NOWAITO
#define P_DETACH _P_DETACH
#define WAIT_CHILD _WAIT_CHILD
#define WAIT_GRANDCHILD _WAIT_GRANDCHILD

#ifdef __cplusplus
extern "C" {
#endif

/* The most arguments the l forms take. */
#define WS2MP_SPAWN_MAX_ARGS_ 64

static inline intptr_t ws2mp_spawn_(int mode, const char *cmdname, const char *const *argv, const char *const *envp,
                                    int search)
{
    char line[32768], *block = NULL;
    size_t used = 0, need = 0;
    int i;
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    DWORD code = 0;
    if (cmdname == NULL || argv == NULL || argv[0] == NULL || mode < _P_WAIT || mode > _P_DETACH) {
        errno = EINVAL;
        return -1;
    }
    if (mode == _P_OVERLAY) {
        /* `\` separates directories (CreateProcessA reads the other modes' names so). */
        char path_buf[260], *path_owned;
        const char *path = ws2mp_slash_path_(cmdname, path_buf, sizeof(path_buf), &path_owned);
        int saved;
        if (envp)
            execve(path, (char *const *)argv, (char *const *)envp);
        else if (search)
            execvp(path, (char *const *)argv);
        else
            execv(path, (char *const *)argv);
        saved = errno;
        free(path_owned);
        errno = saved;
        return -1;
    }
    for (i = 0; argv[i] != NULL; i++) {
        size_t n = strlen(argv[i]);
        if (used + n + 2 > sizeof(line)) {
            errno = E2BIG;
            return -1;
        }
        if (i > 0)
            line[used++] = ' ';
        memcpy(line + used, argv[i], n);
        used += n;
    }
    line[used] = '\0';
    if (envp) {
        for (i = 0; envp[i] != NULL; i++)
            need += strlen(envp[i]) + 1;
        block = (char *)malloc(need + 1);
        if (block == NULL) {
            errno = ENOMEM;
            return -1;
        }
        for (i = 0, used = 0; envp[i] != NULL; i++) {
            size_t n = strlen(envp[i]) + 1;
            memcpy(block + used, envp[i], n);
            used += n;
        }
        block[used] = '\0';
    }
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    /* The p forms search PATH: CreateProcessA does for a command line's first word. */
    if (!CreateProcessA(search && strchr(cmdname, '/') == NULL && strchr(cmdname, '\\') == NULL ? NULL : cmdname, line,
                        NULL, NULL, TRUE, 0, block, NULL, &si, &pi)) {
        free(block);
        errno = GetLastError() == ERROR_FILE_NOT_FOUND || GetLastError() == ERROR_PATH_NOT_FOUND ? ENOENT : EINVAL;
        return -1;
    }
    free(block);
    CloseHandle(pi.hThread);
    switch (mode) {
    case _P_WAIT:
        WaitForSingleObject(pi.hProcess, INFINITE);
        GetExitCodeProcess(pi.hProcess, &code);
        CloseHandle(pi.hProcess);
        return (intptr_t)code;
    case _P_NOWAIT:
        return (intptr_t)pi.hProcess;
    default:
        CloseHandle(pi.hProcess);
        return 0;
    }
}

/* Collects the l forms' arguments (up to the NULL) into argv; for the le forms (envp not
 * NULL) the environment that follows them. */
static inline void ws2mp_spawn_args_(const char *first, va_list ap, const char **argv, const char *const **envp)
{
    int n = 1;
    const char *a;
    argv[0] = first;
    while (first != NULL && (a = va_arg(ap, const char *)) != NULL && n < WS2MP_SPAWN_MAX_ARGS_)
        argv[n++] = a;
    argv[n] = NULL;
    if (envp)
        *envp = va_arg(ap, const char *const *);
}
#define WS2MP_SPAWN_COLLECT_(last, argv, envp)                                                       \
    do {                                                                                           \
        va_list ap_;                                                                               \
        va_start(ap_, last);                                                                       \
        ws2mp_spawn_args_(last, ap_, argv, envp);                                                  \
        va_end(ap_);                                                                               \
    } while (0)

static inline intptr_t _spawnv(int mode, const char *cmdname, const char *const *argv)
{
    return ws2mp_spawn_(mode, cmdname, argv, NULL, 0);
}
static inline intptr_t _spawnvp(int mode, const char *cmdname, const char *const *argv)
{
    return ws2mp_spawn_(mode, cmdname, argv, NULL, 1);
}
static inline intptr_t _spawnve(int mode, const char *cmdname, const char *const *argv, const char *const *envp)
{
    return ws2mp_spawn_(mode, cmdname, argv, envp, 0);
}
static inline intptr_t _spawnl(int mode, const char *cmdname, const char *arg0, ...)
{
    const char *argv[WS2MP_SPAWN_MAX_ARGS_ + 1];
    WS2MP_SPAWN_COLLECT_(arg0, argv, NULL);
    return ws2mp_spawn_(mode, cmdname, argv, NULL, 0);
}
static inline intptr_t _spawnlp(int mode, const char *cmdname, const char *arg0, ...)
{
    const char *argv[WS2MP_SPAWN_MAX_ARGS_ + 1];
    WS2MP_SPAWN_COLLECT_(arg0, argv, NULL);
    return ws2mp_spawn_(mode, cmdname, argv, NULL, 1);
}
static inline intptr_t _spawnle(int mode, const char *cmdname, const char *arg0, ...)
{
    const char *argv[WS2MP_SPAWN_MAX_ARGS_ + 1];
    const char *const *envp = NULL;
    WS2MP_SPAWN_COLLECT_(arg0, argv, &envp);
    return ws2mp_spawn_(mode, cmdname, argv, envp, 0);
}

/* Waits for a process _spawn* started with _P_NOWAIT: its exit code in *termstat, the handle
 * closed; procHandle, or -1 with errno ECHILD for a handle that is none. */
static inline intptr_t _cwait(int *termstat, intptr_t procHandle, int action)
{
    DWORD code = 0;
    (void)action;
    if (WaitForSingleObject((HANDLE)procHandle, INFINITE) != WAIT_OBJECT_0 ||
        !GetExitCodeProcess((HANDLE)procHandle, &code)) {
        errno = ECHILD;
        return -1;
    }
    if (termstat)
        *termstat = (int)code;
    CloseHandle((HANDLE)procHandle);
    return procHandle;
}
#define cwait _cwait

static inline intptr_t _execv(const char *cmdname, const char *const *argv)
{
    return ws2mp_spawn_(_P_OVERLAY, cmdname, argv, NULL, 0);
}
static inline intptr_t _execvp(const char *cmdname, const char *const *argv)
{
    return ws2mp_spawn_(_P_OVERLAY, cmdname, argv, NULL, 1);
}
static inline intptr_t _execl(const char *cmdname, const char *arg0, ...)
{
    const char *argv[WS2MP_SPAWN_MAX_ARGS_ + 1];
    WS2MP_SPAWN_COLLECT_(arg0, argv, NULL);
    return ws2mp_spawn_(_P_OVERLAY, cmdname, argv, NULL, 0);
}
static inline intptr_t _execlp(const char *cmdname, const char *arg0, ...)
{
    const char *argv[WS2MP_SPAWN_MAX_ARGS_ + 1];
    WS2MP_SPAWN_COLLECT_(arg0, argv, NULL);
    return ws2mp_spawn_(_P_OVERLAY, cmdname, argv, NULL, 1);
}

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_PROCESS_H */
