/* ws2mp-test: posix needs-root */ /* a private network namespace (unshare) */
/*
 * A Winsock program told when this host's addresses change, in a private network namespace
 * whose addresses the test changes itself (`ip addr add` / `del`, a veth pair; nothing leaves
 * the namespace): an overlapped WSAIoctl(SIO_ADDRESS_LIST_CHANGE) completes through its event,
 * through a completion port and through a completion routine; an IPv6 socket's request waits
 * for an IPv6 change; a blocking call returns at the change; a non-blocking socket selected
 * for FD_ADDRESS_LIST_CHANGE gets the event (WSAEventSelect) or the message (WSAAsyncSelect);
 * NotifyAddrChange, NotifyRouteChange and SIO_ROUTING_INTERFACE_CHANGE complete;
 * NotifyIpInterfaceChange and NotifyUnicastIpAddressChange call back with the interfaces and
 * the address that come and go.
 */
#define _GNU_SOURCE 1
#include "mcast.h"
#include <windows.h>
#include <iphlpapi.h>

static volatile LONG routine_calls;
static volatile DWORD routine_error;

static void CALLBACK on_change(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)bytes;
    (void)ov;
    (void)flags;
    routine_error = error;
    InterlockedIncrement(&routine_calls);
}

/* What the IP Helper callbacks saw. */
static HANDLE seen_event;
static volatile LONG if_added[8];
static volatile LONG if_added_count;
static volatile LONG addr_added;
static volatile LONG if_deleted;
static volatile LONG addr_deleted;
static HANDLE gone_event;

static void NETIOAPI_API_ on_interface(PVOID context, PMIB_IPINTERFACE_ROW row, MIB_NOTIFICATION_TYPE type)
{
    (void)context;
    if (type == MibAddInstance && row != NULL && row->Family == AF_INET) {
        LONG i = InterlockedIncrement(&if_added_count) - 1;
        if (i < 8)
            if_added[i] = (LONG)row->InterfaceIndex;
        SetEvent(seen_event);
    }
    if (type == MibDeleteInstance && row != NULL && row->Family == AF_INET &&
        row->InterfaceIndex == (NET_IFINDEX)if_added[0]) {
        InterlockedExchange(&if_deleted, 1);
        SetEvent(gone_event);
    }
}

/* Whether the interface callback reported `index` as added. */
static int interface_added(LONG index)
{
    LONG i;
    for (i = 0; i < if_added_count && i < 8; i++)
        if (if_added[i] == index)
            return 1;
    return 0;
}

static void NETIOAPI_API_ on_address(PVOID context, PMIB_UNICASTIPADDRESS_ROW row, MIB_NOTIFICATION_TYPE type)
{
    (void)context;
    if (type == MibAddInstance && row != NULL && row->Address.si_family == AF_INET &&
        row->Address.Ipv4.sin_addr.s_addr == inet_addr("10.55.6.1")) {
        InterlockedExchange(&addr_added, (LONG)row->InterfaceIndex);
        SetEvent(seen_event);
    }
    if (type == MibDeleteInstance && row != NULL && row->Address.si_family == AF_INET &&
        row->Address.Ipv4.sin_addr.s_addr == inet_addr("10.55.6.1")) {
        InterlockedExchange(&addr_deleted, 1);
        SetEvent(gone_event);
    }
}

/* Adds an address after a pause, while the main thread blocks. */
static DWORD WINAPI add_later(LPVOID arg)
{
    Sleep(300);
    run_cmd("ip addr add %s dev mc0", (const char *)arg);
    return 0;
}

static SOCKET udp(int af)
{
    return WSASocket(af, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
}

int main(void)
{
    WSADATA wsa;
    WSAOVERLAPPED ov, ov6, *done = NULL;
    OVERLAPPED nov;
    WSANETWORKEVENTS ne;
    SOCKET s, s6, sp, sb, se;
    HANDLE port, h = NULL, reg = NULL, thread;
    WSAEVENT ev;
    DWORD bytes = 0, flags = 0, n = 0;
    ULONG_PTR key = 0;
    SOCKADDR_IN to;
    WNDCLASS wc;
    HWND hwnd;
    MSG msg;
    SOCKET sa;
    int i, got_message;

    private_netns();
    /* The kernel gives mc0 a link-local IPv6 address whose duplicate address detection ends a
     * second or two later, a change of the IPv6 list the test did not make: it goes first. */
    REQUIRE(run_cmd("ip -6 addr flush dev mc0 scope link"), "mc0's link-local address is removed");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    /* 1. The book's addrquery: an overlapped request waited on through its event. */
    s = udp(AF_INET);
    s6 = udp(AF_INET6);
    REQUIRE(s != INVALID_SOCKET && s6 != INVALID_SOCKET, "IPv4 and IPv6 UDP sockets");
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    memset(&ov6, 0, sizeof(ov6));
    ov6.hEvent = WSACreateEvent();
    CHECK(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &bytes, &ov, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSA_IO_PENDING,
          "SIO_ADDRESS_LIST_CHANGE on the IPv4 socket is pending");
    CHECK(WSAIoctl(s6, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &bytes, &ov6, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSA_IO_PENDING,
          "SIO_ADDRESS_LIST_CHANGE on the IPv6 socket is pending");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 200, FALSE), WSA_WAIT_TIMEOUT,
             "nothing completes before an address changes");
    REQUIRE(run_cmd("ip addr add 10.55.1.1/24 dev mc0"), "ip addr add 10.55.1.1/24");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0,
             "the IPv4 request completes at the new IPv4 address");
    CHECK(WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags), "... successfully");
    CHECK_EQ(bytes, 0, "... with 0 bytes");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ov6.hEvent, FALSE, 300, FALSE), WSA_WAIT_TIMEOUT,
             "the IPv6 request still waits: the IPv6 list did not change");
    REQUIRE(run_cmd("ip -6 addr add fd56::1/64 dev mc0 nodad"), "ip -6 addr add fd56::1/64");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ov6.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0,
             "the IPv6 request completes at the new IPv6 address");
    CHECK(WSAGetOverlappedResult(s6, &ov6, &bytes, FALSE, &flags), "... successfully");

    /* 2. Through a completion port. */
    sp = udp(AF_INET);
    port = CreateIoCompletionPort((HANDLE)sp, NULL, 7, 0);
    REQUIRE(port != NULL, "a socket associated with a completion port");
    memset(&ov, 0, sizeof(ov));
    CHECK(WSAIoctl(sp, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &bytes, &ov, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSA_IO_PENDING,
          "a request on the port's socket is pending");
    CHECK(!GetQueuedCompletionStatus(port, &n, &key, (LPOVERLAPPED *)&done, 200) && GetLastError() == WAIT_TIMEOUT,
          "no packet before the change");
    REQUIRE(run_cmd("ip addr add 10.55.2.1/24 dev mc0"), "ip addr add 10.55.2.1/24");
    CHECK(GetQueuedCompletionStatus(port, &n, &key, (LPOVERLAPPED *)&done, 5000), "the port gets the completion");
    CHECK(key == 7 && done == &ov && n == 0, "... with the socket's key, the OVERLAPPED and 0 bytes");
    CloseHandle(port);

    /* 3. Through a completion routine, at an address removed. */
    memset(&ov, 0, sizeof(ov));
    CHECK(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &bytes, &ov, on_change) == SOCKET_ERROR &&
              WSAGetLastError() == WSA_IO_PENDING,
          "a request with a completion routine is pending");
    REQUIRE(run_cmd("ip addr del 10.55.1.1/24 dev mc0"), "ip addr del 10.55.1.1/24");
    CHECK_EQ(SleepEx(5000, TRUE), WAIT_IO_COMPLETION, "the routine runs in an alertable wait");
    CHECK(routine_calls == 1 && routine_error == 0, "... once, successfully");

    /* 4. A blocking call returns at the change. */
    sb = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    thread = CreateThread(NULL, 0, add_later, (LPVOID) "10.55.3.1/24", 0, NULL);
    REQUIRE(thread != NULL, "a thread that adds an address later");
    CHECK_EQ(WSAIoctl(sb, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &bytes, NULL, NULL), 0,
             "the blocking SIO_ADDRESS_LIST_CHANGE returns 0 at the change");
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);

    /* 5. WSAEventSelect(FD_ADDRESS_LIST_CHANGE) on a non-blocking socket. */
    se = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    ev = WSACreateEvent();
    CHECK_EQ(WSAEventSelect(se, ev, FD_ADDRESS_LIST_CHANGE), 0, "WSAEventSelect(FD_ADDRESS_LIST_CHANGE)");
    CHECK(WSAIoctl(se, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &bytes, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEWOULDBLOCK,
          "SIO_ADDRESS_LIST_CHANGE on the selected socket: WSAEWOULDBLOCK");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 200, FALSE), WSA_WAIT_TIMEOUT, "no event before the change");
    REQUIRE(run_cmd("ip addr add 10.55.4.1/24 dev mc0"), "ip addr add 10.55.4.1/24");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0, "the change sets the event");
    CHECK_EQ(WSAEnumNetworkEvents(se, ev, &ne), 0, "WSAEnumNetworkEvents");
    CHECK(ne.lNetworkEvents & FD_ADDRESS_LIST_CHANGE, "... FD_ADDRESS_LIST_CHANGE is recorded");
    CHECK_EQ(ne.iErrorCode[FD_ADDRESS_LIST_CHANGE_BIT], 0, "... with no error");

    /* 5b. WSAAsyncSelect(FD_ADDRESS_LIST_CHANGE): the change arrives as a window message. */
    memset(&wc, 0, sizeof(wc));
    wc.lpfnWndProc = DefWindowProc;
    wc.lpszClassName = TEXT("addr_change_netns");
    REQUIRE(RegisterClass(&wc) != 0, "a window class");
    hwnd = CreateWindow(TEXT("addr_change_netns"), NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    REQUIRE(hwnd != NULL, "a message-only window");
    sa = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    CHECK_EQ(WSAAsyncSelect(sa, hwnd, WM_USER + 1, FD_ADDRESS_LIST_CHANGE), 0, "WSAAsyncSelect(FD_ADDRESS_LIST_CHANGE)");
    CHECK(WSAIoctl(sa, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &bytes, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEWOULDBLOCK,
          "SIO_ADDRESS_LIST_CHANGE on the socket: WSAEWOULDBLOCK");
    REQUIRE(run_cmd("ip addr add 10.55.7.1/24 dev mc0"), "ip addr add 10.55.7.1/24");
    got_message = 0;
    for (i = 0; i < 500 && !got_message; i++) {
        while (PeekMessage(&msg, NULL, 0, 0, PM_REMOVE))
            if (msg.message == WM_USER + 1 && msg.wParam == (WPARAM)sa &&
                WSAGETSELECTEVENT(msg.lParam) == FD_ADDRESS_LIST_CHANGE && WSAGETSELECTERROR(msg.lParam) == 0)
                got_message = 1;
        if (!got_message)
            Sleep(10);
    }
    CHECK(got_message, "the window gets FD_ADDRESS_LIST_CHANGE for the socket");
    closesocket(sa);
    DestroyWindow(hwnd);

    /* 6. NotifyAddrChange and NotifyRouteChange. */
    memset(&nov, 0, sizeof(nov));
    nov.hEvent = CreateEvent(NULL, TRUE, FALSE, NULL);
    CHECK_EQ(NotifyAddrChange(&h, &nov), ERROR_IO_PENDING, "NotifyAddrChange: ERROR_IO_PENDING");
    CHECK_EQ(WaitForSingleObject(nov.hEvent, 200), WAIT_TIMEOUT, "no change yet");
    REQUIRE(run_cmd("ip addr add 10.55.5.1/24 dev mc0"), "ip addr add 10.55.5.1/24");
    CHECK_EQ(WaitForSingleObject(nov.hEvent, 5000), WAIT_OBJECT_0, "the change sets the OVERLAPPED's event");
    CHECK_EQ(WaitForSingleObject(h, 0), WAIT_OBJECT_0, "... and the handle");
    CHECK(GetOverlappedResult(h, &nov, &n, FALSE), "GetOverlappedResult: TRUE");
    ResetEvent(nov.hEvent);
    CHECK_EQ(NotifyRouteChange(&h, &nov), ERROR_IO_PENDING, "NotifyRouteChange: ERROR_IO_PENDING");
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    memset(&to, 0, sizeof(to));
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = inet_addr("10.66.0.1");
    CHECK(WSAIoctl(s, SIO_ROUTING_INTERFACE_CHANGE, &to, sizeof(to), NULL, 0, &bytes, &ov, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSA_IO_PENDING,
          "SIO_ROUTING_INTERFACE_CHANGE toward 10.66.0.1 is pending");
    REQUIRE(run_cmd("ip route add 10.66.0.0/16 dev mc0"), "ip route add 10.66.0.0/16");
    CHECK_EQ(WaitForSingleObject(nov.hEvent, 5000), WAIT_OBJECT_0, "the new route completes NotifyRouteChange");
    CHECK(GetOverlappedResult(h, &nov, &n, FALSE), "... successfully");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0,
             "... and SIO_ROUTING_INTERFACE_CHANGE");
    CHECK(WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags), "... successfully");
    CloseHandle(nov.hEvent);
    thread = CreateThread(NULL, 0, add_later, (LPVOID) "10.55.8.1/24", 0, NULL);
    REQUIRE(thread != NULL, "a thread that adds an address later");
    CHECK_EQ(NotifyAddrChange(NULL, NULL), NO_ERROR, "NotifyAddrChange(NULL, NULL) returns NO_ERROR at the change");
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);

    /* 7. NotifyIpInterfaceChange: a new interface. */
    seen_event = CreateEvent(NULL, FALSE, FALSE, NULL);
    gone_event = CreateEvent(NULL, FALSE, FALSE, NULL);
    CHECK_EQ(NotifyIpInterfaceChange(AF_INET, on_interface, NULL, FALSE, &reg), NO_ERROR,
             "NotifyIpInterfaceChange(AF_INET)");
    REQUIRE(run_cmd("ip link add wsv0 type veth peer name wsv1"), "ip link add wsv0 type veth peer name wsv1");
    CHECK_EQ(WaitForSingleObject(seen_event, 5000), WAIT_OBJECT_0, "the callback is told of the new interfaces");
    Sleep(200);
    CHECK(interface_added((LONG)if_nametoindex("wsv0")), "... MibAddInstance with wsv0's index");
    CHECK(interface_added((LONG)if_nametoindex("wsv1")), "... and with wsv1's");
    REQUIRE(run_cmd("ip link del wsv0"), "ip link del wsv0");
    CHECK_EQ(WaitForSingleObject(gone_event, 5000), WAIT_OBJECT_0, "the callback is told the interface went");
    CHECK_EQ(if_deleted, 1, "... MibDeleteInstance with its index");
    CHECK_EQ(CancelMibChangeNotify2(reg), NO_ERROR, "CancelMibChangeNotify2");

    /* 8. NotifyUnicastIpAddressChange: a new address. */
    CHECK_EQ(NotifyUnicastIpAddressChange(AF_INET, on_address, NULL, FALSE, &reg), NO_ERROR,
             "NotifyUnicastIpAddressChange(AF_INET)");
    REQUIRE(run_cmd("ip addr add 10.55.6.1/24 dev mc0"), "ip addr add 10.55.6.1/24");
    CHECK_EQ(WaitForSingleObject(seen_event, 5000), WAIT_OBJECT_0, "the callback is told of the new address");
    CHECK_EQ(addr_added, (LONG)if_nametoindex("mc0"), "... MibAddInstance on mc0's index");
    REQUIRE(run_cmd("ip addr del 10.55.6.1/24 dev mc0"), "ip addr del 10.55.6.1/24");
    CHECK_EQ(WaitForSingleObject(gone_event, 5000), WAIT_OBJECT_0, "the callback is told the address went");
    CHECK_EQ(addr_deleted, 1, "... MibDeleteInstance");
    CHECK_EQ(CancelMibChangeNotify2(reg), NO_ERROR, "CancelMibChangeNotify2");
    CloseHandle(seen_event);
    CloseHandle(gone_event);

    closesocket(se);
    closesocket(sb);
    closesocket(sp);
    closesocket(s6);
    closesocket(s);
    WSACleanup();
    return check_done();
}
