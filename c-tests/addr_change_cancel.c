/*
 * The address-change requests a Winsock program leaves pending, and how it takes them back,
 * without changing any address: WSAIoctl(SIO_ADDRESS_LIST_CHANGE) overlapped and pending until
 * CancelIoEx / CancelIo / closesocket end it with WSA_OPERATION_ABORTED (event, completion
 * routine), the non-blocking socket's WSAEWOULDBLOCK, NotifyAddrChange / NotifyRouteChange
 * with CancelIPChangeNotify, NotifyIpInterfaceChange's initial notification and
 * CancelMibChangeNotify2, and the bad arguments Windows refuses.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <iphlpapi.h>
#include <string.h>
#include "check.h"

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

static volatile LONG initial_calls;
static volatile LONG initial_row_null;
static HANDLE initial_done;

static void NETIOAPI_API_ on_interface(PVOID context, PMIB_IPINTERFACE_ROW row, MIB_NOTIFICATION_TYPE type)
{
    if (type == MibInitialNotification && context == (PVOID)&initial_calls) {
        if (row == NULL)
            InterlockedIncrement(&initial_row_null);
        InterlockedIncrement(&initial_calls);
        SetEvent(initial_done);
    }
}

static SOCKET udp(int af)
{
    return WSASocket(af, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
}

int main(void)
{
    WSADATA wsa;
    WSAOVERLAPPED ov;
    OVERLAPPED nov;
    SOCKET s, t;
    DWORD bytes = 0, flags = 0, n = 0;
    HANDLE h = NULL, reg = NULL;
    u_long on = 1;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    /* Overlapped, then CancelIoEx on that OVERLAPPED. */
    s = udp(AF_INET);
    REQUIRE(s != INVALID_SOCKET, "a UDP socket");
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    CHECK_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &bytes, &ov, NULL), SOCKET_ERROR,
             "an overlapped SIO_ADDRESS_LIST_CHANGE does not complete at once");
    CHECK_EQ(WSAGetLastError(), WSA_IO_PENDING, "... it is pending (WSA_IO_PENDING)");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 200, FALSE), WSA_WAIT_TIMEOUT,
             "... and stays pending while no address changes");
    CHECK(!WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags) && WSAGetLastError() == WSA_IO_INCOMPLETE,
          "WSAGetOverlappedResult without waiting: WSA_IO_INCOMPLETE");
    CHECK(CancelIoEx((HANDLE)s, (LPOVERLAPPED)&ov), "CancelIoEx finds it");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 2000, FALSE), WSA_WAIT_EVENT_0,
             "the cancelled request sets its event");
    CHECK(!WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags), "its result is a failure");
    CHECK_EQ(WSAGetLastError(), WSA_OPERATION_ABORTED, "... WSA_OPERATION_ABORTED");
    CHECK(!CancelIoEx((HANDLE)s, (LPOVERLAPPED)&ov) && GetLastError() == ERROR_NOT_FOUND,
          "a second CancelIoEx finds nothing (ERROR_NOT_FOUND)");

    /* An OVERLAPPED the program cannot own. */
    CHECK_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &bytes, (LPWSAOVERLAPPED)(ULONG_PTR)8, NULL),
             SOCKET_ERROR, "an unmapped OVERLAPPED is refused");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");

    /* CancelIo: the calling thread's requests. */
    WSAResetEvent(ov.hEvent);
    CHECK_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &bytes, &ov, NULL), SOCKET_ERROR,
             "a second request is pending");
    CHECK(CancelIo((HANDLE)s), "CancelIo");
    CHECK(!WSAGetOverlappedResult(s, &ov, &bytes, TRUE, &flags) && WSAGetLastError() == WSA_OPERATION_ABORTED,
          "CancelIo ends it with WSA_OPERATION_ABORTED");

    /* A completion routine learns of the cancel in an alertable wait. */
    memset(&ov, 0, sizeof(ov));
    CHECK_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &bytes, &ov, on_change), SOCKET_ERROR,
             "a request with a completion routine is pending");
    CHECK_EQ(WSAGetLastError(), WSA_IO_PENDING, "... WSA_IO_PENDING");
    CHECK(CancelIoEx((HANDLE)s, NULL), "CancelIoEx(s, NULL) cancels it");
    CHECK_EQ(SleepEx(2000, TRUE), WAIT_IO_COMPLETION, "the routine runs in the alertable wait");
    CHECK_EQ(routine_calls, 1, "... once");
    CHECK_EQ(routine_error, WSA_OPERATION_ABORTED, "... with WSA_OPERATION_ABORTED");

    /* closesocket with a request pending ends it. */
    t = udp(AF_INET6);
    REQUIRE(t != INVALID_SOCKET, "an IPv6 UDP socket");
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    CHECK_EQ(WSAIoctl(t, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &bytes, &ov, NULL), SOCKET_ERROR,
             "a request on the IPv6 socket is pending");
    CHECK_EQ(closesocket(t), 0, "closesocket with the request pending");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 2000, FALSE), WSA_WAIT_EVENT_0,
             "closing sets the request's event");
    CHECK(!GetOverlappedResult((HANDLE)t, (LPOVERLAPPED)&ov, &n, FALSE) && GetLastError() == ERROR_OPERATION_ABORTED,
          "... and it ended with ERROR_OPERATION_ABORTED");
    WSACloseEvent(ov.hEvent);

    /* A non-blocking socket is not made to wait. */
    CHECK_EQ(ioctlsocket(s, FIONBIO, &on), 0, "FIONBIO");
    CHECK_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &bytes, NULL, NULL), SOCKET_ERROR,
             "a non-overlapped SIO_ADDRESS_LIST_CHANGE on a non-blocking socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... with WSAEWOULDBLOCK");
    CHECK_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, NULL, NULL, NULL), SOCKET_ERROR,
             "a NULL lpcbBytesReturned is refused");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    closesocket(s);

    /* NotifyAddrChange, cancelled. */
    memset(&nov, 0, sizeof(nov));
    SetLastError(0);
    CHECK_EQ(NotifyAddrChange(&h, &nov), ERROR_IO_PENDING, "NotifyAddrChange with an OVERLAPPED: ERROR_IO_PENDING");
    CHECK_EQ(GetLastError(), ERROR_IO_PENDING, "... also the last error");
    CHECK(h != NULL && h != INVALID_HANDLE_VALUE, "... and a handle");
    CHECK(!GetOverlappedResult(h, &nov, &n, FALSE) && GetLastError() == ERROR_IO_INCOMPLETE,
          "GetOverlappedResult: ERROR_IO_INCOMPLETE while pending");
    CHECK(CancelIPChangeNotify(&nov), "CancelIPChangeNotify: TRUE");
    CHECK(!GetOverlappedResult(h, &nov, &n, TRUE) && GetLastError() == ERROR_OPERATION_ABORTED,
          "the request ended with ERROR_OPERATION_ABORTED");
    CHECK(!CancelIPChangeNotify(&nov), "a second CancelIPChangeNotify: FALSE");

    memset(&nov, 0, sizeof(nov));
    nov.hEvent = CreateEvent(NULL, FALSE, FALSE, NULL);
    CHECK_EQ(NotifyAddrChange(&h, &nov), ERROR_IO_PENDING, "NotifyAddrChange with an event");
    CHECK_EQ(WaitForSingleObject(nov.hEvent, 100), WAIT_TIMEOUT, "its event is not set while pending");
    CHECK_EQ(WaitForSingleObject(h, 0), WAIT_TIMEOUT, "nor is the handle");
    CHECK(CancelIPChangeNotify(&nov), "CancelIPChangeNotify");
    CHECK_EQ(WaitForSingleObject(nov.hEvent, 2000), WAIT_OBJECT_0, "the cancel sets the event");
    CHECK_EQ(WaitForSingleObject(h, 0), WAIT_OBJECT_0, "and the handle");
    CloseHandle(nov.hEvent);

    memset(&nov, 0, sizeof(nov));
    CHECK_EQ(NotifyRouteChange(&h, &nov), ERROR_IO_PENDING, "NotifyRouteChange: ERROR_IO_PENDING");
    CHECK(CancelIPChangeNotify(&nov), "CancelIPChangeNotify cancels it");
    CHECK(!GetOverlappedResult(h, &nov, &n, TRUE) && GetLastError() == ERROR_OPERATION_ABORTED,
          "... ERROR_OPERATION_ABORTED");
    CHECK_EQ(NotifyAddrChange(NULL, &nov), ERROR_INVALID_PARAMETER,
             "NotifyAddrChange with an OVERLAPPED and no handle: ERROR_INVALID_PARAMETER");

    /* NotifyIpInterfaceChange: arguments, initial notification, cancel. */
    CHECK_EQ(NotifyIpInterfaceChange(AF_INET, NULL, NULL, FALSE, &reg), ERROR_INVALID_PARAMETER,
             "NotifyIpInterfaceChange without a callback: ERROR_INVALID_PARAMETER");
    CHECK_EQ(NotifyIpInterfaceChange(99, on_interface, NULL, FALSE, &reg), ERROR_INVALID_PARAMETER,
             "... with another family: ERROR_INVALID_PARAMETER");
    CHECK_EQ(NotifyIpInterfaceChange(AF_INET, on_interface, NULL, FALSE, NULL), ERROR_INVALID_PARAMETER,
             "... without a handle: ERROR_INVALID_PARAMETER");
    initial_done = CreateEvent(NULL, TRUE, FALSE, NULL);
    CHECK_EQ(NotifyIpInterfaceChange(AF_UNSPEC, on_interface, (PVOID)&initial_calls, TRUE, &reg), NO_ERROR,
             "NotifyIpInterfaceChange with the initial notification");
    CHECK(reg != NULL, "... gives a handle");
    CHECK_EQ(WaitForSingleObject(initial_done, 2000), WAIT_OBJECT_0, "the initial notification comes");
    CHECK_EQ(initial_calls, 1, "... once");
    CHECK_EQ(initial_row_null, 1, "... with a NULL row, as Windows passes");
    CHECK_EQ(CancelMibChangeNotify2(reg), NO_ERROR, "CancelMibChangeNotify2");
    CHECK(CancelMibChangeNotify2(reg) != NO_ERROR, "a second cancel of the same handle fails");
    CHECK_EQ(CancelMibChangeNotify2(NULL), ERROR_INVALID_PARAMETER, "CancelMibChangeNotify2(NULL)");
    CloseHandle(initial_done);

    WSACleanup();
    return check_done();
}
