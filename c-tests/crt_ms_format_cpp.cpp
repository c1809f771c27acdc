/* ws2mp-test: no-mingw */ /* mingw-w64's g++ formats with its ISO printf (__USE_MINGW_ANSI_STDIO), whose format check rejects %I64d */
// The Microsoft C library's %I64d in a C++ program that reads the C++ library before and after
// <winsock2.h> (<cstdio> #undefs printf & co.): printf, std::printf, std::snprintf, sscanf keep
// Windows' format, a class with a member called printf still works, and the C++ library's own
// formatting (std::to_string) is unchanged.
#include <iostream>
#include <string>
#include <winsock2.h>
#include <windows.h>
#include <cstdio>
#include <cstring>
#include <sstream>
#include "check.h"

// A logger class of the usual shape, with its own printf member.
class Logger {
public:
    Logger() : lines_(0) { buf_[0] = '\0'; }
    int printf(const char *fmt, ...)
    {
        va_list ap;
        va_start(ap, fmt);
        int n = std::vsnprintf(buf_, sizeof buf_, fmt, ap);
        va_end(ap);
        lines_++;
        return n;
    }
    const char *last() const { return buf_; }
    int lines() const { return lines_; }

private:
    char buf_[128];
    int lines_;
};

int main()
{
    char buf[128];
    __int64 total = -9876543210123LL;
    unsigned __int64 back = 0;
    Logger log;

    std::sprintf(buf, "%I64d", total);
    CHECK(std::strcmp(buf, "-9876543210123") == 0, "std::sprintf with I64 after <cstdio>");
    CHECK_EQ(std::snprintf(buf, sizeof buf, "%I64u|%Iu", (unsigned __int64)1 << 40, (size_t)3), 15,
             "std::snprintf with I64 and I");
    CHECK(std::strcmp(buf, "1099511627776|3") == 0, "... writes them");
    CHECK_EQ(sscanf("1099511627776", "%I64u", &back), 1, "sscanf with I64");
    CHECK(back == ((unsigned __int64)1 << 40), "... fills 64 bits");
    CHECK_EQ(log.printf("peer %s sent %I64d", "a", total), 26, "a class member called printf");
    CHECK(std::strcmp(log.last(), "peer a sent -9876543210123") == 0 && log.lines() == 1,
          "... is the class's, formatting with Windows' modifiers");
    CHECK(std::to_string(1234567890123LL) == "1234567890123", "std::to_string is unchanged");
    std::ostringstream os;
    os << total;
    CHECK(os.str() == "-9876543210123", "iostream output is unchanged");
    int (*c_printf)(const char *, ...) = &printf;
    CHECK(c_printf != NULL, "&printf is still a function pointer");
    CHECK_EQ(printf("total %I64d\n", total), 21, "printf with I64");
    return check_done();
}
