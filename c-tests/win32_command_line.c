/* The command line as Windows programs read it outside main: GetCommandLine (a client that
 * logs how it was started, a helper that finds the server's address in it), and Beep when a
 * message arrives (a chat client's alert). The test starts itself again through system() with
 * the arguments 127.0.0.1, "two words" and a"b; that copy checks what it sees and exits with
 * the number of its first failed check (0 when all pass). */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

/* The option parser of such programs: the address is the word after the program's name. */
static void server_address(char *out, size_t size)
{
    const char *line = GetCommandLineA(), *end;
    if (*line == '"')
        line = strchr(line + 1, '"') + 1;
    line += strcspn(line, " ");
    line += strspn(line, " ");
    end = line + strcspn(line, " ");
    if (end == line) {
        strcpy_s(out, size, "localhost");
        return;
    }
    memcpy(out, line, (size_t)(end - line));
    out[end - line] = '\0';
}

/* What the copy started with arguments checks; 0, or the number of the first failed check. */
static int check_arguments(int argc, char *argv[])
{
    LPSTR line = GetCommandLineA();
    LPWSTR wline = GetCommandLineW();
    const char *rest = strstr(line, " 127.0.0.1 ");
    char address[64];
    int i;
    if (argc != 4 || strcmp(argv[1], "127.0.0.1") != 0 || strcmp(argv[2], "two words") != 0 ||
        strcmp(argv[3], "a\"b") != 0)
        return 1; /* main's arguments are not the ones passed */
    server_address(address, sizeof(address));
    if (strcmp(address, "127.0.0.1") != 0)
        return 5;
    if (rest == NULL || strcmp(rest, " 127.0.0.1 \"two words\" \"a\\\"b\"") != 0)
        return 6; /* the arguments, quoted as the C runtime reads them back */
    for (i = 0; line[i] != '\0' && (WCHAR)(unsigned char)line[i] == wline[i]; i++)
        ;
    if (line[i] != '\0' || wline[i] != 0)
        return 7;
    return 0;
}

int main(int argc, char *argv[])
{
    char cmd[1024], address[64];
    DWORD start;

    if (argc > 1)
        return check_arguments(argc, argv);

    printf("# command line: %s\n", GetCommandLineA());
    server_address(address, sizeof(address));
    CHECK(strcmp(address, "localhost") == 0, "without arguments the helper takes its default");
    CHECK(strchr(argv[0], ' ') != NULL || strcmp(GetCommandLineA(), argv[0]) == 0,
          "without arguments GetCommandLine is the program's name");
    CHECK(GetCommandLine() == GetCommandLineA(), "GetCommandLine is GetCommandLineA, the same string each time");

    snprintf(cmd, sizeof(cmd), "\"%s\" 127.0.0.1 \"two words\" \"a\\\"b\"", argv[0]);
    fflush(stdout);
    CHECK_EQ(system(cmd), 0, "started with arguments, GetCommandLineA/W hold them, quoted");

    start = GetTickCount();
    CHECK(Beep(750, 120), "Beep(750, 120)");
    CHECK(GetTickCount() - start >= 100, "... returns after the tone's duration");
    SetLastError(0);
    CHECK(!Beep(20, 10) && GetLastError() == ERROR_INVALID_PARAMETER, "Beep below 37 Hz: ERROR_INVALID_PARAMETER");
    return check_done();
}
