/*
 * GetAddrInfoEx as a Windows 8 program uses it: GetAddrInfoExW / GetAddrInfoExA of
 * "localhost" and numeric hosts with ADDRINFOEX hints, FreeAddrInfoExW / FreeAddrInfoEx, the
 * errors (unknown name, NULL name and service, a timeout without an OVERLAPPED), and the
 * asynchronous form: an OVERLAPPED with an event, with a completion routine (run on another
 * thread: the test waits without being alertable), GetAddrInfoExOverlappedResult,
 * GetAddrInfoExCancel and the timeout. Only literals, "localhost" and names under .invalid
 * are looked up.
 */
/* GetAddrInfoExCancel and GetAddrInfoExOverlappedResult are Windows 8's. */
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0602
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <string.h>
#include "check.h"
#include "wide.h"

#if defined(__MINGW32__)
/* mingw-w64's <ws2tcpip.h> leaves out Windows 8's two calls (its ws2_32 exports them). */
INT WSAAPI GetAddrInfoExCancel(LPHANDLE lpHandle);
INT WSAAPI GetAddrInfoExOverlappedResult(LPOVERLAPPED lpOverlapped);
#endif

static volatile LONG routine_calls;
static volatile DWORD routine_error;
static volatile DWORD routine_bytes;
static LPWSAOVERLAPPED routine_ov;
static HANDLE routine_done;

static void CALLBACK on_lookup(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov)
{
    routine_error = error;
    routine_bytes = bytes;
    routine_ov = ov;
    InterlockedIncrement(&routine_calls);
    SetEvent(routine_done);
}

int main(void)
{
    WSADATA wsa;
    ADDRINFOEXW hints, *res = NULL, *p;
    ADDRINFOEXA hints_a, *res_a = NULL;
    OVERLAPPED ov;
    HANDLE ev, cancel = NULL;
    struct timeval tv = {1, 0};
    SOCKADDR_IN *sin;
    PVOID pointer = NULL;
    int rc, found, i, cancelled = 0, tries = 0, timed_out;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    /* Synchronous, UTF-16. */
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    rc = GetAddrInfoExW(W("localhost"), W("80"), NS_DNS, NULL, &hints, &res, NULL, NULL, NULL, NULL);
    CHECK_EQ(rc, 0, "GetAddrInfoExW(localhost, 80, NS_DNS) succeeds");
    CHECK_EQ(WSAGetLastError(), 0, "... and the last error is 0");
    found = 0;
    for (p = res; p != NULL; p = (ADDRINFOEXW *)p->ai_next) {
        sin = (SOCKADDR_IN *)p->ai_addr;
        if (p->ai_family == AF_INET && sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK) && sin->sin_port == htons(80))
            found = 1;
        CHECK(p->ai_blob == NULL && p->ai_bloblen == 0 && p->ai_provider == NULL,
              "an entry has no provider blob or GUID");
        CHECK_EQ(p->ai_addrlen, sizeof(SOCKADDR_IN), "an entry's ai_addrlen is sizeof(SOCKADDR_IN)");
    }
    CHECK(found, "127.0.0.1:80 is listed");
    FreeAddrInfoExW(res);
    FreeAddrInfoExW(NULL);

    res = NULL;
    hints.ai_family = AF_INET6;
    hints.ai_flags = AI_NUMERICHOST;
    CHECK_EQ(GetAddrInfoExW(W("::1"), NULL, NS_ALL, NULL, &hints, &res, NULL, NULL, NULL, NULL), 0,
             "GetAddrInfoExW(::1, AI_NUMERICHOST, NS_ALL)");
    CHECK(res != NULL && res->ai_family == AF_INET6 && res->ai_next == NULL, "one IPv6 entry");
    FreeAddrInfoExW(res);

    res = (ADDRINFOEXW *)&hints;
    CHECK_EQ(GetAddrInfoExW(W("localhost"), NULL, NS_DNS, NULL, &hints, &res, NULL, NULL, NULL, NULL),
             WSAHOST_NOT_FOUND, "a name with AI_NUMERICHOST: WSAHOST_NOT_FOUND");
    CHECK(res == NULL, "... and the result is NULL");
    CHECK_EQ(GetAddrInfoExW(NULL, NULL, NS_DNS, NULL, NULL, &res, NULL, NULL, NULL, NULL), WSAHOST_NOT_FOUND,
             "NULL name and service: WSAHOST_NOT_FOUND");
    CHECK_EQ(WSAGetLastError(), WSAHOST_NOT_FOUND, "... also the last error");
    CHECK_EQ(GetAddrInfoExW(W("no-such-host.invalid"), NULL, NS_DNS, NULL, NULL, &res, NULL, NULL, NULL, NULL),
             WSAHOST_NOT_FOUND, "a name under .invalid: WSAHOST_NOT_FOUND");
    CHECK_EQ(GetAddrInfoExW(W("localhost"), NULL, NS_DNS, NULL, NULL, &res, &tv, NULL, NULL, NULL), WSAEINVAL,
             "a timeout without an OVERLAPPED: WSAEINVAL");
    CHECK_EQ(GetAddrInfoExW(W("localhost"), NULL, NS_DNS, NULL, NULL, NULL, NULL, NULL, NULL, NULL), WSAEINVAL,
             "a NULL ppResult: WSAEINVAL");

    /* Synchronous, ANSI. */
    memset(&hints_a, 0, sizeof(hints_a));
    hints_a.ai_family = AF_INET;
    hints_a.ai_flags = AI_NUMERICHOST;
    hints_a.ai_socktype = SOCK_DGRAM;
    CHECK_EQ(GetAddrInfoExA("127.0.0.1", "53", NS_ALL, NULL, &hints_a, &res_a, NULL, NULL, NULL, NULL), 0,
             "GetAddrInfoExA(127.0.0.1, 53)");
    REQUIRE(res_a != NULL, "... gives a list");
    sin = (SOCKADDR_IN *)res_a->ai_addr;
    CHECK(res_a->ai_family == AF_INET && sin->sin_port == htons(53) &&
              sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK) && res_a->ai_socktype == SOCK_DGRAM,
          "... of 127.0.0.1:53, a datagram entry");
    FreeAddrInfoEx(res_a);
    memset(&ov, 0, sizeof(ov));
    CHECK_EQ(GetAddrInfoExA("localhost", NULL, NS_DNS, NULL, NULL, &res_a, NULL, &ov, NULL, NULL), WSAEINVAL,
             "GetAddrInfoExA with an OVERLAPPED: WSAEINVAL (the ANSI form is synchronous)");

    /* Asynchronous, with an event. */
    ev = CreateEvent(NULL, TRUE, FALSE, NULL);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = ev;
    res = (ADDRINFOEXW *)&hints;
    rc = GetAddrInfoExW(W("localhost"), NULL, NS_DNS, NULL, NULL, &res, NULL, &ov, NULL, &cancel);
    CHECK_EQ(rc, WSA_IO_PENDING, "an asynchronous GetAddrInfoExW: WSA_IO_PENDING");
    CHECK_EQ(WSAGetLastError(), WSA_IO_PENDING, "... also the last error");
    CHECK(res != (ADDRINFOEXW *)&hints, "... the result pointer was cleared");
    CHECK(cancel != NULL, "... a cancel handle");
    CHECK_EQ(WaitForSingleObject(ev, 5000), WAIT_OBJECT_0, "the event is set when it finishes");
    CHECK_EQ(GetAddrInfoExOverlappedResult(&ov), 0, "GetAddrInfoExOverlappedResult: 0");
    /* ws2mp's OVERLAPPED has no Pointer member: its bytes are Offset and OffsetHigh. */
    memcpy(&pointer, &ov.Offset, sizeof(pointer));
    CHECK(pointer == (PVOID)&res, "the OVERLAPPED's Pointer is the result's address");
    CHECK(res != NULL && res->ai_addr != NULL, "the result is a list");
    FreeAddrInfoExW(res);
    CHECK_EQ(GetAddrInfoExCancel(&cancel), WSA_INVALID_HANDLE,
             "GetAddrInfoExCancel of a finished lookup: WSA_INVALID_HANDLE");

    /* An asynchronous failure. */
    ResetEvent(ev);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = ev;
    hints.ai_family = AF_UNSPEC;
    hints.ai_flags = AI_NUMERICHOST;
    CHECK_EQ(GetAddrInfoExW(W("not-a-number"), NULL, NS_DNS, NULL, &hints, &res, NULL, &ov, NULL, NULL),
             WSA_IO_PENDING, "an asynchronous lookup that will fail is pending");
    CHECK_EQ(WaitForSingleObject(ev, 5000), WAIT_OBJECT_0, "... it finishes");
    CHECK_EQ(GetAddrInfoExOverlappedResult(&ov), WSAHOST_NOT_FOUND, "... with WSAHOST_NOT_FOUND");
    CHECK(res == NULL, "... and no result");

    /* An event and a completion routine together are refused. */
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = ev;
    CHECK_EQ(GetAddrInfoExW(W("localhost"), NULL, NS_DNS, NULL, NULL, &res, NULL, &ov, on_lookup, NULL), WSAEINVAL,
             "an event with a completion routine: WSAEINVAL");

    /* Asynchronous, with a completion routine on another thread. */
    routine_done = CreateEvent(NULL, FALSE, FALSE, NULL);
    memset(&ov, 0, sizeof(ov));
    CHECK_EQ(GetAddrInfoExW(W("localhost"), NULL, NS_DNS, NULL, NULL, &res, NULL, &ov, on_lookup, NULL),
             WSA_IO_PENDING, "with a completion routine: WSA_IO_PENDING");
    CHECK_EQ(WaitForSingleObject(routine_done, 5000), WAIT_OBJECT_0,
             "the routine runs without an alertable wait of this thread");
    CHECK(routine_calls == 1 && routine_error == 0 && routine_bytes == 0 && routine_ov == &ov,
          "... once, with 0, 0 bytes and the OVERLAPPED");
    CHECK_EQ(GetAddrInfoExOverlappedResult(&ov), 0, "GetAddrInfoExOverlappedResult: 0");
    CHECK(res != NULL, "the result is there");
    FreeAddrInfoExW(res);

    /* GetAddrInfoExCancel: a lookup of "localhost" cancelled at once is, almost always, still
     * running; each outcome must be consistent, and a cancel must win at least once. */
    for (i = 0; i < 20 && !cancelled; i++) {
        ResetEvent(ev);
        memset(&ov, 0, sizeof(ov));
        ov.hEvent = ev;
        res = NULL;
        cancel = NULL;
        if (GetAddrInfoExW(W("localhost"), NULL, NS_DNS, NULL, NULL, &res, NULL, &ov, NULL, &cancel) !=
            WSA_IO_PENDING)
            break;
        tries++;
        rc = GetAddrInfoExCancel(&cancel);
        if (WaitForSingleObject(ev, 5000) != WAIT_OBJECT_0)
            break;
        if (rc == 0) {
            cancelled = 1;
            CHECK_EQ(GetAddrInfoExOverlappedResult(&ov), WSA_E_CANCELLED,
                     "a cancelled lookup completes with WSA_E_CANCELLED");
            CHECK(res == NULL, "... and no result");
        } else {
            CHECK_EQ(rc, WSA_INVALID_HANDLE, "a cancel that came too late: WSA_INVALID_HANDLE");
            CHECK_EQ(GetAddrInfoExOverlappedResult(&ov), 0, "... and the lookup succeeded");
            FreeAddrInfoExW(res);
        }
    }
    CHECK(tries > 0, "asynchronous lookups to cancel were started");
    CHECK(cancelled, "GetAddrInfoExCancel cancelled a running lookup");
    CHECK_EQ(GetAddrInfoExCancel(NULL), WSA_INVALID_HANDLE, "GetAddrInfoExCancel(NULL): WSA_INVALID_HANDLE");

    /* A timeout ends a lookup still running with WSAETIMEDOUT; with no time at all it usually
     * ends before the lookup does. */
    tv.tv_sec = 0;
    tv.tv_usec = 0;
    for (i = 0, timed_out = 0; i < 20 && !timed_out; i++) {
        ResetEvent(ev);
        memset(&ov, 0, sizeof(ov));
        ov.hEvent = ev;
        res = NULL;
        if (GetAddrInfoExW(W("localhost"), NULL, NS_DNS, NULL, NULL, &res, &tv, &ov, NULL, NULL) != WSA_IO_PENDING ||
            WaitForSingleObject(ev, 5000) != WAIT_OBJECT_0)
            break;
        rc = GetAddrInfoExOverlappedResult(&ov);
        if (rc == WSAETIMEDOUT) {
            timed_out = 1;
            CHECK(res == NULL, "a timed-out lookup leaves no result");
        } else {
            CHECK_EQ(rc, 0, "a lookup that beat its timeout succeeded");
            FreeAddrInfoExW(res);
        }
    }
    CHECK(timed_out, "a lookup timed out with WSAETIMEDOUT");

    CloseHandle(routine_done);
    CloseHandle(ev);
    WSACleanup();
    return check_done();
}
