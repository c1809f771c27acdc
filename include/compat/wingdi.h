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

/* ---- Lines, shapes, pens and brushes -------------------------------------------------------
 * Petzold-style Winsock programs draw what their peer sends (a board, a mark at the received
 * coordinates) in WM_PAINT. As TextOut, each drawing call on a device context succeeds with
 * nothing drawn (TRUE; FALSE for a NULL one), as drawing into a hidden window does on Windows.
 * CreatePen and CreateSolidBrush give a handle that names a pen or a brush (never NULL;
 * DeleteObject accepts it). A device context keeps no state: SelectObject returns what a fresh
 * device context holds (the stock BLACK_PEN, WHITE_BRUSH or SYSTEM_FONT; NULL for a NULL device
 * context or a handle that names no pen, brush or font), MoveToEx reports 0,0 as the previous
 * position, SetTextColor black, SetBkColor white and SetBkMode OPAQUE as the previous value
 * (CLR_INVALID, or 0, for a NULL device context; SetBkMode 0 for a mode other than TRANSPARENT
 * and OPAQUE). On Windows the second SelectObject returns the object the first selected.
 * NOGDI leaves them out, as it leaves out Windows' <wingdi.h>. */
#ifndef NOGDI
typedef DWORD COLORREF;
typedef DWORD *LPCOLORREF;
#define RGB(r, g, b) ((COLORREF)(((BYTE)(r) | ((WORD)((BYTE)(g)) << 8)) | (((DWORD)(BYTE)(b)) << 16)))
#define GetRValue(rgb) ((BYTE)(rgb))
#define GetGValue(rgb) ((BYTE)(((WORD)(rgb)) >> 8))
#define GetBValue(rgb) ((BYTE)((rgb) >> 16))
#define CLR_INVALID 0xFFFFFFFF

#ifndef WS2MP_HPEN_DEFINED
#define WS2MP_HPEN_DEFINED
typedef HANDLE HPEN;
#endif
#ifndef WS2MP_HBRUSH_DEFINED
#define WS2MP_HBRUSH_DEFINED
typedef HANDLE HBRUSH;
#endif
#ifndef WS2MP_HFONT_DEFINED
#define WS2MP_HFONT_DEFINED
typedef HANDLE HFONT;
#endif

#define PS_SOLID 0
#define PS_DASH 1
#define PS_DOT 2
#define PS_DASHDOT 3
#define PS_DASHDOTDOT 4
#define PS_NULL 5
#define PS_INSIDEFRAME 6

#define TRANSPARENT 1
#define OPAQUE 2

/* Created pens and brushes: a tag above the stock objects' numbers (1..18). */
#define WS2MP_GDI_PEN_ 0x50000u
#define WS2MP_GDI_BRUSH_ 0x60000u

static inline HPEN CreatePen(int iStyle, int cWidth, COLORREF color)
{
    (void)cWidth, (void)color;
    return (HPEN)(ULONG_PTR)(WS2MP_GDI_PEN_ | ((unsigned)iStyle & 0xFFu));
}
static inline HBRUSH CreateSolidBrush(COLORREF color)
{
    (void)color;
    return (HBRUSH)(ULONG_PTR)WS2MP_GDI_BRUSH_;
}

static inline HGDIOBJ SelectObject(HDC hdc, HGDIOBJ h)
{
    ULONG_PTR v = (ULONG_PTR)h;
    if (hdc == NULL)
        return NULL;
    if ((v & ~(ULONG_PTR)0xFFFF) == WS2MP_GDI_PEN_ || (v >= WHITE_PEN + 1 && v <= NULL_PEN + 1))
        return GetStockObject(BLACK_PEN);
    if (v == WS2MP_GDI_BRUSH_ || (v >= WHITE_BRUSH + 1 && v <= NULL_BRUSH + 1))
        return GetStockObject(WHITE_BRUSH);
    if ((v >= OEM_FIXED_FONT + 1 && v <= DEVICE_DEFAULT_FONT + 1) ||
        (v >= SYSTEM_FIXED_FONT + 1 && v <= DEFAULT_GUI_FONT + 1))
        return GetStockObject(SYSTEM_FONT);
    return NULL;
}

static inline BOOL MoveToEx(HDC hdc, int x, int y, struct tagPOINT *lppt)
{
    (void)x, (void)y;
    if (hdc == NULL)
        return FALSE;
    if (lppt != NULL) {
        lppt->x = 0;
        lppt->y = 0;
    }
    return TRUE;
}
static inline BOOL LineTo(HDC hdc, int x, int y)
{
    (void)x, (void)y;
    return hdc != NULL;
}
static inline BOOL Rectangle(HDC hdc, int left, int top, int right, int bottom)
{
    (void)left, (void)top, (void)right, (void)bottom;
    return hdc != NULL;
}
static inline BOOL Ellipse(HDC hdc, int left, int top, int right, int bottom)
{
    (void)left, (void)top, (void)right, (void)bottom;
    return hdc != NULL;
}

static inline COLORREF SetTextColor(HDC hdc, COLORREF color)
{
    (void)color;
    return hdc != NULL ? RGB(0, 0, 0) : CLR_INVALID;
}
static inline COLORREF SetBkColor(HDC hdc, COLORREF color)
{
    (void)color;
    return hdc != NULL ? RGB(255, 255, 255) : CLR_INVALID;
}
static inline int SetBkMode(HDC hdc, int mode)
{
    if (hdc == NULL || (mode != TRANSPARENT && mode != OPAQUE))
        return 0;
    return OPAQUE;
}
#endif /* NOGDI */

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_WINGDI_H */
