/* A legacy wire format with fixed-width, not NUL-terminated name fields, filled the way old
 * Winsock servers do it: n = _snprintf(field, sizeof field, ...), where a negative n means the
 * name was cut and any other n is how much of the field it used. Microsoft's _snprintf and
 * _vsnprintf return the length when the text fills the field exactly (no NUL written) and -1
 * only when it does not fit. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include "check.h"

#pragma pack(push, 1)
struct announce {
    char service[8]; /* padded with spaces, no NUL */
    char host[12];
    u_short port;
};
#pragma pack(pop)

static int put_field(char *field, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = _vsnprintf(field, size, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < size)
        memset(field + n, ' ', size - (size_t)n);
    return n;
}

int main(void)
{
    struct announce a;
    char tail[4];
    int n;

    memset(&a, '#', sizeof a);
    n = _snprintf(a.service, sizeof a.service, "%s", "TIMESYNC");
    CHECK_EQ(n, 8, "_snprintf of exactly the field's size returns the length");
    CHECK(memcmp(a.service, "TIMESYNC", 8) == 0, "the field holds the whole name");
    CHECK(a.host[0] == '#', "no NUL is written past the field");

    n = _snprintf(a.service, sizeof a.service, "%s", "TIMESYNC2");
    CHECK_EQ(n, -1, "_snprintf of one character more returns -1");
    CHECK(memcmp(a.service, "TIMESYNC", 8) == 0, "the cut field holds its first 8 characters");
    CHECK(a.host[0] == '#', "the cut name writes no NUL either");

    n = put_field(a.host, sizeof a.host, "%u.%u.%u.%u", 192u, 168u, 100u, 200u);
    CHECK_EQ(n, -1, "_vsnprintf of a longer address returns -1");
    n = put_field(a.host, sizeof a.host, "%u.%u.%u.%u", 10u, 100u, 200u, 1u);
    CHECK_EQ(n, 12, "_vsnprintf of exactly the field's size returns the length");
    CHECK(memcmp(a.host, "10.100.200.1", 12) == 0, "the host field is full");
    n = put_field(a.host, sizeof a.host, "%s", "gw");
    CHECK_EQ(n, 2, "a shorter host returns its length");
    CHECK(memcmp(a.host, "gw          ", 12) == 0, "and the program pads the rest");

    n = _snprintf(tail, sizeof tail, "%d", 1234);
    CHECK_EQ(n, 4, "a number that fills the buffer returns its length");
    CHECK(memcmp(tail, "1234", 4) == 0, "all four digits are there");
    return check_done();
}
