/* A tool built for Windows XP (`#define _WIN32_WINNT 0x0501`) that turns interface names into
 * indexes for its IPv6 scope ids: XP has no if_nametoindex / if_indextoname (Windows'
 * <iphlpapi.h> brings in <netioapi.h>, which declares them, only for Vista and later), so the
 * program defines its own, static, over its own table, and still calls the IP Helper's
 * GetPerAdapterInfo. The definitions must compile here as on Windows, and the calls reach them. */
#define _WIN32_WINNT 0x0501
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <string.h>
#include "check.h"

static int own_calls;
static const char *const names[] = {"loopback", "lan0"};

static unsigned int if_nametoindex(const char *name)
{
    unsigned int i;
    own_calls++;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(names[i], name) == 0)
            return i + 1;
    return 0;
}

static char *if_indextoname(unsigned int index, char *name)
{
    own_calls++;
    if (index == 0 || index > sizeof(names) / sizeof(names[0]))
        return NULL;
    strcpy(name, names[index - 1]);
    return name;
}

int main(void)
{
    char name[32];
    ULONG len = 0;
    DWORD r;

    CHECK_EQ(if_nametoindex("lan0"), 2, "own if_nametoindex finds lan0");
    CHECK_EQ(if_nametoindex("eth9"), 0, "... and not a name it does not know");
    CHECK(if_indextoname(1, name) == name && strcmp(name, "loopback") == 0,
          "own if_indextoname names index 1");
    CHECK(if_indextoname(7, name) == NULL, "... and no name for index 7");
    CHECK_EQ(own_calls, 4, "every call reached the program's own functions");
    r = GetPerAdapterInfo(1, NULL, &len);
    CHECK(r == ERROR_BUFFER_OVERFLOW || r == ERROR_NO_DATA,
          "GetPerAdapterInfo without a buffer asks for one, or knows no such interface");
    CHECK_EQ(own_calls, 4, "... without calling the program's if_indextoname");
    return check_done();
}
