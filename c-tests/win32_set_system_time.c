/* SetSystemTime and SetLocalTime the way a time-protocol client (RFC 868) uses them: the
 * server's seconds since 1900 are added to the FILETIME of 1900-01-01, split back into a
 * SYSTEMTIME and handed to SetSystemTime. Fields out of range are ERROR_INVALID_PARAMETER;
 * a valid time either sets the clock (a process that may: an administrator on Windows, root
 * or CAP_SYS_TIME here) or fails with ERROR_PRIVILEGE_NOT_HELD. The time set is the one just
 * read, so a privileged run moves the machine's clock by no more than the calls take. */
#include <winsock2.h>
#include <windows.h>
#include <string.h>
#include "check.h"

/* The RFC 868 time of a FILETIME: seconds since 1900-01-01 00:00 UTC. */
static ULONG tp_seconds(const FILETIME *ft)
{
    SYSTEMTIME base = { 1900, 1, 0, 1, 0, 0, 0, 0 };
    FILETIME fb;
    ULARGE_INTEGER a, b;
    SystemTimeToFileTime(&base, &fb);
    a.LowPart = ft->dwLowDateTime;
    a.HighPart = ft->dwHighDateTime;
    b.LowPart = fb.dwLowDateTime;
    b.HighPart = fb.dwHighDateTime;
    return (ULONG)((a.QuadPart - b.QuadPart) / 10000000);
}

/* The client's conversion: 1900-01-01 plus the server's seconds, as a SYSTEMTIME. */
static BOOL time_from_tp(ULONG ulTime, SYSTEMTIME *st)
{
    FILETIME ft;
    LONGLONG *pLL = (LONGLONG *)&ft;
    memset(st, 0, sizeof *st);
    st->wYear = 1900;
    st->wMonth = 1;
    st->wDay = 1;
    if (!SystemTimeToFileTime(st, &ft))
        return FALSE;
    *pLL += (LONGLONG)10000000 * ulTime;
    return FileTimeToSystemTime(&ft, st);
}

/* TRUE when `a` and `b` (UTC) are at most `secs` seconds apart. */
static BOOL close_to(const SYSTEMTIME *a, const SYSTEMTIME *b, LONGLONG secs)
{
    FILETIME fa, fb;
    ULARGE_INTEGER x, y;
    LONGLONG d;
    SystemTimeToFileTime(a, &fa);
    SystemTimeToFileTime(b, &fb);
    x.LowPart = fa.dwLowDateTime;
    x.HighPart = fa.dwHighDateTime;
    y.LowPart = fb.dwLowDateTime;
    y.HighPart = fb.dwHighDateTime;
    d = (LONGLONG)x.QuadPart - (LONGLONG)y.QuadPart;
    return d <= secs * 10000000 && d >= -secs * 10000000;
}

int main(void)
{
    SYSTEMTIME st, now, after;
    FILETIME ft;
    BOOL ok;
    DWORD err;

    /* The conversion the client makes gives back the time it started from. */
    GetSystemTimeAsFileTime(&ft);
    CHECK(time_from_tp(tp_seconds(&ft), &st), "1900-01-01 plus the RFC 868 seconds converts back");
    GetSystemTime(&now);
    CHECK(st.wYear == now.wYear && close_to(&st, &now, 2), "... to the time it was taken from");

    /* Fields out of range are refused before anything is set. */
    st = now;
    st.wMonth = 13;
    SetLastError(0);
    CHECK(!SetSystemTime(&st), "SetSystemTime refuses month 13");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");
    st = now;
    st.wMonth = 2;
    st.wDay = 30;
    SetLastError(0);
    CHECK(!SetSystemTime(&st), "SetSystemTime refuses February 30");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");
    st = now;
    st.wHour = 24;
    SetLastError(0);
    CHECK(!SetLocalTime(&st), "SetLocalTime refuses hour 24");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");

    /* A valid time: set (a privileged process) or refused for want of the privilege. */
    GetSystemTime(&st);
    SetLastError(0);
    ok = SetSystemTime(&st);
    err = GetLastError();
    CHECK(ok || err == ERROR_PRIVILEGE_NOT_HELD,
          "SetSystemTime of the current time: TRUE, or ERROR_PRIVILEGE_NOT_HELD without the privilege");
    GetSystemTime(&after);
    CHECK(close_to(&after, &st, 2), "... the clock still reads the current time");

    GetLocalTime(&st);
    SetLastError(0);
    ok = SetLocalTime(&st);
    err = GetLastError();
    CHECK(ok || err == ERROR_PRIVILEGE_NOT_HELD,
          "SetLocalTime of the current local time: TRUE, or ERROR_PRIVILEGE_NOT_HELD");
    GetLocalTime(&after);
    CHECK(close_to(&after, &st, 2), "... the local clock still reads the current time");
    return check_done();
}
