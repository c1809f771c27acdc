/* ws2mp-test: needs-root */ /* IcmpSendEcho uses a raw ICMP socket here (ping sockets are off) */
/* A pinger of the kind written before <icmpapi.h> shipped with the SDK: it includes
 * <winsock2.h> and <iphlpapi.h> (which, as on Windows, do not declare the ICMP functions) and
 * declares IcmpCreateFile, IcmpSendEcho, IcmpSendEcho2 (its APC routine a FARPROC, as
 * <icmpapi.h> has it without <winternl.h>), IcmpParseReplies and IcmpCloseHandle itself with
 * Windows' types, in C++: the declarations must agree with ws2mp's. Then it pings 127.0.0.1
 * with IcmpSendEcho2 (no event, no APC) and IcmpSendEcho. */
#include <winsock2.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

extern "C" {
HANDLE WINAPI IcmpCreateFile(VOID);
DWORD WINAPI IcmpSendEcho(HANDLE IcmpHandle, IPAddr DestinationAddress, LPVOID RequestData, WORD RequestSize,
                          PIP_OPTION_INFORMATION RequestOptions, LPVOID ReplyBuffer, DWORD ReplySize, DWORD Timeout);
DWORD WINAPI IcmpSendEcho2(HANDLE IcmpHandle, HANDLE Event, FARPROC ApcRoutine, PVOID ApcContext,
                           IPAddr DestinationAddress, LPVOID RequestData, WORD RequestSize,
                           PIP_OPTION_INFORMATION RequestOptions, LPVOID ReplyBuffer, DWORD ReplySize, DWORD Timeout);
DWORD WINAPI IcmpParseReplies(LPVOID ReplyBuffer, DWORD ReplySize);
BOOL WINAPI IcmpCloseHandle(HANDLE IcmpHandle);
}

int main()
{
    char send_data[] = "Data Buffer";
    DWORD reply_size = sizeof(ICMP_ECHO_REPLY) + sizeof(send_data) + 28;
    void *reply_buffer = malloc(reply_size);
    IP_OPTION_INFORMATION options;
    unsigned long ipaddr = inet_addr("127.0.0.1");
    HANDLE icmp = IcmpCreateFile();
    DWORD n;

    REQUIRE(reply_buffer != NULL, "a reply buffer");
    REQUIRE(icmp != INVALID_HANDLE_VALUE, "IcmpCreateFile through the program's own declaration");

    n = IcmpSendEcho2(icmp, NULL, NULL, NULL, ipaddr, send_data, sizeof(send_data), NULL, reply_buffer, reply_size, 1000);
    CHECK_EQ((int)n, 1, "IcmpSendEcho2 without event or APC routine gets one reply");
    {
        PICMP_ECHO_REPLY echo = (PICMP_ECHO_REPLY)reply_buffer;
        CHECK(echo->Address == ipaddr, "from 127.0.0.1");
        CHECK_EQ((int)echo->Status, IP_SUCCESS, "with IP_SUCCESS");
        SetLastError(0xdead);
        CHECK_EQ((int)IcmpParseReplies(reply_buffer, reply_size), 0,
                 "the synchronous call parsed its reply already: IcmpParseReplies finds no count left");
        CHECK_EQ((int)GetLastError(), IP_SUCCESS, "... and gives the reply's Status");
    }

    memset(&options, 0, sizeof(options));
    options.Ttl = 32;
    n = IcmpSendEcho(icmp, ipaddr, send_data, sizeof(send_data), &options, reply_buffer, reply_size, 1000);
    CHECK_EQ((int)n, 1, "IcmpSendEcho with options (a PIP_OPTION_INFORMATION) gets one reply");

    CHECK(IcmpCloseHandle(icmp), "IcmpCloseHandle");
    free(reply_buffer);
    return check_done();
}
