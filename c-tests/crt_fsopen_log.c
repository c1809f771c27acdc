/* A feed handler's log the way Windows programs keep one: opened with _fsopen and a share flag
 * from <share.h> (_SH_DENYWR: others may read it while it is written), a path with `\`, lines
 * written with fprintf and pushed out with _flushall, and a monitor reading the same file at
 * the same time through its own _fsopen(..., _SH_DENYNO). */
#include <winsock2.h>
#include <windows.h>
#include <share.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

int main(void)
{
    char dir[MAX_PATH], path[MAX_PATH + 64], line[128];
    FILE *log, *monitor;
    DWORD n;
    int lines = 0;

    CHECK(_SH_DENYRW == 0x10 && _SH_DENYWR == 0x20 && _SH_DENYRD == 0x30 && _SH_DENYNO == 0x40,
          "the share flags have Microsoft's values");

    n = GetTempPathA(sizeof dir, dir);
    REQUIRE(n > 0 && n < sizeof dir, "GetTempPathA");
    snprintf(path, sizeof path, "%sws2mp_fsopen_%lu.log", dir, (unsigned long)GetCurrentProcessId());

    log = _fsopen(path, "w", _SH_DENYWR);
    REQUIRE(log != NULL, "_fsopen opens the log for writing with _SH_DENYWR");
    fprintf(log, "seq=%d px=%.2f\n", 1, 101.25);
    fprintf(log, "seq=%d px=%.2f\n", 2, 101.5);
    CHECK(_flushall() >= 3, "_flushall counts at least the three standard streams");

    monitor = _fsopen(path, "r", _SH_DENYNO);
    REQUIRE(monitor != NULL, "a monitor opens the log for reading while it is being written");
    if (fgets(line, sizeof line, monitor) != NULL && strcmp(line, "seq=1 px=101.25\n") == 0)
        lines++;
    if (fgets(line, sizeof line, monitor) != NULL && strcmp(line, "seq=2 px=101.50\n") == 0)
        lines++;
    CHECK_EQ(lines, 2, "the monitor reads both lines _flushall wrote out");
    CHECK(fgets(line, sizeof line, monitor) == NULL, "and nothing more");

    fprintf(log, "seq=%d px=%.2f\n", 3, 99.0);
    fflush(log);
    clearerr(monitor);
    CHECK(fgets(line, sizeof line, monitor) != NULL && strcmp(line, "seq=3 px=99.00\n") == 0,
          "a line written later reaches the monitor");
    fclose(monitor);
    fclose(log);

    log = _fsopen(path, "a", _SH_DENYNO);
    REQUIRE(log != NULL, "_fsopen in append mode");
    fputs("end\n", log);
    fclose(log);
    monitor = _fsopen(path, "r", _SH_DENYNO);
    REQUIRE(monitor != NULL, "reopen for reading");
    lines = 0;
    while (fgets(line, sizeof line, monitor) != NULL)
        lines++;
    CHECK_EQ(lines, 4, "append mode adds after the three lines");
    fclose(monitor);

    CHECK(DeleteFileA(path), "DeleteFileA removes the log");
    return check_done();
}
