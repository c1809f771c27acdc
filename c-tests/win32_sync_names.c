/* The names of events, mutexes, semaphores and waitable timers, as Windows treats them (Wine's
 * kernel32 sync tests record it): names are case-sensitive (a single-instance check that
 * creates "MyServer" and one that opens "MYSERVER" are different objects: OpenX of another
 * case is ERROR_FILE_NOT_FOUND, CreateX of another case makes a new object with last error 0);
 * a successful CreateX of a new name clears the last error and one of an existing name sets
 * ERROR_ALREADY_EXISTS (the single-instance check reads it); a named object lives only while
 * a handle is open (closing the last one makes the name free again: OpenX fails with
 * ERROR_FILE_NOT_FOUND, so a restarted server does not find its dead predecessor's object);
 * OpenX with a NULL name is ERROR_INVALID_PARAMETER in both the A and W forms; asking for no
 * access at all (0) is refused with ERROR_ACCESS_DENIED once the name is found; CreateMutex of
 * an existing name ignores bInitialOwner (the second creator does not own it). */
#include <winsock2.h>
#include <windows.h>
#include "check.h"

static HANDLE shared_mutex_again;
static DWORD second_create_error;
static BOOL second_release_ok;
static DWORD second_release_error;

/* Another thread "starts a second instance": CreateMutex(TRUE) of the same name. */
static DWORD WINAPI second_instance(LPVOID param)
{
    (void)param;
    SetLastError(0xdeadbeef);
    shared_mutex_again = CreateMutexA(NULL, TRUE, "ws2mp-names-instance");
    second_create_error = GetLastError();
    SetLastError(0xdeadbeef);
    second_release_ok = ReleaseMutex(shared_mutex_again);
    second_release_error = GetLastError();
    return 0;
}

static void test_case_sensitive(void)
{
    HANDLE h, other;

    SetLastError(0xdeadbeef);
    h = CreateEventA(NULL, FALSE, FALSE, "ws2mp-names Case Event");
    REQUIRE(h != NULL, "CreateEvent of a new name");
    CHECK_EQ(GetLastError(), 0, "... clears the last error");

    SetLastError(0xdeadbeef);
    other = CreateEventA(NULL, FALSE, FALSE, "ws2mp-names Case Event");
    CHECK(other != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "the same name again: opened, ERROR_ALREADY_EXISTS");
    CloseHandle(other);

    SetLastError(0xdeadbeef);
    other = CreateEventA(NULL, FALSE, FALSE, "WS2MP-NAMES CASE EVENT");
    CHECK(other != NULL, "the name in capitals: CreateEvent succeeds");
    CHECK_EQ(GetLastError(), 0, "... as a new object (last error 0)");
    SetEvent(other);
    CHECK_EQ(WaitForSingleObject(h, 0), WAIT_TIMEOUT, "... setting it leaves the first event alone");
    CloseHandle(other);

    SetLastError(0xdeadbeef);
    CHECK(OpenEventA(EVENT_ALL_ACCESS, FALSE, "ws2mp-names case event") == NULL, "OpenEvent in lower case fails");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");
    other = OpenEventA(EVENT_ALL_ACCESS, FALSE, "ws2mp-names Case Event");
    CHECK(other != NULL, "OpenEvent with the exact case finds it");
    CloseHandle(other);
    CloseHandle(h);

    h = CreateMutexA(NULL, FALSE, "ws2mp-names-Mutex");
    SetLastError(0xdeadbeef);
    CHECK(OpenMutexA(SYNCHRONIZE, FALSE, "WS2MP-NAMES-MUTEX") == NULL, "OpenMutex of another case fails");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");
    CloseHandle(h);

    h = CreateSemaphoreA(NULL, 0, 1, "ws2mp-names-Semaphore");
    SetLastError(0xdeadbeef);
    other = CreateSemaphoreA(NULL, 0, 1, "ws2mp-names-semaphore");
    CHECK(other != NULL && GetLastError() == 0, "CreateSemaphore of another case: a new semaphore, last error 0");
    CHECK_EQ(ReleaseSemaphore(other, 1, NULL), TRUE, "... released once");
    CHECK_EQ(WaitForSingleObject(h, 0), WAIT_TIMEOUT, "... the first one's count is still 0");
    CloseHandle(other);
    CloseHandle(h);

    h = CreateWaitableTimerA(NULL, TRUE, "ws2mp-names-Timer");
    SetLastError(0xdeadbeef);
    CHECK(OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "ws2mp-names-TIMER") == NULL, "OpenWaitableTimer of another case fails");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");
    CloseHandle(h);
}

static void test_name_dies_with_last_handle(void)
{
    HANDLE h;

    h = CreateMutexA(NULL, FALSE, "ws2mp-names-temp-mutex");
    REQUIRE(h != NULL, "a named mutex");
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    CHECK(OpenMutexA(SYNCHRONIZE, FALSE, "ws2mp-names-temp-mutex") == NULL, "after its last CloseHandle, OpenMutex fails");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");

    h = CreateSemaphoreA(NULL, 0, 1, "ws2mp-names-temp-semaphore");
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    CHECK(OpenSemaphoreA(SYNCHRONIZE, FALSE, "ws2mp-names-temp-semaphore") == NULL, "the same for a semaphore");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");

    h = CreateEventA(NULL, FALSE, FALSE, "ws2mp-names-temp-event");
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    CHECK(OpenEventA(SYNCHRONIZE, FALSE, "ws2mp-names-temp-event") == NULL, "an event");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");

    h = CreateWaitableTimerA(NULL, FALSE, "ws2mp-names-temp-timer");
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    CHECK(OpenWaitableTimerA(SYNCHRONIZE, FALSE, "ws2mp-names-temp-timer") == NULL, "and a waitable timer");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");

    SetLastError(0xdeadbeef);
    h = CreateEventA(NULL, TRUE, TRUE, "ws2mp-names-temp-event");
    CHECK(h != NULL && GetLastError() == 0, "the name is free again: CreateEvent makes a new event (last error 0)");
    CHECK_EQ(WaitForSingleObject(h, 0), WAIT_OBJECT_0, "... with the new call's initial state");
    CloseHandle(h);
}

static void test_null_names(void)
{
    SetLastError(0xdeadbeef);
    CHECK(OpenEventA(EVENT_ALL_ACCESS, FALSE, NULL) == NULL, "OpenEventA(NULL name) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    CHECK(OpenEventW(EVENT_ALL_ACCESS, FALSE, NULL) == NULL, "OpenEventW(NULL name) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    CHECK(OpenMutexA(SYNCHRONIZE, FALSE, NULL) == NULL, "OpenMutexA(NULL name) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    CHECK(OpenMutexW(SYNCHRONIZE, FALSE, NULL) == NULL, "OpenMutexW(NULL name) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    CHECK(OpenSemaphoreA(SEMAPHORE_ALL_ACCESS, FALSE, NULL) == NULL, "OpenSemaphoreA(NULL name) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    CHECK(OpenSemaphoreW(SEMAPHORE_ALL_ACCESS, FALSE, NULL) == NULL, "OpenSemaphoreW(NULL name) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    CHECK(OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, NULL) == NULL, "OpenWaitableTimerA(NULL name) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    CHECK(OpenWaitableTimerW(TIMER_ALL_ACCESS, FALSE, NULL) == NULL, "OpenWaitableTimerW(NULL name) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
}

static void test_no_access(void)
{
    HANDLE h, opened;

    SetLastError(0xdeadbeef);
    CHECK(OpenMutexA(0, FALSE, "ws2mp-names-access") == NULL, "OpenMutex(0 access) of a missing name fails");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND (the name is looked up first)");

    h = CreateMutexA(NULL, FALSE, "ws2mp-names-access");
    REQUIRE(h != NULL, "the mutex exists now");
    SetLastError(0xdeadbeef);
    CHECK(OpenMutexA(0, FALSE, "ws2mp-names-access") == NULL, "OpenMutex asking for no access fails");
    CHECK_EQ(GetLastError(), ERROR_ACCESS_DENIED, "... ERROR_ACCESS_DENIED");

    opened = OpenMutexA(SYNCHRONIZE, FALSE, "ws2mp-names-access");
    CHECK(opened != NULL, "OpenMutex(SYNCHRONIZE) opens it");
    CHECK_EQ(WaitForSingleObject(opened, 0), WAIT_OBJECT_0, "... and can wait on it");
    CHECK_EQ(ReleaseMutex(h), TRUE, "... (the other handle releases it: one mutex)");
    CloseHandle(opened);
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    CHECK(OpenMutexA(SYNCHRONIZE, FALSE, "ws2mp-names-access") == NULL,
          "the refused open left no handle behind: the name is gone with the last real handle");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");
}

static void test_initial_owner_ignored(void)
{
    HANDLE mine, t;

    SetLastError(0xdeadbeef);
    mine = CreateMutexA(NULL, TRUE, "ws2mp-names-instance");
    REQUIRE(mine != NULL, "the first instance creates and owns the mutex");
    CHECK_EQ(GetLastError(), 0, "... last error 0");
    t = CreateThread(NULL, 0, second_instance, NULL, 0, NULL);
    REQUIRE(t != NULL, "a second instance starts");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CHECK(shared_mutex_again != NULL, "the second CreateMutex(bInitialOwner TRUE) gets a handle");
    CHECK_EQ(second_create_error, ERROR_ALREADY_EXISTS, "... with ERROR_ALREADY_EXISTS");
    CHECK(!second_release_ok, "... but does not own the mutex: its ReleaseMutex fails");
    CHECK_EQ(second_release_error, ERROR_NOT_OWNER, "... ERROR_NOT_OWNER");
    CHECK_EQ(ReleaseMutex(mine), TRUE, "the first instance still owns it");
    CloseHandle(shared_mutex_again);
    CloseHandle(mine);
}

int __cdecl main(void)
{
    test_case_sensitive();
    test_name_dies_with_last_handle();
    test_null_names();
    test_no_access();
    test_initial_owner_ignored();
    return check_done();
}
