/* ws2mp-test: posix */ /* a pseudo-terminal as the console */
/* A login client's password prompt and a console chat screen, on a terminal: the program turns
 * echo off around the password with GetConsoleMode/SetConsoleMode (and restores it), switches
 * to key-at-a-time input, enables escape sequences on its output
 * (ENABLE_VIRTUAL_TERMINAL_PROCESSING), places its prompt with SetConsoleCursorPosition (the
 * "gotoxy" of console programs), clears the screen with Microsoft's FillConsoleOutputCharacter
 * routine, blanks part of a line and hides the cursor; its input loop reads lines with
 * ReadConsole (ending in \r\n, as Windows' console gives them) after dropping keys typed
 * too early with FlushConsoleInputBuffer, and waits with system("pause"). The test makes a pseudo-terminal its standard input and
 * output and reads what the program wrote from the other end; with a redirected handle the
 * calls fail with ERROR_INVALID_HANDLE, as on Windows. */
#define _GNU_SOURCE 1
#include <windows.h>
#if defined(__APPLE__)
#include <util.h>
#elif defined(__FreeBSD__)
#include <libutil.h>
#else
#include <pty.h>
#endif
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <poll.h>
#include <unistd.h>
#include "check.h"

/* Microsoft's clear-screen routine for console programs. */
static BOOL cls(HANDLE console, DWORD *cells)
{
    COORD home = { 0, 0 };
    CONSOLE_SCREEN_BUFFER_INFO info;
    DWORD size, attrs;
    if (!GetConsoleScreenBufferInfo(console, &info))
        return FALSE;
    size = (DWORD)info.dwSize.X * (DWORD)info.dwSize.Y;
    if (!FillConsoleOutputCharacter(console, (TCHAR)' ', size, home, cells))
        return FALSE;
    if (!FillConsoleOutputAttribute(console, info.wAttributes, size, home, &attrs) || attrs != size)
        return FALSE;
    return SetConsoleCursorPosition(console, home);
}

/* What the other end of the terminal got since the last call: all of `want` bytes (the
 * program's writes can arrive in pieces), or what came within a second. */
static int drain_n(int master, char *got, size_t size, size_t want)
{
    size_t len = 0;
    struct pollfd p;
    fflush(stdout);
    p.fd = master;
    p.events = POLLIN;
    while (len < want && len < size - 1 && poll(&p, 1, 1000) > 0) {
        ssize_t n = read(master, got + len, size - 1 - len);
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    got[len] = '\0';
    return (int)len;
}
#define drain_expect(master, got, expected) \
    (drain_n((master), (got), sizeof(got), strlen(expected)) > 0 && strcmp((got), (expected)) == 0)

static void gotoxy(short x, short y)
{
    COORD c;
    c.X = x;
    c.Y = y;
    SetConsoleCursorPosition(GetStdHandle(STD_OUTPUT_HANDLE), c);
}

int main(void)
{
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE), out = GetStdHandle(STD_OUTPUT_HANDLE);
    DWORD mode = 0, saved = 0, outmode = 0;
    struct termios t;
    int master, slave, saved_in, saved_out, n;
    char got[64];

    /* Redirected: not a console. */
    SetLastError(0);
    CHECK(!GetConsoleMode(in, &mode) && GetLastError() == ERROR_INVALID_HANDLE,
          "GetConsoleMode on redirected input: ERROR_INVALID_HANDLE");
    CHECK(!SetConsoleMode(in, ENABLE_LINE_INPUT) && GetLastError() == ERROR_INVALID_HANDLE,
          "SetConsoleMode on redirected input: ERROR_INVALID_HANDLE");
    {
        char b[8];
        DWORD r = 0;
        SetLastError(0);
        CHECK(!ReadConsoleA(in, b, sizeof(b), &r, NULL) && GetLastError() == ERROR_INVALID_HANDLE,
              "ReadConsoleA on redirected input: ERROR_INVALID_HANDLE");
        CHECK(!FlushConsoleInputBuffer(in) && GetLastError() == ERROR_INVALID_HANDLE,
              "FlushConsoleInputBuffer on redirected input: ERROR_INVALID_HANDLE");
    }

    {
        DWORD cells = 0;
        CHECK(cls(out, &cells) && cells == 80 * 25, "the clear-screen routine on redirected output: 80 x 25 cells, nothing written");
    }

    {
        struct winsize ws;
        memset(&ws, 0, sizeof(ws));
        ws.ws_row = 10;
        ws.ws_col = 20;
        REQUIRE(openpty(&master, &slave, NULL, NULL, &ws) == 0, "openpty (20 x 10)");
    }
    fflush(stdout);
    saved_in = dup(0);
    saved_out = dup(1);
    if (dup2(slave, 0) != 0 || dup2(slave, 1) != 1) {
        dup2(saved_in, 0);
        dup2(saved_out, 1);
        REQUIRE(0, "the terminal is standard input and output");
    }

    n = GetConsoleMode(in, &saved);
    tcgetattr(0, &t);
    /* The checks on the terminal are reported after output goes back to the log. */
    {
        int ok_get = n && (saved & (ENABLE_ECHO_INPUT | ENABLE_LINE_INPUT | ENABLE_PROCESSED_INPUT)) ==
                              (ENABLE_ECHO_INPUT | ENABLE_LINE_INPUT | ENABLE_PROCESSED_INPUT);
        int ok_noecho, ok_restore, ok_raw, ok_bad, ok_out, ok_vt, ok_goto, ok_cls, ok_fill, ok_edge, ok_hide, ok_info;
        int ok_read, ok_flush, ok_wide, ok_rawkey, ok_pause;
        char line[64];
        WCHAR wline[16];
        DWORD nread = 0;
        DWORD cells = 0;
        COORD at;
        CONSOLE_CURSOR_INFO ci;
        struct termios after;
        SetConsoleMode(in, saved & ~ENABLE_ECHO_INPUT);
        tcgetattr(0, &after);
        ok_noecho = !(after.c_lflag & ECHO) && (after.c_lflag & ICANON);
        SetConsoleMode(in, saved);
        tcgetattr(0, &after);
        ok_restore = (after.c_lflag & ECHO) && (after.c_lflag & ICANON) && (after.c_lflag & ISIG);
        SetConsoleMode(in, saved & ~(ENABLE_ECHO_INPUT | ENABLE_LINE_INPUT | ENABLE_PROCESSED_INPUT));
        tcgetattr(0, &after);
        ok_raw = !(after.c_lflag & (ECHO | ICANON | ISIG)) && GetConsoleMode(in, &mode) &&
                 (mode & (ENABLE_ECHO_INPUT | ENABLE_LINE_INPUT | ENABLE_PROCESSED_INPUT)) == 0;
        SetLastError(0);
        ok_bad = !SetConsoleMode(in, ENABLE_ECHO_INPUT) && GetLastError() == ERROR_INVALID_PARAMETER;
        SetConsoleMode(in, saved);
        ok_out = GetConsoleMode(out, &outmode) && (outmode & ENABLE_PROCESSED_OUTPUT);
        ok_vt = SetConsoleMode(out, outmode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) && GetConsoleMode(out, &outmode) &&
                (outmode & ENABLE_VIRTUAL_TERMINAL_PROCESSING);
        /* Drain what the terminal echoed so far, then position the prompt. */
        tcflush(master, TCIOFLUSH);
        printf("x");
        gotoxy(4, 2);
        ok_goto = drain_expect(master, got, "x\033[3;5H");
        ok_cls = cls(out, &cells) && cells == 200 && drain_expect(master, got, "\0337\033[2J\0338\033[1;1H");
        at.X = 2;
        at.Y = 1;
        ok_fill = FillConsoleOutputCharacterA(out, 'x', 3, at, &cells) && cells == 3 &&
                  drain_expect(master, got, "\0337\033[2;3Hxxx\0338");
        at.X = 18;
        at.Y = 9;
        ok_edge = FillConsoleOutputCharacterA(out, '-', 5, at, &cells) && cells == 2 &&
                  drain_expect(master, got, "\0337\033[10;19H--\0338");
        ci.dwSize = 50;
        ci.bVisible = FALSE;
        ok_hide = SetConsoleCursorInfo(out, &ci) && drain_expect(master, got, "\033[?25l");
        memset(&ci, 0, sizeof(ci));
        ok_info = GetConsoleCursorInfo(out, &ci) && ci.dwSize == 50 && !ci.bVisible;
        ci.bVisible = TRUE;
        SetConsoleCursorInfo(out, &ci);
        drain_n(master, got, sizeof(got), 6);

        SetConsoleMode(in, saved & ~ENABLE_ECHO_INPUT);
        (void)!write(master, "hello\n", 6);
        ok_read = ReadConsoleA(in, line, sizeof(line), &nread, NULL) && nread == 7 && memcmp(line, "hello\r\n", 7) == 0;
        (void)!write(master, "typed early\n", 12);
        Sleep(100);
        FlushConsoleInputBuffer(in);
        (void)!write(master, "ok\n", 3);
        ok_flush = ReadConsoleA(in, line, sizeof(line), &nread, NULL) && nread == 4 && memcmp(line, "ok\r\n", 4) == 0;
        (void)!write(master, "h\xc3\xa9\n", 4);
        ok_wide = ReadConsoleW(in, wline, 16, &nread, NULL) && nread == 4 && wline[0] == 'h' && wline[1] == 0xe9 &&
                  wline[2] == '\r' && wline[3] == '\n';
        /* "Press any key": an arrow key is one key, what follows it stays for the program. */
        (void)!write(master, "\033[Az\n", 5);
        ok_pause = system("pause") == 0 && ReadConsoleA(in, line, sizeof(line), &nread, NULL) && nread == 3 &&
                   memcmp(line, "z\r\n", 3) == 0;
        tcflush(master, TCIOFLUSH);
        SetConsoleMode(in, saved & ~(ENABLE_ECHO_INPUT | ENABLE_LINE_INPUT));
        (void)!write(master, "\r", 1);
        ok_rawkey = ReadConsoleA(in, line, sizeof(line), &nread, NULL) && nread == 1 && line[0] == '\r';
        SetConsoleMode(in, saved);
        tcflush(master, TCIOFLUSH);

        dup2(saved_in, 0);
        dup2(saved_out, 1);
        CHECK(1, "the terminal was standard input and output");
        CHECK(ok_get, "GetConsoleMode on a terminal: echo, line input and Ctrl-C processing on");
        CHECK(ok_noecho, "SetConsoleMode(mode & ~ENABLE_ECHO_INPUT) turns the terminal's echo off, lines stay");
        CHECK(ok_restore, "SetConsoleMode(saved) restores it");
        CHECK(ok_raw, "without line input and processing: key at a time, Ctrl-C a key");
        CHECK(ok_bad, "echo without line input: ERROR_INVALID_PARAMETER, as on Windows");
        CHECK(ok_out, "GetConsoleMode on output: processed output");
        CHECK(ok_vt, "ENABLE_VIRTUAL_TERMINAL_PROCESSING is accepted and reported");
        CHECK(ok_goto, "SetConsoleCursorPosition({4, 2}) writes ESC[3;5H after the buffered output");
        CHECK(ok_cls, "the clear-screen routine: 200 cells, the terminal's erase, the cursor home");
        CHECK(ok_fill, "FillConsoleOutputCharacter of 3 at {2, 1}: written there, the cursor kept");
        CHECK(ok_edge, "... stopping at the window's end (2 of 5 cells)");
        CHECK(ok_hide, "SetConsoleCursorInfo(bVisible FALSE) hides the cursor");
        CHECK(ok_info, "GetConsoleCursorInfo reports the size and visibility set");
        CHECK(ok_read, "ReadConsoleA returns a typed line ending in \\r\\n");
        CHECK(ok_flush, "FlushConsoleInputBuffer drops what was typed before; the next line is read");
        CHECK(ok_wide, "ReadConsoleW gives the line in UTF-16 (h, U+00E9, \\r, \\n)");
        CHECK(ok_rawkey, "without line input, Enter reads as \\r");
        CHECK(ok_pause, "system(\"pause\") takes an arrow key's whole sequence as one key; the next line is the program's");
    }
    (void)t;
    {
        COORD bad;
        bad.X = -1;
        bad.Y = 0;
        SetLastError(0);
        CHECK(!SetConsoleCursorPosition(out, bad) && GetLastError() == ERROR_INVALID_PARAMETER,
              "a negative position: ERROR_INVALID_PARAMETER");
    }
    close(master);
    close(slave);
    return check_done();
}
