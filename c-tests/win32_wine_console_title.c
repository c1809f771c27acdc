/* A console server that shows its state in the console's title, as many Windows services run
 * by hand do: it saves the title it was started with (GetConsoleTitle), sets
 * "listening on 127.0.0.1:PORT" once its socket is bound, reads it back, and puts the saved
 * title back before it exits. Windows answers GetConsoleTitle with the whole title's length
 * (without the terminator) whatever the buffer's size, copies what fits before a NUL
 * (Windows 8 and later), leaves the buffer alone for a size of 0, and sees a title set by
 * cmd's `title` command run through system(). Wine's kernel32 console tests
 * (SetConsoleTitle / GetConsoleTitle) as the specification; a program that gets no text back
 * here shows an empty title or restores garbage. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "check.h"

static char saved[1024];

static void test_save_and_set(unsigned short port)
{
    char title[128], got[128];
    WCHAR wgot[128];
    DWORD len, i;

    len = GetConsoleTitleA(saved, sizeof(saved));
    CHECK(len > 0 && len < sizeof(saved), "GetConsoleTitleA gives the title the program started with");
    CHECK_EQ(strlen(saved), len, "... its length, without the terminator");

    sprintf(title, "echo server - listening on 127.0.0.1:%u", (unsigned)port);
    CHECK(SetConsoleTitleA(title), "SetConsoleTitleA succeeds");
    memset(got, 'x', sizeof(got));
    len = GetConsoleTitleA(got, sizeof(got));
    CHECK_EQ(len, strlen(title), "GetConsoleTitleA returns the new title's length");
    CHECK(strcmp(got, title) == 0, "... and its text");

    memset(wgot, 0x55, sizeof(wgot));
    len = GetConsoleTitleW(wgot, sizeof(wgot) / sizeof(wgot[0]));
    CHECK_EQ(len, strlen(title), "GetConsoleTitleW counts the same characters");
    for (i = 0; i < len && wgot[i] == (WCHAR)(unsigned char)title[i]; i++)
        ;
    CHECK(i == len && wgot[len] == 0, "... and gives the same text in UTF-16, terminated");

    /* A buffer too short: the start of the title and a NUL; the whole length is returned. */
    memset(got, 'x', sizeof(got));
    len = GetConsoleTitleA(got, 5);
    CHECK_EQ(len, strlen(title), "a 5-byte buffer: the whole length is still returned");
    CHECK(memcmp(got, "echo", 4) == 0 && got[4] == 0, "... with 4 characters and a NUL in it");
    CHECK_EQ(got[5], 'x', "... and nothing written past it");

    memset(got, 'x', sizeof(got));
    len = GetConsoleTitleA(got, 0);
    CHECK_EQ(len, 0, "a size of 0 returns 0");
    CHECK_EQ(got[0], 'x', "... and leaves the buffer alone");

    memset(wgot, 0x55, sizeof(wgot));
    len = GetConsoleTitleW(wgot, 1);
    CHECK_EQ(len, strlen(title), "GetConsoleTitleW with room for the NUL alone: the whole length");
    CHECK(wgot[0] == 0 && wgot[1] == 0x5555, "... and an empty string");
}

static void test_wide_title(void)
{
    static const WCHAR wide[] = {'c', 'l', 'i', 'e', 'n', 't', 's', ':', ' ', '3', ' ', 0x00e9, 0};
    WCHAR wgot[64];
    char got[64];
    DWORD len;

    CHECK(SetConsoleTitleW(wide), "SetConsoleTitleW succeeds");
    len = GetConsoleTitleW(wgot, 64);
    CHECK_EQ(len, 12, "GetConsoleTitleW: 12 characters");
    CHECK(memcmp(wgot, wide, sizeof(wide)) == 0, "... the text SetConsoleTitleW set");
    len = GetConsoleTitleA(got, sizeof(got));
    CHECK(len >= 12 && memcmp(got, "clients: 3 ", 11) == 0, "GetConsoleTitleA gives it in the ANSI code page");
}

static void test_title_command(void)
{
    char got[64];
    fflush(stdout);
    CHECK_EQ(system("title maintenance"), 0, "system(\"title maintenance\") succeeds");
    CHECK_EQ(GetConsoleTitleA(got, sizeof(got)), 11, "GetConsoleTitleA sees the title cmd set");
    CHECK(strcmp(got, "maintenance") == 0, "... its text");
}

int main(void)
{
    WSADATA wsa;
    SOCKET s;
    struct sockaddr_in sin;
    int n = sizeof(sin);
    char got[1024];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(s != INVALID_SOCKET, "socket");
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(s, (struct sockaddr *)&sin, sizeof(sin)) == 0 && listen(s, 5) == 0, "bind and listen");
    REQUIRE(getsockname(s, (struct sockaddr *)&sin, &n) == 0, "getsockname");

    test_save_and_set(ntohs(sin.sin_port));
    test_wide_title();
    test_title_command();

    CHECK(SetConsoleTitleA(saved), "the saved title is put back");
    CHECK(GetConsoleTitleA(got, sizeof(got)) == strlen(saved) && strcmp(got, saved) == 0,
          "... and reads back as it was");

    closesocket(s);
    WSACleanup();
    return check_done();
}
