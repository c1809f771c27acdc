/* Handing a socket to a child process the way Microsoft's sockdup sample does: the server
 * accepts a connection, starts a worker (this program again, with CreateProcess), calls
 * WSADuplicateSocket for the worker's process id, writes the WSAPROTOCOL_INFO bytes into the
 * worker's standard input (an anonymous pipe) and closes its own socket; the worker's
 * WSASocket(FROM_PROTOCOL_INFO, ..., &info, 0, 0) gets the same connection and echoes on it.
 * Also a bound UDP socket handed over with the UTF-16 forms, a structure used twice (the
 * second WSASocket fails with WSAEINVAL), a structure taken by a process it was not made for
 * (WSAEINVAL; the socket stays for its target, and goes once that target ends without taking
 * it), a damaged structure (WSAEINVAL at once, no hang), and a launcher that hands a socket
 * to its worker and returns from main at once (the worker still gets it). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static char self[MAX_PATH];

/* --- the worker --- */

static BOOL read_all(HANDLE h, void *buf, DWORD len)
{
    DWORD got = 0, n;
    while (got < len) {
        if (!ReadFile(h, (char *)buf + got, len - got, &n, NULL) || n == 0)
            return FALSE;
        got += n;
    }
    return TRUE;
}

/* Echoes everything the connection brings until the client closes. */
static int tcp_worker(void)
{
    WSADATA wsa;
    WSAPROTOCOL_INFOA info;
    SOCKET s;
    char buf[256];
    DWORD flags = 0;
    int n, type = 0, len = sizeof(type);

    if (!read_all(GetStdHandle(STD_INPUT_HANDLE), &info, sizeof(info)))
        return 10;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 11;
    s = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    if (s == INVALID_SOCKET)
        return 12;
    if (getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len) != 0 || type != SOCK_STREAM)
        return 13;
    if (!GetHandleInformation((HANDLE)s, &flags) || !(flags & HANDLE_FLAG_INHERIT))
        return 17; /* inheritable, as any socket WSASocket makes without WSA_FLAG_NO_HANDLE_INHERIT */
    if (WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0) != INVALID_SOCKET ||
        WSAGetLastError() != WSAEINVAL)
        return 14; /* the structure is good for one WSASocket */
    while ((n = recv(s, buf, sizeof(buf), 0)) > 0) {
        if (send(s, buf, n, 0) != n)
            return 15;
    }
    if (n != 0)
        return 16;
    closesocket(s);
    WSACleanup();
    return 0;
}

/* Answers one datagram on the handed-over UDP socket (UTF-16 structure), after waiting
 * delay_ms milliseconds before it takes the socket. */
static int udp_worker(DWORD delay_ms)
{
    WSADATA wsa;
    WSAPROTOCOL_INFOW info;
    SOCKADDR_IN from;
    SOCKET s;
    char buf[64];
    int n, len = sizeof(from);

    if (!read_all(GetStdHandle(STD_INPUT_HANDLE), &info, sizeof(info)))
        return 20;
    Sleep(delay_ms);
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 21;
    s = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    if (s == INVALID_SOCKET)
        return 22;
    n = recvfrom(s, buf, sizeof(buf), 0, (SOCKADDR *)&from, &len);
    if (n <= 0)
        return 23;
    if (sendto(s, buf, n, 0, (SOCKADDR *)&from, len) != n)
        return 24;
    closesocket(s);
    WSACleanup();
    return 0;
}

/* Reads a structure meant for another process and tries to use it. */
static int wrong_worker(void)
{
    WSADATA wsa;
    WSAPROTOCOL_INFOA info;
    SOCKET s;

    if (!read_all(GetStdHandle(STD_INPUT_HANDLE), &info, sizeof(info)))
        return 30;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 31;
    s = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    if (s != INVALID_SOCKET)
        return 32;
    if (WSAGetLastError() != WSAEINVAL)
        return 33;
    WSACleanup();
    return 0;
}

/* Never takes its socket: waits until its standard input closes. */
static int idle_worker(void)
{
    char buf[64];
    DWORD n;
    while (ReadFile(GetStdHandle(STD_INPUT_HANDLE), buf, sizeof(buf), &n, NULL) && n > 0)
        ;
    return 0;
}

static BOOL start_worker(const char *role, PROCESS_INFORMATION *pi, HANDLE *to_child);

/* A launcher: binds a UDP socket, starts a UDP worker (which takes its time), hands it the
 * socket, tells its own parent the port (two bytes on standard output) and returns from main
 * at once. */
static int launcher_worker(void)
{
    WSADATA wsa;
    WSAPROTOCOL_INFOW info;
    SOCKADDR_IN addr;
    PROCESS_INFORMATION pi;
    HANDLE pipe;
    SOCKET u;
    DWORD n;
    int len = sizeof(addr);

    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 40;
    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(u, (SOCKADDR *)&addr, sizeof(addr)) != 0 || getsockname(u, (SOCKADDR *)&addr, &len) != 0)
        return 41;
    if (!start_worker("udp-late", &pi, &pipe))
        return 42;
    if (WSADuplicateSocketW(u, pi.dwProcessId, &info) != 0)
        return 43;
    if (!WriteFile(pipe, &info, sizeof(info), &n, NULL))
        return 44;
    closesocket(u);
    if (!WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), &addr.sin_port, sizeof(addr.sin_port), &n, NULL))
        return 45;
    CloseHandle(pipe);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    WSACleanup();
    return 0;
}

/* --- the server --- */

/* Starts a worker whose standard input is a new pipe (*to_child: its write end) and, with
 * from_child, whose standard output is another (*from_child: its read end). */
static BOOL start_worker_piped(const char *role, PROCESS_INFORMATION *pi, HANDLE *to_child, HANDLE *from_child)
{
    SECURITY_ATTRIBUTES sa;
    STARTUPINFOA si;
    HANDLE rd, wr = NULL;
    char line[MAX_PATH + 64];
    BOOL ok;

    sa.nLength = sizeof(sa);
    sa.lpSecurityDescriptor = NULL;
    sa.bInheritHandle = TRUE;
    if (!CreatePipe(&rd, to_child, &sa, 0))
        return FALSE;
    SetHandleInformation(*to_child, HANDLE_FLAG_INHERIT, 0);
    if (from_child != NULL) {
        if (!CreatePipe(from_child, &wr, &sa, 0))
            return FALSE;
        SetHandleInformation(*from_child, HANDLE_FLAG_INHERIT, 0);
    }
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = rd;
    si.hStdOutput = wr != NULL ? wr : GetStdHandle(STD_OUTPUT_HANDLE);
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    snprintf(line, sizeof(line), "\"%s\" worker %s", self, role);
    ok = CreateProcessA(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, pi);
    CloseHandle(rd);
    if (wr != NULL)
        CloseHandle(wr);
    if (!ok)
        CloseHandle(*to_child);
    return ok;
}

static BOOL start_worker(const char *role, PROCESS_INFORMATION *pi, HANDLE *to_child)
{
    return start_worker_piped(role, pi, to_child, NULL);
}

static DWORD finish_worker(PROCESS_INFORMATION *pi)
{
    DWORD code = 99;
    if (WaitForSingleObject(pi->hProcess, 20000) != WAIT_OBJECT_0)
        TerminateProcess(pi->hProcess, 98);
    GetExitCodeProcess(pi->hProcess, &code);
    CloseHandle(pi->hProcess);
    CloseHandle(pi->hThread);
    return code;
}

static BOOL readable_within(SOCKET s, long seconds)
{
    fd_set r;
    struct timeval tv;
    FD_ZERO(&r);
    FD_SET(s, &r);
    tv.tv_sec = seconds;
    tv.tv_usec = 0;
    return select((int)s + 1, &r, NULL, NULL, &tv) == 1;
}

/* A listener on 127.0.0.1, a client connected to it, and the accepted socket. */
static void connection(SOCKET *l, SOCKET *client, SOCKET *accepted)
{
    SOCKADDR_IN addr;
    int len = sizeof(addr);
    *l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(*l, (SOCKADDR *)&addr, sizeof(addr)) == 0, "bind the listener");
    REQUIRE(listen(*l, 5) == 0, "listen");
    getsockname(*l, (SOCKADDR *)&addr, &len);
    *client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(*client, (SOCKADDR *)&addr, sizeof(addr)) == 0, "the client connects");
    *accepted = WSAAccept(*l, NULL, NULL, NULL, 0);
    REQUIRE(*accepted != INVALID_SOCKET, "WSAAccept");
}

static void tcp_handoff(void)
{
    SOCKET l, client, a;
    PROCESS_INFORMATION pi;
    WSAPROTOCOL_INFOA info;
    HANDLE pipe;
    DWORD n;
    char buf[64];
    int got = 0, r;

    connection(&l, &client, &a);
    REQUIRE(start_worker("tcp", &pi, &pipe), "CreateProcess of the worker");
    memset(&info, 0, sizeof(info));
    CHECK_EQ(WSADuplicateSocketA(a, pi.dwProcessId, &info), 0, "WSADuplicateSocket for the worker's process");
    CHECK_EQ(info.iAddressFamily, AF_INET, "the structure names AF_INET");
    CHECK_EQ(info.iSocketType, SOCK_STREAM, "... SOCK_STREAM");
    CHECK_EQ(info.iProtocol, IPPROTO_TCP, "... IPPROTO_TCP");
    CHECK(WriteFile(pipe, &info, sizeof(info), &n, NULL) && n == sizeof(info), "the structure goes down the pipe");
    CHECK_EQ(closesocket(a), 0, "the server closes its own socket at once");

    CHECK_EQ(send(client, "hello, worker", 13, 0), 13, "the client sends");
    while (got < 13 && readable_within(client, 15)) {
        r = recv(client, buf + got, sizeof(buf) - got, 0);
        if (r <= 0)
            break;
        got += r;
    }
    CHECK_EQ(got, 13, "the worker's echo comes back on the same connection");
    CHECK(memcmp(buf, "hello, worker", 13) == 0, "... intact");
    shutdown(client, SD_SEND);
    CHECK(readable_within(client, 15) && recv(client, buf, sizeof(buf), 0) == 0,
          "the worker closes when the client does");
    CHECK_EQ(finish_worker(&pi), 0, "the worker took the socket once, echoed and ended (exit code 0)");
    CloseHandle(pipe);
    closesocket(client);
    closesocket(l);
}

static void udp_handoff(void)
{
    SOCKET u, client;
    SOCKADDR_IN addr, from;
    PROCESS_INFORMATION pi;
    WSAPROTOCOL_INFOW info;
    HANDLE pipe;
    DWORD n;
    char buf[64];
    int len = sizeof(addr);

    u = WSASocketW(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(u, (SOCKADDR *)&addr, sizeof(addr)) == 0, "bind a UDP socket");
    getsockname(u, (SOCKADDR *)&addr, &len);
    REQUIRE(start_worker("udp", &pi, &pipe), "CreateProcess of the UDP worker");
    CHECK_EQ(WSADuplicateSocketW(u, pi.dwProcessId, &info), 0, "WSADuplicateSocketW of the bound UDP socket");
    CHECK_EQ(info.iSocketType, SOCK_DGRAM, "the structure names SOCK_DGRAM");
    CHECK(WriteFile(pipe, &info, sizeof(info), &n, NULL) && n == sizeof(info), "the UTF-16 structure goes down the pipe");
    closesocket(u);

    client = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    CHECK_EQ(sendto(client, "ping", 4, 0, (SOCKADDR *)&addr, sizeof(addr)), 4, "a datagram to the bound address");
    len = sizeof(from);
    CHECK(readable_within(client, 15) && recvfrom(client, buf, sizeof(buf), 0, (SOCKADDR *)&from, &len) == 4 &&
              memcmp(buf, "ping", 4) == 0,
          "the worker answers it from the handed-over socket");
    CHECK(from.sin_port == addr.sin_port, "... from the same bound port");
    CHECK_EQ(finish_worker(&pi), 0, "the UDP worker ended with exit code 0");
    CloseHandle(pipe);
    closesocket(client);
}

static void wrong_process_and_damage(void)
{
    SOCKET l, client, a, s;
    PROCESS_INFORMATION target, other;
    WSAPROTOCOL_INFOA info, bad;
    HANDLE to_target, to_other;
    DWORD n, t0;
    char buf[8];

    connection(&l, &client, &a);
    REQUIRE(start_worker("idle", &target, &to_target), "CreateProcess of a worker that never takes its socket");
    REQUIRE(start_worker("wrong", &other, &to_other), "CreateProcess of another worker");
    CHECK_EQ(WSADuplicateSocketA(a, target.dwProcessId, &info), 0, "WSADuplicateSocket for the idle worker");
    CHECK(WriteFile(to_other, &info, sizeof(info), &n, NULL), "its structure goes to the other worker");
    CHECK_EQ(finish_worker(&other), 0, "the other worker's WSASocket fails with WSAEINVAL (exit code 0)");
    CloseHandle(to_other);

    /* In this process too: the structure is the idle worker's. */
    s = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    CHECK(s == INVALID_SOCKET, "the server cannot use the worker's structure");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... WSAEINVAL");

    /* A damaged copy of a structure made for this process. */
    CHECK_EQ(WSADuplicateSocketA(a, GetCurrentProcessId(), &bad), 0, "WSADuplicateSocket for this process");
    s = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &bad, 0, 0);
    CHECK(s != INVALID_SOCKET, "... WSASocket with it works");
    closesocket(s);
    memcpy(&bad, &info, sizeof(bad));
    bad.dwServiceFlags4 = GetCurrentProcessId();
    bad.ProtocolChain.ChainEntries[5] ^= 0x5a5a5a5a;
    t0 = GetTickCount();
    s = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &bad, 0, 0);
    CHECK(s == INVALID_SOCKET, "a structure with its reserved fields damaged fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK(GetTickCount() - t0 < 3000, "... at once");
    memset(&bad, 0xa5, sizeof(bad));
    s = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &bad, 0, 0);
    CHECK(s == INVALID_SOCKET && WSAGetLastError() != 0, "a structure of garbage fails");

    /* The server closes its socket; the connection stays while the idle worker may still take
     * it, and closes once that worker ends without taking it. */
    CHECK_EQ(closesocket(a), 0, "the server closes its own socket");
    CHECK(!readable_within(client, 1), "the connection stays open for the idle worker");
    CloseHandle(to_target);
    CHECK_EQ(finish_worker(&target), 0, "the idle worker ends");
    CHECK(readable_within(client, 10) && recv(client, buf, sizeof(buf), 0) <= 0,
          "then the connection closes: the unused duplicate went with its target");
    closesocket(client);
    closesocket(l);
}

/* A launcher hands a socket to its own worker and exits at once; the worker still gets it. */
static void launcher_exits(void)
{
    PROCESS_INFORMATION pi;
    HANDLE to_launcher, from_launcher;
    SOCKADDR_IN addr, from;
    SOCKET client;
    u_short port = 0;
    char buf[16];
    int len = sizeof(from);

    REQUIRE(start_worker_piped("launcher", &pi, &to_launcher, &from_launcher), "CreateProcess of a launcher");
    CHECK(read_all(from_launcher, &port, sizeof(port)) && port != 0, "the launcher tells the port it handed over");
    CHECK_EQ(finish_worker(&pi), 0, "the launcher returned from main (exit code 0)");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = port;
    client = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    CHECK_EQ(sendto(client, "after", 5, 0, (SOCKADDR *)&addr, sizeof(addr)), 5, "a datagram to that port");
    CHECK(readable_within(client, 15) && recvfrom(client, buf, sizeof(buf), 0, (SOCKADDR *)&from, &len) == 5 &&
              memcmp(buf, "after", 5) == 0,
          "the launcher's worker answers: the socket reached it though the launcher has ended");
    closesocket(client);
    CloseHandle(to_launcher);
    CloseHandle(from_launcher);
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    if (GetModuleFileNameA(NULL, self, sizeof(self)) == 0)
        return 91;
    if (argc > 2 && strcmp(argv[1], "worker") == 0) {
        if (strcmp(argv[2], "tcp") == 0)
            return tcp_worker();
        if (strcmp(argv[2], "udp") == 0)
            return udp_worker(0);
        if (strcmp(argv[2], "udp-late") == 0)
            return udp_worker(1500);
        if (strcmp(argv[2], "wrong") == 0)
            return wrong_worker();
        if (strcmp(argv[2], "idle") == 0)
            return idle_worker();
        if (strcmp(argv[2], "launcher") == 0)
            return launcher_worker();
        return 90;
    }
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    tcp_handoff();
    udp_handoff();
    wrong_process_and_damage();
    launcher_exits();
    WSACleanup();
    return check_done();
}
