/*
 * ws2mp compat: <process.h>: the C runtime's thread functions.
 *
 * _beginthreadex (returns the thread's HANDLE as uintptr_t, 0 on failure), _beginthread
 * (the handle is closed automatically when the thread ends, as on Windows; (uintptr_t)-1 on
 * failure), _endthreadex and _endthread are declared in ws2mp.h. _getpid is getpid.
 */
#ifndef WS2MP_COMPAT_PROCESS_H
#define WS2MP_COMPAT_PROCESS_H

#include "processthreadsapi.h"
#include <unistd.h>

#ifndef _getpid
#define _getpid getpid
#endif

#endif /* WS2MP_COMPAT_PROCESS_H */
