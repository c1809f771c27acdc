/*
 * Memory that a program passed to WSASendTo / WSARecvFrom (the WSABUF array, the address and
 * its length, which ws2mp reads and writes itself, and the data), then protected or released
 * with VirtualProtect / VirtualFree, is refused with WSAEFAULT on its next use, as Windows
 * refuses it: on the thread that used it last and on another thread that had used it too
 * (ws2mp trusts memory a thread recently passed; changing the protection ends that trust for
 * every thread).
 */
#define WIN32_LEAN_AND_MEAN
#include <winsock2.h>
#include <windows.h>
#include <string.h>
#include "check.h"

static SOCKET tx, rx;
static struct sockaddr_in to;
static char *page;

/* Everything WSASendTo reads lies in the page: the WSABUF array at 2048, the address at
 * 2560, the data at `buf`. */
static int send_from(char *buf)
{
    WSABUF *wsabuf = (WSABUF *)(page + 2048);
    struct sockaddr_in *dest = (struct sockaddr_in *)(page + 2560);
    DWORD sent = 0;
    int r;
    r = WSASendTo(tx, wsabuf, 1, &sent, 0, (struct sockaddr *)dest, sizeof(*dest), NULL, NULL);
    (void)buf;
    return r == 0 ? (int)sent : r;
}

/* WSARecvFrom with its WSABUF (at 3072), address and address length (at 3584) in the page;
 * `main` fills them in while the page is writable. */
static int recv_into_page(void)
{
    WSABUF *wsabuf = (WSABUF *)(page + 3072);
    int *fromlen = (int *)(page + 3584);
    DWORD got = 0, flags = 0;
    int r;
    r = WSARecvFrom(rx, wsabuf, 1, &got, &flags, (struct sockaddr *)(page + 3600), fromlen, NULL, NULL);
    return r == 0 ? (int)got : r;
}

static DWORD WINAPI other_thread(LPVOID arg)
{
    HANDLE go = (HANDLE)arg;
    /* Uses the buffer while it is good, waits, then uses it after the protection changed. */
    LONG ok = send_from(page) == 64;
    if (WaitForSingleObject(go, 10000) != WAIT_OBJECT_0)
        return 2;
    if (send_from(page) != SOCKET_ERROR || WSAGetLastError() != WSAEFAULT)
        return 3;
    return ok ? 0 : 1;
}

int main(void)
{
    WSADATA wsa;
    int len = sizeof(to);
    DWORD old, code = 99;
    char got[64];
    HANDLE go, thread;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    tx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    rx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&to, 0, sizeof(to));
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(rx, (struct sockaddr *)&to, sizeof(to)) == 0 &&
                getsockname(rx, (struct sockaddr *)&to, &len) == 0,
            "a receiver on loopback");
    page = (char *)VirtualAlloc(NULL, 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    REQUIRE(page != NULL, "VirtualAlloc a page");
    memset(page, 'x', 4096);
    ((WSABUF *)(page + 2048))->len = 64;
    ((WSABUF *)(page + 2048))->buf = page;
    memcpy(page + 2560, &to, sizeof(to));
    ((WSABUF *)(page + 3072))->len = 64;
    ((WSABUF *)(page + 3072))->buf = page + 1024;
    *(int *)(page + 3584) = sizeof(struct sockaddr_in);

    go = CreateEvent(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, other_thread, go, 0, NULL);
    REQUIRE(go != NULL && thread != NULL, "a second thread that sends from the page too");
    CHECK_EQ(send_from(page), 64, "sendto from the page");
    CHECK_EQ(send_from(page), 64, "and again");
    CHECK_EQ(recv_into_page(), 64, "WSARecvFrom into the page");
    Sleep(100); /* the other thread has sent by now */

    CHECK(VirtualProtect(page, 4096, PAGE_NOACCESS, &old), "VirtualProtect(PAGE_NOACCESS)");
    CHECK_EQ(send_from(page), SOCKET_ERROR, "sendto from the protected page fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "with WSAEFAULT");
    CHECK_EQ(recv_into_page(), SOCKET_ERROR, "WSARecvFrom into it fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "with WSAEFAULT");
    SetEvent(go);
    CHECK_EQ(WaitForSingleObject(thread, 10000), WAIT_OBJECT_0, "the other thread finishes");
    CHECK(GetExitCodeThread(thread, &code) && code == 0,
          "and its sendto from the protected page failed with WSAEFAULT too");

    CHECK(VirtualProtect(page, 4096, PAGE_READWRITE, &old), "writable again");
    CHECK_EQ(send_from(page), 64, "sendto works again");
    CHECK(VirtualProtect(page, 4096, PAGE_READONLY, &old), "read-only");
    CHECK_EQ(send_from(page), 64, "sendto from a read-only page works");
    CHECK_EQ(recv_into_page(), SOCKET_ERROR, "WSARecvFrom into a read-only page fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "with WSAEFAULT");
    CHECK(VirtualProtect(page, 4096, PAGE_READWRITE, &old), "writable once more");
    CHECK(VirtualFree(page, 0, MEM_RELEASE), "VirtualFree(MEM_RELEASE)");
    CHECK_EQ(send_from(page), SOCKET_ERROR, "sendto from the released page fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "with WSAEFAULT");
    CHECK(recvfrom(rx, got, sizeof(got), 0, NULL, NULL) == 64, "the datagrams sent arrived");

    CloseHandle(thread);
    CloseHandle(go);
    closesocket(tx);
    closesocket(rx);
    WSACleanup();
    return check_done();
}
