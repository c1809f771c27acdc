/*
 * Service lookups the way configuration-driven programs make them. Windows reads its
 * services file without regard to case: getservbyname("HTTP", "TCP") finds the http entry
 * and getservbyport(htons(53), "UDP") the domain one, and the entry comes back as the file
 * writes it (lower case). A program that takes a service or protocol name from a user, a
 * registry value or a URL scheme upper-cased ("FTP", "TCP") depends on that.
 * Several threads looking services up at once each get their own answers: each thread's
 * answer stays in that thread's buffer (two lookups in a row give the same pointer) and is
 * never overwritten by another thread's.
 */
#include <winsock2.h>
#include <string.h>
#include "check.h"

static int is_service(const struct servent *s, const char *name, int port, const char *proto)
{
    return s != NULL && strcmp(s->s_name, name) == 0 && ntohs(s->s_port) == port && strcmp(s->s_proto, proto) == 0;
}

static void test_case(void)
{
    struct servent *s;

    CHECK(is_service(getservbyname("HTTP", "TCP"), "http", 80, "tcp"), "getservbyname(HTTP, TCP) is http/80/tcp");
    CHECK(is_service(getservbyname("Telnet", "tcp"), "telnet", 23, "tcp"), "getservbyname(Telnet, tcp)");
    CHECK(is_service(getservbyname("domain", "UDP"), "domain", 53, "udp"), "getservbyname(domain, UDP)");
    s = getservbyname("TELNET", NULL);
    CHECK(s != NULL && strcmp(s->s_name, "telnet") == 0 && ntohs(s->s_port) == 23,
          "getservbyname(TELNET, NULL) is telnet/23");
    CHECK(is_service(getservbyport(htons(53), "UDP"), "domain", 53, "udp"), "getservbyport(53, UDP) is domain/udp");
    CHECK(is_service(getservbyport(htons(23), "Tcp"), "telnet", 23, "tcp"), "getservbyport(23, Tcp) is telnet");
    CHECK(getservbyname("HTTPX", "TCP") == NULL, "an unknown name still fails, in any case");
    CHECK(getservbyname("HTTP", "XTP") == NULL, "... as does an unknown protocol");
}

#define THREADS 3
#define ROUNDS 100

static HANDLE start;
static int wrong_answers[THREADS];
static int moved_buffers[THREADS];

static DWORD WINAPI lookups(LPVOID arg)
{
    int me = (int)(INT_PTR)arg, i;
    WaitForSingleObject(start, 30000);
    for (i = 0; i < ROUNDS; i++) {
        struct servent *a = getservbyname("domain", "udp");
        int a_ok = is_service(a, "domain", 53, "udp");
        struct servent *b = getservbyname("TELNET", "TCP");
        if (!a_ok || !is_service(b, "telnet", 23, "tcp"))
            wrong_answers[me]++;
        if (a != b)
            moved_buffers[me]++;
    }
    return 0;
}

static void test_threads(void)
{
    HANDLE threads[THREADS];
    int i, wrong = 0, moved = 0;

    start = CreateEventA(NULL, TRUE, FALSE, NULL);
    REQUIRE(start != NULL, "CreateEvent");
    for (i = 0; i < THREADS; i++) {
        threads[i] = CreateThread(NULL, 0, lookups, (LPVOID)(INT_PTR)i, 0, NULL);
        REQUIRE(threads[i] != NULL, "CreateThread");
    }
    SetEvent(start);
    CHECK_EQ(WaitForMultipleObjects(THREADS, threads, TRUE, 60000), WAIT_OBJECT_0, "the threads finish");
    for (i = 0; i < THREADS; i++) {
        wrong += wrong_answers[i];
        moved += moved_buffers[i];
        CloseHandle(threads[i]);
    }
    CloseHandle(start);
    CHECK_EQ(wrong, 0, "every thread read its own answers, right, while the others looked up");
    CHECK_EQ(moved, 0, "each thread's answers came in one buffer, reused");
}

int main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    test_case();
    test_threads();
    WSACleanup();
    return check_done();
}
