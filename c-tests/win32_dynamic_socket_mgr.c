/*
 * A socket manager that links nothing from Winsock and loads it at run time, the way
 * portable libraries built into Windows guest tools and services do: LoadLibrary("ws2_32.dll"),
 * then GetProcAddress of every call it uses into typedef'd WSAAPI pointers, the byte-order
 * helpers htons, htonl, ntohl, ntohs and inet_ntoa among them (ws2_32.dll exports them),
 * giving up when any one is missing; then a loopback connection made only through those pointers, with
 * WSAEventSelect/WSAEnumNetworkEvents on the accepted socket and ioctlsocket(FIONBIO).
 * A lookup that returns NULL for one name makes the whole library refuse to start.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <string.h>
#include "check.h"

typedef int(WSAAPI *WSAStartupProcType)(WORD, LPWSADATA);
typedef WSAEVENT(WSAAPI *WSACreateEventProcType)(void);
typedef int(WSAAPI *WSAGetLastErrorProcType)(void);
typedef BOOL(WSAAPI *WSACloseEventProcType)(WSAEVENT);
typedef int(WSAAPI *WSAEventSelectProcType)(SOCKET, WSAEVENT, long);
typedef int(WSAAPI *WSAEnumNetworkEventsProcType)(SOCKET, WSAEVENT, LPWSANETWORKEVENTS);
typedef u_long(WSAAPI *NtohlProcType)(u_long);
typedef u_long(WSAAPI *HtonlProcType)(u_long);
typedef u_short(WSAAPI *HtonsProcType)(u_short);
typedef u_short(WSAAPI *NtohsProcType)(u_short);
typedef int(WSAAPI *GetaddrinfoProcType)(const char *, const char *, const struct addrinfo *,
                                         struct addrinfo **);
typedef void(WSAAPI *FreeaddrinfoProcType)(struct addrinfo *);
typedef int(WSAAPI *ClosesocketProcType)(SOCKET);
typedef int(WSAAPI *ConnectProcType)(SOCKET, const struct sockaddr *, int);
typedef SOCKET(WSAAPI *SocketProcType)(int, int, int);
typedef int(WSAAPI *ListenProcType)(SOCKET, int);
typedef int(WSAAPI *BindProcType)(SOCKET, const struct sockaddr *, int);
typedef SOCKET(WSAAPI *AcceptProcType)(SOCKET, struct sockaddr *, int *);
typedef int(WSAAPI *SendProcType)(SOCKET, const char *, int, int);
typedef int(WSAAPI *RecvProcType)(SOCKET, char *, int, int);
typedef int(WSAAPI *IoctlsocketProcType)(SOCKET, long, u_long *);
typedef int(WSAAPI *GetsocknameProcType)(SOCKET, struct sockaddr *, int *);
typedef char *(WSAAPI *InetNtoaProcType)(struct in_addr);

static WSAStartupProcType pfnWSAStartup;
static WSACreateEventProcType pfnWSACreateEvent;
static WSAGetLastErrorProcType pfnWSAGetLastError;
static WSACloseEventProcType pfnWSACloseEvent;
static WSAEventSelectProcType pfnWSAEventSelect;
static WSAEnumNetworkEventsProcType pfnWSAEnumNetworkEvents;
static NtohlProcType pfnNtohl;
static HtonlProcType pfnHtonl;
static HtonsProcType pfnHtons;
static NtohsProcType pfnNtohs;
static GetaddrinfoProcType pfnGetaddrinfo;
static FreeaddrinfoProcType pfnFreeaddrinfo;
static ClosesocketProcType pfnClosesocket;
static ConnectProcType pfnConnect;
static SocketProcType pfnSocket;
static ListenProcType pfnListen;
static BindProcType pfnBind;
static AcceptProcType pfnAccept;
static SendProcType pfnSend;
static RecvProcType pfnRecv;
static IoctlsocketProcType pfnIoctlsocket;
static GetsocknameProcType pfnGetsockname;
static InetNtoaProcType pfnInetNtoa;

#define LOAD(var, type, name)                                                                  \
    do {                                                                                       \
        var = (type)(void (*)(void))GetProcAddress(ws2, name);                                 \
        CHECK(var != NULL, "GetProcAddress(ws2_32, \"" name "\")");                            \
        if (var == NULL)                                                                       \
            ok = FALSE;                                                                        \
    } while (0)

/* The library's init: every function or nothing. */
static BOOL socket_mgr_init(void)
{
    HMODULE ws2 = LoadLibrary("ws2_32.dll");
    WSADATA wsa;
    BOOL ok = TRUE;

    if (ws2 == NULL)
        return FALSE;
    LOAD(pfnWSAStartup, WSAStartupProcType, "WSAStartup");
    LOAD(pfnWSACreateEvent, WSACreateEventProcType, "WSACreateEvent");
    LOAD(pfnWSAGetLastError, WSAGetLastErrorProcType, "WSAGetLastError");
    LOAD(pfnWSACloseEvent, WSACloseEventProcType, "WSACloseEvent");
    LOAD(pfnWSAEventSelect, WSAEventSelectProcType, "WSAEventSelect");
    LOAD(pfnWSAEnumNetworkEvents, WSAEnumNetworkEventsProcType, "WSAEnumNetworkEvents");
    LOAD(pfnNtohl, NtohlProcType, "ntohl");
    LOAD(pfnHtonl, HtonlProcType, "htonl");
    LOAD(pfnHtons, HtonsProcType, "htons");
    LOAD(pfnNtohs, NtohsProcType, "ntohs");
    LOAD(pfnGetaddrinfo, GetaddrinfoProcType, "getaddrinfo");
    LOAD(pfnFreeaddrinfo, FreeaddrinfoProcType, "freeaddrinfo");
    LOAD(pfnClosesocket, ClosesocketProcType, "closesocket");
    LOAD(pfnConnect, ConnectProcType, "connect");
    LOAD(pfnSocket, SocketProcType, "socket");
    LOAD(pfnListen, ListenProcType, "listen");
    LOAD(pfnBind, BindProcType, "bind");
    LOAD(pfnAccept, AcceptProcType, "accept");
    LOAD(pfnSend, SendProcType, "send");
    LOAD(pfnRecv, RecvProcType, "recv");
    LOAD(pfnIoctlsocket, IoctlsocketProcType, "ioctlsocket");
    LOAD(pfnGetsockname, GetsocknameProcType, "getsockname");
    LOAD(pfnInetNtoa, InetNtoaProcType, "inet_ntoa");
    if (!ok)
        return FALSE;
    return pfnWSAStartup(MAKEWORD(2, 0), &wsa) == 0;
}

static void test_byte_order(void)
{
    CHECK_EQ((long)pfnHtons(0x1234), (long)htons(0x1234), "htons through the pointer");
    CHECK_EQ((long)pfnNtohs(htons(0xBEEF)), 0xBEEFL, "ntohs undoes htons");
    CHECK(pfnHtonl(0x7F000001UL) == htonl(0x7F000001UL), "htonl through the pointer");
    CHECK(pfnNtohl(htonl(0xC0A80001UL)) == 0xC0A80001UL, "ntohl undoes htonl");
    CHECK(((const unsigned char *)&(u_short){pfnHtons(0x0102)})[0] == 1,
          "htons puts the high byte first");
}

static void test_connection(void)
{
    struct addrinfo hints, *ai = NULL;
    struct sockaddr_in addr;
    int len = sizeof(addr);
    SOCKET listener, client, server;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    u_long nonblocking = 1;
    char buf[16];
    int n;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST;
    REQUIRE(pfnGetaddrinfo("127.0.0.1", "0", &hints, &ai) == 0 && ai != NULL,
            "getaddrinfo through the pointer");
    listener = pfnSocket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    REQUIRE(listener != INVALID_SOCKET, "socket through the pointer");
    CHECK(pfnBind(listener, ai->ai_addr, (int)ai->ai_addrlen) == 0, "bind");
    pfnFreeaddrinfo(ai);
    CHECK(pfnListen(listener, SOMAXCONN) == 0, "listen");
    CHECK(pfnGetsockname(listener, (struct sockaddr *)&addr, &len) == 0, "getsockname");
    CHECK(pfnNtohs(addr.sin_port) != 0, "the listener has a port");
    CHECK(pfnNtohl(addr.sin_addr.s_addr) == 0x7F000001UL, "on 127.0.0.1");
    CHECK(strcmp(pfnInetNtoa(addr.sin_addr), "127.0.0.1") == 0, "inet_ntoa through the pointer");
    addr.sin_addr.s_addr = pfnHtonl(0xC0A8FF0AUL);
    CHECK(strcmp(pfnInetNtoa(addr.sin_addr), "192.168.255.10") == 0, "... of another address");

    client = pfnSocket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(client != INVALID_SOCKET, "client socket");
    addr.sin_addr.s_addr = pfnHtonl(INADDR_LOOPBACK);
    CHECK(pfnConnect(client, (struct sockaddr *)&addr, sizeof(addr)) == 0, "connect");
    server = pfnAccept(listener, NULL, NULL);
    REQUIRE(server != INVALID_SOCKET, "accept");

    ev = pfnWSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT, "WSACreateEvent");
    CHECK(pfnWSAEventSelect(server, ev, FD_READ | FD_CLOSE) == 0, "WSAEventSelect");
    CHECK(pfnIoctlsocket(server, FIONBIO, &nonblocking) == 0,
          "ioctlsocket(FIONBIO, 1) under WSAEventSelect succeeds");
    nonblocking = 0;
    CHECK(pfnIoctlsocket(server, FIONBIO, &nonblocking) == SOCKET_ERROR &&
              pfnWSAGetLastError() == WSAEINVAL,
          "but making it blocking again fails with WSAEINVAL");
    CHECK(pfnSend(client, "ping", 4, 0) == 4, "send");
    CHECK(WaitForSingleObject(ev, 5000) == WAIT_OBJECT_0, "FD_READ signals the event");
    CHECK(pfnWSAEnumNetworkEvents(server, ev, &ne) == 0 && (ne.lNetworkEvents & FD_READ),
          "WSAEnumNetworkEvents reports FD_READ");
    n = pfnRecv(server, buf, sizeof(buf), 0);
    CHECK(n == 4 && memcmp(buf, "ping", 4) == 0, "recv gets the bytes");
    n = pfnRecv(server, buf, sizeof(buf), 0);
    CHECK(n == SOCKET_ERROR && pfnWSAGetLastError() == WSAEWOULDBLOCK,
          "the event-selected socket is non-blocking: WSAEWOULDBLOCK");

    pfnClosesocket(client);
    pfnClosesocket(server);
    pfnClosesocket(listener);
    pfnWSACloseEvent(ev);
}

int main(void)
{
    REQUIRE(socket_mgr_init(), "the socket manager loads every Winsock function it needs");
    test_byte_order();
    test_connection();
    return check_done();
}
