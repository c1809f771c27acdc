/* ws2mp-test: no-mingw */ /* an int socket in mingw-w64's FD_SET draws -Wsign-compare, and its <wincon.h> needs <wingdi.h> first (ReactOS builds with its own headers) */
/* A telnet daemon of the 1990s, written against the Win32 headers one by one instead of
 * <windows.h>: WIN32_NO_STATUS, <windef.h>, <winbase.h> and <wincon.h>, then _INC_WINDOWS
 * defined by hand so that <winsock2.h> takes windows.h as included, and <strsafe.h>. Its
 * sockets are plain ints; accept gets a NULL address length; the option negotiation is sent
 * as IAC strings and the client's answer read by select(0, ...) until a 3-second quiet spell;
 * the user's line is echoed a character at a time; then the shell named by COMSPEC (else the
 * system directory's cmd.exe, joined with StringCchCatA) runs on two pipes, started with
 * the application name alone and DETACHED_PROCESS + CREATE_NEW_PROCESS_GROUP, its output
 * polled with PeekNamedPipe and its LF line ends sent as CRLF. */
#define _CRT_SECURE_NO_WARNINGS
#define WIN32_NO_STATUS
#include <stdio.h>
#include <stdlib.h>
#include <windef.h>
#include <winbase.h>
#include <wincon.h>
#define _INC_WINDOWS
#include <winsock2.h>
#include <strsafe.h>
#include <string.h>
#include "check.h"

#define IAC "\xff"
#define WILL "\xfb"
#define DO "\xfd"
#define ECHO_OPT "\x01"
#define SGA "\x03"

static unsigned short port;
static volatile LONG ctrl_calls;

static BOOL WINAPI OnCtrl(DWORD type)
{
    (void)type;
    InterlockedIncrement(&ctrl_calls);
    return FALSE;
}

/* the client: answers the negotiation, types a user name and two commands */
static DWORD WINAPI Client(LPVOID arg)
{
    int s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in sa;
    char *out = (char *)arg;
    int got = 0, n, i;
    const char *typed = "bob\r";

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = inet_addr("127.0.0.1");
    if (connect(s, (struct sockaddr *)&sa, sizeof(sa)) != 0)
        return 1;
    n = recv(s, out, 6, 0); /* the server's IAC WILL ECHO IAC WILL SGA */
    send(s, IAC DO ECHO_OPT IAC DO SGA, 6, 0);
    Sleep(50);
    for (i = 0; typed[i]; i++) { /* key by key, as a terminal sends them */
        send(s, &typed[i], 1, 0);
        Sleep(5);
    }
    send(s, "echo telnetd-ok\r\nexit\r\n", 23, 0);
    got = n > 0 ? n : 0;
    while (got < 4000 && (n = recv(s, out + got, 4000 - got, 0)) > 0)
        got += n;
    out[got] = '\0';
    closesocket(s);
    return 0;
}

/* a line, a byte at a time, echoing what it reads when asked to */
static int ReceiveLine(int sock, char *buffer, int len, BOOL echo)
{
    int i = 0;
    fd_set set;
    struct timeval tv = { 2, 0 };

    memset(buffer, 0, len);
    while (i < len - 1) {
        FD_ZERO(&set);
        FD_SET(sock, &set);
        if (select(0, &set, NULL, NULL, &tv) <= 0)
            return i;
        if (recv(sock, &buffer[i], 1, 0) <= 0)
            return -1;
        if (echo)
            send(sock, &buffer[i], 1, 0);
        if (buffer[i] == '\r') {
            buffer[i] = '\0';
            return i;
        }
        if (buffer[i] != '\n' && buffer[i] != '\0')
            i++;
    }
    return i;
}

int main(void)
{
    WSADATA wsaData;
    struct sockaddr_in sa;
    int sock, new_sock, n, len = sizeof(sa);
    fd_set set;
    struct timeval timeout = { 3, 0 };
    char reply[64], user[64], cmd_path[MAX_PATH], line[256], chBuf[512], txBuf[1024];
    char *client_out = (char *)calloc(1, 4096);
    HANDLE thread, hInRd, hInWr, hOutRd, hOutWr;
    SECURITY_ATTRIBUTES saAttr;
    STARTUPINFO si;
    PROCESS_INFORMATION pi;
    DWORD dwAvail, dwRead, dwWritten, from, to, exitCode = 99;
    char will[] = IAC WILL ECHO_OPT IAC WILL SGA;

    REQUIRE(client_out != NULL, "calloc");
    CHECK(SetConsoleCtrlHandler(OnCtrl, TRUE), "SetConsoleCtrlHandler from <wincon.h>");
    REQUIRE(WSAStartup(MAKEWORD(2, 0), &wsaData) == 0, "WSAStartup 2.0");
    CHECK_EQ(wsaData.wVersion, MAKEWORD(2, 0), "the version asked for");

    sock = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(sock >= 0, "an int socket");
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(sock, (struct sockaddr *)&sa, sizeof(sa)) == 0, "bind");
    REQUIRE(getsockname(sock, (struct sockaddr *)&sa, &len) == 0, "getsockname");
    port = ntohs(sa.sin_port);
    REQUIRE(listen(sock, 1) == 0, "listen");

    thread = CreateThread(NULL, 0, Client, client_out, 0, NULL);
    REQUIRE(thread != NULL, "client thread");
    new_sock = accept(sock, (struct sockaddr *)&sa, NULL);
    REQUIRE(new_sock >= 0, "accept with a NULL address length");

    CHECK_EQ(send(new_sock, will, sizeof(will) - 1, 0), 6, "the negotiation");
    n = 0;
    for (;;) { /* the answer, until the client is quiet for the timeout */
        FD_ZERO(&set);
        FD_SET(new_sock, &set);
        timeout.tv_sec = n == 0 ? 3 : 0;
        timeout.tv_usec = n == 0 ? 0 : 20000;
        if (select(0, &set, NULL, NULL, &timeout) <= 0)
            break;
        if (recv(new_sock, reply, sizeof(reply), 0) <= 0)
            break;
        n++;
    }
    CHECK(n >= 1, "the client's answer read");

    CHECK_EQ(ReceiveLine(new_sock, user, sizeof(user), TRUE), 3, "the user name typed key by key");
    CHECK(strcmp(user, "bob") == 0, "bob");

    if (!GetEnvironmentVariableA("COMSPEC", cmd_path, ARRAYSIZE(cmd_path))) {
        CHECK(GetSystemDirectoryA(cmd_path, ARRAYSIZE(cmd_path)) > 0, "GetSystemDirectoryA");
        CHECK(SUCCEEDED(StringCchCatA(cmd_path, ARRAYSIZE(cmd_path), "\\cmd.exe")), "StringCchCatA");
    }
    saAttr.nLength = sizeof(SECURITY_ATTRIBUTES);
    saAttr.bInheritHandle = TRUE;
    saAttr.lpSecurityDescriptor = NULL;
    REQUIRE(CreatePipe(&hOutRd, &hOutWr, &saAttr, 0), "stdout pipe");
    REQUIRE(CreatePipe(&hInRd, &hInWr, &saAttr, 0), "stdin pipe");
    ZeroMemory(&si, sizeof(STARTUPINFO));
    si.cb = sizeof(STARTUPINFO);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = hInRd;
    si.hStdOutput = hOutWr;
    si.hStdError = hOutWr;
    REQUIRE(CreateProcess(cmd_path, NULL, NULL, NULL, TRUE, DETACHED_PROCESS + CREATE_NEW_PROCESS_GROUP, NULL,
                          NULL, &si, &pi),
            "CreateProcess of the system's cmd.exe by its application name alone");
    CloseHandle(hOutWr);
    CloseHandle(hInRd);
    CloseHandle(pi.hThread);

    while ((n = ReceiveLine(new_sock, line, sizeof(line) - 2, FALSE)) > 0) {
        StringCchCatA(line, sizeof(line), "\r\n");
        CHECK(WriteFile(hInWr, line, (DWORD)strlen(line), &dwWritten, NULL), "a line to the shell");
        if (strcmp(line, "exit\r\n") == 0)
            break;
    }
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 10000), WAIT_OBJECT_0, "the shell ends on exit");
    CHECK(GetExitCodeProcess(pi.hProcess, &exitCode) && exitCode == 0, "exit code 0");
    while (PeekNamedPipe(hOutRd, NULL, 0, NULL, &dwAvail, NULL) && dwAvail) {
        if (!ReadFile(hOutRd, chBuf, sizeof(chBuf), &dwRead, NULL) || dwRead == 0)
            break;
        for (from = 0, to = 0; from < dwRead; from++, to++) {
            txBuf[to] = chBuf[from];
            if (txBuf[to] == '\n') {
                txBuf[to] = '\r';
                to++;
                txBuf[to] = '\n';
            }
        }
        send(new_sock, txBuf, (int)to, 0);
    }
    closesocket(new_sock);
    CHECK_EQ(WaitForSingleObject(thread, 10000), WAIT_OBJECT_0, "client done");
    CHECK(strstr(client_out, "bob") != NULL, "the name echoed back");
    CHECK(strstr(client_out, "telnetd-ok\r\n") != NULL, "the shell's output, with CRLF");
    CHECK_EQ(ctrl_calls, 0, "no console event");

    CloseHandle(pi.hProcess);
    CloseHandle(hOutRd);
    CloseHandle(hInWr);
    CloseHandle(thread);
    closesocket(sock);
    WSACleanup();
    free(client_out);
    return check_done();
}
