/* Win32 events and waits as a Windows program uses them (include/compat/synchapi.h):
 * CreateEvent/OpenEvent/SetEvent/ResetEvent, auto- vs manual-reset, WaitForSingleObject,
 * WaitForMultipleObjects (lowest index, bWaitAll, timeouts, the 64-handle limit), bad handles
 * (NULL, closed) → WAIT_FAILED + ERROR_INVALID_HANDLE, the pseudo-handles (never signalled for
 * WaitForSingleObject, refused with ERROR_INVALID_HANDLE by WaitForMultipleObjects, as Wine's
 * kernel32 sync tests record Windows doing), a socket on which
 * nothing completed (a handle, not signalled: c-tests/ovl_socket_handle_wait.c), and
 * CreateEvent handles and WSACreateEvent handles being the same objects. */
#include <winsock2.h>
#include <windows.h>
#include "check.h"

static void test_manual_and_auto_reset(void)
{
    HANDLE manual = CreateEvent(NULL, TRUE, FALSE, NULL);
    HANDLE autoev = CreateEvent(NULL, FALSE, TRUE, NULL);
    REQUIRE(manual != NULL && autoev != NULL, "CreateEvent makes a manual and an auto-reset event");
    CHECK_EQ(WaitForSingleObject(manual, 0), WAIT_TIMEOUT, "a new manual event is not signalled");
    CHECK_EQ(WaitForSingleObject(autoev, 0), WAIT_OBJECT_0, "bInitialState TRUE: signalled at once");
    CHECK_EQ(WaitForSingleObject(autoev, 0), WAIT_TIMEOUT, "the wait that took the auto-reset event reset it");
    CHECK_EQ(SetEvent(manual), TRUE, "SetEvent returns TRUE");
    CHECK_EQ(WaitForSingleObject(manual, 0), WAIT_OBJECT_0, "a set manual event satisfies a wait");
    CHECK_EQ(WaitForSingleObject(manual, 0), WAIT_OBJECT_0, "... and stays signalled");
    CHECK_EQ(ResetEvent(manual), TRUE, "ResetEvent returns TRUE");
    CHECK_EQ(WaitForSingleObject(manual, 0), WAIT_TIMEOUT, "... and resets it");
    SetEvent(autoev);
    SetEvent(autoev);
    CHECK_EQ(WaitForSingleObject(autoev, 0), WAIT_OBJECT_0, "setting an auto event twice ...");
    CHECK_EQ(WaitForSingleObject(autoev, 0), WAIT_TIMEOUT, "... releases one wait only");
    CHECK_EQ(CloseHandle(manual), TRUE, "CloseHandle closes an event");
    CHECK_EQ(CloseHandle(autoev), TRUE, "... and the other");
}

static void test_timeouts(void)
{
    HANDLE ev = CreateEvent(NULL, TRUE, FALSE, NULL);
    HANDLE two[2];
    DWORD t0 = GetTickCount(), took;
    CHECK_EQ(WaitForSingleObject(ev, 120), WAIT_TIMEOUT, "WaitForSingleObject times out");
    took = GetTickCount() - t0;
    /* GetTickCount advances by clock ticks (about 16 ms on Windows, up to 10 ms here), so a
     * measured wait may look up to one tick short. */
    printf("# a 120 ms wait measured %lu ms\n", (unsigned long)took);
    CHECK(took >= 100 && took < 2000, "... after about the time asked for");
    two[0] = ev;
    two[1] = CreateEvent(NULL, FALSE, FALSE, NULL);
    t0 = GetTickCount();
    CHECK_EQ(WaitForMultipleObjects(2, two, FALSE, 80), WAIT_TIMEOUT, "WaitForMultipleObjects times out");
    took = GetTickCount() - t0;
    printf("# an 80 ms wait measured %lu ms\n", (unsigned long)took);
    CHECK(took >= 60, "... not before its timeout");
    CHECK_EQ(WaitForMultipleObjects(2, two, TRUE, 0), WAIT_TIMEOUT, "a 0 ms wait-all polls");
    CloseHandle(two[1]);
    CloseHandle(ev);
}

static void test_lowest_index_and_wait_all(void)
{
    HANDLE h[4];
    int i;
    for (i = 0; i < 4; i++)
        h[i] = CreateEvent(NULL, i < 2, FALSE, NULL); /* 0,1 manual; 2,3 auto */
    SetEvent(h[3]);
    SetEvent(h[1]);
    CHECK_EQ(WaitForMultipleObjects(4, h, FALSE, 0), WAIT_OBJECT_0 + 1, "the lowest signalled index is reported");
    ResetEvent(h[1]);
    CHECK_EQ(WaitForMultipleObjects(4, h, FALSE, 0), WAIT_OBJECT_0 + 3, "then the next one");
    CHECK_EQ(WaitForMultipleObjects(4, h, FALSE, 0), WAIT_TIMEOUT, "... an auto-reset event taken by a wait-any is reset");

    SetEvent(h[0]);
    SetEvent(h[1]);
    SetEvent(h[2]);
    CHECK_EQ(WaitForMultipleObjects(4, h, TRUE, 0), WAIT_TIMEOUT, "wait-all with one object unsignalled times out");
    CHECK_EQ(WaitForSingleObject(h[2], 0), WAIT_OBJECT_0, "... and takes nothing (the auto event is still set)");
    SetEvent(h[2]);
    SetEvent(h[3]);
    CHECK_EQ(WaitForMultipleObjects(4, h, TRUE, 1000), WAIT_OBJECT_0, "wait-all succeeds when all are signalled");
    CHECK_EQ(WaitForSingleObject(h[2], 0), WAIT_TIMEOUT, "... and resets both auto-reset events");
    CHECK_EQ(WaitForSingleObject(h[3], 0), WAIT_TIMEOUT, "... (the second one too)");
    CHECK_EQ(WaitForSingleObject(h[0], 0), WAIT_OBJECT_0, "... leaving manual events signalled");
    {
        HANDLE dup[2];
        dup[0] = h[0];
        dup[1] = h[0];
        SetLastError(0);
        CHECK_EQ(WaitForMultipleObjects(2, dup, TRUE, 0), WAIT_FAILED, "wait-all on the same handle twice fails");
        CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");
        CHECK_EQ(WaitForMultipleObjects(2, dup, FALSE, 0), WAIT_OBJECT_0, "wait-any accepts duplicates");
    }
    for (i = 0; i < 4; i++)
        CloseHandle(h[i]);
}

static void test_limits_and_bad_handles(void)
{
    HANDLE h[65];
    HANDLE ev = CreateEvent(NULL, TRUE, TRUE, NULL);
    HANDLE closed = CreateEvent(NULL, TRUE, TRUE, NULL);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int i;
    for (i = 0; i < 65; i++)
        h[i] = ev;
    SetLastError(0);
    CHECK_EQ(WaitForMultipleObjects(65, h, FALSE, 0), WAIT_FAILED, "65 handles (MAXIMUM_WAIT_OBJECTS + 1) fail");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");
    CHECK_EQ(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, h, FALSE, 0), WAIT_OBJECT_0, "64 handles are fine");
    SetLastError(0);
    CHECK_EQ(WaitForMultipleObjects(0, h, FALSE, 0), WAIT_FAILED, "0 handles fail");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");
    CHECK_EQ(WaitForMultipleObjects(1, NULL, FALSE, 0), WAIT_FAILED, "a NULL array fails");

    CloseHandle(closed);
    SetLastError(0);
    CHECK_EQ(WaitForSingleObject(closed, 0), WAIT_FAILED, "a closed handle: WAIT_FAILED");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    SetLastError(0);
    CHECK_EQ(WaitForSingleObject(NULL, 0), WAIT_FAILED, "NULL: WAIT_FAILED");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    h[0] = ev;
    h[1] = closed;
    SetLastError(0);
    CHECK_EQ(WaitForMultipleObjects(2, h, FALSE, 0), WAIT_FAILED, "one bad handle among good ones fails the wait");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    SetLastError(0);
    CHECK_EQ(WaitForSingleObject((HANDLE)s, 0), WAIT_TIMEOUT, "a socket on which nothing completed is not signalled");
    CHECK_EQ(GetLastError(), 0, "... and no error");
    SetLastError(0);
    CHECK_EQ(CloseHandle(closed), FALSE, "closing a closed handle fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    SetLastError(0);
    CHECK_EQ(CloseHandle(NULL), FALSE, "CloseHandle(NULL) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    SetLastError(0);
    CHECK_EQ(SetEvent(closed), FALSE, "SetEvent on a closed handle fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CHECK_EQ(WaitForSingleObject(INVALID_HANDLE_VALUE, 0), WAIT_TIMEOUT, "INVALID_HANDLE_VALUE is the current process: never signalled");
    CHECK_EQ(WaitForSingleObject(GetCurrentThread(), 10), WAIT_TIMEOUT, "the current thread: never signalled either");
    h[0] = GetCurrentProcess();
    SetLastError(0);
    CHECK_EQ(WaitForMultipleObjects(1, h, FALSE, 10), WAIT_FAILED, "WaitForMultipleObjects refuses GetCurrentProcess()");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    h[0] = ev;
    h[1] = GetCurrentThread();
    SetLastError(0);
    CHECK_EQ(WaitForMultipleObjectsEx(2, h, FALSE, 10, TRUE), WAIT_FAILED, "... and GetCurrentThread(), among good handles too");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    closesocket(s);
    CloseHandle(ev);
}

static void test_named(void)
{
    HANDLE a, b, c, m;
    SetLastError(1234);
    a = CreateEventA(NULL, TRUE, FALSE, "ws2mp-test-event");
    REQUIRE(a != NULL, "a named event is created");
    CHECK_EQ(GetLastError(), 0, "... with last error 0");
    b = CreateEventA(NULL, FALSE, TRUE, "ws2mp-test-event");
    REQUIRE(b != NULL && b != a, "creating it again opens it under a new handle");
    CHECK_EQ(GetLastError(), ERROR_ALREADY_EXISTS, "... with ERROR_ALREADY_EXISTS");
    CHECK_EQ(WaitForSingleObject(b, 0), WAIT_TIMEOUT, "... and the existing state (not signalled)");
    c = OpenEventA(EVENT_ALL_ACCESS, FALSE, "ws2mp-test-event");
    REQUIRE(c != NULL, "OpenEvent finds it");
    SetEvent(c);
    CHECK_EQ(WaitForSingleObject(a, 0), WAIT_OBJECT_0, "the three handles name one (manual-reset) event");
    CHECK_EQ(WaitForSingleObject(b, 0), WAIT_OBJECT_0, "... still signalled through the second handle");
    CloseHandle(a);
    CHECK_EQ(WaitForSingleObject(b, 0), WAIT_OBJECT_0, "closing one handle leaves the object to the others");
    CloseHandle(b);
    CloseHandle(c);
    SetLastError(0);
    CHECK(OpenEventA(EVENT_ALL_ACCESS, FALSE, "ws2mp-test-event") == NULL, "after the last handle the name is gone");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");
    {
        static const WCHAR wname[] = {'w', 'i', 'd', 'e', 0};
        HANDLE w = CreateEventW(NULL, TRUE, TRUE, wname);
        HANDLE n = OpenEventA(SYNCHRONIZE, FALSE, "wide");
        CHECK(w != NULL && n != NULL, "a UTF-16 name and its narrow form name the same event");
        CHECK_EQ(WaitForSingleObject(n, 0), WAIT_OBJECT_0, "... and share its state");
        CloseHandle(w);
        CloseHandle(n);
    }
    m = CreateMutexA(NULL, FALSE, "ws2mp-test-shared-name");
    SetLastError(0);
    CHECK(CreateEventA(NULL, TRUE, FALSE, "ws2mp-test-shared-name") == NULL, "an event cannot take a mutex's name");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    CloseHandle(m);
}

static void test_wsa_interop(void)
{
    WSAEVENT wsa = WSACreateEvent();
    HANDLE win = CreateEvent(NULL, FALSE, FALSE, NULL);
    HANDLE both[2];
    CHECK_EQ(SetEvent(wsa), TRUE, "SetEvent works on a WSACreateEvent handle");
    CHECK_EQ(WaitForSingleObject(wsa, 0), WAIT_OBJECT_0, "... and WaitForSingleObject sees it");
    CHECK_EQ(WSASetEvent(win), TRUE, "WSASetEvent works on a CreateEvent handle");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &win, FALSE, 0, FALSE), WSA_WAIT_EVENT_0, "WSAWaitForMultipleEvents takes an auto-reset event ...");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &win, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT, "... and resets it");
    both[0] = win;
    both[1] = wsa;
    CHECK_EQ(WaitForMultipleObjects(2, both, FALSE, 0), WAIT_OBJECT_0 + 1, "both kinds mix in one wait");
    CHECK_EQ(CloseHandle(wsa), TRUE, "CloseHandle closes a WSAEVENT");
    CHECK_EQ(WSACloseEvent(wsa), FALSE, "... after which WSACloseEvent fails");
    CHECK_EQ(WSACloseEvent(win), TRUE, "WSACloseEvent closes a CreateEvent handle");
}

int __cdecl main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    test_manual_and_auto_reset();
    test_timeouts();
    test_lowest_index_and_wait_all();
    test_limits_and_bad_handles();
    test_named();
    test_wsa_interop();
    WSACleanup();
    return check_done();
}
