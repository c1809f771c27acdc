/*
 * C++ legacy code against the compat headers: a class with send/connect/bind/recv members,
 * std::bind with three arguments, `::name()` calls of the socket functions, and
 * ioctlsocket(FIONBIO) with u_long, ULONG and DWORD.
 */
#include <functional>
#include <string>
#include <cstring>
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

class Channel {
public:
    explicit Channel(SOCKET s) : s_(s) {}
    int send(const std::string &text) { return ::send(s_, text.data(), (int)text.size(), 0); }
    int recv(char *buf, int len) { return ::recv(s_, buf, len, 0); }
    int connect(const sockaddr_in &to) { return ::connect(s_, (const sockaddr *)&to, sizeof to); }
    int bind(const sockaddr_in &at) { return ::bind(s_, (const sockaddr *)&at, sizeof at); }
    int shutdown() { return ::shutdown(s_, SD_SEND); }
    SOCKET handle() const { return s_; }

private:
    SOCKET s_;
};

static int add3(int a, int b, int c) { return a * 100 + b * 10 + c; }

int main()
{
    WSADATA wsaData;
    REQUIRE(::WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "::WSAStartup");

    auto f = std::bind(add3, 1, std::placeholders::_1, 3);
    CHECK_EQ(f(2), 123, "std::bind with three arguments compiles and works");

    SOCKET l = ::socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(l != INVALID_SOCKET, "::socket");
    sockaddr_in addr;
    std::memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.S_un.S_addr = htonl(INADDR_LOOPBACK);
    Channel server(l);
    CHECK_EQ(server.bind(addr), 0, "a member function called bind calls ::bind");
    int len = sizeof addr;
    REQUIRE(::getsockname(l, (sockaddr *)&addr, &len) == 0 && ::listen(l, 1) == 0, "::getsockname, ::listen");

    Channel client(::socket(AF_INET, SOCK_STREAM, 0));
    CHECK_EQ(client.connect(addr), 0, "a member function called connect calls ::connect");
    SOCKET a = ::accept(l, NULL, NULL);
    REQUIRE(a != INVALID_SOCKET, "::accept");
    Channel peer(a);
    CHECK_EQ(client.send("hello"), 5, "a member function called send calls ::send");
    char buf[8] = {0};
    CHECK_EQ(peer.recv(buf, sizeof buf), 5, "a member function called recv calls ::recv");
    CHECK_EQ(std::strcmp(buf, "hello"), 0, "... and gets the bytes");

    u_long on = 1;
    ULONG off = 0;
    DWORD on2 = 1;
    CHECK_EQ(::ioctlsocket(a, FIONBIO, &on), 0, "::ioctlsocket(FIONBIO) with a u_long");
    CHECK(peer.recv(buf, sizeof buf) == SOCKET_ERROR && ::WSAGetLastError() == WSAEWOULDBLOCK, "... non-blocking");
    CHECK_EQ(::ioctlsocket(a, FIONBIO, &off), 0, "::ioctlsocket(FIONBIO) with a ULONG");
    CHECK_EQ(::ioctlsocket(a, FIONBIO, &on2), 0, "::ioctlsocket(FIONBIO) with a DWORD");

    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(a, &rs);
    timeval tv = {0, 0};
    CHECK_EQ(::select(0, &rs, NULL, NULL, &tv), 0, "::select with nothing to read");

    int v = 1;
    CHECK_EQ(::setsockopt(client.handle(), IPPROTO_TCP, TCP_NODELAY, (const char *)&v, sizeof v), 0, "::setsockopt");
    v = 0;
    len = sizeof v;
    CHECK(::getsockopt(client.handle(), IPPROTO_TCP, TCP_NODELAY, (char *)&v, &len) == 0 && v == 1, "::getsockopt");
    CHECK_EQ(client.shutdown(), 0, "a member function called shutdown calls ::shutdown");

    ::closesocket(client.handle());
    ::closesocket(a);
    ::closesocket(l);
    ::WSACleanup();
    return check_done();
}
