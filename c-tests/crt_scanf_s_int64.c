/* A traffic-accounting tool that reads its saved counters back with the checked scanf family
 * Visual Studio steered it to: sscanf_s and fscanf_s with Microsoft's size prefixes, %I64u for
 * the 64-bit byte counts, %I64d for a signed delta, %Iu for a SIZE_T and %I32d for a 32-bit
 * field, next to a %s name with its buffer size. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

int main(void)
{
    char iface[16], path[64];
    unsigned __int64 rx = 0, tx = 0;
    __int64 delta = 0;
    SIZE_T peers = 0;
    int mtu = 0, r;
    FILE *f;

    r = sscanf_s("eth0 18446744073709551615 4294967296 -8589934591 12 1500", "%s %I64u %I64u %I64d %Iu %I32d",
                 iface, (unsigned)sizeof iface, &rx, &tx, &delta, &peers, &mtu);
    CHECK_EQ(r, 6, "sscanf_s assigns all six fields");
    CHECK(strcmp(iface, "eth0") == 0, "the interface name");
    CHECK(rx == 18446744073709551615ULL, "%I64u reads a full 64-bit count");
    CHECK(tx == 4294967296ULL, "%I64u past 32 bits");
    CHECK(delta == -8589934591LL, "%I64d reads a negative 64-bit value");
    CHECK(peers == 12, "%Iu reads a SIZE_T");
    CHECK_EQ(mtu, 1500, "%I32d reads a 32-bit int");

    snprintf(path, sizeof path, "crt_scanf_s_int64_%lu.txt", (unsigned long)GetCurrentProcessId());
    f = fopen(path, "w+");
    REQUIRE(f != NULL, "a scratch file");
    fputs("wlan0 9000000000\n", f);
    rewind(f);
    rx = 0;
    r = fscanf_s(f, "%s %I64u", iface, (unsigned)sizeof iface, &rx);
    CHECK_EQ(r, 2, "fscanf_s assigns both fields");
    CHECK(rx == 9000000000ULL && strcmp(iface, "wlan0") == 0, "fscanf_s reads the %I64u count back");
    fclose(f);
    remove(path);
    return check_done();
}
