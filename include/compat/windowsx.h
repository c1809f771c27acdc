/*
 * ws2mp compat: <windowsx.h>, the parts legacy console and socket programs include it for:
 * the pointer forms of the global-memory calls (GlobalAllocPtr, GlobalFreePtr,
 * GlobalReAllocPtr, GlobalLockPtr, GlobalUnlockPtr, GlobalPtrHandle), GET_X_LPARAM /
 * GET_Y_LPARAM (signed coordinates from an LPARAM) and the WM_COMMAND unpackers
 * (GET_WM_COMMAND_ID / _HWND / _CMD), with Windows' definitions. Global memory is fixed here
 * (a handle is its pointer), so the pointer forms are the plain calls. GlobalFreePtr is FALSE
 * when the block was freed, as on Windows.
 *
 * Not provided: the message crackers (HANDLE_MSG, HANDLE_WM_*, FORWARD_WM_*), the control
 * macros (Edit_*, Button_*, ListBox_*, ComboBox_*, ...) and the GDI ones (SelectFont,
 * DeleteBrush, ...): nothing is drawn and there are no controls.
 */
#ifndef WS2MP_COMPAT_WINDOWSX_H
#define WS2MP_COMPAT_WINDOWSX_H

#include "windows.h"

#define GlobalPtrHandle(lp) ((HGLOBAL)GlobalHandle(lp))
#define GlobalLockPtr(lp) ((BOOL)(ULONG_PTR)GlobalLock(GlobalPtrHandle(lp)))
#define GlobalUnlockPtr(lp) GlobalUnlock(GlobalPtrHandle(lp))
#define GlobalAllocPtr(flags, cb) (GlobalLock(GlobalAlloc((flags), (cb))))
#define GlobalReAllocPtr(lp, cbNew, flags)                                                         \
    (GlobalUnlockPtr(lp), GlobalLock(GlobalReAlloc(GlobalPtrHandle(lp), (cbNew), (flags))))
#define GlobalFreePtr(lp) (GlobalUnlockPtr(lp), (BOOL)(ULONG_PTR)GlobalFree(GlobalPtrHandle(lp)))

#ifndef GET_X_LPARAM
#define GET_X_LPARAM(lp) ((int)(short)LOWORD(lp))
#define GET_Y_LPARAM(lp) ((int)(short)HIWORD(lp))
#endif

#define GET_WM_COMMAND_ID(wp, lp) LOWORD(wp)
#define GET_WM_COMMAND_HWND(wp, lp) ((HWND)(lp))
#define GET_WM_COMMAND_CMD(wp, lp) HIWORD(wp)

#endif /* WS2MP_COMPAT_WINDOWSX_H */
