/*
 * A UNICODE server written for Windows asks GetAddrInfoW for a passive address with a
 * one-character service, L"0" (any free port) or L"7" (echo), the C way: L"" literals, which
 * are 32-bit wchar_t on Linux and converted by the compat headers. When an earlier call had
 * converted a three-character string into the same conversion slot, what it left after the
 * new terminator made the one-character string look like a 32-bit one: the service read as
 * "73" (or garbage), and GetAddrInfoW(NULL, L"0", ...) failed with WSATYPE_NOT_FOUND.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

static int passive_port(const wchar_t *service)
{
    ADDRINFOW hints, *result = NULL;
    int port = -1;
    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_PASSIVE;
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    if (GetAddrInfoW(NULL, service, &hints, &result) != 0)
        return -WSAGetLastError();
    if (result != NULL && result->ai_family == AF_INET)
        port = ntohs(((SOCKADDR_IN *)result->ai_addr)->sin_port);
    FreeAddrInfoW(result);
    return port;
}

int main(void)
{
    WSADATA wsaData;
    int round, i;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    for (round = 0; round < 3; round++) {
        /* Three-character services fill every conversion slot first. */
        for (i = 0; i < 8; i++)
            CHECK_EQ(passive_port(L"123"), 123, "three-character service");
        for (i = 0; i < 8; i++) {
            CHECK_EQ(passive_port(L"7"), 7, "L\"7\" is port 7");
            CHECK_EQ(passive_port(L"123"), 123, "three-character service again");
        }
        for (i = 0; i < 8; i++)
            CHECK_EQ(passive_port(L"0"), 0, "L\"0\" is port 0 (any free port)");
    }

    /* The address it gives binds to a free port. */
    {
        ADDRINFOW hints, *result = NULL;
        SOCKET s;
        SOCKADDR_IN bound;
        int len = sizeof(bound);
        memset(&hints, 0, sizeof(hints));
        hints.ai_flags = AI_PASSIVE;
        hints.ai_family = AF_INET;
        hints.ai_socktype = SOCK_STREAM;
        REQUIRE(GetAddrInfoW(L"127.0.0.1", L"0", &hints, &result) == 0 && result != NULL,
                "GetAddrInfoW(L\"127.0.0.1\", L\"0\")");
        s = socket(result->ai_family, result->ai_socktype, result->ai_protocol);
        CHECK(s != INVALID_SOCKET, "socket");
        CHECK_EQ(bind(s, result->ai_addr, (int)result->ai_addrlen), 0, "bind");
        CHECK_EQ(getsockname(s, (SOCKADDR *)&bound, &len), 0, "getsockname");
        CHECK(bound.sin_port != 0, "a free port was chosen");
        closesocket(s);
        FreeAddrInfoW(result);
    }
    WSACleanup();
    return check_done();
}
