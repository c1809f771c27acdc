/*
 * The Microsoft extension functions through WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER), as a
 * legacy server loads them at start-up: every WSAID_* GUID gives a function, the mswsock exports
 * are the same functions, and bad requests fail the way Windows fails them (unknown GUID ->
 * WSAEINVAL, short or NULL buffers -> WSAEFAULT, not a socket -> WSAENOTSOCK). Also the
 * AcceptEx / ConnectEx / DisconnectEx argument checks that come before any I/O.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <string.h>
#include "check.h"

static void *get_pointer(SOCKET s, GUID id, int *err)
{
    void *fn = NULL;
    DWORD bytes = 0xdeadbeef;
    *err = 0;
    if (WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof id, &fn, sizeof fn, &bytes, NULL,
                 NULL) == SOCKET_ERROR) {
        *err = WSAGetLastError();
        return NULL;
    }
    if (bytes != sizeof fn)
        *err = -1;
    return fn;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET tcp, udp, listener, acceptor;
    GUID accept_id = WSAID_ACCEPTEX, addrs_id = WSAID_GETACCEPTEXSOCKADDRS, connect_id = WSAID_CONNECTEX,
         disconnect_id = WSAID_DISCONNECTEX, transmit_id = WSAID_TRANSMITFILE,
         packets_id = WSAID_TRANSMITPACKETS, recvmsg_id = WSAID_WSARECVMSG, sendmsg_id = WSAID_WSASENDMSG,
         poll_id = WSAID_WSAPOLL, bogus = {0x12345678, 0x1234, 0x5678, {1, 2, 3, 4, 5, 6, 7, 8}};
    LPFN_ACCEPTEX pAcceptEx;
    LPFN_GETACCEPTEXSOCKADDRS pGetAcceptExSockaddrs;
    LPFN_CONNECTEX pConnectEx;
    LPFN_DISCONNECTEX pDisconnectEx;
    LPFN_TRANSMITFILE pTransmitFile;
    LPFN_TRANSMITPACKETS pTransmitPackets;
    LPFN_WSARECVMSG pWSARecvMsg;
    LPFN_WSASENDMSG pWSASendMsg;
    void *fn;
    DWORD bytes;
    int err;
    char buffer[256];
    SOCKADDR_IN sin, any;
    OVERLAPPED ov;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    tcp = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    udp = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(tcp != INVALID_SOCKET && udp != INVALID_SOCKET, "sockets");

    pAcceptEx = (LPFN_ACCEPTEX)get_pointer(tcp, accept_id, &err);
    CHECK(pAcceptEx != NULL && err == 0, "WSAID_ACCEPTEX gives AcceptEx (and a pointer's size)");
    pGetAcceptExSockaddrs = (LPFN_GETACCEPTEXSOCKADDRS)get_pointer(tcp, addrs_id, &err);
    CHECK(pGetAcceptExSockaddrs != NULL && err == 0, "WSAID_GETACCEPTEXSOCKADDRS");
    pConnectEx = (LPFN_CONNECTEX)get_pointer(tcp, connect_id, &err);
    CHECK(pConnectEx != NULL && err == 0, "WSAID_CONNECTEX");
    pDisconnectEx = (LPFN_DISCONNECTEX)get_pointer(tcp, disconnect_id, &err);
    CHECK(pDisconnectEx != NULL && err == 0, "WSAID_DISCONNECTEX");
    pTransmitFile = (LPFN_TRANSMITFILE)get_pointer(tcp, transmit_id, &err);
    CHECK(pTransmitFile != NULL && err == 0, "WSAID_TRANSMITFILE");
    pTransmitPackets = (LPFN_TRANSMITPACKETS)get_pointer(tcp, packets_id, &err);
    CHECK(pTransmitPackets != NULL && err == 0, "WSAID_TRANSMITPACKETS");
    pWSARecvMsg = (LPFN_WSARECVMSG)get_pointer(udp, recvmsg_id, &err);
    CHECK(pWSARecvMsg != NULL && err == 0, "WSAID_WSARECVMSG (on a UDP socket)");
    pWSASendMsg = (LPFN_WSASENDMSG)get_pointer(udp, sendmsg_id, &err);
    CHECK(pWSASendMsg != NULL && err == 0, "WSAID_WSASENDMSG");
    fn = get_pointer(udp, poll_id, &err);
    CHECK(fn != NULL && err == 0, "WSAID_WSAPOLL");

    /* The exported functions are the ones handed out. */
    CHECK(pAcceptEx == AcceptEx, "the AcceptEx pointer is mswsock's AcceptEx");
    CHECK(pGetAcceptExSockaddrs == GetAcceptExSockaddrs, "... GetAcceptExSockaddrs");
    CHECK(pTransmitFile == TransmitFile, "... TransmitFile");

    /* With an OVERLAPPED the request completes at once. */
    {
        WSAOVERLAPPED wov;
        void *again = NULL;
        memset(&wov, 0, sizeof wov);
        wov.hEvent = WSACreateEvent();
        CHECK(WSAIoctl(tcp, SIO_GET_EXTENSION_FUNCTION_POINTER, &accept_id, sizeof accept_id, &again, sizeof again,
                       &bytes, &wov, NULL) == 0 &&
                  again == (void *)pAcceptEx,
              "WSAIoctl with an OVERLAPPED hands out AcceptEx at once");
        WSACloseEvent(wov.hEvent);
    }

    /* Bad requests. */
    fn = get_pointer(tcp, bogus, &err);
    CHECK(fn == NULL && err == WSAEINVAL, "an unknown GUID fails with WSAEINVAL");
    bytes = 0;
    CHECK(WSAIoctl(tcp, SIO_GET_EXTENSION_FUNCTION_POINTER, &accept_id, sizeof accept_id - 1, &fn, sizeof fn,
                   &bytes, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "a GUID buffer one byte short: WSAEFAULT");
    CHECK(WSAIoctl(tcp, SIO_GET_EXTENSION_FUNCTION_POINTER, NULL, sizeof accept_id, &fn, sizeof fn, &bytes,
                   NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "a NULL GUID: WSAEFAULT");
    CHECK(WSAIoctl(tcp, SIO_GET_EXTENSION_FUNCTION_POINTER, &accept_id, sizeof accept_id, &fn, sizeof fn - 1,
                   &bytes, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "an output buffer smaller than a pointer: WSAEFAULT");
    CHECK(WSAIoctl(tcp, SIO_GET_EXTENSION_FUNCTION_POINTER, &accept_id, sizeof accept_id, NULL, sizeof fn,
                   &bytes, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "a NULL output buffer: WSAEFAULT");
    CHECK(WSAIoctl(INVALID_SOCKET, SIO_GET_EXTENSION_FUNCTION_POINTER, &accept_id, sizeof accept_id, &fn,
                   sizeof fn, &bytes, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAENOTSOCK,
          "not a socket: WSAENOTSOCK");

    /* AcceptEx's checks before it waits for anything. */
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    acceptor = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(listener, (SOCKADDR *)&sin, sizeof sin) == 0, "bind the listener");
    memset(&ov, 0, sizeof ov);
    ov.Internal = 0xdeadbeef;
    CHECK(!pAcceptEx(INVALID_SOCKET, acceptor, buffer, 0, sizeof(SOCKADDR_IN) + 16, sizeof(SOCKADDR_IN) + 16,
                     &bytes, &ov) &&
              WSAGetLastError() == WSAENOTSOCK,
          "AcceptEx on an invalid listening socket: WSAENOTSOCK");
    CHECK(ov.Internal == 0x103, "... and OVERLAPPED.Internal is STATUS_PENDING all the same");
    CHECK(!pAcceptEx(listener, acceptor, buffer, 0, sizeof(SOCKADDR_IN) + 16, sizeof(SOCKADDR_IN) + 16, &bytes,
                     &ov) &&
              WSAGetLastError() == WSAEINVAL,
          "AcceptEx on a socket that does not listen: WSAEINVAL");
    REQUIRE(listen(listener, 5) == 0, "listen");
    CHECK(!pAcceptEx(listener, INVALID_SOCKET, buffer, 0, sizeof(SOCKADDR_IN) + 16, sizeof(SOCKADDR_IN) + 16,
                     &bytes, &ov) &&
              WSAGetLastError() == WSAENOTSOCK,
          "AcceptEx into an invalid accept socket: WSAENOTSOCK");
    CHECK(!pAcceptEx(listener, acceptor, buffer, 0, sizeof(SOCKADDR_IN) + 16, sizeof(SOCKADDR_IN) + 16, &bytes,
                     NULL) &&
              WSAGetLastError() == WSA_INVALID_PARAMETER,
          "AcceptEx without an OVERLAPPED: ERROR_INVALID_PARAMETER (it is overlapped only)");
    CHECK(!pAcceptEx(listener, acceptor, buffer, 0, 0, 0, &bytes, NULL) &&
              WSAGetLastError() == WSA_INVALID_PARAMETER,
          "... even with no room for addresses");
    CHECK(!pAcceptEx(listener, acceptor, NULL, 0, sizeof(SOCKADDR_IN) + 16, sizeof(SOCKADDR_IN) + 16, &bytes,
                     &ov) &&
              WSAGetLastError() == WSAEFAULT,
          "AcceptEx with a NULL output buffer: WSAEFAULT");
    CHECK(!pAcceptEx(listener, acceptor, buffer, 0, sizeof(SOCKADDR_IN) + 16, 0, &bytes, &ov) &&
              WSAGetLastError() == WSAEFAULT,
          "AcceptEx with no room for the remote address: WSAEFAULT");
    CHECK(!pAcceptEx(listener, udp, buffer, 0, sizeof(SOCKADDR_IN) + 16, sizeof(SOCKADDR_IN) + 16, &bytes,
                     &ov) &&
              WSAGetLastError() == WSAEINVAL,
          "a UDP socket cannot be accepted into: WSAEINVAL");
    memset(&any, 0, sizeof any);
    any.sin_family = AF_INET;
    any.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(tcp, (SOCKADDR *)&any, sizeof any) == 0, "bind a second TCP socket");
    CHECK(!pAcceptEx(listener, tcp, buffer, 0, sizeof(SOCKADDR_IN) + 16, sizeof(SOCKADDR_IN) + 16, &bytes, &ov) &&
              WSAGetLastError() == WSAEINVAL,
          "a bound socket cannot be accepted into: WSAEINVAL");

    /* ConnectEx: only on a bound socket. */
    {
        SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        int len = sizeof sin;
        REQUIRE(getsockname(listener, (SOCKADDR *)&sin, &len) == 0, "the listener's address");
        CHECK(!pConnectEx(c, (SOCKADDR *)&sin, sizeof sin, NULL, 0, &bytes, &ov) &&
                  WSAGetLastError() == WSAEINVAL,
              "ConnectEx on an unbound socket: WSAEINVAL");
        CHECK(!pConnectEx(c, NULL, sizeof sin, NULL, 0, &bytes, &ov) && WSAGetLastError() == WSAEFAULT,
              "ConnectEx to a NULL address: WSAEFAULT");
        CHECK(!pConnectEx(INVALID_SOCKET, (SOCKADDR *)&sin, sizeof sin, NULL, 0, &bytes, &ov) &&
                  WSAGetLastError() == WSAENOTSOCK,
              "ConnectEx on an invalid socket: WSAENOTSOCK");
        CHECK(!pConnectEx(listener, (SOCKADDR *)&sin, sizeof sin, NULL, 0, &bytes, &ov) &&
                  WSAGetLastError() == WSAEINVAL,
              "ConnectEx on a listening socket: WSAEINVAL");
        closesocket(c);
    }

    /* DisconnectEx: a connected socket only. */
    CHECK(!pDisconnectEx(INVALID_SOCKET, NULL, 0, 0) && WSAGetLastError() == WSAENOTSOCK,
          "DisconnectEx on an invalid socket: WSAENOTSOCK");
    CHECK(!pDisconnectEx(acceptor, NULL, 0, 0) && WSAGetLastError() == WSAENOTCONN,
          "DisconnectEx on an unconnected socket: WSAENOTCONN");

    /* TransmitFile / WSARecvMsg / WSASendMsg refusals. */
    CHECK(!pTransmitFile(INVALID_SOCKET, NULL, 0, 0, NULL, NULL, 0) && WSAGetLastError() == WSAENOTSOCK,
          "TransmitFile on an invalid socket: WSAENOTSOCK");
    CHECK(!pTransmitFile(acceptor, NULL, 0, 0, NULL, NULL, TF_REUSE_SOCKET) && WSAGetLastError() == WSAENOTCONN,
          "TransmitFile on an unconnected socket: WSAENOTCONN");
    CHECK(!pTransmitFile(udp, NULL, 0, 0, NULL, NULL, 0) && WSAGetLastError() == WSAENOTCONN,
          "TransmitFile on a UDP socket: WSAENOTCONN");
    CHECK(pWSARecvMsg(udp, NULL, &bytes, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "WSARecvMsg with a NULL WSAMSG: WSAEFAULT");
    CHECK(pWSASendMsg(udp, NULL, 0, &bytes, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "WSASendMsg with a NULL WSAMSG: WSAEFAULT");
    CHECK(pWSARecvMsg(INVALID_SOCKET, NULL, &bytes, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAENOTSOCK,
          "WSARecvMsg on an invalid socket: WSAENOTSOCK");

    closesocket(listener);
    closesocket(acceptor);
    closesocket(tcp);
    closesocket(udp);
    WSACleanup();
    return check_done();
}
