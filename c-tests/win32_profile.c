/* Initialization files the way a legacy server keeps its settings: WritePrivateProfileString
 * to create them, GetPrivateProfileInt / GetPrivateProfileString to read them (".\\name.ini",
 * case-insensitive names, quotes, defaults), the section and key lists with Windows' buffer
 * rules, deletion, and the W forms. The port read back serves a UDP echo on 127.0.0.1. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "wide.h"

static char g_ini[MAX_PATH];

/* The file's bytes, for checking what was written. */
static size_t file_text(char *buf, size_t cap)
{
    FILE *f = fopen(g_ini + 2, "rb");
    size_t n = 0;
    if (f != NULL) {
        n = fread(buf, 1, cap - 1, f);
        fclose(f);
    }
    buf[n] = '\0';
    return n;
}

int main(void)
{
    char buf[128], text[512], tmp[MAX_PATH];
    WCHAR wbuf[64];
    WSADATA wsa;
    SOCKET s;
    SOCKADDR_IN addr;
    int len = (int)sizeof(addr);
    UINT port;
    DWORD n;
    FILE *f;

    REQUIRE(GetTempPathA(sizeof tmp, tmp) > 0 && SetCurrentDirectoryA(tmp), "work in the temporary directory");
    sprintf(g_ini, ".\\ws2mp_profile_%lu.ini", (unsigned long)GetCurrentProcessId());
    DeleteFileA(g_ini + 2);

    /* Nothing there yet: defaults, and ERROR_FILE_NOT_FOUND. */
    SetLastError(0);
    CHECK_EQ(GetPrivateProfileIntA("Server", "Port", 5150, g_ini), 5150, "a missing file gives the default");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "... with ERROR_FILE_NOT_FOUND");
    n = GetPrivateProfileStringA("Server", "Name", "unnamed   ", buf, sizeof buf, g_ini);
    CHECK(n == 7 && strcmp(buf, "unnamed") == 0, "the default string, trailing blanks removed");

    /* The settings written as the program's installer would. */
    CHECK(WritePrivateProfileStringA("Server", "Port", "0", g_ini), "WritePrivateProfileString creates the file");
    CHECK(WritePrivateProfileStringA("Server", "Name", "\"echo server\"", g_ini), "... adds a key");
    CHECK(WritePrivateProfileStringA("Clients", "Max", "64", g_ini), "... adds a section");
    CHECK(WritePrivateProfileStringA("server", "Timeout", "30", g_ini), "... adds a key to a section named in another case");
    file_text(text, sizeof text);
    CHECK(strcmp(text, "[Server]\nPort=0\nName=\"echo server\"\nTimeout=30\n[Clients]\nMax=64\n") == 0,
          "the file holds the sections and keys in order");

    SetLastError(1234);
    CHECK_EQ(GetPrivateProfileIntA("SERVER", "timeout", -1, g_ini), 30, "GetPrivateProfileInt, names in any case");
    CHECK_EQ(GetLastError(), 0, "... a successful read sets the last error to 0");
    n = GetPrivateProfileStringA("Server", "Name", "", buf, sizeof buf, g_ini);
    CHECK(n == 11 && strcmp(buf, "echo server") == 0, "a quoted value loses its quotes");
    n = GetPrivateProfileStringA("Server", "Name", "", buf, 5, g_ini);
    CHECK(n == 4 && strcmp(buf, "echo") == 0, "a value too long: nSize - 1 characters and a NUL");
    CHECK_EQ(GetPrivateProfileIntA("Server", "Missing", -1, g_ini), (UINT)-1, "a missing key: the default");

    /* The lists: each name NUL-terminated, one more NUL at the end. */
    n = GetPrivateProfileStringA("Server", NULL, "", buf, sizeof buf, g_ini);
    CHECK(n == 18 && memcmp(buf, "Port\0Name\0Timeout\0\0", 19) == 0, "the keys of a section");
    n = GetPrivateProfileSectionNamesA(buf, sizeof buf, g_ini);
    CHECK(n == 15 && memcmp(buf, "Server\0Clients\0\0", 16) == 0, "the section names");
    n = GetPrivateProfileSectionNamesA(buf, 16, g_ini);
    CHECK(n == 14 && memcmp(buf, "Server\0Clients\0\0", 16) == 0,
          "a list that just fits is cut: nSize - 2 characters and two NULs");
    n = GetPrivateProfileStringA(NULL, NULL, "", buf, 17, g_ini);
    CHECK_EQ(n, 15, "with a character to spare it is whole");
    n = GetPrivateProfileSectionA("Server", buf, sizeof buf, g_ini);
    CHECK(n == 35 && memcmp(buf, "Port=0\0Name=echo server\0Timeout=30\0\0", 36) == 0,
          "GetPrivateProfileSection: key=value lines");
    SetLastError(0);
    CHECK(GetPrivateProfileSectionA(NULL, buf, sizeof buf, g_ini) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
          "GetPrivateProfileSection without a section: ERROR_INVALID_PARAMETER");
    CHECK(GetPrivateProfileSectionA("Server", buf, sizeof buf, NULL) == 0 && GetLastError() == ERROR_FILE_NOT_FOUND,
          "... without a file: ERROR_FILE_NOT_FOUND");

    /* Integers as Windows reads them. */
    WritePrivateProfileStringA("Numbers", "a", "-1", g_ini);
    WritePrivateProfileStringA("Numbers", "b", "4294967297", g_ini);
    WritePrivateProfileStringA("Numbers", "c", "42A9", g_ini);
    WritePrivateProfileStringA("Numbers", "d", "B42", g_ini);
    WritePrivateProfileStringA("Numbers", "e", "+7", g_ini);
    CHECK_EQ(GetPrivateProfileIntA("Numbers", "a", 5, g_ini), 4294967295u, "\"-1\" is 0xFFFFFFFF");
    CHECK_EQ(GetPrivateProfileIntA("Numbers", "b", 5, g_ini), 1, "\"4294967297\" wraps to 1");
    CHECK_EQ(GetPrivateProfileIntA("Numbers", "c", 5, g_ini), 42, "digits up to the first other character");
    CHECK_EQ(GetPrivateProfileIntA("Numbers", "d", 5, g_ini), 0, "no leading digit: 0, not the default");
    CHECK_EQ(GetPrivateProfileIntA("Numbers", "e", 5, g_ini), 7, "a + sign");

    /* Hand-edited Windows lines: CRLF, blanks around '=', comments. */
    f = fopen(g_ini + 2, "ab");
    REQUIRE(f != NULL, "append to the file");
    fputs("; a comment\r\n[Log]\r\n  Level =  3  \r\nfile = 'server.log'\r\n", f);
    fclose(f);
    CHECK_EQ(GetPrivateProfileIntA("log", "LEVEL", 0, g_ini), 3, "a hand-written key with blanks");
    n = GetPrivateProfileStringA("Log", "File", "", buf, sizeof buf, g_ini);
    CHECK(n == 10 && strcmp(buf, "server.log") == 0, "single quotes removed too");

    /* Changing and deleting. */
    CHECK(WritePrivateProfileStringA("Numbers", NULL, NULL, g_ini), "a NULL key deletes the section");
    CHECK_EQ(GetPrivateProfileIntA("Numbers", "e", 5, g_ini), 5, "... its keys are gone");
    CHECK(WritePrivateProfileStringA("Server", "Timeout", NULL, g_ini), "a NULL string deletes the key");
    n = GetPrivateProfileStringA("Server", NULL, "", buf, sizeof buf, g_ini);
    CHECK(n == 10 && memcmp(buf, "Port\0Name\0\0", 11) == 0, "... the section keeps the others");
    CHECK(WritePrivateProfileStringA("Server", "Port", "0", g_ini), "rewriting a key");
    file_text(text, sizeof text);
    CHECK(strstr(text, "  Level =  3  \r\nfile = 'server.log'\r\n") != NULL && strstr(text, "; a comment") == NULL,
          "lines the program did not change are kept as they were (the comment went with the deleted section)");
    CHECK(!WritePrivateProfileStringA("S", "k", "v", ".\\no_such_directory_ws2mp\\x.ini") &&
              GetLastError() == ERROR_PATH_NOT_FOUND,
          "a file in a missing directory: ERROR_PATH_NOT_FOUND");

    /* The W forms. */
    CHECK(WritePrivateProfileStringW(W("Wide"), W("Key"), W("value"), W(g_ini)), "WritePrivateProfileStringW");
    n = GetPrivateProfileStringW(W("wide"), W("key"), W(""), wbuf, 64, W(g_ini));
    CHECK(n == 5 && wbuf[0] == 'v' && wbuf[4] == 'e' && wbuf[5] == 0, "GetPrivateProfileStringW");
    CHECK_EQ(GetPrivateProfileIntW(W("Clients"), W("Max"), 0, W(g_ini)), 64, "GetPrivateProfileIntW");
    n = GetPrivateProfileSectionNamesW(wbuf, 64, W(g_ini));
    CHECK(n > 0 && wbuf[0] == 'S' && wbuf[n] == 0 && wbuf[n - 1] == 0, "GetPrivateProfileSectionNamesW");

    /* The program's real work: serve on the port its settings name (0: any). */
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    port = GetPrivateProfileIntA("Server", "Port", 5150, g_ini);
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((u_short)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(s, (SOCKADDR *)&addr, sizeof addr) == 0 && getsockname(s, (SOCKADDR *)&addr, &len) == 0,
          "bind on the configured port");
    sprintf(buf, "%u", (unsigned)ntohs(addr.sin_port));
    CHECK(WritePrivateProfileStringA("Server", "Port", buf, g_ini), "record the port chosen");
    CHECK_EQ(GetPrivateProfileIntA("Server", "Port", 0, g_ini), ntohs(addr.sin_port), "... and read it back");
    closesocket(s);
    WSACleanup();

    DeleteFileA(g_ini + 2);
    return check_done();
}
