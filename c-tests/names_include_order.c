/* ws2mp-test: posix */ /* the C library's <netdb.h> and <unistd.h> around <winsock2.h> */
/* The system's <netdb.h>, <unistd.h> and <arpa/inet.h> included before <winsock2.h> (as
 * portable code often does) and again after it: the Winsock names still mean Winsock's
 * functions and structures. */
#include <netdb.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <netdb.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
    WSADATA wsa;
    struct addrinfo hints, *res = NULL;
    struct hostent *h;
    char name[256];

    CHECK_EQ(sizeof(struct hostent), 32, "struct hostent is Windows' after <netdb.h>");
    CHECK_EQ(sizeof(struct addrinfo), 48, "struct addrinfo is Windows'");
    CHECK_EQ(AI_NUMERICSERV, 8, "AI_NUMERICSERV has Windows' value");
    CHECK_EQ(EAI_NONAME, WSAHOST_NOT_FOUND, "EAI_NONAME is WSAHOST_NOT_FOUND");
    CHECK_EQ(gethostname(name, sizeof(name)), SOCKET_ERROR, "gethostname is Winsock's (fails before WSAStartup)");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_NUMERICHOST;
    CHECK_EQ(getaddrinfo("127.0.0.1", "80", &hints, &res), 0, "getaddrinfo is Winsock's");
    CHECK(res != NULL && res->ai_addrlen == sizeof(struct sockaddr_in) && res->ai_socktype == 0,
          "... with Windows' result shape");
    freeaddrinfo(res);
    h = gethostbyname("127.0.0.1");
    CHECK(h != NULL && h->h_length == 4, "gethostbyname is Winsock's");
    CHECK_EQ(gethostname(name, 1), SOCKET_ERROR, "gethostname(name, 1) fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    WSACleanup();
    return check_done();
}
