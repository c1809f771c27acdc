/*
 * Cross-thread APC wake-up (issue 10): two threads bounce an asynchronous procedure call.
 *   ws2mp: the main thread QueueUserAPCs to the responder, which sleeps in
 *          SleepEx(INFINITE, TRUE); the call runs there and QueueUserAPCs back to the main
 *          thread, which sleeps in SleepEx(INFINITE, TRUE) too; and so on. This is what every
 *          overlapped completion routine costs on top of its I/O: one queued call and one wake
 *          of an alertable wait.
 *   raw:   the same bounce with two eventfds and blocking read/write (as wakeup.c).
 * Target: the wake costs what an event wake costs (ratio >= 0.83, as event_wakeup_cross_thread).
 */
#include "bench.h"
#include "wakeup.h"
#include "ws2mp.h"
#include <pthread.h>
#include <sys/eventfd.h>
#include <unistd.h>

static void *main_thread, *responder_thread;
static long main_got, responder_got; /* each written only by its own thread's APCs */
static long bounces;

static void to_main(uintptr_t data)
{
    (void)data;
    main_got++;
}

static void to_responder(uintptr_t data)
{
    responder_got++;
    if (!QueueUserAPC(to_main, main_thread, data))
        die("QueueUserAPC (back)");
}

static uint32_t responder(void *p)
{
    (void)p;
    while (responder_got < bounces)
        SleepEx(WSA_INFINITE, 1);
    return 0;
}

static double ws_wake(long iters)
{
    long i;
    double t0, t1;
    main_got = responder_got = 0;
    bounces = iters;
    responder_thread = CreateThread(NULL, 0, responder, NULL, 0, NULL);
    if (responder_thread == NULL)
        die("CreateThread");
    t0 = now_s();
    for (i = 0; i < iters; i++) {
        if (!QueueUserAPC(to_responder, responder_thread, 0))
            die("QueueUserAPC");
        while (main_got <= i)
            SleepEx(WSA_INFINITE, 1);
    }
    t1 = now_s();
    if (WaitForSingleObject(responder_thread, WSA_INFINITE) != 0)
        die("wait for the responder");
    CloseHandle(responder_thread);
    return t1 - t0;
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    long iters = argc > 1 ? atol(argv[1]) : 50000;
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup");
    /* The main thread needs a handle of its own for the responder to queue to. */
    if (!DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &main_thread, 0, 0, 2))
        die("DuplicateHandle");
    compare("apc_wakeup_cross_thread", iters, ws_wake, raw_wake);
    CloseHandle(main_thread);
    WSACleanup();
    return 0;
}
