/* udp_probe.c: asks every host on the link for its name (a datagram program). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <strsafe.h>
#include <stdio.h>

int probe(const char *target)
{
    SOCKET s = WSASocket(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
    WSAOVERLAPPED ov = {0};
    WSABUF buf;
    char data[1500], line[64];
    DWORD got = 0, flags = 0;
    u_long pending = 0;

    ioctlsocket(s, FIONREAD, &pending);
    buf.buf = data;
    buf.len = sizeof data;
    WSARecv(s, &buf, 1, &got, &flags, &ov, NULL);
    WSARecv(s, &buf, 1, &got, &flags, NULL, NULL);
    StringCchCopyExA(line, sizeof line, target, NULL, NULL, 0);
    _snprintf(line, sizeof line, "%s", "probe");
    printf("%s: %lu bytes\n", line, (unsigned long)got);
    closesocket(s);
    return 0;
}
