/*
 * ws2mp compat: <winuser.h>: windows that are never shown, their message queues, timers, and
 * WSAAsyncSelect's socket notifications as window messages.
 *
 * The functions are declared in ws2mp.h (exported by libws2mp): RegisterClass(Ex)A/W,
 * UnregisterClassA/W, CreateWindowExA/W, DestroyWindow, IsWindow, ShowWindow, UpdateWindow,
 * DefWindowProcA/W, Get/SetWindowTextA/W, GetWindowTextLengthA/W, GetWindowThreadProcessId,
 * Get/SetWindowLong(Ptr)A/W, GetMessageA/W,
 * PeekMessageA/W, WaitMessage, TranslateMessage, DispatchMessageA/W, PostMessageA/W,
 * PostThreadMessageA/W, SendMessageA/W, PostQuitMessage, SetTimer, KillTimer,
 * MsgWaitForMultipleObjects(Ex), GetQueueStatus, GetInputState, SendMessageTimeoutA/W,
 * SendNotifyMessageA/W,
 * InSendMessage, ReplyMessage, RegisterWindowMessageA/W, GetMessageTime, GetMessagePos,
 * CallWindowProcA/W and WSAAsyncSelect. This header adds Windows' types, constants
 * and the unsuffixed names (GetMessage is GetMessageA, or GetMessageW when UNICODE is defined).
 *
 * Nothing is drawn: a window is a message target owned by the thread that created it (a
 * message-only window, HWND_MESSAGE as parent, is the usual choice of a console program).
 * Styles, icons, cursors, brushes and menus are accepted and kept, never used. LoadIcon and
 * LoadCursor return the resource number as a handle; there are no input messages.
 * As in the Win64 SDK, GWL_USERDATA / GWL_WNDPROC / GWL_HINSTANCE / GWL_HWNDPARENT do not
 * exist: use GWLP_USERDATA & co. with GetWindowLongPtr / SetWindowLongPtr.
 */
#ifndef WS2MP_COMPAT_WINUSER_H
#define WS2MP_COMPAT_WINUSER_H

#include "windows.h"
#include "wingdi.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef WS2MP_HMENU_DEFINED
#define WS2MP_HMENU_DEFINED
typedef HANDLE HMENU;
#endif
#ifndef WS2MP_HICON_DEFINED
#define WS2MP_HICON_DEFINED
typedef HANDLE HICON;
#endif
#ifndef WS2MP_HCURSOR_DEFINED
#define WS2MP_HCURSOR_DEFINED
typedef HANDLE HCURSOR;
#endif
#ifndef WS2MP_HBRUSH_DEFINED
#define WS2MP_HBRUSH_DEFINED
typedef HANDLE HBRUSH;
#endif

/* MSG, POINT and the WNDCLASS structures are ws2mp.h's (their tags are Windows' tags). */
typedef struct tagPOINT POINT, *PPOINT, *NPPOINT, *LPPOINT;
typedef struct tagMSG MSG, *PMSG, *NPMSG, *LPMSG;
typedef struct tagWNDCLASSA WNDCLASSA, *PWNDCLASSA, *NPWNDCLASSA, *LPWNDCLASSA;
typedef struct tagWNDCLASSW WNDCLASSW, *PWNDCLASSW, *NPWNDCLASSW, *LPWNDCLASSW;
typedef struct tagWNDCLASSEXA WNDCLASSEXA, *PWNDCLASSEXA, *NPWNDCLASSEXA, *LPWNDCLASSEXA;
typedef struct tagWNDCLASSEXW WNDCLASSEXW, *PWNDCLASSEXW, *NPWNDCLASSEXW, *LPWNDCLASSEXW;

/* What WM_NCCREATE and WM_CREATE point lParam at. */
typedef struct tagCREATESTRUCTA {
    LPVOID lpCreateParams;
    HINSTANCE hInstance;
    HMENU hMenu;
    HWND hwndParent;
    int cy;
    int cx;
    int y;
    int x;
    LONG style;
    LPCSTR lpszName;
    LPCSTR lpszClass;
    DWORD dwExStyle;
} CREATESTRUCTA, *LPCREATESTRUCTA;
typedef struct tagCREATESTRUCTW {
    LPVOID lpCreateParams;
    HINSTANCE hInstance;
    HMENU hMenu;
    HWND hwndParent;
    int cy;
    int cx;
    int y;
    int x;
    LONG style;
    LPCWSTR lpszName;
    LPCWSTR lpszClass;
    DWORD dwExStyle;
} CREATESTRUCTW, *LPCREATESTRUCTW;

#ifdef UNICODE
typedef WNDCLASSW WNDCLASS, *PWNDCLASS, *NPWNDCLASS, *LPWNDCLASS;
typedef WNDCLASSEXW WNDCLASSEX, *PWNDCLASSEX, *NPWNDCLASSEX, *LPWNDCLASSEX;
typedef CREATESTRUCTW CREATESTRUCT, *LPCREATESTRUCT;
#else
typedef WNDCLASSA WNDCLASS, *PWNDCLASS, *NPWNDCLASS, *LPWNDCLASS;
typedef WNDCLASSEXA WNDCLASSEX, *PWNDCLASSEX, *NPWNDCLASSEX, *LPWNDCLASSEX;
typedef CREATESTRUCTA CREATESTRUCT, *LPCREATESTRUCT;
#endif

/* Window messages. */
#define WM_NULL 0x0000
#define WM_CREATE 0x0001
#define WM_DESTROY 0x0002
#define WM_MOVE 0x0003
#define WM_SIZE 0x0005
#define WM_ACTIVATE 0x0006
#define WM_SETFOCUS 0x0007
#define WM_KILLFOCUS 0x0008
#define WM_ENABLE 0x000A
#define WM_SETTEXT 0x000C
#define WM_GETTEXT 0x000D
#define WM_GETTEXTLENGTH 0x000E
#define WM_PAINT 0x000F
#define WM_CLOSE 0x0010
#define WM_QUERYENDSESSION 0x0011
#define WM_QUIT 0x0012
#define WM_QUERYOPEN 0x0013
#define WM_ERASEBKGND 0x0014
#define WM_ENDSESSION 0x0016
#define WM_SHOWWINDOW 0x0018
#define WM_NCCREATE 0x0081
#define WM_NCDESTROY 0x0082
#define WM_KEYDOWN 0x0100
#define WM_KEYUP 0x0101
#define WM_CHAR 0x0102
#define WM_INITDIALOG 0x0110
#define WM_COMMAND 0x0111
#define WM_SYSCOMMAND 0x0112
#define WM_TIMER 0x0113
#define WM_LBUTTONDOWN 0x0201
#define WM_LBUTTONUP 0x0202
#define WM_USER 0x0400
#define WM_APP 0x8000

/* PeekMessage. */
#define PM_NOREMOVE 0x0000
#define PM_REMOVE 0x0001
#define PM_NOYIELD 0x0002
/* PeekMessage's kinds of message (none given: all of them). */
#define PM_QS_INPUT (QS_INPUT << 16)
#define PM_QS_POSTMESSAGE ((QS_POSTMESSAGE | QS_HOTKEY | QS_TIMER) << 16)
#define PM_QS_PAINT (QS_PAINT << 16)
#define PM_QS_SENDMESSAGE (QS_SENDMESSAGE << 16)

/* MsgWaitForMultipleObjects(Ex): wake masks (every kind of message wakes the wait) and flags. */
#define QS_KEY 0x0001
#define QS_MOUSEMOVE 0x0002
#define QS_MOUSEBUTTON 0x0004
#define QS_POSTMESSAGE 0x0008
#define QS_TIMER 0x0010
#define QS_PAINT 0x0020
#define QS_SENDMESSAGE 0x0040
#define QS_HOTKEY 0x0080
#define QS_ALLPOSTMESSAGE 0x0100
#define QS_RAWINPUT 0x0400
#define QS_TOUCH 0x0800
#define QS_POINTER 0x1000
#define QS_SMRESULT 0x8000
#define QS_MOUSE (QS_MOUSEMOVE | QS_MOUSEBUTTON)
#define QS_INPUT (QS_MOUSE | QS_KEY | QS_RAWINPUT)
#define QS_ALLEVENTS (QS_INPUT | QS_POSTMESSAGE | QS_TIMER | QS_PAINT | QS_HOTKEY)
#define QS_ALLINPUT (QS_INPUT | QS_POSTMESSAGE | QS_TIMER | QS_PAINT | QS_HOTKEY | QS_SENDMESSAGE)
#define MWMO_WAITALL 0x0001
#define MWMO_ALERTABLE 0x0002
#define MWMO_INPUTAVAILABLE 0x0004

/* SendMessageTimeout's flags (accepted). */
#define SMTO_NORMAL 0x0000
#define SMTO_BLOCK 0x0001
#define SMTO_ABORTIFHUNG 0x0002
#define SMTO_NOTIMEOUTIFNOTHUNG 0x0008
#define SMTO_ERRORONEXIT 0x0020

/* Special windows. */
#define HWND_MESSAGE ((HWND)(LONG_PTR)-3)
#define HWND_BROADCAST ((HWND)(ULONG_PTR)0xffff)
#define HWND_DESKTOP ((HWND)0)
#define CW_USEDEFAULT ((int)0x80000000)

/* Window and class styles (kept, not used). */
#define WS_OVERLAPPED 0x00000000L
#define WS_POPUP 0x80000000L
#define WS_CHILD 0x40000000L
#define WS_MINIMIZE 0x20000000L
#define WS_VISIBLE 0x10000000L
#define WS_DISABLED 0x08000000L
#define WS_CLIPSIBLINGS 0x04000000L
#define WS_CLIPCHILDREN 0x02000000L
#define WS_MAXIMIZE 0x01000000L
#define WS_CAPTION 0x00C00000L
#define WS_BORDER 0x00800000L
#define WS_DLGFRAME 0x00400000L
#define WS_VSCROLL 0x00200000L
#define WS_HSCROLL 0x00100000L
#define WS_SYSMENU 0x00080000L
#define WS_THICKFRAME 0x00040000L
#define WS_MINIMIZEBOX 0x00020000L
#define WS_MAXIMIZEBOX 0x00010000L
#define WS_TILED WS_OVERLAPPED
#define WS_OVERLAPPEDWINDOW                                                                      \
    (WS_OVERLAPPED | WS_CAPTION | WS_SYSMENU | WS_THICKFRAME | WS_MINIMIZEBOX | WS_MAXIMIZEBOX)
#define WS_TILEDWINDOW WS_OVERLAPPEDWINDOW
#define WS_POPUPWINDOW (WS_POPUP | WS_BORDER | WS_SYSMENU)
#define WS_EX_DLGMODALFRAME 0x00000001L
#define WS_EX_NOPARENTNOTIFY 0x00000004L
#define WS_EX_TOPMOST 0x00000008L
#define WS_EX_ACCEPTFILES 0x00000010L
#define WS_EX_TRANSPARENT 0x00000020L
#define WS_EX_MDICHILD 0x00000040L
#define WS_EX_TOOLWINDOW 0x00000080L
#define WS_EX_WINDOWEDGE 0x00000100L
#define WS_EX_CLIENTEDGE 0x00000200L
#define WS_EX_CONTEXTHELP 0x00000400L
#define WS_EX_RIGHT 0x00001000L
#define WS_EX_LEFT 0x00000000L
#define WS_EX_RTLREADING 0x00002000L
#define WS_EX_LTRREADING 0x00000000L
#define WS_EX_LEFTSCROLLBAR 0x00004000L
#define WS_EX_RIGHTSCROLLBAR 0x00000000L
#define WS_EX_CONTROLPARENT 0x00010000L
#define WS_EX_STATICEDGE 0x00020000L
#define WS_EX_APPWINDOW 0x00040000L
#define WS_EX_OVERLAPPEDWINDOW (WS_EX_WINDOWEDGE | WS_EX_CLIENTEDGE)
#define WS_EX_PALETTEWINDOW (WS_EX_WINDOWEDGE | WS_EX_TOOLWINDOW | WS_EX_TOPMOST)
#define WS_EX_LAYERED 0x00080000L
#define WS_EX_NOINHERITLAYOUT 0x00100000L
#define WS_EX_LAYOUTRTL 0x00400000L
#define WS_EX_COMPOSITED 0x02000000L
#define WS_EX_NOACTIVATE 0x08000000L
#define CS_VREDRAW 0x0001
#define CS_HREDRAW 0x0002
#define CS_DBLCLKS 0x0008
#define CS_OWNDC 0x0020
#define CS_CLASSDC 0x0040
#define CS_PARENTDC 0x0080
#define CS_NOCLOSE 0x0200
#define CS_SAVEBITS 0x0800
#define CS_GLOBALCLASS 0x4000

/* ShowWindow (windows are never shown: accepted). */
#define SW_HIDE 0
#define SW_SHOWNORMAL 1
#define SW_NORMAL 1
#define SW_SHOWMINIMIZED 2
#define SW_SHOWMAXIMIZED 3
#define SW_MAXIMIZE 3
#define SW_SHOWNOACTIVATE 4
#define SW_SHOW 5
#define SW_MINIMIZE 6
#define SW_SHOWMINNOACTIVE 7
#define SW_SHOWNA 8
#define SW_RESTORE 9
#define SW_SHOWDEFAULT 10
#define SW_FORCEMINIMIZE 11

/* Get/SetWindowLong(Ptr) indexes (the Win64 set). */
#define GWL_STYLE (-16)
#define GWL_EXSTYLE (-20)
#define GWL_ID (-12)
#define GWLP_WNDPROC (-4)
#define GWLP_HINSTANCE (-6)
#define GWLP_HWNDPARENT (-8)
#define GWLP_USERDATA (-21)
#define GWLP_ID (-12)

/* Atoms and resource numbers as name arguments. */
#define MAKEINTATOM(i) ((LPTSTR)(ULONG_PTR)((WORD)(i)))
#define MAKEINTRESOURCEA(i) ((LPSTR)(ULONG_PTR)((WORD)(i)))
#define MAKEINTRESOURCEW(i) ((LPWSTR)(ULONG_PTR)((WORD)(i)))
#define IS_INTRESOURCE(r) ((((ULONG_PTR)(r)) >> 16) == 0)
#define IDI_APPLICATION MAKEINTRESOURCE(32512)
#define IDC_ARROW MAKEINTRESOURCE(32512)
#define COLOR_WINDOW 5
#define COLOR_BTNFACE 15

/* Icons and cursors: nothing is drawn; the handle is the resource number. */
/* The character functions of the ANSI code page (ASCII letters; other bytes unchanged).
 * CharUpperA/CharLowerA take a string, or one character in the pointer's low word when its
 * high bits are zero, as Windows' do. */
static inline LPSTR CharUpperA(LPSTR s)
{
    char *p;
    if ((uintptr_t)s <= 0xFFFF)
        return (LPSTR)(uintptr_t)toupper((int)(uintptr_t)s & 0xFF);
    for (p = s; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return s;
}

static inline LPSTR CharLowerA(LPSTR s)
{
    char *p;
    if ((uintptr_t)s <= 0xFFFF)
        return (LPSTR)(uintptr_t)tolower((int)(uintptr_t)s & 0xFF);
    for (p = s; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return s;
}

static inline DWORD CharUpperBuffA(LPSTR s, DWORD n)
{
    DWORD i;
    for (i = 0; s != NULL && i < n; i++)
        s[i] = (char)toupper((unsigned char)s[i]);
    return s != NULL ? n : 0;
}

static inline DWORD CharLowerBuffA(LPSTR s, DWORD n)
{
    DWORD i;
    for (i = 0; s != NULL && i < n; i++)
        s[i] = (char)tolower((unsigned char)s[i]);
    return s != NULL ? n : 0;
}

static inline BOOL IsCharAlphaA(CHAR c)
{
    return isalpha((unsigned char)c) != 0;
}

static inline BOOL IsCharAlphaNumericA(CHAR c)
{
    return isalnum((unsigned char)c) != 0;
}

static inline BOOL IsCharUpperA(CHAR c)
{
    return isupper((unsigned char)c) != 0;
}

static inline BOOL IsCharLowerA(CHAR c)
{
    return islower((unsigned char)c) != 0;
}

static inline LPSTR CharNextA(LPCSTR s)
{
    return (LPSTR)(*s ? s + 1 : s);
}

static inline LPSTR CharPrevA(LPCSTR start, LPCSTR s)
{
    return (LPSTR)(s > start ? s - 1 : start);
}

/* The W forms: ASCII letters change case, other characters are left as they are
 * (ws2mp_wlower_ is windows.h's). */
static inline WCHAR ws2mp_wupper_(WCHAR c)
{
    return c >= 'a' && c <= 'z' ? (WCHAR)(c - 'a' + 'A') : c;
}
static inline LPWSTR CharUpperW(LPWSTR s)
{
    WCHAR *p;
    if ((uintptr_t)s <= 0xFFFF)
        return (LPWSTR)(uintptr_t)ws2mp_wupper_((WCHAR)(uintptr_t)s);
    for (p = s; *p; p++)
        *p = ws2mp_wupper_(*p);
    return s;
}
static inline LPWSTR CharLowerW(LPWSTR s)
{
    WCHAR *p;
    if ((uintptr_t)s <= 0xFFFF)
        return (LPWSTR)(uintptr_t)ws2mp_wlower_((WCHAR)(uintptr_t)s);
    for (p = s; *p; p++)
        *p = ws2mp_wlower_(*p);
    return s;
}
static inline DWORD CharUpperBuffW(LPWSTR s, DWORD n)
{
    DWORD i;
    for (i = 0; s != NULL && i < n; i++)
        s[i] = ws2mp_wupper_(s[i]);
    return s != NULL ? n : 0;
}
static inline DWORD CharLowerBuffW(LPWSTR s, DWORD n)
{
    DWORD i;
    for (i = 0; s != NULL && i < n; i++)
        s[i] = ws2mp_wlower_(s[i]);
    return s != NULL ? n : 0;
}
static inline BOOL IsCharAlphaW(WCHAR c)
{
    return c < 0x80 && isalpha(c) != 0;
}
static inline BOOL IsCharAlphaNumericW(WCHAR c)
{
    return c < 0x80 && isalnum(c) != 0;
}
static inline BOOL IsCharUpperW(WCHAR c)
{
    return c >= 'A' && c <= 'Z';
}
static inline BOOL IsCharLowerW(WCHAR c)
{
    return c >= 'a' && c <= 'z';
}
static inline LPWSTR CharNextW(LPCWSTR s)
{
    return (LPWSTR)(*s ? s + 1 : s);
}
static inline LPWSTR CharPrevW(LPCWSTR start, LPCWSTR s)
{
    return (LPWSTR)(s > start ? s - 1 : start);
}
#ifdef UNICODE
#define CharUpper CharUpperW
#define CharLower CharLowerW
#define CharUpperBuff CharUpperBuffW
#define CharLowerBuff CharLowerBuffW
#define IsCharAlpha IsCharAlphaW
#define IsCharAlphaNumeric IsCharAlphaNumericW
#define IsCharUpper IsCharUpperW
#define IsCharLower IsCharLowerW
#define CharNext CharNextW
#define CharPrev CharPrevW
#else
#define CharUpper CharUpperA
#define CharLower CharLowerA
#define CharUpperBuff CharUpperBuffA
#define CharLowerBuff CharLowerBuffA
#define IsCharAlpha IsCharAlphaA
#define IsCharAlphaNumeric IsCharAlphaNumericA
#define IsCharUpper IsCharUpperA
#define IsCharLower IsCharLowerA
#define CharNext CharNextA
#define CharPrev CharPrevA
#endif

static inline HICON LoadIconA(HINSTANCE hInstance, LPCSTR lpIconName)
{
    (void)hInstance;
    return (HICON)(ULONG_PTR)lpIconName;
}
static inline HICON LoadIconW(HINSTANCE hInstance, LPCWSTR lpIconName)
{
    (void)hInstance;
    return (HICON)(ULONG_PTR)lpIconName;
}
static inline HCURSOR LoadCursorA(HINSTANCE hInstance, LPCSTR lpCursorName)
{
    (void)hInstance;
    return (HCURSOR)(ULONG_PTR)lpCursorName;
}
static inline HCURSOR LoadCursorW(HINSTANCE hInstance, LPCWSTR lpCursorName)
{
    (void)hInstance;
    return (HCURSOR)(ULONG_PTR)lpCursorName;
}

#define CreateWindowA(cls, name, style, x, y, w, h, parent, menu, inst, param)                   \
    CreateWindowExA(0L, cls, name, style, x, y, w, h, parent, menu, inst, param)
#define CreateWindowW(cls, name, style, x, y, w, h, parent, menu, inst, param)                   \
    CreateWindowExW(0L, cls, name, style, x, y, w, h, parent, menu, inst, param)

#ifdef UNICODE
#define MAKEINTRESOURCE MAKEINTRESOURCEW
#define LoadIcon LoadIconW
#define LoadCursor LoadCursorW
#define RegisterClass RegisterClassW
#define RegisterClassEx RegisterClassExW
#define UnregisterClass UnregisterClassW
#define CreateWindow CreateWindowW
#define CreateWindowEx CreateWindowExW
#define DefWindowProc DefWindowProcW
#define GetWindowText GetWindowTextW
#define GetWindowTextLength GetWindowTextLengthW
#define SetWindowText SetWindowTextW
#define GetWindowLong GetWindowLongW
#define SetWindowLong SetWindowLongW
#define GetWindowLongPtr GetWindowLongPtrW
#define SetWindowLongPtr SetWindowLongPtrW
#define GetMessage GetMessageW
#define PeekMessage PeekMessageW
#define DispatchMessage DispatchMessageW
#define PostMessage PostMessageW
#define PostThreadMessage PostThreadMessageW
#define SendMessage SendMessageW
#define SendMessageTimeout SendMessageTimeoutW
#define SendNotifyMessage SendNotifyMessageW
#define RegisterWindowMessage RegisterWindowMessageW
#define CallWindowProc CallWindowProcW
#else
#define MAKEINTRESOURCE MAKEINTRESOURCEA
#define LoadIcon LoadIconA
#define LoadCursor LoadCursorA
#define RegisterClass RegisterClassA
#define RegisterClassEx RegisterClassExA
#define UnregisterClass UnregisterClassA
#define CreateWindow CreateWindowA
#define CreateWindowEx CreateWindowExA
#define DefWindowProc DefWindowProcA
#define GetWindowText GetWindowTextA
#define GetWindowTextLength GetWindowTextLengthA
#define SetWindowText SetWindowTextA
#define GetWindowLong GetWindowLongA
#define SetWindowLong SetWindowLongA
#define GetWindowLongPtr GetWindowLongPtrA
#define SetWindowLongPtr SetWindowLongPtrA
#define GetMessage GetMessageA
#define PeekMessage PeekMessageA
#define DispatchMessage DispatchMessageA
#define PostMessage PostMessageA
#define PostThreadMessage PostThreadMessageA
#define SendMessage SendMessageA
#define SendMessageTimeout SendMessageTimeoutA
#define SendNotifyMessage SendNotifyMessageA
#define RegisterWindowMessage RegisterWindowMessageA
#define CallWindowProc CallWindowProcA
#endif

/* A window's device context, for the text a program writes into its window (TextOut,
 * <wingdi.h>): any window of ws2mp's (NULL: the screen) has one; nothing is drawn. NULL for a
 * handle that names no window. ReleaseDC: 1, or 0 for a NULL device context. */
static inline HDC GetDC(HWND hWnd)
{
    if (hWnd != NULL && !IsWindow(hWnd))
        return NULL;
    return hWnd != NULL ? (HDC)hWnd : (HDC)(ULONG_PTR)1;
}
static inline HDC GetWindowDC(HWND hWnd)
{
    return GetDC(hWnd);
}
static inline int ReleaseDC(HWND hWnd, HDC hDC)
{
    (void)hWnd;
    return hDC != NULL;
}

/* RECT (<windef.h> on Windows): a rectangle in a window's client coordinates. */
#ifndef WS2MP_RECT_DEFINED
#define WS2MP_RECT_DEFINED
typedef struct tagRECT {
    LONG left;
    LONG top;
    LONG right;
    LONG bottom;
} RECT, *PRECT, *NPRECT, *LPRECT;
typedef const RECT *LPCRECT;
#endif

/* The WM_PAINT handler's calls: BeginPaint gives the window's device context (as GetDC does)
 * in its return value and in ps->hdc, an empty rcPaint and fErase FALSE, since nothing of a
 * ws2mp window is ever shown; NULL for a handle that names no window. EndPaint is always
 * nonzero, as on Windows. ws2mp's windows are hidden, so the system never sends them WM_PAINT
 * itself: the handler runs when the program sends or posts the message. InvalidateRect: TRUE
 * for a window (or NULL: all windows), FALSE for a handle that names none; no WM_PAINT
 * follows, as for a hidden window on Windows. */
typedef struct tagPAINTSTRUCT {
    HDC hdc;
    BOOL fErase;
    RECT rcPaint;
    BOOL fRestore;
    BOOL fIncUpdate;
    BYTE rgbReserved[32];
} PAINTSTRUCT, *PPAINTSTRUCT, *NPPAINTSTRUCT, *LPPAINTSTRUCT;
static inline HDC BeginPaint(HWND hWnd, LPPAINTSTRUCT lpPaint)
{
    HDC dc = hWnd != NULL ? GetDC(hWnd) : NULL;
    if (dc == NULL || lpPaint == NULL)
        return NULL;
    memset(lpPaint, 0, sizeof(*lpPaint));
    lpPaint->hdc = dc;
    return dc;
}
static inline BOOL EndPaint(HWND hWnd, const PAINTSTRUCT *lpPaint)
{
    (void)hWnd, (void)lpPaint;
    return TRUE;
}
static inline BOOL InvalidateRect(HWND hWnd, const RECT *lpRect, BOOL bErase)
{
    (void)lpRect, (void)bErase;
    return hWnd == NULL || IsWindow(hWnd);
}
/* InvalidateRgn: as InvalidateRect (the region is not looked at). */
#ifndef WS2MP_HRGN_DEFINED
#define WS2MP_HRGN_DEFINED
typedef HANDLE HRGN;
#endif
static inline BOOL InvalidateRgn(HWND hWnd, HRGN hRgn, BOOL bErase)
{
    (void)hRgn, (void)bErase;
    return hWnd == NULL || IsWindow(hWnd);
}
static inline BOOL ValidateRect(HWND hWnd, const RECT *lpRect)
{
    (void)lpRect;
    return hWnd == NULL || IsWindow(hWnd);
}

/* ---- WinMain and wWinMain: the entry point of windowed programs ---------------------------
 * A definition `int WINAPI WinMain(HINSTANCE hInstance, HINSTANCE hPrevInstance, LPSTR lpCmdLine,
 * int nCmdShow)` is renamed, and a main is put before it that calls it as Windows does: the
 * program's module handle, no previous instance, the command line after the program's name
 * (from GetCommandLine), SW_SHOWDEFAULT. wWinMain likewise with the UTF-16 command line.
 * Limit: a file that also declares WinMain elsewhere (a prototype) would define main twice:
 * remove the prototype. */
int WINAPI ws2mp_WinMain_(HINSTANCE hInstance, HINSTANCE hPrevInstance, LPSTR lpCmdLine, int nCmdShow);
int WINAPI ws2mp_wWinMain_(HINSTANCE hInstance, HINSTANCE hPrevInstance, LPWSTR lpCmdLine, int nCmdShow);
/* The command line after the program's name (quoted or not) and the blanks that follow it. */
#define WS2MP_COMMAND_TAIL_(line)                                                                \
    do {                                                                                         \
        int quoted_ = 0;                                                                         \
        while (*(line) && (quoted_ || (*(line) != ' ' && *(line) != '\t'))) {                    \
            if (*(line) == '"')                                                                  \
                quoted_ = !quoted_;                                                              \
            ++(line);                                                                            \
        }                                                                                        \
        while (*(line) == ' ' || *(line) == '\t')                                                \
            ++(line);                                                                            \
    } while (0)
static inline int ws2mp_winmain_call_(void)
{
    LPSTR line = GetCommandLineA();
    WS2MP_COMMAND_TAIL_(line);
    return ws2mp_WinMain_(GetModuleHandleA(NULL), NULL, line, SW_SHOWDEFAULT);
}
static inline int ws2mp_wwinmain_call_(void)
{
    LPWSTR line = GetCommandLineW();
    WS2MP_COMMAND_TAIL_(line);
    return ws2mp_wWinMain_(GetModuleHandleW(NULL), NULL, line, SW_SHOWDEFAULT);
}
#define WinMain                                                                                  \
    ws2mp_winmain_named_(void);                                                                  \
    int main(void) { return ws2mp_winmain_call_(); }                                             \
    int WINAPI ws2mp_WinMain_
#define wWinMain                                                                                 \
    ws2mp_wwinmain_named_(void);                                                                 \
    int main(void) { return ws2mp_wwinmain_call_(); }                                            \
    int WINAPI ws2mp_wWinMain_

/* A WPARAM, LPARAM or LRESULT of two 16-bit halves (a message's packed arguments). */
#ifndef MAKEWPARAM
#define MAKEWPARAM(l, h) ((WPARAM)(DWORD)MAKELONG(l, h))
#endif
#ifndef MAKELPARAM
#define MAKELPARAM(l, h) ((LPARAM)(DWORD)MAKELONG(l, h))
#endif
#ifndef MAKELRESULT
#define MAKELRESULT(l, h) ((LRESULT)(DWORD)MAKELONG(l, h))
#endif

/* The virtual-key codes (a KEY_EVENT_RECORD's wVirtualKeyCode, a WM_KEYDOWN's wParam), with
 * Windows' values. */
#ifndef VK_LBUTTON
#define VK_LBUTTON 0x01
#define VK_RBUTTON 0x02
#define VK_CANCEL 0x03
#define VK_MBUTTON 0x04
#define VK_BACK 0x08
#define VK_TAB 0x09
#define VK_CLEAR 0x0C
#define VK_RETURN 0x0D
#define VK_SHIFT 0x10
#define VK_CONTROL 0x11
#define VK_MENU 0x12
#define VK_PAUSE 0x13
#define VK_CAPITAL 0x14
#define VK_ESCAPE 0x1B
#define VK_SPACE 0x20
#define VK_PRIOR 0x21
#define VK_NEXT 0x22
#define VK_END 0x23
#define VK_HOME 0x24
#define VK_LEFT 0x25
#define VK_UP 0x26
#define VK_RIGHT 0x27
#define VK_DOWN 0x28
#define VK_SELECT 0x29
#define VK_PRINT 0x2A
#define VK_EXECUTE 0x2B
#define VK_SNAPSHOT 0x2C
#define VK_INSERT 0x2D
#define VK_DELETE 0x2E
#define VK_HELP 0x2F
#define VK_LWIN 0x5B
#define VK_RWIN 0x5C
#define VK_APPS 0x5D
#define VK_SLEEP 0x5F
#define VK_NUMPAD0 0x60
#define VK_NUMPAD1 0x61
#define VK_NUMPAD2 0x62
#define VK_NUMPAD3 0x63
#define VK_NUMPAD4 0x64
#define VK_NUMPAD5 0x65
#define VK_NUMPAD6 0x66
#define VK_NUMPAD7 0x67
#define VK_NUMPAD8 0x68
#define VK_NUMPAD9 0x69
#define VK_MULTIPLY 0x6A
#define VK_ADD 0x6B
#define VK_SEPARATOR 0x6C
#define VK_SUBTRACT 0x6D
#define VK_DECIMAL 0x6E
#define VK_DIVIDE 0x6F
#define VK_F1 0x70
#define VK_F2 0x71
#define VK_F3 0x72
#define VK_F4 0x73
#define VK_F5 0x74
#define VK_F6 0x75
#define VK_F7 0x76
#define VK_F8 0x77
#define VK_F9 0x78
#define VK_F10 0x79
#define VK_F11 0x7A
#define VK_F12 0x7B
#define VK_NUMLOCK 0x90
#define VK_SCROLL 0x91
#define VK_LSHIFT 0xA0
#define VK_RSHIFT 0xA1
#define VK_LCONTROL 0xA2
#define VK_RCONTROL 0xA3
#define VK_LMENU 0xA4
#define VK_RMENU 0xA5
#endif

/* GetAsyncKeyState / GetKeyState: there is no keyboard here (no window gets input; a console
 * program reads keys with _kbhit / _getch or ReadConsoleInput), so no key is ever down or
 * toggled: 0, as Windows answers a program whose desktop is not the active one. */
static inline SHORT GetAsyncKeyState(int vKey)
{
    (void)vKey;
    return 0;
}
static inline SHORT GetKeyState(int nVirtKey)
{
    (void)nVirtKey;
    return 0;
}

#ifdef __cplusplus
}
#endif

/* The W helpers above take the C library's wchar_t strings too (ws2mp_wchar_args.h). */
#if !defined(WS2MP_NO_WCHAR_T_OVERLOADS) && !defined(_MSC_VER)
#define WS2MP_WCHAR_ARGS_FOR_WINUSER_H
#include "ws2mp_wchar_args.h"
#endif

#endif /* WS2MP_COMPAT_WINUSER_H */
