/*
 * udp_echo: a UDP echo over loopback, written the way a Winsock 2 program is written.
 *
 * An echo socket and a client socket each get an event object with WSAEventSelect(FD_READ).
 * The client sends a few datagrams; one thread waits on both events with
 * WSAWaitForMultipleEvents, asks WSAEnumNetworkEvents what happened, echoes what the echo
 * socket receives and checks what the client gets back. The source is unchanged Winsock code:
 * only <winsock2.h> comes from ws2mp's include/compat.
 *
 * Exit status 0 when every datagram came back intact.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

#define MESSAGES 3

static int fail(const char *what)
{
    fprintf(stderr, "udp_echo: %s failed with error %d\n", what, WSAGetLastError());
    WSACleanup();
    return 1;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET echo, client;
    SOCKADDR_IN echoAddr, from;
    WSAEVENT events[2];
    WSANETWORKEVENTS ne;
    char buf[256], msg[64];
    int addrLen, sent = 0, echoed = 0, received = 0, n;
    DWORD index;

    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0) {
        fprintf(stderr, "udp_echo: WSAStartup failed\n");
        return 1;
    }
    printf("udp_echo: %s, version %d.%d\n", wsaData.szDescription,
           LOBYTE(wsaData.wVersion), HIBYTE(wsaData.wVersion));

    echo = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    client = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    if (echo == INVALID_SOCKET || client == INVALID_SOCKET)
        return fail("socket");

    memset(&echoAddr, 0, sizeof(echoAddr));
    echoAddr.sin_family = AF_INET;
    echoAddr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    echoAddr.sin_port = 0; /* any free port */
    if (bind(echo, (SOCKADDR *)&echoAddr, sizeof(echoAddr)) == SOCKET_ERROR)
        return fail("bind");
    addrLen = sizeof(echoAddr);
    if (getsockname(echo, (SOCKADDR *)&echoAddr, &addrLen) == SOCKET_ERROR)
        return fail("getsockname");
    printf("udp_echo: echo socket on 127.0.0.1:%u\n", (unsigned)ntohs(echoAddr.sin_port));

    events[0] = WSACreateEvent();
    events[1] = WSACreateEvent();
    if (events[0] == WSA_INVALID_EVENT || events[1] == WSA_INVALID_EVENT)
        return fail("WSACreateEvent");
    if (WSAEventSelect(echo, events[0], FD_READ) == SOCKET_ERROR ||
        WSAEventSelect(client, events[1], FD_READ) == SOCKET_ERROR)
        return fail("WSAEventSelect");

    while (received < MESSAGES) {
        if (sent == received) {
            sprintf(msg, "hello #%d", ++sent);
            if (sendto(client, msg, (int)strlen(msg), 0, (SOCKADDR *)&echoAddr,
                       sizeof(echoAddr)) == SOCKET_ERROR)
                return fail("sendto");
            printf("client -> echo: \"%s\"\n", msg);
        }

        index = WSAWaitForMultipleEvents(2, events, FALSE, 5000, FALSE);
        if (index == WSA_WAIT_TIMEOUT) {
            fprintf(stderr, "udp_echo: no datagram within 5 seconds\n");
            return 1;
        }
        if (index == WSA_WAIT_FAILED)
            return fail("WSAWaitForMultipleEvents");
        index -= WSA_WAIT_EVENT_0;

        if (index == 0) {
            if (WSAEnumNetworkEvents(echo, events[0], &ne) == SOCKET_ERROR)
                return fail("WSAEnumNetworkEvents");
            if (ne.lNetworkEvents & FD_READ) {
                addrLen = sizeof(from);
                n = recvfrom(echo, buf, sizeof(buf), 0, (SOCKADDR *)&from, &addrLen);
                if (n == SOCKET_ERROR)
                    return fail("recvfrom");
                printf("echo: %d bytes from 127.0.0.1:%u, sending them back\n", n,
                       (unsigned)ntohs(from.sin_port));
                if (sendto(echo, buf, n, 0, (SOCKADDR *)&from, addrLen) == SOCKET_ERROR)
                    return fail("sendto (echo)");
                echoed++;
            }
        } else {
            if (WSAEnumNetworkEvents(client, events[1], &ne) == SOCKET_ERROR)
                return fail("WSAEnumNetworkEvents");
            if (ne.lNetworkEvents & FD_READ) {
                n = recv(client, buf, sizeof(buf) - 1, 0);
                if (n == SOCKET_ERROR)
                    return fail("recv");
                buf[n] = '\0';
                printf("echo -> client: \"%s\"\n", buf);
                if (strcmp(buf, msg) != 0) {
                    fprintf(stderr, "udp_echo: expected \"%s\"\n", msg);
                    return 1;
                }
                received++;
            }
        }
    }

    closesocket(client);
    closesocket(echo);
    WSACloseEvent(events[0]);
    WSACloseEvent(events[1]);
    WSACleanup();
    printf("udp_echo: %d datagrams echoed, %d came back intact\n", echoed, received);
    return 0;
}
