/*
 * A telemetry sender with a watchdog: the main thread sends a sample every 20 ms to the
 * collector and counts its acknowledgements; a watchdog thread ends the process with _exit when
 * no acknowledgement came for 200 ms (the collector went away), without running atexit
 * handlers or flushing stdio, as a stuck process is ended on Windows. The program includes only
 * <winsock2.h> and <stdlib.h>: Windows' <stdlib.h> declares _exit (POSIX: <unistd.h>).
 */
#include <winsock2.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static volatile LONG acks;
static volatile LONG last_ack;
static int atexit_ran;

static void on_exit_handler(void)
{
    atexit_ran = 1;
    printf("not ok - the atexit handler ran after _exit\n");
    fflush(stdout);
}

static DWORD WINAPI watchdog(LPVOID arg)
{
    (void)arg;
    for (;;) {
        LONG seen, last;
        Sleep(20);
        seen = InterlockedCompareExchange(&acks, 0, 0);
        last = InterlockedCompareExchange(&last_ack, 0, 0);
        if (seen > 0 && (LONG)GetTickCount() - last > 200) {
            CHECK(seen >= 3, "the collector acknowledged samples before it went away");
            CHECK(!atexit_ran, "nothing ran an exit handler yet");
            /* check_done prints and flushes the report: _exit flushes nothing. */
            _exit(check_done());
        }
    }
}

int main(void)
{
    WSADATA wsaData;
    SOCKET collector, sender;
    SOCKADDR_IN to;
    u_long on = 1;
    char sample[32], ack[8];
    int len = sizeof(to), seq;
    HANDLE dog;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    atexit(on_exit_handler);
    collector = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&to, 0, sizeof(to));
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(collector, (SOCKADDR *)&to, sizeof(to)) == 0, "the collector binds 127.0.0.1");
    REQUIRE(getsockname(collector, (SOCKADDR *)&to, &len) == 0, "the collector's port");
    REQUIRE(ioctlsocket(collector, FIONBIO, &on) == 0, "FIONBIO on the collector");
    sender = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(ioctlsocket(sender, FIONBIO, &on) == 0, "FIONBIO on the sender");
    /* Created suspended: the check below is reported before the watchdog can report its own. */
    dog = CreateThread(NULL, 0, watchdog, NULL, CREATE_SUSPENDED, NULL);
    REQUIRE(dog != NULL, "the watchdog starts");
    ResumeThread(dog);

    for (seq = 0; seq < 500; seq++) {
        SOCKADDR_IN from;
        int flen = sizeof(from);
        sprintf(sample, "rpm=%d", 3000 + seq);
        sendto(sender, sample, (int)strlen(sample), 0, (SOCKADDR *)&to, sizeof(to));
        Sleep(20);
        /* The collector acknowledges the first five samples, then stops. */
        if (seq < 5 && recvfrom(collector, sample, sizeof(sample), 0, (SOCKADDR *)&from, &flen) > 0)
            sendto(collector, "ACK", 3, 0, (SOCKADDR *)&from, flen);
        if (recv(sender, ack, sizeof(ack), 0) == 3) {
            InterlockedExchange(&last_ack, (LONG)GetTickCount());
            InterlockedIncrement(&acks);
        }
    }
    CHECK(0, "the watchdog ended the process");
    return check_done();
}
