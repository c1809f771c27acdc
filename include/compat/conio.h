/*
 * ws2mp compat: <conio.h>. Console keyboard input without waiting for Enter, over the
 * terminal on standard input (termios):
 *
 * _kbhit   nonzero when a key is waiting (the terminal is switched to character mode for the
 *          check, then restored).
 * _getch   reads one key without echo; _getche echoes it to the terminal.
 * _putch   writes one character to standard output.
 * _ungetch pushes one key back: the next _getch, _getche (or _kbhit) sees it first (one key
 *          per source file; EOF when one is already pushed back).
 * _cputs, _cprintf write a string / formatted text to standard output at once (Windows writes
 *          them to the console even when standard output is redirected).
 * When standard input is not a terminal they read it as it is (a byte at a time; EOF is -1).
 * Between conio calls the terminal keeps its own mode, so keys typed while no conio call runs
 * are echoed by the terminal if its echo is on (Windows' console echoes only in _getche).
 * Keys that Windows reports as two codes (0 or 0xE0, then a scan code: arrows, F-keys) arrive
 * here as the terminal's escape sequence, one byte per call. Enter is 13 ('\r'), as on Windows,
 * also when typed between conio calls (the terminal had made it '\n'); so is Ctrl+J then.
 */
#ifndef WS2MP_COMPAT_CONIO_H
#define WS2MP_COMPAT_CONIO_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Switches stdin to character mode (no line buffering, no echo); returns 1 and the previous
 * settings when stdin is a terminal. */
static inline int ws2mp_conio_raw_(struct termios *saved)
{
    struct termios raw;
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, saved) != 0)
        return 0;
    raw = *saved;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    /* Enter typed during the call arrives as the terminal sends it, '\r' (13), as Windows'
     * _getch returns it. */
    raw.c_iflag &= ~(tcflag_t)ICRNL;
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    return 1;
}

/* The C library's poll under a private name and structure: <poll.h> is not included, because
 * <winsock2.h> makes `struct pollfd` Windows' WSAPOLLFD and POLLIN Windows' value. */
struct ws2mp_conio_pollfd_ {
    int fd;
    short events;
    short revents;
};
#define WS2MP_CONIO_STR2_(x) #x
#define WS2MP_CONIO_STR_(x) WS2MP_CONIO_STR2_(x)
int ws2mp_conio_poll_(struct ws2mp_conio_pollfd_ *fds, unsigned long nfds, int timeout)
    __asm__(WS2MP_CONIO_STR_(__USER_LABEL_PREFIX__) "poll");
#define WS2MP_CONIO_POLLIN 0x0001 /* POLLIN on Linux and macOS */

/* The key _ungetch pushed back (-1: none). */
static int ws2mp_conio_pushed_ = -1;

static inline int _kbhit(void)
{
    struct termios saved;
    struct ws2mp_conio_pollfd_ p;
    int raw, n;
    if (ws2mp_conio_pushed_ >= 0)
        return 1;
    raw = ws2mp_conio_raw_(&saved);
    fflush(stdout);
    p.fd = STDIN_FILENO;
    p.events = WS2MP_CONIO_POLLIN;
    p.revents = 0;
    n = ws2mp_conio_poll_(&p, 1, 0);
    if (raw)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    return n > 0 && (p.revents & WS2MP_CONIO_POLLIN) ? 1 : 0;
}

static inline int ws2mp_conio_read_(int echo)
{
    struct termios saved;
    unsigned char c;
    int raw, n;
    fflush(stdout);
    raw = ws2mp_conio_raw_(&saved);
    do
        n = (int)read(STDIN_FILENO, &c, 1);
    while (n < 0 && errno == EINTR);
    if (raw)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    /* Enter typed while the terminal was in its own (line) mode was turned into '\n' as it
     * arrived (ICRNL); Windows gives 13 for Enter, which programs compare with. */
    if (n == 1 && raw && c == '\n' && (saved.c_iflag & ICRNL))
        c = '\r';
    if (n == 1 && echo) {
        /* Echo to the terminal the key came from (Windows echoes to the console, wherever
         * standard output goes); without a terminal, to standard output. */
        if (!raw || write(STDIN_FILENO, &c, 1) != 1) {
            putchar(c);
            fflush(stdout);
        }
    }
    return n == 1 ? (int)c : -1;
}

static inline int ws2mp_conio_take_pushed_(void)
{
    int c = ws2mp_conio_pushed_;
    ws2mp_conio_pushed_ = -1;
    return c;
}

static inline int _getch(void)
{
    return ws2mp_conio_pushed_ >= 0 ? ws2mp_conio_take_pushed_() : ws2mp_conio_read_(0);
}

static inline int _getche(void)
{
    return ws2mp_conio_pushed_ >= 0 ? ws2mp_conio_take_pushed_() : ws2mp_conio_read_(1);
}

static inline int _ungetch(int c)
{
    if (ws2mp_conio_pushed_ >= 0 || c == EOF)
        return EOF;
    ws2mp_conio_pushed_ = c & 0xFF;
    return ws2mp_conio_pushed_;
}

static inline int _putch(int c)
{
    return putchar(c);
}

/* 0, or nonzero when the string could not be written. */
static inline int _cputs(const char *s)
{
    int failed = fputs(s, stdout) < 0;
    return (fflush(stdout) != 0 || failed) ? -1 : 0;
}

/* The number of characters written, or a negative number. Microsoft's formats (%I64d) as in
 * printf (ws2mp_msformat.h, through <stdio.h>). */
static inline int _cprintf(const char *format, ...)
{
    int n;
    va_list ap;
    va_start(ap, format);
    n = vprintf(format, ap);
    va_end(ap);
    fflush(stdout);
    return n;
}

#define kbhit _kbhit
#define cputs _cputs
#define cprintf _cprintf
#define getch _getch
#define getche _getche
#define ungetch _ungetch
#define putch _putch

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_CONIO_H */
