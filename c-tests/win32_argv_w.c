/* CommandLineToArgvW the way a Unicode program reads its options: GetCommandLineW split, and
 * lines with Windows' quoting (a quoted program path, grouped arguments, escaped quotes,
 * backslashes before quotes) split as Windows splits them; the block freed with LocalFree. */
#include <winsock2.h>
#include <windows.h>
#include <shellapi.h>
#include <string.h>
#include "check.h"
#include "wide.h"

int main(void)
{
    int argc = -1;
    LPWSTR *argv = CommandLineToArgvW(GetCommandLineW(), &argc);
    REQUIRE(argv != NULL, "CommandLineToArgvW(GetCommandLineW())");
    CHECK(argc == 1 && argv[1] == NULL, "this program was started without arguments: argc 1, NULL after the last");
    LocalFree(argv);

    argv = CommandLineToArgvW(W("\"C:\\Program Files\\srv.exe\" -port 5150 \"two words\" a\\\"b c\\\\\"d e\" \"\""), &argc);
    REQUIRE(argv != NULL, "a line with Windows' quoting");
    CHECK_EQ(argc, 7, "seven arguments");
    CHECK(weq(argv[0], "C:\\Program Files\\srv.exe"), "a quoted program path, backslashes kept");
    CHECK(weq(argv[1], "-port") && weq(argv[2], "5150"), "blank-separated options");
    CHECK(weq(argv[3], "two words"), "quotes group");
    CHECK(weq(argv[4], "a\"b"), "\\\" is a quote");
    CHECK(weq(argv[5], "c\\d e"), "two backslashes before a quote are one, and the quote groups");
    CHECK(argv[6][0] == 0 && argv[7] == NULL, "\"\" is an empty argument");
    LocalFree(argv);

    argv = CommandLineToArgvW(W(""), &argc);
    CHECK(argv != NULL && argc == 1 && argv[0][0] != 0, "an empty line: the program's own path");
    LocalFree(argv);
    SetLastError(0);
    CHECK(CommandLineToArgvW(W("x"), NULL) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
          "no count pointer: NULL, ERROR_INVALID_PARAMETER");
    return check_done();
}
