/*
 * User-space memory per event-selected socket (issue 3: <= 256 bytes): heap in use
 * (mallinfo2) before and after creating and selecting 10,000 sockets on one event object,
 * divided by 10,000. Kernel memory (socket buffers, epoll items) is not user space and is not
 * counted. Printed as RESULT memory_per_selected_socket bytes=<n>.
 */
#include "bench.h"
#include "ws2mp.h"
#include <malloc.h>
#include <sys/resource.h>

#define COUNT 10000

int main(void)
{
    WSADATA wsa;
    static SOCKET socks[COUNT];
    struct rlimit rl;
    struct mallinfo2 before, after;
    WSAEVENT ev;
    int i;
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < COUNT + 100) {
        rl.rlim_cur = rl.rlim_max < COUNT + 1000 ? rl.rlim_max : COUNT + 1000;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup");
    ev = WSACreateEvent();
    /* Warm up: the first socket allocates shared tables (registry chunks, thread caches). */
    socks[0] = ws2mp_socket(AF_INET, SOCK_DGRAM, 0);
    WSAEventSelect(socks[0], ev, FD_READ | FD_WRITE | FD_CLOSE);
    closesocket(socks[0]);
    before = mallinfo2();
    for (i = 0; i < COUNT; i++) {
        socks[i] = ws2mp_socket(AF_INET, SOCK_DGRAM, 0);
        if (socks[i] == INVALID_SOCKET)
            die("socket");
        if (WSAEventSelect(socks[i], ev, FD_READ | FD_WRITE | FD_CLOSE))
            die("WSAEventSelect");
    }
    after = mallinfo2();
    printf("RESULT memory_per_selected_socket bytes=%.0f\n",
           (double)(after.uordblks - before.uordblks) / COUNT);
    for (i = 0; i < COUNT; i++)
        closesocket(socks[i]);
    WSACloseEvent(ev);
    WSACleanup();
    return 0;
}
