/* ws2mp-test: posix */ /* a pseudo-terminal */
/* <conio.h> on a terminal: the test makes a pseudo-terminal, puts its slave side on standard
 * input, and types into the master side. */
#include <windows.h>
#include <conio.h>
#include <fcntl.h>
#include <poll.h>
#if defined(__APPLE__)
#include <util.h>
#else
#include <pty.h>
#endif
#include "check.h"

/* Reads what the terminal echoed to the master side within 200 ms (0 when nothing). */
static int echoed(int master, char *out, int cap)
{
    struct pollfd p;
    int n;
    p.fd = master;
    p.events = POLLIN;
    p.revents = 0;
    if (poll(&p, 1, 200) <= 0)
        return 0;
    n = (int)read(master, out, (size_t)cap);
    return n < 0 ? 0 : n;
}

int main(void)
{
    int master, slave, saved_stdin, n;
    struct termios before, after;
    char echo[16];
    REQUIRE(openpty(&master, &slave, NULL, NULL, NULL) == 0, "openpty makes a terminal");
    saved_stdin = dup(STDIN_FILENO);
    REQUIRE(dup2(slave, STDIN_FILENO) == STDIN_FILENO, "its slave side becomes standard input");
    tcgetattr(STDIN_FILENO, &before);

    CHECK_EQ(_kbhit(), 0, "_kbhit is 0 when no key is waiting");
    CHECK(write(master, "x", 1) == 1, "a key is typed (no Enter)");
    Sleep(50);
    /* Typed while no conio call runs, the terminal (in line mode) echoes it: a documented
     * difference from Windows' console. Drain that echo. */
    echoed(master, echo, sizeof(echo));
    CHECK(_kbhit() != 0, "_kbhit sees the key without Enter");
    CHECK_EQ(_getch(), 'x', "_getch returns it");
    CHECK_EQ(echoed(master, echo, sizeof(echo)), 0, "... and _getch adds no echo");
    CHECK_EQ(_kbhit(), 0, "nothing is waiting afterwards");

    /* With echo off in the terminal (as the program may have set it), _getche still echoes. */
    after = before;
    after.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(STDIN_FILENO, TCSANOW, &after);
    CHECK(write(master, "y", 1) == 1, "another key is typed, with the terminal's echo off");
    Sleep(50);
    CHECK_EQ(echoed(master, echo, sizeof(echo)), 0, "... nothing is echoed on typing");
    CHECK_EQ(_getche(), 'y', "_getche returns it");
    n = echoed(master, echo, sizeof(echo));
    CHECK(n >= 1 && echo[0] == 'y', "... and echoes it");
    CHECK(write(master, "z", 1) == 1, "a third key");
    Sleep(50);
    CHECK_EQ(_getch(), 'z', "_getch returns it");
    CHECK_EQ(echoed(master, echo, sizeof(echo)), 0, "... without echo");

    tcgetattr(STDIN_FILENO, &after);
    CHECK((after.c_lflag & ICANON) && !(after.c_lflag & ECHO), "the terminal's own settings are restored");

    dup2(saved_stdin, STDIN_FILENO);
    close(saved_stdin);
    close(slave);
    close(master);
    return check_done();
}
