/* A TFTP client's transfer report of the old style: blocks received over UDP, the transfer
 * timed with clock() and the rate printed as bytes / ((end - start) / CLK_TCK). CLK_TCK is
 * MSVC's old name for CLOCKS_PER_SEC (1000, clock()'s milliseconds); the C library's, where it
 * has one, is the kernel's tick rate (100), and with the feature set <winsock2.h> asks for it
 * has none, so the program would not build. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "check.h"

#define BLOCKS 4
#define BLOCK_SIZE 512

int main(void)
{
    WSADATA wsa;
    SOCKET rx, tx;
    SOCKADDR_IN addr;
    int len = sizeof addr, i, got, total = 0;
    char block[BLOCK_SIZE + 4], buf[1024], report[128];
    clock_t start, end;
    double seconds;

    CHECK_EQ(CLK_TCK, 1000, "CLK_TCK is 1000, as on Windows");
    CHECK_EQ(CLK_TCK, CLOCKS_PER_SEC, "CLK_TCK is CLOCKS_PER_SEC");

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    rx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    tx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(rx != INVALID_SOCKET && tx != INVALID_SOCKET, "two UDP sockets");
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(rx, (SOCKADDR *)&addr, sizeof addr) == 0, "bind");
    REQUIRE(getsockname(rx, (SOCKADDR *)&addr, &len) == 0, "getsockname");

    memset(block, 'A', sizeof block);
    start = clock();
    for (i = 0; i < BLOCKS; i++) {
        block[0] = 0;
        block[1] = 3; /* DATA */
        block[2] = 0;
        block[3] = (char)(i + 1);
        sendto(tx, block, sizeof block, 0, (SOCKADDR *)&addr, sizeof addr);
        got = recvfrom(rx, buf, sizeof buf, 0, NULL, NULL);
        if (got > 4)
            total += got - 4;
        Sleep(100); /* the server's pace */
    }
    end = clock();
    CHECK_EQ(total, BLOCKS * BLOCK_SIZE, "every block arrived");

    seconds = (double)(end - start) / CLK_TCK;
    CHECK(seconds >= 0.35 && seconds < 10.0, "(end - start) / CLK_TCK is the transfer's seconds");
    snprintf(report, sizeof report, "speed:%.1fkb/s", total / (1024 * (double)(end - start) / CLK_TCK));
    CHECK(strncmp(report, "speed:", 6) == 0 && atof(report + 6) > 0.2 && atof(report + 6) < 6.0,
          "the rate report is a few kb/s (2 KiB over about 0.4 s)");

    closesocket(tx);
    closesocket(rx);
    WSACleanup();
    return check_done();
}
