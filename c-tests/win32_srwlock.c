/* Slim reader/writer locks and condition variables (Vista's synchronisation, common in thread
 * pool servers): SRWLOCK_INIT and InitializeSRWLock, exclusive and shared holds, the Try forms,
 * and a producer/consumer queue of accepted sockets on CONDITION_VARIABLE with both
 * SleepConditionVariableCS and SleepConditionVariableSRW, timeouts included; a thread waiting
 * for exclusive access holds back new shared holders (Windows prefers the writer, so a steady
 * stream of readers cannot starve a config reload; Wine's kernel32 sync tests record it). */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include "check.h"

#define WORKERS 4
#define ROUNDS 20000

static SRWLOCK counter_lock = SRWLOCK_INIT;
static LONG counter; /* guarded by counter_lock */
static volatile LONG readers_inside, max_readers_inside;

/* Reads a counter other threads change with Interlocked calls (an interlocked read). */
static LONG read_shared(volatile LONG *p)
{
    return InterlockedCompareExchange(p, 0, 0);
}

static DWORD WINAPI count_worker(LPVOID arg)
{
    int i;
    (void)arg;
    for (i = 0; i < ROUNDS; i++) {
        AcquireSRWLockExclusive(&counter_lock);
        counter = counter + 1;
        ReleaseSRWLockExclusive(&counter_lock);
    }
    return 0;
}

static DWORD WINAPI read_worker(LPVOID arg)
{
    HANDLE go = (HANDLE)arg;
    LONG inside, seen;
    AcquireSRWLockShared(&counter_lock);
    inside = InterlockedIncrement(&readers_inside);
    do {
        seen = read_shared(&max_readers_inside);
    } while (inside > seen && InterlockedCompareExchange(&max_readers_inside, inside, seen) != seen);
    WaitForSingleObject(go, 2000); /* all readers hold the lock at once */
    InterlockedDecrement(&readers_inside);
    ReleaseSRWLockShared(&counter_lock);
    return 0;
}

static void test_srwlock(void)
{
    HANDLE t[WORKERS];
    HANDLE go = CreateEvent(NULL, TRUE, FALSE, NULL);
    SRWLOCK local;
    int i;
    for (i = 0; i < WORKERS; i++)
        t[i] = CreateThread(NULL, 0, count_worker, NULL, 0, NULL);
    CHECK_EQ(WaitForMultipleObjects(WORKERS, t, TRUE, 20000), WAIT_OBJECT_0, "the counting threads finish");
    for (i = 0; i < WORKERS; i++)
        CloseHandle(t[i]);
    CHECK_EQ(counter, WORKERS * ROUNDS, "an exclusive SRWLOCK loses no increment");

    for (i = 0; i < WORKERS; i++)
        t[i] = CreateThread(NULL, 0, read_worker, go, 0, NULL);
    for (i = 0; i < 200 && read_shared(&readers_inside) < WORKERS; i++)
        Sleep(10);
    CHECK_EQ(read_shared(&readers_inside), WORKERS, "shared holders hold the lock together");
    CHECK(!TryAcquireSRWLockExclusive(&counter_lock), "TryAcquireSRWLockExclusive fails while it is shared");
    CHECK(TryAcquireSRWLockShared(&counter_lock), "TryAcquireSRWLockShared succeeds while it is shared");
    ReleaseSRWLockShared(&counter_lock);
    SetEvent(go);
    WaitForMultipleObjects(WORKERS, t, TRUE, 20000);
    for (i = 0; i < WORKERS; i++)
        CloseHandle(t[i]);
    CloseHandle(go);
    CHECK_EQ(read_shared(&max_readers_inside), WORKERS, "all readers were inside at once");
    CHECK(TryAcquireSRWLockExclusive(&counter_lock), "TryAcquireSRWLockExclusive succeeds once it is free");
    CHECK(!TryAcquireSRWLockShared(&counter_lock), "TryAcquireSRWLockShared fails while it is exclusive");
    ReleaseSRWLockExclusive(&counter_lock);

    InitializeSRWLock(&local);
    CHECK(TryAcquireSRWLockExclusive(&local), "an InitializeSRWLock lock starts free");
    ReleaseSRWLockExclusive(&local);
}

/* A queue of accepted connections handed from an acceptor to worker threads. */
#define QUEUE_MAX 16
static CRITICAL_SECTION queue_cs;
static CONDITION_VARIABLE queue_not_empty;
static SOCKET queue[QUEUE_MAX];
static int queue_len;
static BOOL queue_closed;
static volatile LONG served;

static DWORD WINAPI queue_worker(LPVOID arg)
{
    (void)arg;
    for (;;) {
        SOCKET s;
        char buf[16];
        int n;
        EnterCriticalSection(&queue_cs);
        while (queue_len == 0 && !queue_closed)
            SleepConditionVariableCS(&queue_not_empty, &queue_cs, INFINITE);
        if (queue_len == 0) {
            LeaveCriticalSection(&queue_cs);
            return 0;
        }
        s = queue[--queue_len];
        LeaveCriticalSection(&queue_cs);
        n = recv(s, buf, sizeof(buf), 0);
        if (n > 0)
            send(s, buf, n, 0);
        closesocket(s);
        InterlockedIncrement(&served);
    }
}

static void test_condition_variable_queue(void)
{
    WSADATA wsa;
    SOCKET ls, c[8];
    struct sockaddr_in a;
    int len = sizeof(a), i, echoed = 0;
    HANDLE t[WORKERS];
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    InitializeCriticalSection(&queue_cs);
    InitializeConditionVariable(&queue_not_empty);
    for (i = 0; i < WORKERS; i++)
        t[i] = CreateThread(NULL, 0, queue_worker, NULL, 0, NULL);

    ls = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(ls, (SOCKADDR *)&a, sizeof(a)) == 0 && listen(ls, SOMAXCONN) == 0, "listener on 127.0.0.1");
    getsockname(ls, (SOCKADDR *)&a, &len);
    for (i = 0; i < 8; i++) {
        SOCKET s;
        c[i] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        connect(c[i], (SOCKADDR *)&a, sizeof(a));
        send(c[i], "ping", 4, 0);
        s = accept(ls, NULL, NULL);
        EnterCriticalSection(&queue_cs);
        queue[queue_len++] = s;
        LeaveCriticalSection(&queue_cs);
        WakeConditionVariable(&queue_not_empty);
    }
    for (i = 0; i < 8; i++) {
        char buf[8];
        if (recv(c[i], buf, sizeof(buf), 0) == 4 && memcmp(buf, "ping", 4) == 0)
            echoed++;
        closesocket(c[i]);
    }
    CHECK_EQ(echoed, 8, "workers woken by WakeConditionVariable served every connection");
    EnterCriticalSection(&queue_cs);
    queue_closed = TRUE;
    LeaveCriticalSection(&queue_cs);
    WakeAllConditionVariable(&queue_not_empty);
    CHECK_EQ(WaitForMultipleObjects(WORKERS, t, TRUE, 10000), WAIT_OBJECT_0,
             "WakeAllConditionVariable wakes every idle worker");
    for (i = 0; i < WORKERS; i++)
        CloseHandle(t[i]);
    CHECK_EQ(served, 8, "eight connections served");
    closesocket(ls);
    DeleteCriticalSection(&queue_cs);
    WSACleanup();
}

static void test_timeouts(void)
{
    CRITICAL_SECTION cs;
    CONDITION_VARIABLE cv = CONDITION_VARIABLE_INIT;
    SRWLOCK lock = SRWLOCK_INIT;
    DWORD t0;
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    t0 = GetTickCount();
    SetLastError(0);
    CHECK(!SleepConditionVariableCS(&cv, &cs, 50), "SleepConditionVariableCS times out with no wake-up");
    CHECK_EQ(GetLastError(), ERROR_TIMEOUT, "with ERROR_TIMEOUT");
    CHECK(GetTickCount() - t0 >= 45, "after about 50 ms");
    CHECK(TryEnterCriticalSection(&cs), "holding the critical section again");
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);

    AcquireSRWLockShared(&lock);
    CHECK(!SleepConditionVariableSRW(&cv, &lock, 20, CONDITION_VARIABLE_LOCKMODE_SHARED),
          "SleepConditionVariableSRW (shared) times out");
    CHECK(!TryAcquireSRWLockExclusive(&lock), "holding the lock shared again");
    ReleaseSRWLockShared(&lock);
    AcquireSRWLockExclusive(&lock);
    CHECK(!SleepConditionVariableSRW(&cv, &lock, 20, 0), "SleepConditionVariableSRW (exclusive) times out");
    CHECK(!TryAcquireSRWLockShared(&lock), "holding the lock exclusively again");
    ReleaseSRWLockExclusive(&lock);
}

static SRWLOCK config_lock = SRWLOCK_INIT;
static volatile LONG writer_done, late_reader_in, late_reader_saw_writer;

static DWORD WINAPI config_writer(LPVOID arg)
{
    (void)arg;
    AcquireSRWLockExclusive(&config_lock);
    InterlockedExchange(&writer_done, 1);
    ReleaseSRWLockExclusive(&config_lock);
    return 0;
}

static DWORD WINAPI late_reader(LPVOID arg)
{
    (void)arg;
    AcquireSRWLockShared(&config_lock);
    InterlockedExchange(&late_reader_saw_writer, read_shared(&writer_done));
    InterlockedExchange(&late_reader_in, 1);
    ReleaseSRWLockShared(&config_lock);
    return 0;
}

static void test_writer_preferred(void)
{
    HANDLE writer, reader;
    AcquireSRWLockShared(&config_lock);
    writer = CreateThread(NULL, 0, config_writer, NULL, 0, NULL);
    Sleep(100); /* the writer now waits for the shared hold to end */
    CHECK(!TryAcquireSRWLockShared(&config_lock), "TryAcquireSRWLockShared while a writer waits: FALSE");
    reader = CreateThread(NULL, 0, late_reader, NULL, 0, NULL);
    Sleep(100);
    CHECK_EQ(read_shared(&late_reader_in), 0, "a new reader waits behind the waiting writer");
    ReleaseSRWLockShared(&config_lock);
    CHECK_EQ(WaitForSingleObject(writer, 5000), WAIT_OBJECT_0, "the writer gets the lock once the reader left");
    CHECK_EQ(WaitForSingleObject(reader, 5000), WAIT_OBJECT_0, "then the new reader");
    CHECK_EQ(read_shared(&late_reader_saw_writer), 1, "... after the writer");
    CHECK(TryAcquireSRWLockShared(&config_lock), "with nobody waiting, shared holds are granted again");
    ReleaseSRWLockShared(&config_lock);
    CloseHandle(writer);
    CloseHandle(reader);
}

int main(void)
{
    test_srwlock();
    test_condition_variable_queue();
    test_timeouts();
    test_writer_preferred();
    return check_done();
}
