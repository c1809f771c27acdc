/* Win32 names a legacy console server uses that were undeclared: it silences the error dialogs
 * with SetErrorMode, reports whether it runs under WOW64 (IsWow64Process into a PBOOL), keeps
 * its clients on a LIST_ENTRY list walked back with CONTAINING_RECORD, packs a message's
 * arguments with MAKELPARAM, sizes its buffers with LocalSize and _ARRAYSIZE, compares
 * packets with RtlEqualMemory, wipes a key with RtlSecureZeroMemory, stamps its log in local
 * file time and back (LocalFileTimeToFileTime), multiplies with Int32x32To64, checks a
 * GetLastError() against ERROR_SHARING_VIOLATION & co., and maps keys by their VK_ codes. */
#include <winsock2.h>
#include <windows.h>
#include <stddef.h>
#include <string.h>
#include "check.h"

typedef struct client {
    int id;
    LIST_ENTRY link;
} client;

static void list_init(LIST_ENTRY *head)
{
    head->Flink = head->Blink = head;
}

static void list_append(LIST_ENTRY *head, LIST_ENTRY *e)
{
    e->Blink = head->Blink;
    e->Flink = head;
    head->Blink->Flink = e;
    head->Blink = e;
}

static const char *key_name(WORD vk)
{
    switch (vk) {
    case VK_ESCAPE:
        return "quit";
    case VK_RETURN:
        return "send";
    case VK_F1:
        return "help";
    case VK_UP:
    case VK_DOWN:
        return "history";
    default:
        return "other";
    }
}

int main(void)
{
    BOOL wow = TRUE;
    PBOOL pwow = &wow;
    UINT old_mode;
    LIST_ENTRY clients;
    client c[3];
    LIST_ENTRY *e;
    int ids = 0, i;
    LPARAM lp;
    HLOCAL block;
    char key[16];
    char packet_a[4] = { 1, 2, 3, 4 }, packet_b[4] = { 1, 2, 3, 4 };
    FILETIME now, local, back;
    struct header {
        WORD type;
        WORD length;
        DWORD sequence;
    };

    /* The error dialogs off, and the old mode given back. */
    SetErrorMode(0);
    old_mode = SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
    CHECK_EQ(old_mode, 0, "SetErrorMode returns the previous mode");
    CHECK_EQ(SetErrorMode(old_mode), SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX,
             "... and the mode it set the next time");

    /* A 64-bit process under a 64-bit system is no WOW64 process. */
    CHECK(IsWow64Process(GetCurrentProcess(), pwow), "IsWow64Process succeeds");
    CHECK_EQ(wow, FALSE, "not WOW64");

    /* The clients on a doubly linked list. */
    list_init(&clients);
    for (i = 0; i < 3; i++) {
        c[i].id = 10 + i;
        list_append(&clients, &c[i].link);
    }
    for (e = clients.Flink; e != &clients; e = e->Flink)
        ids += CONTAINING_RECORD(e, client, link)->id;
    CHECK_EQ(ids, 33, "the LIST_ENTRY list holds the three clients");
    CHECK(CONTAINING_RECORD(clients.Blink, client, link) == &c[2], "Blink is the last one");

    /* Packed arguments and sizes. */
    lp = MAKELPARAM(0x1234, 0x0002);
    CHECK_EQ(LOWORD(lp), 0x1234, "MAKELPARAM's low word");
    CHECK_EQ(HIWORD(lp), 0x0002, "MAKELPARAM's high word");
    CHECK_EQ(HIWORD(MAKEWPARAM(1, 7)), 7, "MAKEWPARAM");
    CHECK_EQ(LOWORD(MAKELRESULT(5, 6)), 5, "MAKELRESULT");
    CHECK_EQ(_ARRAYSIZE(c), 3, "_ARRAYSIZE");
    CHECK_EQ(RTL_SIZEOF_THROUGH_FIELD(struct header, length), 4, "RTL_SIZEOF_THROUGH_FIELD");
    block = LocalAlloc(LPTR, 100);
    REQUIRE(block != NULL, "LocalAlloc");
    CHECK(LocalSize(block) >= 100, "LocalSize covers the block");
    LocalFree(block);
    CHECK(HeapValidate(GetProcessHeap(), 0, NULL), "HeapValidate of the process heap");

    /* Packets compared, a key wiped. */
    CHECK(RtlEqualMemory(packet_a, packet_b, sizeof(packet_a)), "RtlEqualMemory of equal packets");
    packet_b[3] = 9;
    CHECK(!RtlEqualMemory(packet_a, packet_b, sizeof(packet_a)), "RtlEqualMemory sees the difference");
    memset(key, 'k', sizeof(key));
    RtlSecureZeroMemory(key, sizeof(key));
    CHECK(key[0] == 0 && key[15] == 0, "RtlSecureZeroMemory wipes the key");

    /* The log's local time stamp and back. */
    GetSystemTimeAsFileTime(&now);
    REQUIRE(FileTimeToLocalFileTime(&now, &local), "FileTimeToLocalFileTime");
    CHECK(LocalFileTimeToFileTime(&local, &back), "LocalFileTimeToFileTime");
    CHECK(back.dwLowDateTime == now.dwLowDateTime && back.dwHighDateTime == now.dwHighDateTime,
          "the round trip gives the UTC time back");

    /* Arithmetic and codes. */
    CHECK(Int32x32To64(-100000, 100000) == -10000000000LL, "Int32x32To64 keeps all 64 bits");
    CHECK(UInt32x32To64(0xFFFFFFFFu, 2u) == 0x1FFFFFFFEULL, "UInt32x32To64");
    SetLastError(ERROR_SHARING_VIOLATION);
    CHECK_EQ(GetLastError(), 32, "ERROR_SHARING_VIOLATION is 32");
    CHECK_EQ(ERROR_CANCELLED, 1223, "ERROR_CANCELLED");
    CHECK_EQ(ERROR_DISK_FULL, 112, "ERROR_DISK_FULL");
    CHECK_EQ(ERROR_NOT_CONNECTED, 2250, "ERROR_NOT_CONNECTED");
    CHECK_EQ(ERROR_PRIVILEGE_NOT_HELD, 1314, "ERROR_PRIVILEGE_NOT_HELD");

    /* Keys. */
    CHECK(strcmp(key_name(VK_ESCAPE), "quit") == 0 && VK_ESCAPE == 0x1B, "VK_ESCAPE");
    CHECK(strcmp(key_name(VK_RETURN), "send") == 0 && VK_RETURN == 0x0D, "VK_RETURN");
    CHECK(VK_F1 == 0x70 && VK_UP == 0x26 && VK_DOWN == 0x28 && VK_SPACE == 0x20, "VK_F1, VK_UP, VK_DOWN, VK_SPACE");

    return check_done();
}
