/*
 * ws2mp compat: <crtdbg.h>: the debug C runtime's checks.
 *
 * _ASSERT and _ASSERTE check their expression in a _DEBUG build (a failure prints the
 * expression, file and line to stderr and aborts, where Windows shows a dialog) and do nothing
 * otherwise, as on Windows. The debug heap is not provided: _CrtSetDbgFlag, _CrtDumpMemoryLeaks,
 * _CrtSetReportMode and _CrtCheckMemory are accepted and report nothing (use AddressSanitizer's
 * leak checker: -fsanitize=address).
 */
#ifndef WS2MP_COMPAT_CRTDBG_H
#define WS2MP_COMPAT_CRTDBG_H

#include <stdio.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

#define _CRTDBG_ALLOC_MEM_DF 0x01
#define _CRTDBG_DELAY_FREE_MEM_DF 0x02
#define _CRTDBG_CHECK_ALWAYS_DF 0x04
#define _CRTDBG_CHECK_CRT_DF 0x10
#define _CRTDBG_LEAK_CHECK_DF 0x20
#define _CRTDBG_REPORT_FLAG (-1)
#define _CRT_WARN 0
#define _CRT_ERROR 1
#define _CRT_ASSERT 2
#define _CRTDBG_MODE_FILE 0x1
#define _CRTDBG_MODE_DEBUG 0x2
#define _CRTDBG_MODE_WNDW 0x4
#define _CRTDBG_REPORT_MODE (-1)
#define _CRTDBG_FILE_STDOUT ((void *)-5)
#define _CRTDBG_FILE_STDERR ((void *)-4)

static inline int _CrtSetDbgFlag(int flag)
{
    (void)flag;
    return 0;
}
static inline int _CrtDumpMemoryLeaks(void)
{
    return 0;
}
static inline int _CrtCheckMemory(void)
{
    return 1;
}
static inline int _CrtSetReportMode(int type, int mode)
{
    (void)type;
    (void)mode;
    return 0;
}
static inline void *_CrtSetReportFile(int type, void *file)
{
    (void)type;
    (void)file;
    return NULL;
}
static inline long _CrtSetBreakAlloc(long n)
{
    (void)n;
    return 0;
}

static inline void ws2mp_crt_assert_(const char *expr, const char *file, int line)
{
    fprintf(stderr, "Assertion failed: %s, file %s, line %d\n", expr, file, line);
    abort();
}

#ifdef _DEBUG
#define _ASSERTE(expr) ((expr) ? (void)0 : ws2mp_crt_assert_(#expr, __FILE__, __LINE__))
#define _ASSERT(expr) _ASSERTE(expr)
#define _ASSERT_EXPR(expr, msg) _ASSERTE(expr)
#define _RPT0(type, msg) ((void)fprintf(stderr, "%s", msg))
#define _RPT1(type, fmt, a) ((void)fprintf(stderr, fmt, a))
#define _RPT2(type, fmt, a, b) ((void)fprintf(stderr, fmt, a, b))
#else
#define _ASSERTE(expr) ((void)0)
#define _ASSERT(expr) ((void)0)
#define _ASSERT_EXPR(expr, msg) ((void)0)
#define _RPT0(type, msg) ((void)0)
#define _RPT1(type, fmt, a) ((void)0)
#define _RPT2(type, fmt, a, b) ((void)0)
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_CRTDBG_H */
