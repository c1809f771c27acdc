/*
 * ws2mp compat: <wingdi.h>: the little of GDI that sets up a window class and logs to it.
 * Nothing is drawn (ws2mp's windows are never shown): GetStockObject returns a handle that
 * names the stock object (its number + 1, never NULL), DeleteObject accepts any handle, and
 * TextOutA/W on a device context from GetDC (<winuser.h>) succeed, as drawing into a hidden
 * window does on Windows. Included by <windows.h>, as on Windows.
 */
/* <windows.h> first, outside the guard: it includes this header itself, and that inner
 * inclusion must define everything before <windows.h> goes on (when a program includes this
 * header before any other). */
#include "windows.h"

#ifndef WS2MP_COMPAT_WINGDI_H
#define WS2MP_COMPAT_WINGDI_H

#ifdef __cplusplus
extern "C" {
#endif

#ifndef WS2MP_HGDIOBJ_DEFINED
#define WS2MP_HGDIOBJ_DEFINED
typedef HANDLE HGDIOBJ;
#endif
#ifndef WS2MP_HDC_DEFINED
#define WS2MP_HDC_DEFINED
typedef HANDLE HDC;
#endif

#define WHITE_BRUSH 0
#define LTGRAY_BRUSH 1
#define GRAY_BRUSH 2
#define DKGRAY_BRUSH 3
#define BLACK_BRUSH 4
#define NULL_BRUSH 5
#define HOLLOW_BRUSH NULL_BRUSH
#define WHITE_PEN 6
#define BLACK_PEN 7
#define NULL_PEN 8
#define OEM_FIXED_FONT 10
#define ANSI_FIXED_FONT 11
#define ANSI_VAR_FONT 12
#define SYSTEM_FONT 13
#define DEVICE_DEFAULT_FONT 14
#define DEFAULT_PALETTE 15
#define SYSTEM_FIXED_FONT 16
#define DEFAULT_GUI_FONT 17

static inline HGDIOBJ GetStockObject(int i)
{
    return (HGDIOBJ)(ULONG_PTR)(i + 1);
}

static inline BOOL DeleteObject(HGDIOBJ ho)
{
    (void)ho;
    return TRUE;
}

/* Text output into a window's device context: TRUE for a device context (nothing is drawn),
 * FALSE for NULL. */
static inline BOOL TextOutA(HDC hdc, int x, int y, LPCSTR lpString, int c)
{
    (void)x, (void)y, (void)lpString, (void)c;
    return hdc != NULL;
}
static inline BOOL TextOutW(HDC hdc, int x, int y, LPCWSTR lpString, int c)
{
    (void)x, (void)y, (void)lpString, (void)c;
    return hdc != NULL;
}
#ifdef UNICODE
#define TextOut TextOutW
#else
#define TextOut TextOutA
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_WINGDI_H */
