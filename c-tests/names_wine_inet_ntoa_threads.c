/*
 * A threaded server logs each client with inet_ntoa, one thread per connection. On Windows
 * the text inet_ntoa returns lives in a buffer of the calling thread's own: another thread's
 * inet_ntoa does not change it, so a thread may format its line after the others have
 * converted their addresses. The thread's next call reuses its buffer. The C libraries of
 * macOS and the BSDs keep one buffer for all threads, so there the first thread's text
 * turned into the second's address.
 */
#include <winsock2.h>
#include <string.h>
#include "check.h"

static HANDLE converted, may_exit;
static char worker_text[32];
static const char *worker_pointer;

static DWORD WINAPI worker(LPVOID arg)
{
    struct in_addr a;
    const char *s;
    (void)arg;
    a.s_addr = inet_addr("10.3.2.1");
    s = inet_ntoa(a);
    worker_pointer = s;
    strncpy(worker_text, s ? s : "(null)", sizeof(worker_text) - 1);
    SetEvent(converted);
    /* Stay alive while the main thread reads its own text: the buffers live as long as their
     * threads. */
    WaitForSingleObject(may_exit, 30000);
    return 0;
}

int main(void)
{
    WSADATA wsa;
    struct in_addr a, b;
    const char *mine, *again;
    HANDLE thread;

    a.s_addr = inet_addr("10.1.2.3");
    mine = inet_ntoa(a);
    REQUIRE(mine != NULL && strcmp(mine, "10.1.2.3") == 0, "inet_ntoa before WSAStartup: 10.1.2.3");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    converted = CreateEventA(NULL, TRUE, FALSE, NULL);
    may_exit = CreateEventA(NULL, TRUE, FALSE, NULL);
    REQUIRE(converted != NULL && may_exit != NULL, "CreateEvent");
    thread = CreateThread(NULL, 0, worker, NULL, 0, NULL);
    REQUIRE(thread != NULL, "CreateThread");
    CHECK_EQ(WaitForSingleObject(converted, 30000), WAIT_OBJECT_0, "the other thread converted its address");
    CHECK(strcmp(worker_text, "10.3.2.1") == 0, "... and got 10.3.2.1");
    CHECK(strcmp(mine, "10.1.2.3") == 0, "this thread's text is still 10.1.2.3");
    CHECK(worker_pointer != mine, "... in a buffer of its own");
    SetEvent(may_exit);
    CHECK_EQ(WaitForSingleObject(thread, 30000), WAIT_OBJECT_0, "the other thread ends");
    CloseHandle(thread);
    CloseHandle(converted);
    CloseHandle(may_exit);

    b.s_addr = htonl(0xffffffff);
    again = inet_ntoa(b);
    CHECK(again == mine, "the thread's next call reuses its buffer");
    CHECK(strcmp(again, "255.255.255.255") == 0, "... with the new text, the longest there is");
    b.s_addr = 0;
    CHECK(strcmp(inet_ntoa(b), "0.0.0.0") == 0, "0.0.0.0");
    WSACleanup();
    return check_done();
}
