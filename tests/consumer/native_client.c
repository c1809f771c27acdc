/* A program written against ws2mp.h itself (no compat headers): ws2mp::ws2mp is enough. */
#include <ws2mp.h>
#include <stdio.h>

int main(void)
{
    WSADATA data;
    SOCKET s;

    if (WSAStartup(0x0202, &data) != 0)
        return 1;
    s = ws2mp_socket(AF_INET, SOCK_DGRAM, 0);
    if (s == INVALID_SOCKET || closesocket(s) != 0)
        return 2;
    if (WSACleanup() != 0)
        return 3;
    printf("native_client: %s\n", data.szDescription);
    return 0;
}
