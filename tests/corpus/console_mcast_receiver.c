/*
 * A multicast receiver that runs until Ctrl-C, as console tools are written: a
 * SetConsoleCtrlHandler handler sets a "stop" event, and the main loop waits on it together
 * with the socket's network event (WSAEventSelect + WSAWaitForMultipleEvents). The group is
 * joined on the loopback interface (127.0.0.1), so the traffic stays on this machine. So that
 * the program checks itself, a sender thread sends numbered datagrams to the group and then
 * presses Ctrl-C with GenerateConsoleCtrlEvent; the receiver drains what is queued and
 * reports how many datagrams arrived.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define GROUP "239.255.77.2"
#define PORT 5301
#define COUNT 50

static HANDLE g_stop;

static BOOL WINAPI CtrlHandler(DWORD dwCtrlType)
{
    if (dwCtrlType == CTRL_C_EVENT || dwCtrlType == CTRL_BREAK_EVENT) {
        SetEvent(g_stop);
        return TRUE; /* handled: the main loop ends the program */
    }
    return FALSE;
}

static DWORD WINAPI Sender(LPVOID lpParam)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in group;
    struct in_addr iface;
    char msg[32];
    int i;

    (void)lpParam;
    if (s == INVALID_SOCKET)
        return 1;
    iface.s_addr = inet_addr("127.0.0.1");
    if (setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, (char *)&iface, sizeof(iface)) == SOCKET_ERROR) {
        printf("IP_MULTICAST_IF failed: %d\n", WSAGetLastError());
        closesocket(s);
        return 1;
    }
    memset(&group, 0, sizeof(group));
    group.sin_family = AF_INET;
    group.sin_port = htons(PORT);
    group.sin_addr.s_addr = inet_addr(GROUP);
    for (i = 0; i < COUNT; i++) {
        int len = sprintf_s(msg, sizeof(msg), "tick %d", i);
        if (sendto(s, msg, len, 0, (SOCKADDR *)&group, sizeof(group)) != len) {
            printf("sendto failed: %d\n", WSAGetLastError());
            closesocket(s);
            return 1;
        }
    }
    closesocket(s);
    Sleep(100);
    GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0);
    return 0;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET s;
    struct sockaddr_in local;
    struct ip_mreq mreq;
    WSAEVENT events[2];
    HANDLE sender;
    BOOL reuse = TRUE, stopping = FALSE;
    int received = 0;
    DWORD code = 1;

    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0)
        return 1;
    g_stop = CreateEvent(NULL, TRUE, FALSE, NULL);
    if (!SetConsoleCtrlHandler(CtrlHandler, TRUE)) {
        printf("SetConsoleCtrlHandler failed\n");
        return 1;
    }

    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&reuse, sizeof(reuse));
    memset(&local, 0, sizeof(local));
    local.sin_family = AF_INET;
    local.sin_port = htons(PORT);
    local.sin_addr.s_addr = htonl(INADDR_ANY);
    mreq.imr_multiaddr.s_addr = inet_addr(GROUP);
    mreq.imr_interface.s_addr = inet_addr("127.0.0.1");
    if (bind(s, (SOCKADDR *)&local, sizeof(local)) == SOCKET_ERROR ||
        setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&mreq, sizeof(mreq)) == SOCKET_ERROR) {
        printf("join failed: %d\n", WSAGetLastError());
        return 1;
    }
    events[0] = WSACreateEvent();
    events[1] = g_stop;
    WSAEventSelect(s, events[0], FD_READ);
    printf("listening on %s:%d; Ctrl-C stops\n", GROUP, PORT);

    sender = CreateThread(NULL, 0, Sender, NULL, 0, NULL);
    while (!stopping) {
        DWORD rc = WSAWaitForMultipleEvents(2, events, FALSE, 10000, FALSE);
        if (rc == WSA_WAIT_TIMEOUT) {
            printf("no Ctrl-C within 10 s\n");
            break;
        }
        if (rc == WSA_WAIT_EVENT_0 + 1)
            stopping = TRUE; /* drain what is already queued, then stop */
        WSAResetEvent(events[0]);
        for (;;) {
            char buf[64];
            int n = recv(s, buf, sizeof(buf) - 1, 0);
            if (n == SOCKET_ERROR) {
                if (WSAGetLastError() != WSAEWOULDBLOCK)
                    printf("recv failed: %d\n", WSAGetLastError());
                break;
            }
            received++;
        }
    }
    WaitForSingleObject(sender, 10000);
    GetExitCodeThread(sender, &code);
    CloseHandle(sender);
    printf("stopped by Ctrl-C after %d of %d datagrams\n", received, COUNT);
    closesocket(s);
    WSACloseEvent(events[0]);
    CloseHandle(g_stop);
    WSACleanup();
    return (stopping && code == 0 && received == COUNT) ? 0 : 1;
}
