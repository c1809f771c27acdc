// The name-resolution API compiled as C++, the way a C++ Winsock program uses it; standard
// headers included after <winsock2.h> still compile.
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string>
#include <vector>
#include <algorithm>
#include <map>
#include "check.h"

static std::vector<std::string> numeric_addresses(const char *node)
{
    std::vector<std::string> out;
    ADDRINFOA hints = {};
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    PADDRINFOA res = nullptr;
    if (::getaddrinfo(node, "80", &hints, &res) != 0)
        return out;
    for (PADDRINFOA p = res; p; p = p->ai_next) {
        char host[NI_MAXHOST];
        if (::getnameinfo(p->ai_addr, (socklen_t)p->ai_addrlen, host, sizeof(host), nullptr, 0, NI_NUMERICHOST) == 0)
            out.push_back(host);
    }
    ::freeaddrinfo(res);
    return out;
}

int main()
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    std::vector<std::string> v = numeric_addresses("127.0.0.1");
    CHECK(v.size() == 1 && v[0] == "127.0.0.1", "getaddrinfo + getnameinfo from C++");
    HOSTENT *h = gethostbyname("localhost");
    CHECK(h != nullptr && h->h_length == 4, "gethostbyname from C++");
    char name[256];
    CHECK_EQ(gethostname(name, sizeof(name)), 0, "gethostname from C++");
    std::map<std::string, int> ports;
    SERVENT *s = getservbyname("telnet", "tcp");
    if (s)
        ports[s->s_name] = ntohs(s->s_port);
    CHECK_EQ(ports["telnet"], 23, "getservbyname from C++ into a std::map");
    WSACleanup();
    return check_done();
}
