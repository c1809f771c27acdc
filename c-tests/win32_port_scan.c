/* A threaded TCP port scanner of the kind Winsock tutorials write: worker threads take ports
 * from a shared counter under a CRITICAL_SECTION, try a blocking connect to each, record open
 * and closed ports, and the scan is timed with clock() and reported in milliseconds as
 * (end - start) * 1000 / CLOCKS_PER_SEC. On Windows clock() is the wall-clock time since the
 * process started (CLOCKS_PER_SEC 1000), so the time spent waiting on the network (and in
 * Sleep) counts; the workers here also wait a little for each port, as a scanner with a
 * timeout does. */
#define _WINSOCK_DEPRECATED_NO_WARNINGS
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <time.h>
#include "check.h"

#define PORTS 6
#define WORKERS 3

static unsigned short ports[PORTS];
static int is_open[PORTS];
static int next_index;
static int scanned;
static CRITICAL_SECTION lock;

static DWORD WINAPI scan_worker(LPVOID unused)
{
    (void)unused;
    for (;;) {
        int i;
        SOCKET s;
        SOCKADDR_IN a;
        EnterCriticalSection(&lock);
        i = next_index < PORTS ? next_index++ : -1;
        LeaveCriticalSection(&lock);
        if (i < 0)
            return 0;
        s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        memset(&a, 0, sizeof(a));
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = inet_addr("127.0.0.1");
        a.sin_port = htons(ports[i]);
        Sleep(60); /* the scanner's pause between probes */
        if (connect(s, (SOCKADDR *)&a, sizeof(a)) == 0)
            is_open[i] = 1;
        closesocket(s);
        EnterCriticalSection(&lock);
        scanned++;
        LeaveCriticalSection(&lock);
    }
}

int main(void)
{
    WSADATA wsa;
    SOCKET listeners[PORTS];
    HANDLE workers[WORKERS];
    clock_t start, end;
    long elapsed_ms;
    int i, open_count = 0, right = 1;

    start = clock();
    CHECK(start != (clock_t)-1 && start >= 0, "clock() works from the start");
    CHECK(start < 30 * CLOCKS_PER_SEC, "clock() counts from the process's start (it just began)");
    CHECK_EQ(CLOCKS_PER_SEC, 1000, "CLOCKS_PER_SEC is Windows' 1000");

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    InitializeCriticalSection(&lock);
    /* Even entries listen (open); odd ones are ports bound then closed (refused). */
    for (i = 0; i < PORTS; i++) {
        SOCKADDR_IN a;
        int len = sizeof(a);
        listeners[i] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        memset(&a, 0, sizeof(a));
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = inet_addr("127.0.0.1");
        REQUIRE(bind(listeners[i], (SOCKADDR *)&a, sizeof(a)) == 0, "bind a port to scan");
        getsockname(listeners[i], (SOCKADDR *)&a, &len);
        ports[i] = ntohs(a.sin_port);
        if (i % 2 == 0) {
            listen(listeners[i], 5);
        } else {
            closesocket(listeners[i]);
            listeners[i] = INVALID_SOCKET;
        }
    }

    start = clock();
    for (i = 0; i < WORKERS; i++)
        workers[i] = CreateThread(NULL, 0, scan_worker, NULL, 0, NULL);
    WaitForMultipleObjects(WORKERS, workers, TRUE, INFINITE);
    Sleep(150);
    end = clock();
    elapsed_ms = (long)((end - start) * 1000 / CLOCKS_PER_SEC);
    printf("# scanned %d ports in %ld ms\n", scanned, elapsed_ms);

    CHECK_EQ(scanned, PORTS, "every port is scanned once");
    for (i = 0; i < PORTS; i++) {
        open_count += is_open[i];
        if (is_open[i] != (i % 2 == 0))
            right = 0;
    }
    CHECK_EQ(open_count, PORTS / 2, "the listening ports are open");
    CHECK(right, "and the closed ones refuse");
    /* Two rounds of 60 ms probes per worker, then 150 ms: at least 270 ms of wall time,
     * though the process used next to no CPU. */
    CHECK(elapsed_ms >= 250, "clock() measures the wall-clock time of the scan");
    CHECK(elapsed_ms < 20000, "and not much more");

    for (i = 0; i < WORKERS; i++)
        CloseHandle(workers[i]);
    for (i = 0; i < PORTS; i++)
        if (listeners[i] != INVALID_SOCKET)
            closesocket(listeners[i]);
    DeleteCriticalSection(&lock);
    WSACleanup();
    return check_done();
}
