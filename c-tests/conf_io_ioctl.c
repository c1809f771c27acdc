/*
 * ioctlsocket and WSAIoctl argument rules as Windows applies them: FIONBIO/FIONREAD/SIOCATMARK
 * with a bad pointer, WSAIoctl without lpcbBytesReturned, short input and output buffers, the
 * byte count a successful call writes (0 for FIONBIO and SIO_KEEPALIVE_VALS, 4 for FIONREAD and
 * SIOCATMARK), unknown codes (WSAEOPNOTSUPP, count 0), FIONBIO 0 refused while event-selected,
 * SIO_ADDRESS_LIST_QUERY's sizes, SIO_ROUTING_INTERFACE_QUERY, and the values a fresh socket
 * reports.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <string.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    SOCKET s;
    u_long one = 1, zero = 0, value;
    DWORD size;
    struct tcp_keepalive ka;
    WSAEVENT ev;
    int ret;
    static const DWORD unknown[] = {0xdeadbeef, 0x667e};
    unsigned i;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

    CHECK_EQ(ioctlsocket(s, FIONBIO, NULL), SOCKET_ERROR, "FIONBIO with NULL fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(ioctlsocket(s, FIONREAD, NULL), SOCKET_ERROR, "FIONREAD with NULL fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(ioctlsocket(s, SIOCATMARK, NULL), SOCKET_ERROR, "SIOCATMARK with NULL fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");

    value = 0xdead;
    CHECK_EQ(ioctlsocket(s, FIONREAD, &value), 0, "FIONREAD on a fresh socket");
    CHECK_EQ(value, 0, "... 0 bytes");
    value = 0;
    CHECK_EQ(ioctlsocket(s, SIOCATMARK, &value), 0, "SIOCATMARK on a fresh socket");
    CHECK(value != 0, "... TRUE (no urgent data)");

    CHECK_EQ(WSAIoctl(s, FIONBIO, &one, sizeof(one), NULL, 0, NULL, NULL, NULL), SOCKET_ERROR,
             "WSAIoctl without lpcbBytesReturned fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    size = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(s, FIONBIO, &one, sizeof(one) - 1, NULL, 0, &size, NULL, NULL), SOCKET_ERROR,
             "FIONBIO with a 3-byte input fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    size = 0xdeadbeef;
    WSASetLastError(0xdead);
    CHECK_EQ(WSAIoctl(s, FIONBIO, &one, sizeof(one), NULL, 0, &size, NULL, NULL), 0, "WSAIoctl FIONBIO");
    CHECK_EQ(WSAGetLastError(), 0, "... clears the last error");
    CHECK_EQ(size, 0, "... returns 0 bytes");
    CHECK_EQ(WSAIoctl(s, FIONBIO, &one, sizeof(one) + 1, NULL, 0, &size, NULL, NULL), 0,
             "FIONBIO with a longer input succeeds");

    size = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof(value), &size, NULL, NULL), 0, "WSAIoctl FIONREAD");
    CHECK_EQ(size, sizeof(value), "... returns 4 bytes");
    CHECK_EQ(WSAIoctl(s, FIONREAD, NULL, 0, NULL, sizeof(value), &size, NULL, NULL), SOCKET_ERROR,
             "FIONREAD without an output buffer fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof(value) - 1, &size, NULL, NULL), SOCKET_ERROR,
             "FIONREAD with a 3-byte output fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    size = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(s, SIOCATMARK, NULL, 0, &value, sizeof(value), &size, NULL, NULL), 0, "WSAIoctl SIOCATMARK");
    CHECK_EQ(size, sizeof(value), "... returns 4 bytes");

    size = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, 0, NULL, 0, &size, NULL, NULL), SOCKET_ERROR,
             "SIO_KEEPALIVE_VALS with no input fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(size, 0, "... and sets the count to 0");
    size = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(s, SIO_KEEPALIVE_VALS, NULL, sizeof(ka), NULL, 0, &size, NULL, NULL), SOCKET_ERROR,
             "SIO_KEEPALIVE_VALS with a NULL input fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK_EQ(size, 0, "... and sets the count to 0");
    memset(&ka, 0, sizeof(ka));
    size = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof(ka), NULL, 0, &size, NULL, NULL), 0, "keepalive off");
    CHECK_EQ(size, 0, "... returns 0 bytes");
    CHECK_EQ(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof(ka), NULL, 0, NULL, NULL, NULL), SOCKET_ERROR,
             "SIO_KEEPALIVE_VALS without lpcbBytesReturned fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    ka.onoff = 1; ka.keepalivetime = 0; ka.keepaliveinterval = 0;
    CHECK_EQ(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof(ka), NULL, 0, &size, NULL, NULL), 0, "keepalive on, 0 ms");
    ka.keepalivetime = 100; ka.keepaliveinterval = 100;
    CHECK_EQ(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof(ka), NULL, 0, &size, NULL, NULL), 0, "keepalive on, 100 ms");
    ka.keepalivetime = 10000; ka.keepaliveinterval = 10000;
    CHECK_EQ(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof(ka), NULL, 0, &size, NULL, NULL), 0, "keepalive on, 10 s");
    ka.onoff = 0;
    CHECK_EQ(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof(ka), NULL, 0, &size, NULL, NULL), 0, "keepalive off again");

    for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
        size = 0xdeadbeef;
        CHECK_EQ(WSAIoctl(s, unknown[i], NULL, 0, NULL, 0, &size, NULL, NULL), SOCKET_ERROR, "an unknown code fails");
        CHECK_EQ(WSAGetLastError(), WSAEOPNOTSUPP, "... WSAEOPNOTSUPP");
        CHECK_EQ(size, 0, "... and sets the count to 0");
    }

    /* SIO_ADDRESS_LIST_QUERY: the size needed, WSAEINVAL for a buffer too small for the count */
    {
        char list[2048];
        DWORD needed = 0;
        CHECK_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, NULL, 0, &needed, NULL, NULL), SOCKET_ERROR,
                 "SIO_ADDRESS_LIST_QUERY without a buffer fails");
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
        CHECK(needed >= sizeof(void *), "... reporting the size needed");
        size = 0xdeadbeef;
        CHECK_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, list, 0, &size, NULL, NULL), SOCKET_ERROR,
                 "... with a 0-byte buffer fails");
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
        CHECK_EQ(size, needed, "... reporting the size needed");
        size = 0xdeadbeef;
        CHECK_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, list, 1, &size, NULL, NULL), SOCKET_ERROR,
                 "... with a 1-byte buffer fails");
        CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
        CHECK_EQ(size, 0, "... reporting 0 bytes");
        size = 0;
        WSASetLastError(0xdead);
        CHECK_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, list, sizeof(list), &size, NULL, NULL), 0,
                 "... with room succeeds");
        CHECK_EQ(WSAGetLastError(), 0, "... clearing the last error");
        CHECK_EQ(size, needed, "... writing the size it said");
    }

    /* SIO_ROUTING_INTERFACE_QUERY: the source address toward a destination */
    {
        SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        SOCKADDR_IN in, out;
        memset(&in, 0, sizeof(in));
        memset(&out, 0, sizeof(out));
        CHECK_EQ(WSAIoctl(u, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out), NULL, NULL, NULL),
                 SOCKET_ERROR, "SIO_ROUTING_INTERFACE_QUERY without lpcbBytesReturned fails");
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
        size = 0xdeadbeef;
        CHECK_EQ(WSAIoctl(u, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in) - 1, &out, sizeof(out), &size, NULL, NULL),
                 SOCKET_ERROR, "... with a short input fails");
        CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
        CHECK_EQ(size, 0xdeadbeef, "... the count left alone");
        CHECK_EQ(WSAIoctl(u, SIO_ROUTING_INTERFACE_QUERY, NULL, sizeof(in), &out, sizeof(out), &size, NULL, NULL),
                 SOCKET_ERROR, "... with no input fails");
        CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
        CHECK_EQ(WSAIoctl(u, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out), &size, NULL, NULL),
                 SOCKET_ERROR, "... with family 0 fails");
        CHECK_EQ(WSAGetLastError(), WSAEAFNOSUPPORT, "... WSAEAFNOSUPPORT");
        CHECK_EQ(size, 0xdeadbeef, "... the count left alone");
        in.sin_family = AF_INET;
        CHECK_EQ(WSAIoctl(u, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out), &size, NULL, NULL),
                 SOCKET_ERROR, "... toward 0.0.0.0 fails");
        CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
        in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        WSASetLastError(0xdead);
        CHECK_EQ(WSAIoctl(u, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out), &size, NULL, NULL), 0,
                 "... toward 127.0.0.1 succeeds");
        CHECK_EQ(WSAGetLastError(), 0, "... clearing the last error");
        CHECK_EQ(size, sizeof(out), "... 16 bytes");
        CHECK(out.sin_family == AF_INET && out.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "... from 127.0.0.1");
        size = 0xdeadbeef;
        CHECK_EQ(WSAIoctl(u, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out) - 1, &size, NULL, NULL),
                 SOCKET_ERROR, "... into 15 bytes fails");
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
        CHECK_EQ(size, sizeof(out), "... with the size needed");
        size = 0xdeadbeef;
        CHECK_EQ(WSAIoctl(u, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), NULL, sizeof(out), &size, NULL, NULL),
                 SOCKET_ERROR, "... with no output fails");
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
        CHECK_EQ(size, 0xdeadbeef, "... the count left alone");
        closesocket(u);
    }

    ev = WSACreateEvent();
    CHECK_EQ(WSAEventSelect(s, ev, FD_READ), 0, "event-select the socket");
    CHECK_EQ(WSAIoctl(s, FIONBIO, &one, sizeof(one), NULL, 0, &size, NULL, NULL), 0, "FIONBIO 1 while selected");
    CHECK_EQ(WSAIoctl(s, FIONBIO, &zero, sizeof(zero), NULL, 0, &size, NULL, NULL), SOCKET_ERROR,
             "FIONBIO 0 while selected fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");
    closesocket(s);
    WSACloseEvent(ev);

    CHECK_EQ(ioctlsocket(s, FIONBIO, &one), SOCKET_ERROR, "FIONBIO on a closed socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... WSAENOTSOCK");

    ret = check_done();
    WSACleanup();
    return ret;
}
