/*
 * ws2mp compat: <consoleapi.h>: console control handlers and console output.
 *
 * SetConsoleCtrlHandler, GenerateConsoleCtrlEvent, GetStdHandle, WriteConsoleA/W,
 * ReadConsoleA/W, FlushConsoleInputBuffer, GetConsoleMode, SetConsoleMode, SetConsoleTitleA/W,
 * GetConsoleTitleA/W (the title last set; the program's path until then) and Beep are
 * declared in ws2mp.h. GetStdHandle's handles
 * serve WriteConsole, WriteFile, ReadFile (and CloseHandle); they are not waitable. GenerateConsoleCtrlEvent signals the calling process only. Signals stand for the console events: SIGINT
 * is CTRL_C_EVENT, SIGQUIT (Ctrl-\) CTRL_BREAK_EVENT, SIGHUP and SIGTERM CTRL_CLOSE_EVENT.
 * Handlers run on a dedicated thread, last registered first; when none returns TRUE the process
 * ends with STATUS_CONTROL_C_EXIT (a POSIX exit status keeps its low byte, 0x3A).
 */
#ifndef WS2MP_COMPAT_CONSOLEAPI_H
#define WS2MP_COMPAT_CONSOLEAPI_H

#include "handleapi.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef BOOL (WINAPI *PHANDLER_ROUTINE)(DWORD CtrlType);

#define CTRL_C_EVENT 0
#define CTRL_BREAK_EVENT 1
#define CTRL_CLOSE_EVENT 2
#define CTRL_LOGOFF_EVENT 5
#define CTRL_SHUTDOWN_EVENT 6
#define STD_INPUT_HANDLE ((DWORD)-10)
#define STD_OUTPUT_HANDLE ((DWORD)-11)
#define STD_ERROR_HANDLE ((DWORD)-12)
#ifdef UNICODE
#define ReadConsole ReadConsoleW
#define WriteConsole WriteConsoleW
#define SetConsoleTitle SetConsoleTitleW
#define GetConsoleTitle GetConsoleTitleW
#else
#define ReadConsole ReadConsoleA
#define WriteConsole WriteConsoleA
#define SetConsoleTitle SetConsoleTitleA
#define GetConsoleTitle GetConsoleTitleA
#endif

/* Colours (SetConsoleTextAttribute, exported): ANSI sequences on a terminal, nothing on a
 * file or pipe. GetConsoleScreenBufferInfo (exported) reports the terminal's size and the
 * attribute last set. */
#define FOREGROUND_BLUE 0x0001
#define FOREGROUND_GREEN 0x0002
#define FOREGROUND_RED 0x0004
#define FOREGROUND_INTENSITY 0x0008
#define BACKGROUND_BLUE 0x0010
#define BACKGROUND_GREEN 0x0020
#define BACKGROUND_RED 0x0040
#define BACKGROUND_INTENSITY 0x0080

typedef struct _COORD {
    SHORT X;
    SHORT Y;
} COORD, *PCOORD;
typedef struct _SMALL_RECT {
    SHORT Left;
    SHORT Top;
    SHORT Right;
    SHORT Bottom;
} SMALL_RECT, *PSMALL_RECT;
typedef struct _CONSOLE_SCREEN_BUFFER_INFO {
    COORD dwSize;
    COORD dwCursorPosition;
    WORD wAttributes;
    SMALL_RECT srWindow;
    COORD dwMaximumWindowSize;
} CONSOLE_SCREEN_BUFFER_INFO, *PCONSOLE_SCREEN_BUFFER_INFO;

/* The console's code pages: the terminal is UTF-8 (65001); setting one succeeds and changes
 * nothing. */
static inline UINT GetConsoleOutputCP(void)
{
    return 65001;
}
static inline UINT GetConsoleCP(void)
{
    return 65001;
}
static inline BOOL SetConsoleOutputCP(UINT wCodePageID)
{
    (void)wCodePageID;
    return TRUE;
}
static inline BOOL SetConsoleCP(UINT wCodePageID)
{
    (void)wCodePageID;
    return TRUE;
}
/* Console modes (GetConsoleMode/SetConsoleMode, exported): on standard input the terminal's
 * echo, line input and Ctrl-C processing; output handles report processed output, wrapping and
 * escape sequences (always on). A redirected handle fails with ERROR_INVALID_HANDLE, as on
 * Windows. */
#define ENABLE_PROCESSED_INPUT 0x0001
#define ENABLE_LINE_INPUT 0x0002
#define ENABLE_ECHO_INPUT 0x0004
#define ENABLE_WINDOW_INPUT 0x0008
#define ENABLE_MOUSE_INPUT 0x0010
#define ENABLE_INSERT_MODE 0x0020
#define ENABLE_QUICK_EDIT_MODE 0x0040
#define ENABLE_EXTENDED_FLAGS 0x0080
#define ENABLE_AUTO_POSITION 0x0100
#define ENABLE_VIRTUAL_TERMINAL_INPUT 0x0200
#define ENABLE_PROCESSED_OUTPUT 0x0001
#define ENABLE_WRAP_AT_EOL_OUTPUT 0x0002
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#define DISABLE_NEWLINE_AUTO_RETURN 0x0008
#define ENABLE_LVB_GRID_WORLDWIDE 0x0010

/* SetConsoleCursorPosition: the cursor to column X, row Y of the terminal (an escape
 * sequence); output that is not a terminal is left untouched. */
static inline BOOL SetConsoleCursorPosition(HANDLE hConsoleOutput, COORD dwCursorPosition)
{
    return ws2mp_SetConsoleCursorPosition(hConsoleOutput, dwCursorPosition.X, dwCursorPosition.Y);
}

/* ---- console screen calls over a terminal's escape sequences -------------------------------
 * Written with WriteConsoleA after the C library's buffered output, on a terminal only: output
 * that is not a terminal (a file, a pipe) is left untouched and the calls succeed, as
 * SetConsoleTextAttribute does. */
static inline BOOL ws2mp_console_seq_(HANDLE h, const char *seq, size_t n)
{
    if (GetFileType(h) != 0x0002 /* FILE_TYPE_CHAR: a terminal */)
        return TRUE;
    fflush(NULL);
    return WriteConsoleA(h, seq, (DWORD)n, NULL, NULL);
}

/* FillConsoleOutputCharacter: `nLength` copies of the character from a cell on, up to the
 * window's end (the terminal's size, as GetConsoleScreenBufferInfo reports it); the cursor
 * stays where it was. A space over the whole window (Microsoft's clear-screen routine) is the
 * terminal's erase. *lpNumberOfCharsWritten counts the cells filled. */
static inline BOOL FillConsoleOutputCharacterA(HANDLE hConsoleOutput, CHAR cCharacter, DWORD nLength,
                                               COORD dwWriteCoord, LPDWORD lpNumberOfCharsWritten)
{
    CONSOLE_SCREEN_BUFFER_INFO info;
    DWORD size, offset, n, done;
    char buf[256];
    int len;
    if (!GetConsoleScreenBufferInfo(hConsoleOutput, &info))
        return FALSE;
    if (dwWriteCoord.X < 0 || dwWriteCoord.Y < 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    size = (DWORD)info.dwSize.X * (DWORD)info.dwSize.Y;
    offset = (DWORD)dwWriteCoord.Y * (DWORD)info.dwSize.X + (DWORD)dwWriteCoord.X;
    n = offset >= size ? 0 : (nLength < size - offset ? nLength : size - offset);
    if (lpNumberOfCharsWritten != NULL)
        *lpNumberOfCharsWritten = n;
    if (n == 0)
        return TRUE;
    if (cCharacter == ' ' && offset == 0 && n == size)
        return ws2mp_console_seq_(hConsoleOutput, "\0337\033[2J\0338", 8);
    len = snprintf(buf, sizeof(buf), "\0337\033[%d;%dH", dwWriteCoord.Y + 1, dwWriteCoord.X + 1);
    if (!ws2mp_console_seq_(hConsoleOutput, buf, (size_t)len))
        return FALSE;
    memset(buf, cCharacter, sizeof(buf));
    for (done = 0; done < n; done += (DWORD)len) {
        len = n - done < sizeof(buf) ? (int)(n - done) : (int)sizeof(buf);
        if (!ws2mp_console_seq_(hConsoleOutput, buf, (size_t)len))
            return FALSE;
    }
    return ws2mp_console_seq_(hConsoleOutput, "\0338", 2);
}

/* The W form: a character outside ASCII is written as '?'. */
static inline BOOL FillConsoleOutputCharacterW(HANDLE hConsoleOutput, WCHAR cCharacter, DWORD nLength,
                                               COORD dwWriteCoord, LPDWORD lpNumberOfCharsWritten)
{
    return FillConsoleOutputCharacterA(hConsoleOutput, cCharacter < 0x80 ? (CHAR)cCharacter : '?', nLength,
                                       dwWriteCoord, lpNumberOfCharsWritten);
}
#ifdef UNICODE
#define FillConsoleOutputCharacter FillConsoleOutputCharacterW
#else
#define FillConsoleOutputCharacter FillConsoleOutputCharacterA
#endif

/* FillConsoleOutputAttribute: a terminal cannot recolour cells it already shows without
 * writing them again, so nothing changes on the screen; the cells are counted as Windows
 * counts them, and later output takes the colours SetConsoleTextAttribute set. */
static inline BOOL FillConsoleOutputAttribute(HANDLE hConsoleOutput, WORD wAttribute, DWORD nLength,
                                              COORD dwWriteCoord, LPDWORD lpNumberOfAttrsWritten)
{
    CONSOLE_SCREEN_BUFFER_INFO info;
    DWORD size, offset;
    (void)wAttribute;
    if (!GetConsoleScreenBufferInfo(hConsoleOutput, &info))
        return FALSE;
    if (dwWriteCoord.X < 0 || dwWriteCoord.Y < 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    size = (DWORD)info.dwSize.X * (DWORD)info.dwSize.Y;
    offset = (DWORD)dwWriteCoord.Y * (DWORD)info.dwSize.X + (DWORD)dwWriteCoord.X;
    if (lpNumberOfAttrsWritten != NULL)
        *lpNumberOfAttrsWritten = offset >= size ? 0 : (nLength < size - offset ? nLength : size - offset);
    return TRUE;
}

/* SetConsoleCursorInfo / GetConsoleCursorInfo: the cursor shown or hidden (an escape
 * sequence); the size (1-100, else ERROR_INVALID_PARAMETER) is kept and reported, the
 * terminal draws its own cursor. */
typedef struct _CONSOLE_CURSOR_INFO {
    DWORD dwSize;
    BOOL bVisible;
} CONSOLE_CURSOR_INFO, *PCONSOLE_CURSOR_INFO;
static inline CONSOLE_CURSOR_INFO *ws2mp_cursor_info_(void)
{
    static CONSOLE_CURSOR_INFO info = { 25, TRUE };
    return &info;
}
static inline BOOL SetConsoleCursorInfo(HANDLE hConsoleOutput, const CONSOLE_CURSOR_INFO *lpConsoleCursorInfo)
{
    CONSOLE_SCREEN_BUFFER_INFO screen;
    if (!GetConsoleScreenBufferInfo(hConsoleOutput, &screen))
        return FALSE;
    if (lpConsoleCursorInfo == NULL || lpConsoleCursorInfo->dwSize < 1 || lpConsoleCursorInfo->dwSize > 100) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *ws2mp_cursor_info_() = *lpConsoleCursorInfo;
    return lpConsoleCursorInfo->bVisible ? ws2mp_console_seq_(hConsoleOutput, "\033[?25h", 6)
                                         : ws2mp_console_seq_(hConsoleOutput, "\033[?25l", 6);
}
static inline BOOL GetConsoleCursorInfo(HANDLE hConsoleOutput, PCONSOLE_CURSOR_INFO lpConsoleCursorInfo)
{
    CONSOLE_SCREEN_BUFFER_INFO screen;
    if (!GetConsoleScreenBufferInfo(hConsoleOutput, &screen))
        return FALSE;
    if (lpConsoleCursorInfo == NULL) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    *lpConsoleCursorInfo = *ws2mp_cursor_info_();
    return TRUE;
}

#ifndef STATUS_CONTROL_C_EXIT
#define STATUS_CONTROL_C_EXIT ((DWORD)0xC000013AL)
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_CONSOLEAPI_H */
