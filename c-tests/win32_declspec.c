/* ws2mp-test: no-mingw */ /* mingw-w64's GCC ignores __declspec(thread) and __declspec(align(n)) (MSVC's, which these programs were written for) */
/* MSVC's __declspec as legacy code writes it (dllexport functions, thread-local counters,
 * aligned buffers, noreturn and selectany), and the old C library's gets reading console
 * lines. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

__declspec(dllexport) int __cdecl exported_add(int a, int b)
{
    return a + b;
}

__declspec(thread) static int tls_count;
__declspec(selectany) int shared_setting = 7;

typedef struct __declspec(align(64)) {
    char bytes[10];
} aligned_block;

__declspec(noreturn) static void die(void);
static void die(void)
{
    exit(3);
}

static volatile LONG g_other_count = -1;

static DWORD WINAPI count_elsewhere(LPVOID arg)
{
    int i;
    (void)arg;
    for (i = 0; i < 5; i++)
        tls_count++;
    InterlockedExchange(&g_other_count, tls_count);
    return 0;
}

int main(void)
{
    HANDLE t;
    aligned_block blocks[2];
    char line[64], path[MAX_PATH];
    FILE *f;

    CHECK_EQ(exported_add(2, 3), 5, "a __declspec(dllexport) __cdecl function");
    CHECK_EQ(shared_setting, 7, "a __declspec(selectany) variable");
    CHECK(sizeof(aligned_block) == 64 && ((UINT_PTR)&blocks[1] % 64) == 0, "__declspec(align(64))");

    tls_count = 100;
    t = CreateThread(NULL, 0, count_elsewhere, NULL, 0, NULL);
    REQUIRE(t != NULL, "CreateThread");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CHECK(g_other_count == 5 && tls_count == 100, "__declspec(thread): each thread has its own counter");
    if (tls_count < 0)
        die();

    /* gets, reading a console's lines (standard input from a file here). */
    GetTempPathA(sizeof path, path);
    sprintf(path + strlen(path), "ws2mp_gets_%lu.txt", (unsigned long)GetCurrentProcessId());
    f = fopen(path, "w");
    REQUIRE(f != NULL, "write the input");
    fputs("first line\nsecond\n\nlast without newline", f);
    fclose(f);
    REQUIRE(freopen(path, "r", stdin) != NULL, "standard input from it");
    CHECK(gets(line) == line && strcmp(line, "first line") == 0, "gets reads a line without its newline");
    CHECK(gets(line) != NULL && strcmp(line, "second") == 0, "... the next");
    CHECK(gets(line) != NULL && line[0] == '\0', "... an empty line");
    CHECK(gets(line) != NULL && strcmp(line, "last without newline") == 0, "... the last, unterminated");
    CHECK(gets(line) == NULL, "... then NULL at the end");
    DeleteFileA(path);
    return check_done();
}
