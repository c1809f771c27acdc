/*
 * WSAStartup's answers, version by version, as Windows gives them: 0.x refused (WSADATA still
 * filled), 1.0/1.1 as asked, later 1.x negotiated down to 1.1 with the Winsock 1 limits in
 * iMaxSockets/iMaxUdpDg, 2.x up to 2.2, anything above 2.2 gets 2.2; lpVendorInfo untouched;
 * and the Winsock 1.1 blocking-hook calls.
 */
#include <winsock2.h>
#include "check.h"

struct row {
    WORD asked;
    WORD granted;
    int result;
};

static const struct row table[] = {
    {MAKEWORD(0, 0), MAKEWORD(2, 2), WSAVERNOTSUPPORTED},
    {MAKEWORD(0, 1), MAKEWORD(2, 2), WSAVERNOTSUPPORTED},
    {MAKEWORD(1, 0), MAKEWORD(1, 0), 0},
    {MAKEWORD(1, 1), MAKEWORD(1, 1), 0},
    {MAKEWORD(1, 2), MAKEWORD(1, 1), 0},
    {MAKEWORD(1, 0xff), MAKEWORD(1, 1), 0},
    {MAKEWORD(2, 0), MAKEWORD(2, 0), 0},
    {MAKEWORD(2, 1), MAKEWORD(2, 1), 0},
    {MAKEWORD(2, 2), MAKEWORD(2, 2), 0},
    {MAKEWORD(2, 3), MAKEWORD(2, 2), 0},
    {MAKEWORD(2, 0xff), MAKEWORD(2, 2), 0},
    {MAKEWORD(3, 0), MAKEWORD(2, 2), 0},
    {MAKEWORD(0xff, 0), MAKEWORD(2, 2), 0},
};

static INT_PTR dummy_hook(void) { return FALSE; }

int main(void)
{
    WSADATA data;
    char marker;
    unsigned i;
    int ret;
    char what[128];

    CHECK_EQ(WSAStartup(0, NULL), WSAVERNOTSUPPORTED, "WSAStartup(0, NULL) is WSAVERNOTSUPPORTED");
    CHECK_EQ(WSAStartup(MAKEWORD(2, 2), NULL), WSAEFAULT, "a NULL WSADATA is WSAEFAULT");
    CHECK_EQ(WSAGetLastError(), WSANOTINITIALISED, "a refused startup leaves WSANOTINITIALISED");

    for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        memset(&data, 0xcc, sizeof(data));
        data.lpVendorInfo = &marker;
        ret = WSAStartup(table[i].asked, &data);
        snprintf(what, sizeof(what), "WSAStartup(%#x) returns %d", table[i].asked, table[i].result);
        CHECK_EQ(ret, table[i].result, what);
        snprintf(what, sizeof(what), "WSAStartup(%#x) reports version %#x", table[i].asked, table[i].granted);
        CHECK_EQ(data.wVersion, table[i].granted, what);
        CHECK_EQ(data.wHighVersion, MAKEWORD(2, 2), "wHighVersion is 2.2");
        CHECK(strcmp(data.szDescription, "WinSock 2.0") == 0, "szDescription is WinSock 2.0");
        CHECK(strcmp(data.szSystemStatus, "Running") == 0, "szSystemStatus is Running");
        CHECK(data.lpVendorInfo == &marker, "lpVendorInfo is left untouched");
        if (LOBYTE(table[i].asked) == 1) {
            CHECK_EQ(data.iMaxSockets, 32767, "a 1.x request reports iMaxSockets 32767");
            CHECK_EQ(data.iMaxUdpDg, 65467, "a 1.x request reports iMaxUdpDg 65467");
        } else {
            CHECK_EQ(data.iMaxSockets, 0, "a 2.x request reports iMaxSockets 0");
            CHECK_EQ(data.iMaxUdpDg, 0, "a 2.x request reports iMaxUdpDg 0");
        }
        if (ret == 0) {
            CHECK_EQ(WSACleanup(), 0, "WSACleanup");
        } else {
            CHECK_EQ(WSAGetLastError(), WSANOTINITIALISED, "a refused startup leaves WSANOTINITIALISED");
        }
    }

    /* The Winsock 1.1 blocking-hook calls in a 2.x session. */
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &data) == 0, "WSAStartup(2.2)");
    CHECK_EQ(WSAIsBlocking(), FALSE, "WSAIsBlocking is FALSE");
    CHECK(WSASetBlockingHook((FARPROC)dummy_hook) == NULL, "WSASetBlockingHook fails in a 2.x session");
    CHECK_EQ(WSAGetLastError(), WSAEOPNOTSUPP, "... with WSAEOPNOTSUPP");
    CHECK_EQ(WSAUnhookBlockingHook(), SOCKET_ERROR, "WSAUnhookBlockingHook fails in a 2.x session");
    CHECK_EQ(WSAGetLastError(), WSAEOPNOTSUPP, "... with WSAEOPNOTSUPP");
    CHECK_EQ(WSACancelBlockingCall(), SOCKET_ERROR, "WSACancelBlockingCall fails in a 2.x session");
    CHECK_EQ(WSAGetLastError(), WSAEOPNOTSUPP, "... with WSAEOPNOTSUPP");
    WSACleanup();

    /* A successful WSAStartup clears the thread's last error. */
    WSASetLastError(WSAEWOULDBLOCK);
    CHECK_EQ(WSAStartup(MAKEWORD(2, 2), &data), 0, "WSAStartup(2.2) after a failed call");
    CHECK_EQ(WSAGetLastError(), 0, "... leaves the last error 0");
    WSACleanup();

    /* The process keeps the lowest version any WSAStartup of the session asked for. */
    REQUIRE(WSAStartup(MAKEWORD(1, 1), &data) == 0, "WSAStartup(1.1)");
    CHECK_EQ(WSACancelBlockingCall(), SOCKET_ERROR, "WSACancelBlockingCall in a 1.1 session");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... fails with WSAEINVAL (nothing is blocking)");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &data) == 0, "then WSAStartup(2.2)");
    CHECK_EQ(data.wVersion, MAKEWORD(2, 2), "... reports 2.2");
    CHECK_EQ(WSACancelBlockingCall(), SOCKET_ERROR, "WSACancelBlockingCall after the upgrade");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... is still the 1.1 call (WSAEINVAL)");
    WSACleanup();
    WSACleanup();
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &data) == 0, "WSAStartup(2.2): a new session");
    REQUIRE(WSAStartup(MAKEWORD(1, 1), &data) == 0, "then WSAStartup(1.1)");
    CHECK_EQ(WSACancelBlockingCall(), SOCKET_ERROR, "WSACancelBlockingCall after the downgrade");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... is the 1.1 call (WSAEINVAL)");
    WSACleanup();
    WSACleanup();
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &data) == 0, "WSAStartup(2.2) once every session ended");
    CHECK_EQ(WSACancelBlockingCall(), SOCKET_ERROR, "WSACancelBlockingCall");
    CHECK_EQ(WSAGetLastError(), WSAEOPNOTSUPP, "... is refused again (WSAEOPNOTSUPP)");
    WSACleanup();
    return check_done();
}
