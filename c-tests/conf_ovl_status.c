/*
 * WSAGetOverlappedResult and GetOverlappedResult read an OVERLAPPED's Internal as Windows
 * does (the mapping Wine's conformance tests observe on Windows): any success status other
 * than STATUS_PENDING is TRUE; STATUS_PENDING is WSA_IO_INCOMPLETE; each network NTSTATUS
 * has its Winsock error (a disconnected connection is WSAECONNRESET, an invalid one
 * WSAENOTCONN, a graceful disconnect WSAEDISCON, ...); an error status with no mapping is
 * WSAEINVAL; the Win32 forms are the ones Windows' completion ports report
 * (ERROR_CONNECTION_ABORTED, ERROR_NETNAME_DELETED, ERROR_INSUFFICIENT_BUFFER, ...). A
 * SOCKET that is not one is WSAENOTSOCK. A program may fill Internal itself (its own
 * completion bookkeeping, or a test): these calls only read it.
 */
#include "ovl_util.h"

struct row {
    DWORD status;
    int wsa;
    const char *name;
};

static const struct row rows[] = {
    {0xC0000120, WSA_OPERATION_ABORTED, "STATUS_CANCELLED"},
    {0x80000005, WSAEMSGSIZE, "STATUS_BUFFER_OVERFLOW"},
    {0xC000020D, WSAECONNRESET, "STATUS_CONNECTION_RESET"},
    {0xC000020C, WSAECONNRESET, "STATUS_CONNECTION_DISCONNECTED"},
    {0xC000013C, WSAECONNRESET, "STATUS_REMOTE_DISCONNECT"},
    {0xC000023F, WSAECONNRESET, "STATUS_PORT_UNREACHABLE"},
    {0xC0000241, WSAECONNABORTED, "STATUS_CONNECTION_ABORTED"},
    {0xC000013B, WSAECONNABORTED, "STATUS_LOCAL_DISCONNECT"},
    {0xC0000140, WSAENOTCONN, "STATUS_INVALID_CONNECTION"},
    {0xC0000236, WSAECONNREFUSED, "STATUS_CONNECTION_REFUSED"},
    {0xC00000BC, WSAECONNREFUSED, "STATUS_REMOTE_NOT_LISTENING"},
    {0xC00000B5, WSAETIMEDOUT, "STATUS_IO_TIMEOUT"},
    {0xC0000237, WSAEDISCON, "STATUS_GRACEFUL_DISCONNECT"},
    {0xC00000B0, WSAESHUTDOWN, "STATUS_PIPE_DISCONNECTED"},
    {0xC0000023, WSAEFAULT, "STATUS_BUFFER_TOO_SMALL"},
    {0xC0000005, WSAEFAULT, "STATUS_ACCESS_VIOLATION"},
    {0xC0000008, WSAENOTSOCK, "STATUS_INVALID_HANDLE"},
    {0xC000023C, WSAENETUNREACH, "STATUS_NETWORK_UNREACHABLE"},
    {0xC000023D, WSAEHOSTUNREACH, "STATUS_HOST_UNREACHABLE"},
    {0xC00000BB, WSAEOPNOTSUPP, "STATUS_NOT_SUPPORTED"},
    {0xC0000022, WSAEACCES, "STATUS_ACCESS_DENIED"},
    {0xC000009A, WSAENOBUFS, "STATUS_INSUFFICIENT_RESOURCES"},
    {0xC000020A, WSAEADDRINUSE, "STATUS_ADDRESS_ALREADY_EXISTS"},
    {0xC0000207, WSAEADDRNOTAVAIL, "STATUS_INVALID_ADDRESS_COMPONENT"},
    {0xC00000A3, WSAEWOULDBLOCK, "STATUS_DEVICE_NOT_READY"},
    {0xC0000240, WSAEINTR, "STATUS_REQUEST_ABORTED"},
    {0xC000023B, WSAEISCONN, "STATUS_CONNECTION_ACTIVE"},
    {0xC0000350, WSAEHOSTDOWN, "STATUS_HOST_DOWN"},
    {0xC00000C4, WSAENETDOWN, "STATUS_UNEXPECTED_NETWORK_ERROR"},
    {0x00000103, WSA_IO_INCOMPLETE, "STATUS_PENDING"},
    {0xC00703E4, WSA_IO_INCOMPLETE, "ERROR_IO_INCOMPLETE as an NTSTATUS"},
    {0xC0000001, WSAEINVAL, "STATUS_UNSUCCESSFUL (no mapping)"},
    {0xC0000123, WSAEINVAL, "an error status with no mapping"},
    {0x80000001, WSAEINVAL, "a warning status with no mapping"},
    {0xD0000000, WSAEINVAL, "a customer error status"},
};

struct win32_row {
    DWORD status;
    DWORD error;
    const char *name;
};

static const struct win32_row win32_rows[] = {
    {0xC0000120, ERROR_OPERATION_ABORTED, "STATUS_CANCELLED"},
    {0xC0000241, ERROR_CONNECTION_ABORTED, "STATUS_CONNECTION_ABORTED"},
    {0xC000020D, ERROR_NETNAME_DELETED, "STATUS_CONNECTION_RESET"},
    {0xC0000236, ERROR_CONNECTION_REFUSED, "STATUS_CONNECTION_REFUSED"},
    {0xC0000023, ERROR_INSUFFICIENT_BUFFER, "STATUS_BUFFER_TOO_SMALL"},
    {0x80000005, ERROR_MORE_DATA, "STATUS_BUFFER_OVERFLOW"},
    {0x00000103, ERROR_IO_INCOMPLETE, "STATUS_PENDING"},
    {0xC000013B, ERROR_NETNAME_DELETED, "STATUS_LOCAL_DISCONNECT"},
    {0xC000020C, ERROR_NETNAME_DELETED, "STATUS_CONNECTION_DISCONNECTED"},
    {0xC0000237, ERROR_GRACEFUL_DISCONNECT, "STATUS_GRACEFUL_DISCONNECT"},
    {0xC000023C, ERROR_NETWORK_UNREACHABLE, "STATUS_NETWORK_UNREACHABLE"},
    {0xC000023D, ERROR_HOST_UNREACHABLE, "STATUS_HOST_UNREACHABLE"},
    {0xC00000B5, ERROR_SEM_TIMEOUT, "STATUS_IO_TIMEOUT"},
    {0xC0000005, ERROR_NOACCESS, "STATUS_ACCESS_VIOLATION"},
};

int main(void)
{
    SOCKET s;
    WSAOVERLAPPED ov;
    DWORD bytes, flags;
    char line[160];
    unsigned i;
    static const DWORD successes[] = {0x00000000, 0x00000001, 0x0000FFFF, 0x40000000, 0x40000FFF};

    ovl_start();
    memset(&ov, 0, sizeof(ov));
    WSASetLastError(0xdeadbeef);
    CHECK(!WSAGetOverlappedResult((SOCKET)0xdeadbeef, &ov, &bytes, FALSE, &flags) &&
              WSAGetLastError() == WSAENOTSOCK,
          "WSAGetOverlappedResult on something that is no socket: WSAENOTSOCK");

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(s != INVALID_SOCKET, "socket");

    for (i = 0; i < sizeof(successes) / sizeof(successes[0]); i++) {
        ov.Internal = successes[i];
        ov.InternalHigh = 7;
        bytes = 0;
        sprintf(line, "status %#lx (a success): TRUE with InternalHigh as the count", (unsigned long)successes[i]);
        CHECK(WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags) && bytes == 7, line);
    }
    ov.Internal = 0;
    WSASetLastError(0xdeadbeef);
    WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags);
    CHECK_EQ(WSAGetLastError(), 0, "status 0: the last error is cleared");

    for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        ov.Internal = rows[i].status;
        ov.InternalHigh = 0;
        WSASetLastError(0xdeadbeef);
        sprintf(line, "%s: WSAGetOverlappedResult FALSE with %d", rows[i].name, rows[i].wsa);
        CHECK(!WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags) && WSAGetLastError() == rows[i].wsa, line);
    }

    for (i = 0; i < sizeof(win32_rows) / sizeof(win32_rows[0]); i++) {
        ov.Internal = win32_rows[i].status;
        ov.InternalHigh = 0;
        SetLastError(0xdeadbeef);
        sprintf(line, "%s: GetOverlappedResult FALSE with %lu", win32_rows[i].name,
                (unsigned long)win32_rows[i].error);
        CHECK(!GetOverlappedResult((HANDLE)s, &ov, &bytes, FALSE) && GetLastError() == win32_rows[i].error, line);
    }

    closesocket(s);
    WSACleanup();
    return check_done();
}
