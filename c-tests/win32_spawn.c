/*
 * A server that runs helper programs the C runtime's way: _spawnl with _P_WAIT for a job
 * whose exit code it needs, _spawnv with _P_NOWAIT and _cwait for one that runs beside it,
 * _spawnle with an environment of its own. The helper is this program started again.
 */
#include <winsock2.h>
#include <windows.h>
#include <process.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static char self[MAX_PATH];

static int child(int argc, char **argv)
{
    const char *v;
    if (strcmp(argv[2], "exit") == 0)
        return atoi(argv[3]);
    if (strcmp(argv[2], "count") == 0)
        return argc - 2; /* the words after "child" */
    if (strcmp(argv[2], "env") == 0) {
        v = getenv("WS2MP_SPAWN_ENV");
        return v != NULL && strcmp(v, "yes") == 0 ? 11 : 12;
    }
    return 99;
}

int main(int argc, char **argv)
{
    const char *args[5];
    const char *env[] = {"WS2MP_SPAWN_ENV=yes", NULL};
    intptr_t handle, waited;
    int status = -1;

    if (argc >= 3 && strcmp(argv[1], "child") == 0)
        return child(argc, argv);
    REQUIRE(GetModuleFileNameA(NULL, self, sizeof(self)) > 0, "GetModuleFileNameA");

    CHECK_EQ(_spawnl(_P_WAIT, self, self, "child", "exit", "7", NULL), 7, "_P_WAIT returns the exit code");

    args[0] = self;
    args[1] = "child";
    args[2] = "exit";
    args[3] = "9";
    args[4] = NULL;
    handle = _spawnv(_P_NOWAIT, self, args);
    CHECK(handle != -1 && handle != 0, "_P_NOWAIT returns a process handle");
    waited = _cwait(&status, handle, _WAIT_CHILD);
    CHECK(waited == handle, "_cwait returns the handle");
    CHECK_EQ(status, 9, "... with the exit code");

    /* The C runtime joins the arguments with spaces and no quotes: "a b" is two words. */
    CHECK_EQ(_spawnl(_P_WAIT, self, self, "child", "count", "a b", "c", NULL), 4,
             "arguments are joined unquoted, as Microsoft's C runtime does");

    CHECK_EQ(_spawnle(_P_WAIT, self, self, "child", "env", NULL, env), 11, "_spawnle gives the child its environment");

    errno = 0;
    CHECK_EQ(_spawnl(_P_WAIT, "ws2mp_no_such_program.exe", "ws2mp_no_such_program.exe", NULL), -1,
             "a program that does not exist: -1");
    CHECK_EQ(errno, ENOENT, "... with ENOENT");
    errno = 0;
    CHECK_EQ(_spawnl(99, self, self, NULL), -1, "an unknown mode: -1");
    CHECK_EQ(errno, EINVAL, "... with EINVAL");

    CHECK_EQ(_spawnl(_P_DETACH, self, self, "child", "exit", "0", NULL), 0, "_P_DETACH returns 0");
    return check_done();
}
