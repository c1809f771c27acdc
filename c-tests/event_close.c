/* FD_CLOSE (docs/WINDOWS.md §6.3): reported once; 0 for a graceful close, when the close
 * arrives even while received data is unread; never as FD_READ; at selection time on a
 * connection already closed; after a local shutdown(SD_SEND) answered by the peer's FIN; with
 * an error for a reset, at once (ws2mp reports WSAECONNABORTED, as the issue says Windows
 * does), and the receive then
 * fails with WSAECONNRESET although ws2mp looked at the socket first; FD_CLOSE keeps its error
 * when the application's own recv or send met the reset first. */
#include "event_util.h"

int main(void)
{
    SOCKET a, b;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    char buf[64];

    start_winsock();
    ev = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT, "WSACreateEvent");

    /* Graceful close with no data pending. */
    REQUIRE(tcp_pair(&a, &b) == 0, "pair 1");
    REQUIRE(WSAEventSelect(b, ev, FD_READ | FD_CLOSE) == 0, "select for FD_READ|FD_CLOSE");
    closesocket(a);
    CHECK_EQ(wait_and_enum(b, ev, 5000, &ne), FD_CLOSE, "the peer closes: FD_CLOSE alone, not FD_READ");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], 0, "... graceful: error code 0");
    CHECK_EQ(wait_and_enum(b, ev, 200, &ne), 0, "FD_CLOSE is reported once");
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), 0, "recv returns 0 after a graceful close");
    CHECK_EQ(wait_and_enum(b, ev, 200, &ne), 0, "... and a receive does not bring FD_READ or FD_CLOSE back");
    closesocket(b);

    /* Data, then FIN: FD_CLOSE is recorded when the close arrives, with the data still unread
     * (as on Windows); the data is read afterwards, and FD_CLOSE does not come again. */
    REQUIRE(tcp_pair(&a, &b) == 0, "pair 2");
    REQUIRE(WSAEventSelect(b, ev, FD_READ | FD_CLOSE) == 0, "select for FD_READ|FD_CLOSE");
    send(a, "0123456789", 10, 0);
    closesocket(a);
    sleep_ms(50);
    CHECK_EQ(wait_and_enum(b, ev, 5000, &ne), FD_READ | FD_CLOSE, "data then close: FD_READ and FD_CLOSE");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], 0, "... FD_CLOSE with error code 0");
    CHECK_EQ(recv(b, buf, 4, 0), 4, "recv part of the data");
    CHECK_EQ(wait_and_enum(b, ev, 0, &ne), FD_READ, "data remains: FD_READ again, no second FD_CLOSE");
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), 6, "recv the rest");
    CHECK_EQ(wait_and_enum(b, ev, 200, &ne), 0, "all data read: nothing more");
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), 0, "... and recv finds the end of the stream");
    closesocket(b);

    /* Already closed at selection time. */
    REQUIRE(tcp_pair(&a, &b) == 0, "pair 3");
    closesocket(a);
    sleep_ms(50);
    REQUIRE(WSAEventSelect(b, ev, FD_READ | FD_WRITE | FD_CLOSE) == 0, "select after the peer closed");
    {
        long bits = wait_and_enum(b, ev, 5000, &ne);
        CHECK(bits & FD_CLOSE, "a connection closed before selection: FD_CLOSE at selection");
        CHECK(!(bits & FD_READ), "... and no FD_READ");
        CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], 0, "... with error code 0");
    }
    closesocket(b);

    /* Local shutdown(SD_SEND), answered by the peer's FIN. */
    REQUIRE(tcp_pair(&a, &b) == 0, "pair 4");
    REQUIRE(WSAEventSelect(b, ev, FD_READ | FD_CLOSE) == 0, "select for FD_READ|FD_CLOSE");
    CHECK_EQ(shutdown(b, SD_SEND), 0, "shutdown(SD_SEND)");
    CHECK_EQ(wait_and_enum(b, ev, 200, &ne), 0, "no FD_CLOSE for our own shutdown");
    CHECK_EQ(recv(a, buf, sizeof(buf), 0), 0, "the peer sees our FIN");
    shutdown(a, SD_SEND);
    CHECK_EQ(wait_and_enum(b, ev, 5000, &ne), FD_CLOSE, "the peer's FIN answers it: FD_CLOSE");
    closesocket(a);
    closesocket(b);

    /* Reset: the peer closes with SO_LINGER {1, 0}. */
    REQUIRE(tcp_pair(&a, &b) == 0, "pair 5");
    REQUIRE(WSAEventSelect(b, ev, FD_READ | FD_WRITE | FD_CLOSE) == 0, "select for FD_READ|FD_WRITE|FD_CLOSE");
    CHECK_EQ(wait_and_enum(b, ev, 5000, &ne), FD_WRITE, "FD_WRITE at selection");
    {
        struct linger lg = {1, 0};
        CHECK_EQ(setsockopt(a, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof(lg)), 0, "peer sets SO_LINGER {1, 0}");
    }
    closesocket(a);
    CHECK_EQ(wait_and_enum(b, ev, 5000, &ne), FD_CLOSE, "the peer resets: FD_CLOSE");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], WSAECONNABORTED, "... with WSAECONNABORTED");
    CHECK_EQ(wait_and_enum(b, ev, 200, &ne), 0, "... once");
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), SOCKET_ERROR, "recv on the reset connection fails");
    CHECK_EQ(WSAGetLastError(), WSAECONNRESET, "... with WSAECONNRESET");
    CHECK_EQ(send(b, "x", 1, 0), SOCKET_ERROR, "sending on the reset connection fails");
    closesocket(b);

    /* Reset with unread data: the error is not held back behind the data. */
    REQUIRE(tcp_pair(&a, &b) == 0, "pair 6");
    REQUIRE(WSAEventSelect(b, ev, FD_CLOSE) == 0, "select for FD_CLOSE only");
    send(a, "unread", 6, 0);
    sleep_ms(50);
    {
        struct linger lg = {1, 0};
        setsockopt(a, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof(lg));
    }
    closesocket(a);
    CHECK_EQ(wait_and_enum(b, ev, 5000, &ne), FD_CLOSE, "a reset with unread data: FD_CLOSE at once");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], WSAECONNABORTED, "... with WSAECONNABORTED");
    {
        /* Windows discards the unread data on a reset; POSIX still delivers it. Either way the
         * receive that comes to the end fails with WSAECONNRESET rather than returning 0. */
        int r, n = 0;
        while ((r = recv(b, buf, sizeof(buf), 0)) > 0 && n < 10)
            n++;
        CHECK_EQ(r, SOCKET_ERROR, "receiving to the end fails, not 0 as for a graceful close");
        CHECK_EQ(WSAGetLastError(), WSAECONNRESET, "... with WSAECONNRESET");
    }
    closesocket(b);

    /* Reset noticed by the application's own receive before any wait looked at the socket:
     * FD_CLOSE still carries the error. */
    REQUIRE(tcp_pair(&a, &b) == 0, "pair 7");
    REQUIRE(WSAEventSelect(b, ev, FD_READ | FD_CLOSE) == 0, "select for FD_READ|FD_CLOSE");
    {
        struct linger lg = {1, 0};
        setsockopt(a, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof(lg));
    }
    closesocket(a);
    sleep_ms(50);
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), SOCKET_ERROR, "recv right after the reset fails");
    CHECK_EQ(WSAGetLastError(), WSAECONNRESET, "... with WSAECONNRESET");
    CHECK_EQ(wait_and_enum(b, ev, 5000, &ne), FD_CLOSE, "FD_CLOSE is still reported");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], WSAECONNABORTED, "... with WSAECONNABORTED, not 0");
    closesocket(b);

    /* The same when the application's send meets the reset first. */
    REQUIRE(tcp_pair(&a, &b) == 0, "pair 8");
    REQUIRE(WSAEventSelect(b, ev, FD_READ | FD_CLOSE) == 0, "select for FD_READ|FD_CLOSE");
    {
        struct linger lg = {1, 0};
        setsockopt(a, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof(lg));
    }
    closesocket(a);
    sleep_ms(50);
    CHECK_EQ(send(b, "x", 1, 0), SOCKET_ERROR, "send right after the reset fails");
    CHECK_EQ(WSAGetLastError(), WSAECONNRESET, "... with WSAECONNRESET");
    CHECK_EQ(wait_and_enum(b, ev, 5000, &ne), FD_CLOSE, "FD_CLOSE is still reported");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], WSAECONNABORTED, "... with WSAECONNABORTED, not 0");
    closesocket(b);

    WSACloseEvent(ev);
    WSACleanup();
    return check_done();
}
