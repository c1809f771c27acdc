/* Named events, mutexes and semaphores shared between processes, the way Windows programs use
 * them: the single-instance check (CreateMutex + ERROR_ALREADY_EXISTS), a feed process and its
 * reader sharing a CreateFileMapping section guarded by a named mutex and signalled by named
 * auto-reset events, a named semaphore limiting the workers of three processes, a service
 * stopped through a Global\ event its controller created as Local\, a mutex abandoned by a
 * process killed with TerminateProcess (WAIT_ABANDONED in the survivor), OpenEvent of a missing
 * name and a name that belongs to another kind of object. Each other process is this program
 * started again with CreateProcess and an argument. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define ROUNDS 200
#define WORKERS 3
#define WORKER_ROUNDS 20
#define SLOTS 2

typedef struct FEED_PAGE {
    volatile LONG value;    /* the latest round the feed published */
    volatile LONG consumed; /* rounds the reader took */
    volatile LONG sum;      /* the reader's sum of every value */
    volatile LONG torn;     /* the reader saw a value that did not match its round */
} FEED_PAGE;

typedef struct WORK_PAGE {
    volatile LONG active;     /* workers inside the semaphore now */
    volatile LONG max_active; /* the most there ever were */
    volatile LONG done;       /* work items finished */
} WORK_PAGE;

static char self[MAX_PATH];
static unsigned long tag;

static void named(char *out, size_t size, const char *prefix, const char *what)
{
    snprintf(out, size, "%sws2mp_%s_%lu", prefix, what, tag);
}

static BOOL start(const char *role, PROCESS_INFORMATION *pi)
{
    STARTUPINFOA si;
    char line[MAX_PATH + 160];
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    snprintf(line, sizeof(line), "\"%s\" child %s %lu", self, role, tag);
    return CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, pi);
}

static DWORD finish(PROCESS_INFORMATION *pi)
{
    DWORD code = 99;
    if (WaitForSingleObject(pi->hProcess, 30000) != WAIT_OBJECT_0)
        return 98;
    GetExitCodeProcess(pi->hProcess, &code);
    CloseHandle(pi->hProcess);
    CloseHandle(pi->hThread);
    return code;
}

/* --- the other processes --- */

/* The single-instance check of a server's main(): 3 = "already running". With `hold`, stays
 * up until the "quit" event is set. */
static int instance(int hold)
{
    char name[96], up[96], quit[96];
    HANDLE me, ev_up, ev_quit;
    named(name, sizeof(name), "", "single");
    me = CreateMutexA(NULL, FALSE, name);
    if (me == NULL)
        return 10;
    if (GetLastError() == ERROR_ALREADY_EXISTS) {
        puts("already running");
        CloseHandle(me);
        return 3;
    }
    if (!hold)
        return 0;
    named(up, sizeof(up), "", "single_up");
    named(quit, sizeof(quit), "", "single_quit");
    ev_up = OpenEventA(EVENT_MODIFY_STATE, FALSE, up);
    ev_quit = OpenEventA(SYNCHRONIZE, FALSE, quit);
    if (ev_up == NULL || ev_quit == NULL)
        return 11;
    SetEvent(ev_up);
    if (WaitForSingleObject(ev_quit, 30000) != WAIT_OBJECT_0)
        return 12;
    CloseHandle(me);
    return 0;
}

static int reader(void)
{
    char name[96];
    HANDLE map, ready, ack, guard;
    FEED_PAGE *page;
    LONG round;
    named(name, sizeof(name), "Global\\", "feed_map");
    map = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, name);
    named(name, sizeof(name), "Global\\", "feed_ready");
    ready = OpenEventA(SYNCHRONIZE, FALSE, name);
    named(name, sizeof(name), "", "feed_ack");
    ack = OpenEventA(EVENT_MODIFY_STATE, FALSE, name);
    named(name, sizeof(name), "Local\\", "feed_guard");
    guard = OpenMutexA(SYNCHRONIZE, FALSE, name);
    if (map == NULL || ready == NULL || ack == NULL || guard == NULL)
        return 20;
    page = (FEED_PAGE *)MapViewOfFile(map, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    if (page == NULL)
        return 21;
    for (round = 1; round <= ROUNDS; round++) {
        if (WaitForSingleObject(ready, 10000) != WAIT_OBJECT_0)
            return 22;
        if (WaitForSingleObject(guard, 10000) != WAIT_OBJECT_0)
            return 23;
        if (page->value != round)
            page->torn++;
        page->sum += page->value;
        page->consumed++;
        if (!ReleaseMutex(guard))
            return 24;
        if (!SetEvent(ack))
            return 25;
    }
    UnmapViewOfFile(page);
    CloseHandle(map);
    CloseHandle(ready);
    CloseHandle(ack);
    CloseHandle(guard);
    return 0;
}

static int worker(void)
{
    char name[96];
    HANDLE map, slots;
    WORK_PAGE *page;
    int i;
    named(name, sizeof(name), "", "work_map");
    map = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, name);
    named(name, sizeof(name), "", "work_slots");
    slots = OpenSemaphoreA(SEMAPHORE_ALL_ACCESS, FALSE, name);
    if (map == NULL || slots == NULL)
        return 30;
    page = (WORK_PAGE *)MapViewOfFile(map, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    if (page == NULL)
        return 31;
    for (i = 0; i < WORKER_ROUNDS; i++) {
        LONG now, seen;
        if (WaitForSingleObject(slots, 20000) != WAIT_OBJECT_0)
            return 32;
        now = InterlockedIncrement(&page->active);
        while ((seen = page->max_active) < now &&
               InterlockedCompareExchange(&page->max_active, now, seen) != seen) {
        }
        Sleep(2);
        InterlockedDecrement(&page->active);
        InterlockedIncrement(&page->done);
        if (!ReleaseSemaphore(slots, 1, NULL))
            return 33;
    }
    UnmapViewOfFile(page);
    CloseHandle(map);
    CloseHandle(slots);
    return 0;
}

/* Takes the mutex, says so, and keeps it until killed. */
static int owner(void)
{
    char name[96];
    HANDLE m, ready;
    named(name, sizeof(name), "", "abandon");
    m = OpenMutexA(SYNCHRONIZE, FALSE, name);
    named(name, sizeof(name), "", "abandon_ready");
    ready = OpenEventA(EVENT_MODIFY_STATE, FALSE, name);
    if (m == NULL || ready == NULL)
        return 40;
    if (WaitForSingleObject(m, 10000) != WAIT_OBJECT_0)
        return 41;
    SetEvent(ready);
    Sleep(60000);
    return 42;
}

/* A service waiting for its controller's stop event. */
static int service(void)
{
    char name[96];
    HANDLE stop;
    named(name, sizeof(name), "Global\\", "stop");
    stop = OpenEventA(SYNCHRONIZE, FALSE, name);
    if (stop == NULL)
        return 50;
    if (WaitForSingleObject(stop, 20000) != WAIT_OBJECT_0)
        return 51;
    CloseHandle(stop);
    return 0;
}

/* The name is an event's: a mutex or semaphore of that name cannot be made or opened. */
static int other_kind(void)
{
    char name[96];
    HANDLE h;
    named(name, sizeof(name), "", "kind");
    SetLastError(0);
    h = CreateMutexA(NULL, FALSE, name);
    if (h != NULL || GetLastError() != ERROR_INVALID_HANDLE)
        return 60;
    SetLastError(0);
    h = OpenSemaphoreA(SEMAPHORE_ALL_ACCESS, FALSE, name);
    if (h != NULL || GetLastError() != ERROR_INVALID_HANDLE)
        return 61;
    h = OpenEventA(EVENT_MODIFY_STATE, FALSE, name);
    if (h == NULL)
        return 62;
    SetEvent(h);
    CloseHandle(h);
    return 0;
}

/* Waits on a local event and the named event `what` (manual or auto reset) at once: 0 when
 * the named one released it, 1 on timeout. */
static int pulsed(const char *what, DWORD timeout)
{
    char name[96];
    HANDLE objs[2], ready;
    DWORD r;
    objs[0] = CreateEventA(NULL, TRUE, FALSE, NULL);
    named(name, sizeof(name), "", what);
    objs[1] = OpenEventA(SYNCHRONIZE, FALSE, name);
    named(name, sizeof(name), "", "pulse_ready");
    ready = OpenEventA(EVENT_MODIFY_STATE, FALSE, name);
    if (objs[0] == NULL || objs[1] == NULL || ready == NULL)
        return 70;
    SetEvent(ready);
    r = WaitForMultipleObjects(2, objs, FALSE, timeout);
    if (r == WAIT_OBJECT_0 + 1)
        return 0;
    return r == WAIT_TIMEOUT ? 1 : 71;
}

/* --- the tests --- */

static void test_single_instance(void)
{
    char name[96];
    HANDLE up, quit, mine;
    PROCESS_INFORMATION first, pi;
    named(name, sizeof(name), "", "single_up");
    up = CreateEventA(NULL, FALSE, FALSE, name);
    named(name, sizeof(name), "", "single_quit");
    quit = CreateEventA(NULL, TRUE, FALSE, name);
    REQUIRE(up != NULL && quit != NULL, "the instances' control events");

    REQUIRE(start("instance-hold", &first), "the first instance starts");
    CHECK_EQ(WaitForSingleObject(up, 20000), WAIT_OBJECT_0, "the first instance is up (its named event reached us)");
    REQUIRE(start("instance", &pi), "a second instance starts");
    CHECK_EQ(finish(&pi), 3, "the second instance sees ERROR_ALREADY_EXISTS and stops");
    named(name, sizeof(name), "Global\\", "single");
    SetLastError(0);
    mine = CreateMutexA(NULL, FALSE, name);
    CHECK(mine != NULL && GetLastError() == ERROR_ALREADY_EXISTS,
          "CreateMutex of the name here too gives the first instance's mutex, ERROR_ALREADY_EXISTS");
    if (mine)
        CloseHandle(mine);
    CHECK(SetEvent(quit), "the first instance is told to quit");
    CHECK_EQ(finish(&first), 0, "and ends");
    REQUIRE(start("instance", &pi), "a new instance starts");
    CHECK_EQ(finish(&pi), 0, "with the first one gone it is not already running");

    ResetEvent(quit);
    REQUIRE(start("instance-hold", &first), "an instance that will be killed starts");
    CHECK_EQ(WaitForSingleObject(up, 20000), WAIT_OBJECT_0, "it is up");
    CHECK(TerminateProcess(first.hProcess, 1), "TerminateProcess kills it");
    CHECK_EQ(finish(&first), 1, "it ends with the code given");
    REQUIRE(start("instance", &pi), "another instance starts");
    CHECK_EQ(finish(&pi), 0, "the killed instance's name is gone: not already running");
    CloseHandle(up);
    CloseHandle(quit);
}

static void test_feed_and_reader(void)
{
    char name[96];
    HANDLE map, ready, ack, guard;
    FEED_PAGE *page;
    PROCESS_INFORMATION pi;
    LONG round, sum = 0, acked = 0;
    DWORD t0;
    named(name, sizeof(name), "", "feed_map");
    map = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, sizeof(FEED_PAGE), name);
    REQUIRE(map != NULL, "the feed's named mapping");
    page = (FEED_PAGE *)MapViewOfFile(map, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    REQUIRE(page != NULL, "and its view");
    named(name, sizeof(name), "Local\\", "feed_ready");
    SetLastError(12345);
    ready = CreateEventA(NULL, FALSE, FALSE, name);
    CHECK(ready != NULL && GetLastError() == 0, "a new named auto-reset event leaves the last error 0");
    named(name, sizeof(name), "", "feed_ack");
    ack = CreateEventA(NULL, FALSE, FALSE, name);
    named(name, sizeof(name), "Global\\", "feed_guard");
    guard = CreateMutexA(NULL, TRUE, name);
    REQUIRE(ready != NULL && ack != NULL && guard != NULL, "the named events and the mutex (owned)");
    page->value = 0;
    CHECK(ReleaseMutex(guard), "the feed releases its initial ownership");

    REQUIRE(start("reader", &pi), "the reader starts");
    t0 = GetTickCount();
    for (round = 1; round <= ROUNDS; round++) {
        if (WaitForSingleObject(guard, 10000) != WAIT_OBJECT_0)
            break;
        page->value = round;
        sum += round;
        ReleaseMutex(guard);
        SetEvent(ready);
        if (WaitForSingleObject(ack, 10000) != WAIT_OBJECT_0)
            break;
        acked++;
    }
    printf("# %d round trips between the processes in %lu ms\n", ROUNDS, (unsigned long)(GetTickCount() - t0));
    CHECK_EQ(acked, ROUNDS, "every round was acknowledged through the reader's named event");
    CHECK_EQ(finish(&pi), 0, "the reader ends well");
    CHECK_EQ(page->consumed, ROUNDS, "the reader took each round exactly once");
    CHECK_EQ(page->torn, 0, "under the mutex it always read the round just published");
    CHECK_EQ(page->sum, sum, "the sums agree");
    CHECK_EQ(WaitForSingleObject(ready, 0), WAIT_TIMEOUT, "every signal of the auto-reset event was taken");
    UnmapViewOfFile(page);
    CloseHandle(map);
    CloseHandle(ready);
    CloseHandle(ack);
    CloseHandle(guard);
}

static void test_semaphore_limits_workers(void)
{
    char name[96];
    HANDLE map, slots;
    WORK_PAGE *page;
    PROCESS_INFORMATION pi[WORKERS];
    LONG prev = -1;
    int i;
    named(name, sizeof(name), "", "work_map");
    map = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, sizeof(WORK_PAGE), name);
    page = map ? (WORK_PAGE *)MapViewOfFile(map, FILE_MAP_ALL_ACCESS, 0, 0, 0) : NULL;
    REQUIRE(page != NULL, "the workers' shared counters");
    named(name, sizeof(name), "", "work_slots");
    slots = CreateSemaphoreA(NULL, 0, SLOTS, name);
    REQUIRE(slots != NULL, "a named semaphore of 2 slots, none free yet");
    for (i = 0; i < WORKERS; i++)
        REQUIRE(start("worker", &pi[i]), "a worker process starts");
    Sleep(50);
    CHECK_EQ(page->done, 0, "nobody works while no slot is free");
    CHECK(ReleaseSemaphore(slots, SLOTS, &prev), "the slots are opened");
    CHECK_EQ(prev, 0, "the previous count was 0");
    for (i = 0; i < WORKERS; i++)
        CHECK_EQ(finish(&pi[i]), 0, "a worker ends well");
    CHECK_EQ(page->done, WORKERS * WORKER_ROUNDS, "every item was done");
    CHECK(page->max_active >= 1 && page->max_active <= SLOTS, "never more workers at once than slots");
    SetLastError(0);
    CHECK(!ReleaseSemaphore(slots, 1, &prev) && GetLastError() == ERROR_TOO_MANY_POSTS,
          "every slot is back: one more is ERROR_TOO_MANY_POSTS");
    CHECK_EQ(WaitForSingleObject(slots, 0), WAIT_OBJECT_0, "a slot is taken");
    prev = -1;
    CHECK(ReleaseSemaphore(slots, 1, &prev) && prev == SLOTS - 1, "and given back (previous count 1)");
    UnmapViewOfFile(page);
    CloseHandle(map);
    CloseHandle(slots);
}

static void test_abandoned_by_killed_process(void)
{
    char name[96];
    HANDLE m, ready;
    PROCESS_INFORMATION pi;
    DWORD r;
    named(name, sizeof(name), "", "abandon");
    m = CreateMutexA(NULL, FALSE, name);
    named(name, sizeof(name), "", "abandon_ready");
    ready = CreateEventA(NULL, TRUE, FALSE, name);
    REQUIRE(m != NULL && ready != NULL, "a named mutex, free");
    REQUIRE(start("owner", &pi), "a process that takes it starts");
    CHECK_EQ(WaitForSingleObject(ready, 20000), WAIT_OBJECT_0, "it owns the mutex");
    CHECK_EQ(WaitForSingleObject(m, 50), WAIT_TIMEOUT, "so a wait here times out");
    SetLastError(0);
    CHECK(!ReleaseMutex(m) && GetLastError() == ERROR_NOT_OWNER, "ReleaseMutex here: ERROR_NOT_OWNER");
    CHECK(TerminateProcess(pi.hProcess, 7), "the owner is killed");
    r = WaitForSingleObject(m, 5000);
    CHECK_EQ(r, WAIT_ABANDONED, "the survivor's wait takes the mutex with WAIT_ABANDONED");
    CHECK_EQ(WaitForSingleObject(m, 0), WAIT_OBJECT_0, "owned recursively now");
    CHECK(ReleaseMutex(m) && ReleaseMutex(m), "two releases");
    CHECK_EQ(finish(&pi), 7, "the killed owner ended with its code");
    CHECK_EQ(WaitForSingleObject(m, 0), WAIT_OBJECT_0, "free again: a plain WAIT_OBJECT_0");
    ReleaseMutex(m);
    CloseHandle(m);
    CloseHandle(ready);
}

static void test_stop_event_and_names(void)
{
    char name[96];
    HANDLE stop, kind, h;
    PROCESS_INFORMATION pi;
    DWORD t0;
    named(name, sizeof(name), "Local\\", "stop");
    stop = CreateEventA(NULL, TRUE, FALSE, name);
    REQUIRE(stop != NULL, "the controller's stop event (Local\\)");
    REQUIRE(start("service", &pi), "the service starts (it opens Global\\)");
    Sleep(100);
    t0 = GetTickCount();
    CHECK(SetEvent(stop), "the controller signals stop");
    CHECK_EQ(finish(&pi), 0, "the service saw it and ended");
    CHECK(GetTickCount() - t0 < 5000, "promptly");
    CloseHandle(stop);

    SetLastError(0);
    CHECK(OpenEventA(SYNCHRONIZE, FALSE, "ws2mp_no_such_event_anywhere") == NULL &&
              GetLastError() == ERROR_FILE_NOT_FOUND,
          "OpenEvent of a missing name: ERROR_FILE_NOT_FOUND");
    SetLastError(0);
    CHECK(OpenMutexA(SYNCHRONIZE, FALSE, "ws2mp_no_such_mutex_anywhere") == NULL &&
              GetLastError() == ERROR_FILE_NOT_FOUND,
          "OpenMutex of a missing name: ERROR_FILE_NOT_FOUND");

    named(name, sizeof(name), "", "kind");
    kind = CreateEventA(NULL, TRUE, FALSE, name);
    REQUIRE(kind != NULL, "an event with a name");
    SetLastError(0);
    h = CreateSemaphoreA(NULL, 1, 1, name);
    CHECK(h == NULL && GetLastError() == ERROR_INVALID_HANDLE,
          "CreateSemaphore of an event's name here: NULL, ERROR_INVALID_HANDLE");
    REQUIRE(start("kind", &pi), "another process tries the name as a mutex and a semaphore");
    CHECK_EQ(finish(&pi), 0, "refused there with ERROR_INVALID_HANDLE, opened as an event");
    CHECK_EQ(WaitForSingleObject(kind, 0), WAIT_OBJECT_0, "the other process set our event");
    CloseHandle(kind);
}

static void test_pulse_across_processes(void)
{
    char name[96];
    HANDLE manual, autoev, ready;
    PROCESS_INFORMATION pi[2];
    DWORD a, b;
    named(name, sizeof(name), "", "pulse_manual");
    manual = CreateEventA(NULL, TRUE, FALSE, name);
    named(name, sizeof(name), "", "pulse_auto");
    autoev = CreateEventA(NULL, FALSE, FALSE, name);
    named(name, sizeof(name), "", "pulse_ready");
    ready = CreateEventA(NULL, FALSE, FALSE, name);
    REQUIRE(manual != NULL && autoev != NULL && ready != NULL, "named events to pulse");

    REQUIRE(start("pulsed-manual", &pi[0]), "a process waits on the manual-reset event");
    CHECK_EQ(WaitForSingleObject(ready, 20000), WAIT_OBJECT_0, "it is about to wait");
    Sleep(500);
    CHECK(PulseEvent(manual), "PulseEvent of the manual-reset event");
    CHECK_EQ(finish(&pi[0]), 0, "released the other process's WaitForMultipleObjects");
    CHECK_EQ(WaitForSingleObject(manual, 0), WAIT_TIMEOUT, "and left the event not signalled");

    REQUIRE(start("pulsed-auto", &pi[0]), "a process waits on the auto-reset event");
    CHECK_EQ(WaitForSingleObject(ready, 20000), WAIT_OBJECT_0, "it is about to wait");
    REQUIRE(start("pulsed-auto", &pi[1]), "and another");
    CHECK_EQ(WaitForSingleObject(ready, 20000), WAIT_OBJECT_0, "it is about to wait too");
    Sleep(500);
    CHECK(PulseEvent(autoev), "PulseEvent of the auto-reset event");
    a = finish(&pi[0]);
    b = finish(&pi[1]);
    CHECK(a + b == 1 && (a == 0 || b == 0), "exactly one of the two waiters was released");
    CHECK_EQ(WaitForSingleObject(autoev, 0), WAIT_TIMEOUT, "and the event is not signalled");
    CloseHandle(manual);
    CloseHandle(autoev);
    CloseHandle(ready);
}

/* Named objects mix with local ones in one wait, all-or-none. */
static void test_wait_all_mix(void)
{
    char name[96];
    HANDLE objs[3];
    LONG prev = -1;
    named(name, sizeof(name), "", "mix_mutex");
    objs[0] = CreateMutexA(NULL, FALSE, name);
    objs[1] = CreateEventA(NULL, FALSE, TRUE, NULL);
    named(name, sizeof(name), "", "mix_sem");
    objs[2] = CreateSemaphoreA(NULL, 0, 1, name);
    REQUIRE(objs[0] != NULL && objs[1] != NULL && objs[2] != NULL,
            "a named mutex, an unnamed auto-reset event (set), a named semaphore (0)");
    CHECK_EQ(WaitForMultipleObjects(3, objs, TRUE, 20), WAIT_TIMEOUT, "wait-all times out while the semaphore is 0");
    CHECK(ReleaseSemaphore(objs[2], 1, &prev) && prev == 0, "the semaphore gets a count");
    CHECK_EQ(WaitForMultipleObjects(3, objs, TRUE, 1000), WAIT_OBJECT_0, "now wait-all takes all three");
    CHECK_EQ(WaitForSingleObject(objs[1], 0), WAIT_TIMEOUT, "the local event's signal was taken");
    CHECK_EQ(WaitForSingleObject(objs[2], 0), WAIT_TIMEOUT, "and the semaphore's count");
    CHECK(ReleaseMutex(objs[0]), "and the mutex is ours");
    CHECK_EQ(WaitForMultipleObjects(3, objs, FALSE, 0), WAIT_OBJECT_0, "wait-any: the free named mutex first");
    CHECK(ReleaseMutex(objs[0]), "released");
    CloseHandle(objs[0]);
    CloseHandle(objs[1]);
    CloseHandle(objs[2]);
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    if (argc > 3 && strcmp(argv[1], "child") == 0) {
        tag = strtoul(argv[3], NULL, 10);
        if (strcmp(argv[2], "instance") == 0)
            return instance(0);
        if (strcmp(argv[2], "instance-hold") == 0)
            return instance(1);
        if (strcmp(argv[2], "reader") == 0)
            return reader();
        if (strcmp(argv[2], "worker") == 0)
            return worker();
        if (strcmp(argv[2], "owner") == 0)
            return owner();
        if (strcmp(argv[2], "service") == 0)
            return service();
        if (strcmp(argv[2], "pulsed-manual") == 0)
            return pulsed("pulse_manual", 20000);
        if (strcmp(argv[2], "pulsed-auto") == 0)
            return pulsed("pulse_auto", 3000);
        if (strcmp(argv[2], "kind") == 0)
            return other_kind();
        return 99;
    }
    tag = GetCurrentProcessId();
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    REQUIRE(GetModuleFileNameA(NULL, self, sizeof(self)) > 0, "GetModuleFileNameA");
    test_single_instance();
    test_feed_and_reader();
    test_semaphore_limits_workers();
    test_abandoned_by_killed_process();
    test_stop_event_and_names();
    test_pulse_across_processes();
    test_wait_all_mix();
    WSACleanup();
    return check_done();
}
