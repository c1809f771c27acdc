/* A test tool's command line of the Unicode style: wmain's wide arguments, "-port" followed by
 * a number parsed with swscanf_s(arg, L"%i", &port) (so 0x1F90 and 8080 both work), and a
 * "-peer name:port" argument split with swscanf_s(L"%[^:]:%d", name, _countof(name), &port),
 * Microsoft's wide scanf filling wchar_t buffers, each followed by its size in characters. A
 * name longer than its buffer is refused, as the checked function does. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <wchar.h>
#include "check.h"

struct options {
    int port;
    wchar_t peer[16];
    int peer_port;
    char tag[8];
};

static int parse(struct options *o, int argc, const wchar_t *const *argv)
{
    int i;
    for (i = 0; i < argc; i++) {
        if (wcscmp(argv[i], L"-port") == 0 && i + 1 < argc) {
            if (swscanf_s(argv[++i], L"%i", &o->port) != 1)
                return -1;
        } else if (wcscmp(argv[i], L"-peer") == 0 && i + 1 < argc) {
            if (swscanf_s(argv[++i], L"%[^:]:%d", o->peer, (unsigned)_countof(o->peer), &o->peer_port) != 2)
                return -1;
        } else if (wcscmp(argv[i], L"-tag") == 0 && i + 1 < argc) {
            if (swscanf_s(argv[++i], L"%S", o->tag, (unsigned)sizeof o->tag) != 1)
                return -1;
        }
    }
    return 0;
}

int main(void)
{
    static const wchar_t *const ok_args[] = {L"-port", L"0x1F90", L"-peer", L"relais-\u00e9t\u00e9:5150", L"-tag", L"lab"};
    static const wchar_t *const long_args[] = {L"-peer", L"a-very-long-host-name:80"};
    struct options o = {0, L"", 0, ""};
    wchar_t word[8], c[2] = {0, 0};
    unsigned __int64 bytes = 0;
    int n, used = -1;

    CHECK_EQ(parse(&o, 6, ok_args), 0, "the arguments parse");
    CHECK_EQ(o.port, 8080, "%i reads 0x1F90");
    CHECK(wcscmp(o.peer, L"relais-\u00e9t\u00e9") == 0, "%[^:] fills the wchar_t buffer, accents kept");
    CHECK_EQ(o.peer_port, 5150, "then the port after the colon");
    CHECK(strcmp(o.tag, "lab") == 0, "%S fills a char buffer");

    CHECK_EQ(parse(&o, 2, long_args), -1, "a peer name longer than its buffer is refused");

    n = swscanf_s(L"token rest", L"%s", word, (unsigned)_countof(word));
    CHECK_EQ(n, 1, "%s into a wchar_t buffer");
    CHECK(wcscmp(word, L"token") == 0, "the word");
    n = swscanf_s(L"toolongword", L"%s", word, (unsigned)_countof(word));
    CHECK_EQ(n, 0, "a word longer than its buffer is not assigned");
    CHECK(word[0] == L'\0', "and the buffer is emptied");
    n = swscanf_s(L"x 9000000000%", L"%c %I64u%n", c, 1u, &bytes, &used);
    CHECK_EQ(n, 2, "%c and %I64u");
    CHECK(c[0] == L'x' && bytes == 9000000000ULL, "one wide character and a 64-bit count");
    CHECK_EQ(used, 12, "%n counts what was read");
    CHECK_EQ(swscanf_s(L"", L"%d", &n), EOF, "an empty string is EOF");
    return check_done();
}
