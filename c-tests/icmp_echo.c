/* ws2mp-test: needs-root */ /* IcmpSendEcho uses a raw ICMP socket here (ping sockets are off) */
/* Pinging the way Windows programs do without raw sockets: IcmpCreateFile, IcmpSendEcho to
 * 127.0.0.1 with the reply's address, status, data, round-trip time and TTL, request options,
 * the reply buffer's size rule, IcmpSendEcho2 with an event and with an APC routine,
 * IcmpParseReplies (the count the reply's Reserved field carries), and the argument errors
 * Windows (Vista and later) reports. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <icmpapi.h>
#include <stdio.h>
#include "check.h"

/* PIO_APC_ROUTINE's arguments: the context, the IO_STATUS_BLOCK (status, information). */
static void *apc_context;
static ULONG_PTR apc_status = 99, apc_information;
static int apc_calls;

static void WINAPI echo_done(void *context, void *io_status, ULONG reserved)
{
    ULONG_PTR *io = (ULONG_PTR *)io_status;
    (void)reserved;
    apc_context = context;
    apc_status = io[0];
    apc_information = io[1];
    apc_calls++;
}

int main(void)
{
    HANDLE icmp, done;
    char send_data[32];
    union {
        ICMP_ECHO_REPLY reply;
        char bytes[sizeof(ICMP_ECHO_REPLY) + sizeof(send_data) + 8];
    } buf;
    ICMP_ECHO_REPLY *reply = &buf.reply;
    IP_OPTION_INFORMATION opts;
    IPAddr loopback;
    DWORD n;
    struct in_addr from;
    int i;

    for (i = 0; i < (int)sizeof(send_data); i++)
        send_data[i] = (char)('a' + i % 26);
    inet_pton(AF_INET, "127.0.0.1", &loopback);

    icmp = IcmpCreateFile();
    REQUIRE(icmp != INVALID_HANDLE_VALUE, "IcmpCreateFile gives a handle");

    memset(&buf, 0, sizeof(buf));
    n = IcmpSendEcho(icmp, loopback, send_data, sizeof(send_data), NULL, &buf, sizeof(buf), 2000);
    CHECK_EQ(n, 1, "IcmpSendEcho to 127.0.0.1 gets one reply");
    CHECK_EQ(reply->Status, IP_SUCCESS, "with IP_SUCCESS");
    from.s_addr = reply->Address;
    CHECK(reply->Address == loopback, "from 127.0.0.1");
    CHECK_EQ(reply->Reserved, 0, "the synchronous call has parsed its reply (Reserved cleared)");
    printf("# reply from %s: %u bytes, time=%lums, TTL=%u\n", inet_ntoa(from), reply->DataSize,
           (unsigned long)reply->RoundTripTime, reply->Options.Ttl);
    CHECK_EQ(reply->DataSize, sizeof(send_data), "echoing the 32 bytes");
    CHECK(reply->Data != NULL && memcmp(reply->Data, send_data, sizeof(send_data)) == 0,
          "Data points at the echoed bytes");
    CHECK((char *)reply->Data >= buf.bytes + sizeof(ICMP_ECHO_REPLY), "inside the reply buffer, after the reply");
    CHECK(reply->RoundTripTime < 1000, "the round trip takes under a second");
    CHECK(reply->Options.Ttl > 0, "the reply's TTL is reported");

    memset(&opts, 0, sizeof(opts));
    opts.Ttl = 5;
    opts.Flags = IP_FLAG_DF;
    n = IcmpSendEcho(icmp, loopback, send_data, 8, &opts, &buf, sizeof(buf), 2000);
    CHECK(n == 1 && reply->Status == IP_SUCCESS && reply->DataSize == 8, "a request with options (TTL 5, DF) is answered");

    SetLastError(0);
    n = IcmpSendEcho(icmp, loopback, send_data, sizeof(send_data), NULL, &buf, sizeof(ICMP_ECHO_REPLY), 2000);
    CHECK_EQ(n, 0, "a reply buffer without room for the data is refused");
    CHECK_EQ(GetLastError(), IP_GENERAL_FAILURE, "with IP_GENERAL_FAILURE (IP_BUF_TOO_SMALL before Vista)");
    SetLastError(0);
    n = IcmpSendEcho(icmp, loopback, send_data, 0, NULL, &buf, sizeof(ICMP_ECHO_REPLY), 2000);
    CHECK_EQ(n, 1, "... while one with room for the reply alone takes an echo without data");
    n = IcmpSendEcho(icmp, loopback, send_data, sizeof(send_data), NULL, &buf, 0, 2000);
    CHECK(n == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "a ReplySize of 0 is ERROR_INVALID_PARAMETER");
    n = IcmpSendEcho(icmp, loopback, send_data, sizeof(send_data), NULL, NULL, sizeof(buf), 2000);
    CHECK(n == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "so is no reply buffer");
    n = IcmpSendEcho(icmp, 0, send_data, sizeof(send_data), NULL, &buf, sizeof(buf), 2000);
    CHECK(n == 0 && GetLastError() == ERROR_INVALID_NETNAME, "destination 0.0.0.0 is ERROR_INVALID_NETNAME");
    n = IcmpSendEcho(INVALID_HANDLE_VALUE, loopback, send_data, sizeof(send_data), NULL, &buf, sizeof(buf), 2000);
    CHECK(n == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
          "INVALID_HANDLE_VALUE (the process's pseudo-handle, not an ICMP handle) is ERROR_INVALID_PARAMETER");
    n = IcmpSendEcho(icmp, loopback, send_data, sizeof(send_data), NULL, &buf, sizeof(buf), 0);
    CHECK(n == 1 && reply->Status == IP_SUCCESS, "a timeout of 0 still takes loopback's answer");

    done = CreateEvent(NULL, TRUE, FALSE, NULL);
    memset(&buf, 0, sizeof(buf));
    SetLastError(0);
    n = IcmpSendEcho2(icmp, done, NULL, NULL, loopback, send_data, sizeof(send_data), NULL, &buf, sizeof(buf), 2000);
    CHECK(n == 0 && GetLastError() == ERROR_IO_PENDING, "IcmpSendEcho2 with an event returns ERROR_IO_PENDING");
    CHECK_EQ(WaitForSingleObject(done, 5000), WAIT_OBJECT_0, "the event is set when the reply comes");
    CHECK_EQ(reply->Reserved, 1, "the reply carries its count in Reserved until it is parsed");
    CHECK_EQ(IcmpParseReplies(&buf, sizeof(buf)), 1, "IcmpParseReplies counts one reply");
    CHECK(reply->Status == IP_SUCCESS && reply->DataSize == sizeof(send_data), "a successful one");
    CHECK_EQ(reply->Reserved, 0, "... and clears the count");
    SetLastError(0xdead);
    CHECK_EQ(IcmpParseReplies(&buf, sizeof(buf)), 0, "so parsing again finds none");
    CHECK_EQ(GetLastError(), IP_SUCCESS, "... and sets the reply's Status as the last error");
    reply->Status = IP_REQ_TIMED_OUT;
    CHECK(IcmpParseReplies(&buf, sizeof(buf)) == 0 && GetLastError() == IP_REQ_TIMED_OUT,
          "a reply without a count gives its Status (IP_REQ_TIMED_OUT)");
    CloseHandle(done);

    memset(&buf, 0, sizeof(buf));
    SetLastError(0);
    n = IcmpSendEcho2(icmp, NULL, (FARPROC)(void (*)(void))echo_done, (void *)0xc0de, loopback, send_data, sizeof(send_data), NULL,
                      &buf, sizeof(buf), 2000);
    CHECK(n == 0 && GetLastError() == ERROR_IO_PENDING, "IcmpSendEcho2 with an APC routine returns ERROR_IO_PENDING");
    CHECK_EQ(apc_calls, 0, "the routine waits for an alertable wait");
    for (i = 0; i < 50 && apc_calls == 0; i++)
        SleepEx(100, TRUE);
    CHECK_EQ(apc_calls, 1, "the routine runs once in this thread's alertable wait");
    CHECK(apc_context == (void *)0xc0de, "with the context given");
    CHECK_EQ(apc_status, 0, "an IO_STATUS_BLOCK with status 0");
    CHECK_EQ(apc_information, sizeof(ICMP_ECHO_REPLY) + sizeof(send_data), "and the reply's size");
    CHECK(IcmpParseReplies(&buf, sizeof(buf)) == 1 && reply->Status == IP_SUCCESS && reply->DataSize == sizeof(send_data),
          "the reply is in the buffer");

    CHECK(IcmpCloseHandle(icmp), "IcmpCloseHandle closes the handle");
    SetLastError(0);
    CHECK(!IcmpCloseHandle(icmp), "closing it again fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");
    n = IcmpSendEcho(icmp, loopback, send_data, 8, NULL, &buf, sizeof(buf), 100);
    CHECK(n == 0 && GetLastError() == ERROR_INVALID_HANDLE, "IcmpSendEcho on a closed handle fails with ERROR_INVALID_HANDLE");
    return check_done();
}
