/*
 * SuspendThread, ResumeThread and TerminateThread, the way legacy servers use them: an accept
 * thread blocked in accept() that the server stops at shutdown with TerminateThread once
 * WaitForSingleObject times out; a worker paused and resumed with SuspendThread/ResumeThread;
 * a thread created suspended and terminated before it ever ran; a thread terminated while it
 * owns mutexes (an unnamed and a named one) leaves them abandoned, so the next wait gets
 * WAIT_ABANDONED as after any other end of a thread (Wine's kernel32 sync tests record it).
 * Return values and errors as Windows gives them (Wine's kernel32 thread tests, run on
 * Windows, assert the same counts).
 */
#include <winsock2.h>
#include <windows.h>
#include <process.h>
#include "check.h"

static HANDLE held_mutex, held_named, holding;

/* Takes both mutexes, says so, and stays in a wait until it is terminated. */
static DWORD WINAPI MutexHolder(LPVOID param)
{
    (void)param;
    WaitForSingleObject(held_mutex, INFINITE);
    WaitForSingleObject(held_mutex, INFINITE);
    WaitForSingleObject(held_named, INFINITE);
    SetEvent(holding);
    Sleep(INFINITE);
    return 0;
}

static DWORD WINAPI MutexWaiter(LPVOID param)
{
    return WaitForSingleObject((HANDLE)param, 5000);
}

static SOCKET listener;
static volatile LONG accepted;
static volatile LONG after_accept;
static volatile LONG spins;
static volatile LONG ran;

static DWORD WINAPI AcceptThread(LPVOID param)
{
    SOCKET s;
    (void)param;
    for (;;) {
        s = accept(listener, NULL, NULL);
        if (s == INVALID_SOCKET)
            break;
        InterlockedIncrement(&accepted);
        closesocket(s);
    }
    InterlockedIncrement(&after_accept); /* never reached: the thread is terminated in accept */
    return 7;
}

static unsigned __stdcall Spinner(void *param)
{
    while (param == NULL)
        InterlockedIncrement(&spins);
    return 0;
}

static DWORD WINAPI NeverRuns(LPVOID param)
{
    (void)param;
    InterlockedIncrement(&ran);
    return 1;
}

static DWORD WINAPI Quick(LPVOID param)
{
    (void)param;
    return 42;
}

static DWORD WINAPI Sleeper(LPVOID param)
{
    WaitForSingleObject((HANDLE)param, INFINITE);
    InterlockedIncrement(&ran);
    return 0;
}

static WSAEVENT listen_event;

static unsigned __stdcall ListenThread(void *param)
{
    (void)param;
    for (;;) {
        DWORD index = WSAWaitForMultipleEvents(1, &listen_event, FALSE, WSA_INFINITE, FALSE);
        if (index == WSA_WAIT_FAILED)
            break;
        InterlockedIncrement(&ran);
        WSAResetEvent(listen_event);
    }
    return 1;
}

static HANDLE port;
static volatile LONG completions;

static DWORD WINAPI IocpWorker(LPVOID param)
{
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    (void)param;
    for (;;) {
        if (!GetQueuedCompletionStatus(port, &bytes, &key, &ov, INFINITE))
            continue;
        if (ov == NULL)
            break;
        InterlockedIncrement(&completions);
    }
    return 0;
}

/* Posts an overlapped receive on `s`, sends it a datagram from `from`, and waits for a worker
 * to count its completion. */
static int one_completion(SOCKET s, SOCKET from, SOCKADDR_IN *to)
{
    static char buf[16];
    static WSAOVERLAPPED ov;
    WSABUF wb;
    DWORD flags = 0, waited = 0;
    LONG before = InterlockedCompareExchange(&completions, 0, 0);
    memset(&ov, 0, sizeof(ov));
    wb.buf = buf;
    wb.len = sizeof(buf);
    if (WSARecv(s, &wb, 1, NULL, &flags, &ov, NULL) != 0 && WSAGetLastError() != WSA_IO_PENDING)
        return 0;
    Sleep(20);
    sendto(from, "x", 1, 0, (SOCKADDR *)to, sizeof(*to));
    while (InterlockedCompareExchange(&completions, 0, 0) == before && waited < 3000) {
        Sleep(10);
        waited += 10;
    }
    return InterlockedCompareExchange(&completions, 0, 0) == before + 1;
}

static LONG spins_after(DWORD ms)
{
    Sleep(ms);
    return InterlockedCompareExchange(&spins, 0, 0);
}

int main(void)
{
    WSADATA wsa;
    SOCKADDR_IN addr;
    int len = sizeof(addr);
    HANDLE hAccept, hSpin, hNew, hQuick, hEvent, hSleeper, hSleeper2;
    DWORD code = 0, id;
    SOCKET client;
    LONG a, b;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    /* --- an accept thread stopped at shutdown --- */
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(listener, (SOCKADDR *)&addr, sizeof(addr)) == 0, "bind the listener");
    REQUIRE(listen(listener, SOMAXCONN) == 0, "listen");
    REQUIRE(getsockname(listener, (SOCKADDR *)&addr, &len) == 0, "getsockname");
    hAccept = CreateThread(NULL, 0, AcceptThread, NULL, 0, &id);
    REQUIRE(hAccept != NULL, "CreateThread starts the accept thread");
    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(connect(client, (SOCKADDR *)&addr, sizeof(addr)) == 0, "a client connects");
    closesocket(client);
    while (InterlockedCompareExchange(&accepted, 0, 0) == 0)
        Sleep(1);
    CHECK_EQ(WaitForSingleObject(hAccept, 200), WAIT_TIMEOUT, "the accept thread is still in accept()");
    CHECK(GetExitCodeThread(hAccept, &code) && code == STILL_ACTIVE, "its exit code is STILL_ACTIVE");
    CHECK(TerminateThread(hAccept, 99), "TerminateThread succeeds");
    CHECK_EQ(WaitForSingleObject(hAccept, 5000), WAIT_OBJECT_0, "its handle is signalled");
    CHECK(GetExitCodeThread(hAccept, &code), "GetExitCodeThread");
    CHECK_EQ(code, 99, "its exit code is TerminateThread's");
    CHECK(TerminateThread(hAccept, 5), "TerminateThread on an ended thread succeeds");
    GetExitCodeThread(hAccept, &code);
    CHECK_EQ(code, 99, "and leaves its exit code alone");
    SetLastError(0);
    CHECK_EQ(SuspendThread(hAccept), (DWORD)-1, "SuspendThread on an ended thread fails");
    CHECK_EQ(GetLastError(), ERROR_ACCESS_DENIED, "with ERROR_ACCESS_DENIED");
    CHECK_EQ(ResumeThread(hAccept), 0, "ResumeThread on an ended thread returns 0");
    CloseHandle(hAccept);
    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(connect(client, (SOCKADDR *)&addr, sizeof(addr)) == 0, "a connection still completes in the backlog");
    Sleep(50);
    CHECK_EQ(InterlockedCompareExchange(&accepted, 0, 0), 1, "the terminated thread accepts nothing more");
    CHECK_EQ(InterlockedCompareExchange(&after_accept, 0, 0), 0, "and never runs past accept()");
    closesocket(client);
    CHECK_EQ(closesocket(listener), 0, "the listener closes after its thread was terminated");

    /* --- an event-select listen thread terminated in WSAWaitForMultipleEvents --- */
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    addr.sin_port = 0;
    REQUIRE(bind(listener, (SOCKADDR *)&addr, sizeof(addr)) == 0, "bind a second listener");
    listen_event = WSACreateEvent();
    REQUIRE(WSAEventSelect(listener, listen_event, FD_ACCEPT | FD_CLOSE) == 0, "WSAEventSelect(FD_ACCEPT)");
    REQUIRE(listen(listener, 5) == 0, "listen");
    ran = 0;
    hAccept = (HANDLE)_beginthreadex(NULL, 0, ListenThread, NULL, CREATE_SUSPENDED, NULL);
    REQUIRE(hAccept != NULL, "_beginthreadex(CREATE_SUSPENDED) the listen thread");
    CHECK_EQ(ResumeThread(hAccept), 1, "ResumeThread starts it");
    Sleep(50);
    GetExitCodeThread(hAccept, &code);
    CHECK_EQ(code, STILL_ACTIVE, "it waits in WSAWaitForMultipleEvents");
    CHECK(TerminateThread(hAccept, 0), "TerminateThread in WSAWaitForMultipleEvents");
    CHECK_EQ(WaitForSingleObject(hAccept, 5000), WAIT_OBJECT_0, "its handle is signalled");
    len = sizeof(addr);
    getsockname(listener, (SOCKADDR *)&addr, &len);
    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(connect(client, (SOCKADDR *)&addr, sizeof(addr)) == 0, "a client still connects");
    Sleep(50);
    CHECK_EQ(InterlockedCompareExchange(&ran, 0, 0), 0, "the terminated thread saw no FD_ACCEPT");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &listen_event, FALSE, 1000, FALSE), WSA_WAIT_EVENT_0,
             "another thread's wait on the event sees FD_ACCEPT");
    closesocket(client);
    closesocket(listener);
    WSACloseEvent(listen_event);
    CloseHandle(hAccept);

    /* --- IOCP workers terminated in GetQueuedCompletionStatus: the others go on --- */
    {
        SOCKET udp = WSASocket(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
        SOCKET sender = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        HANDLE workers[3];
        int i;
        addr.sin_port = 0;
        len = sizeof(addr);
        REQUIRE(bind(udp, (SOCKADDR *)&addr, sizeof(addr)) == 0 && getsockname(udp, (SOCKADDR *)&addr, &len) == 0,
                "bind a UDP socket for the port");
        port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
        REQUIRE(port != NULL && CreateIoCompletionPort((HANDLE)udp, port, 1, 0) == port, "a completion port");
        for (i = 0; i < 3; i++) {
            workers[i] = CreateThread(NULL, 0, IocpWorker, NULL, 0, NULL);
            Sleep(50); /* the first one to wait gathers the completions for the others */
        }
        /* workers[0] waited first: it gathers the completions for the others. */
        CHECK_EQ(SuspendThread(workers[0]), 0, "SuspendThread the first worker, waiting on the port");
        CHECK(one_completion(udp, sender, &addr), "the other workers receive completions meanwhile");
        CHECK(one_completion(udp, sender, &addr), "and go on receiving them");
        CHECK_EQ(ResumeThread(workers[0]), 1, "ResumeThread the first worker");
        CHECK(one_completion(udp, sender, &addr), "completions still arrive after it was resumed");
        CHECK(TerminateThread(workers[1], 0), "TerminateThread a worker waiting on the port");
        CHECK_EQ(WaitForSingleObject(workers[1], 5000), WAIT_OBJECT_0, "its handle is signalled");
        CHECK(one_completion(udp, sender, &addr), "the other workers still receive completions");
        CHECK(TerminateThread(workers[2], 0), "TerminateThread another worker");
        CHECK(one_completion(udp, sender, &addr), "the last worker receives completions");
        CHECK(one_completion(udp, sender, &addr), "and goes on receiving them");
        PostQueuedCompletionStatus(port, 0, 0, NULL);
        CHECK_EQ(WaitForSingleObject(workers[0], 5000), WAIT_OBJECT_0, "the last worker ends on its quit packet");
        for (i = 0; i < 3; i++)
            CloseHandle(workers[i]);
        closesocket(udp);
        closesocket(sender);
        CloseHandle(port);
        addr.sin_port = 0;
    }

    /* --- a busy worker paused and resumed --- */
    hSpin = (HANDLE)_beginthreadex(NULL, 0, Spinner, NULL, 0, NULL);
    REQUIRE(hSpin != NULL, "_beginthreadex starts a busy worker");
    while (spins_after(1) == 0)
        ;
    CHECK_EQ(SuspendThread(hSpin), 0, "SuspendThread returns the previous count, 0");
    CHECK_EQ(SuspendThread(hSpin), 1, "a second SuspendThread returns 1");
    spins_after(50);
    a = spins_after(0);
    b = spins_after(100);
    CHECK(a == b, "a suspended thread does not run");
    CHECK_EQ(WaitForSingleObject(hSpin, 0), WAIT_TIMEOUT, "a suspended thread has not ended");
    CHECK_EQ(ResumeThread(hSpin), 2, "ResumeThread returns the previous count, 2");
    b = spins_after(100);
    CHECK(a == b, "at count 1 it is still suspended");
    CHECK_EQ(ResumeThread(hSpin), 1, "ResumeThread returns 1");
    CHECK(spins_after(100) != b, "at count 0 it runs again");
    CHECK_EQ(ResumeThread(hSpin), 0, "ResumeThread of a running thread returns 0");
    CHECK(TerminateThread(hSpin, 3), "TerminateThread stops the busy worker");
    CHECK_EQ(WaitForSingleObject(hSpin, 5000), WAIT_OBJECT_0, "its handle is signalled");
    a = spins_after(50);
    CHECK(a == spins_after(100), "a terminated thread runs no more");
    GetExitCodeThread(hSpin, &code);
    CHECK_EQ(code, 3, "its exit code is 3");
    CloseHandle(hSpin);

    /* --- suspended, then terminated, while waiting on an event --- */
    hEvent = CreateEvent(NULL, TRUE, FALSE, NULL);
    ran = 0;
    hSleeper = CreateThread(NULL, 0, Sleeper, hEvent, 0, NULL);
    hSleeper2 = CreateThread(NULL, 0, Sleeper, hEvent, 0, NULL);
    Sleep(50);
    CHECK_EQ(SuspendThread(hSleeper), 0, "SuspendThread on a thread in WaitForSingleObject");
    CHECK(TerminateThread(hSleeper, 8), "TerminateThread on a suspended thread");
    CHECK_EQ(WaitForSingleObject(hSleeper, 5000), WAIT_OBJECT_0, "its handle is signalled");
    SetEvent(hEvent);
    CHECK_EQ(WaitForSingleObject(hSleeper2, 5000), WAIT_OBJECT_0, "the other waiter on the event still wakes");
    CHECK_EQ(InterlockedCompareExchange(&ran, 0, 0), 1, "only the live waiter went on");
    CloseHandle(hSleeper);
    CloseHandle(hSleeper2);
    CloseHandle(hEvent);

    /* --- CREATE_SUSPENDED: counts, and a thread terminated before it ran --- */
    ran = 0;
    hNew = CreateThread(NULL, 0, NeverRuns, NULL, CREATE_SUSPENDED, &id);
    REQUIRE(hNew != NULL, "CreateThread(CREATE_SUSPENDED)");
    CHECK_EQ(SuspendThread(hNew), 1, "a thread created suspended has count 1");
    CHECK_EQ(ResumeThread(hNew), 2, "ResumeThread returns 2");
    CHECK_EQ(WaitForSingleObject(hNew, 100), WAIT_TIMEOUT, "at count 1 it has not started");
    CHECK(TerminateThread(hNew, 11), "TerminateThread before it ran");
    CHECK_EQ(WaitForSingleObject(hNew, 5000), WAIT_OBJECT_0, "its handle is signalled");
    Sleep(50);
    CHECK_EQ(InterlockedCompareExchange(&ran, 0, 0), 0, "its routine never ran");
    GetExitCodeThread(hNew, &code);
    CHECK_EQ(code, 11, "its exit code is 11");
    CloseHandle(hNew);

    hQuick = CreateThread(NULL, 0, Quick, NULL, 0, NULL);
    CHECK_EQ(WaitForSingleObject(hQuick, 5000), WAIT_OBJECT_0, "an ordinary thread ends");
    GetExitCodeThread(hQuick, &code);
    CHECK_EQ(code, 42, "with its routine's exit code");
    CloseHandle(hQuick);

    /* --- a thread terminated while it owns mutexes --- */
    {
        HANDLE holder, waiter;
        DWORD got = 0;
        held_mutex = CreateMutex(NULL, FALSE, NULL);
        held_named = CreateMutexA(NULL, FALSE, "ws2mp-test-terminated-owner");
        holding = CreateEvent(NULL, TRUE, FALSE, NULL);
        holder = CreateThread(NULL, 0, MutexHolder, NULL, 0, NULL);
        REQUIRE(WaitForSingleObject(holding, 5000) == WAIT_OBJECT_0, "a thread owns two mutexes");
        waiter = CreateThread(NULL, 0, MutexWaiter, held_mutex, 0, NULL);
        CHECK_EQ(WaitForSingleObject(waiter, 100), WAIT_TIMEOUT, "another thread waits for one");
        CHECK(TerminateThread(holder, 3), "TerminateThread on the owner");
        CHECK_EQ(WaitForSingleObject(holder, 5000), WAIT_OBJECT_0, "the owner's handle is signalled");
        CHECK_EQ(WaitForSingleObject(waiter, 5000), WAIT_OBJECT_0, "the waiting thread gets the mutex");
        GetExitCodeThread(waiter, &got);
        CHECK_EQ(got, WAIT_ABANDONED, "... with WAIT_ABANDONED (taken twice, abandoned once)");
        CHECK_EQ(WaitForSingleObject(held_named, 1000), WAIT_ABANDONED, "the named mutex: WAIT_ABANDONED too");
        CHECK(ReleaseMutex(held_named), "... and this thread owns it");
        CloseHandle(waiter);
        CloseHandle(holder);
        CloseHandle(holding);
        CloseHandle(held_named);
        CloseHandle(held_mutex);
    }

    /* --- bad handles --- */
    SetLastError(0);
    CHECK(!TerminateThread(NULL, 0), "TerminateThread(NULL) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");
    SetLastError(0);
    CHECK_EQ(SuspendThread((HANDLE)(ULONG_PTR)0x12345), (DWORD)-1, "SuspendThread of a forged handle fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");

    hEvent = CreateEvent(NULL, TRUE, FALSE, NULL);
    SetLastError(0);
    CHECK_EQ(SuspendThread(hEvent), (DWORD)-1, "SuspendThread of an event handle fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");
    SetLastError(0);
    CHECK(!TerminateThread(hEvent, 1), "TerminateThread of an event handle fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");
    CHECK_EQ(WaitForSingleObject(hEvent, 0), WAIT_TIMEOUT, "and leaves the event alone");
    CloseHandle(hEvent);

    WSACleanup();
    return check_done();
}
