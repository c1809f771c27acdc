/* Event objects (docs/WINDOWS.md §6.2): manual reset, initially non-signalled, WSASetEvent /
 * WSAResetEvent, waiting never resets, and a closed or forged handle is WSA_INVALID_HANDLE. */
#include "event_util.h"

int main(void)
{
    WSAEVENT ev, ev2;

    start_winsock();

    ev = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT, "WSACreateEvent returns an event");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT,
             "a new event is not signalled");

    CHECK_EQ(WSASetEvent(ev), TRUE, "WSASetEvent returns TRUE");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_EVENT_0,
             "after WSASetEvent the event is signalled");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 1000, FALSE), WSA_WAIT_EVENT_0,
             "manual reset: a second wait still finds it signalled (waiting never resets)");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, TRUE, WSA_INFINITE, FALSE), WSA_WAIT_EVENT_0,
             "... and a third, infinite, fWaitAll wait returns at once");
    CHECK_EQ(WSASetEvent(ev), TRUE, "setting a signalled event again succeeds");

    CHECK_EQ(WSAResetEvent(ev), TRUE, "WSAResetEvent returns TRUE");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT,
             "after WSAResetEvent the event is not signalled");
    CHECK_EQ(WSAResetEvent(ev), TRUE, "resetting a non-signalled event succeeds");

    /* A second event is independent of the first. */
    ev2 = WSACreateEvent();
    REQUIRE(ev2 != WSA_INVALID_EVENT && ev2 != ev, "a second event is a different handle");
    WSASetEvent(ev2);
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT,
             "setting one event leaves another alone");

    /* Closed handles. */
    CHECK_EQ(WSACloseEvent(ev), TRUE, "WSACloseEvent returns TRUE");
    WSASetLastError(0);
    CHECK_EQ(WSASetEvent(ev), FALSE, "WSASetEvent on a closed event fails");
    CHECK_EQ(WSAGetLastError(), WSA_INVALID_HANDLE, "... with WSA_INVALID_HANDLE");
    WSASetLastError(0);
    CHECK_EQ(WSAResetEvent(ev), FALSE, "WSAResetEvent on a closed event fails");
    CHECK_EQ(WSAGetLastError(), WSA_INVALID_HANDLE, "... with WSA_INVALID_HANDLE");
    WSASetLastError(0);
    CHECK_EQ(WSACloseEvent(ev), FALSE, "closing it twice fails");
    CHECK_EQ(WSAGetLastError(), WSA_INVALID_HANDLE, "... with WSA_INVALID_HANDLE");
    WSASetLastError(0);
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_FAILED,
             "waiting on a closed event fails");
    CHECK_EQ(WSAGetLastError(), WSA_INVALID_HANDLE, "... with WSA_INVALID_HANDLE");

    /* A stale handle stays stale when its slot is reused by a new event. */
    {
        WSAEVENT again = WSACreateEvent();
        REQUIRE(again != WSA_INVALID_EVENT, "WSACreateEvent after a close");
        CHECK(again != ev, "a new event never reuses a closed handle value");
        WSASetLastError(0);
        CHECK_EQ(WSASetEvent(ev), FALSE, "the stale handle still fails after the reuse");
        CHECK_EQ(WSAGetLastError(), WSA_INVALID_HANDLE, "... with WSA_INVALID_HANDLE");
        CHECK_EQ(WSAWaitForMultipleEvents(1, &again, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT,
                 "... and did not signal the new event");
        WSACloseEvent(again);
    }

    /* Forged handles: never dereferenced, always WSA_INVALID_HANDLE. */
    {
        WSAEVENT forged[3] = {(WSAEVENT)(uintptr_t)0x1, (WSAEVENT)(uintptr_t)0xdeadbeef00ULL,
                              (WSAEVENT)&ev2};
        int i, all = 1;
        for (i = 0; i < 3; i++) {
            WSASetLastError(0);
            if (WSASetEvent(forged[i]) != FALSE || WSAGetLastError() != WSA_INVALID_HANDLE)
                all = 0;
        }
        CHECK(all, "forged handles fail with WSA_INVALID_HANDLE");
        WSASetLastError(0);
        CHECK_EQ(WSASetEvent(WSA_INVALID_EVENT), FALSE, "WSASetEvent(WSA_INVALID_EVENT) fails");
        CHECK_EQ(WSAGetLastError(), WSA_INVALID_HANDLE, "... with WSA_INVALID_HANDLE");
    }

    CHECK_EQ(WSACloseEvent(ev2), TRUE, "closing the second event");
    WSACleanup();
    return check_done();
}
