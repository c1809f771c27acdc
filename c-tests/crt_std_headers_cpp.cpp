// A C++ file of a Windows program that includes only the C++ library's headers and calls
// MSVC's array overloads (sprintf_s(buf, fmt, ...), strcpy_s(buf, src)) and _snprintf, as
// a logging class does with <cstdio> and <cstring> alone, and std::system of <cstdlib>. No
// Windows header is included.
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include "check.h"

class Logger
{
public:
    void pf(const char *format, ...)
    {
        char buffer[64];
        va_list args;
        va_start(args, format);
        vsprintf_s(buffer, sizeof(buffer), format, args);
        va_end(args);
        text_ += buffer;
    }
    const std::string &text() const { return text_; }

private:
    std::string text_;
};

int main()
{
    char cmd[5];
    char line[32];
    Logger out;

    CHECK_EQ(strcpy_s(cmd, "HEAD"), 0, "strcpy_s(array, src) takes the size from the array");
    CHECK(std::strcmp(cmd, "HEAD") == 0, "... and copies");
    CHECK_EQ(sprintf_s(line, "%s /%s", cmd, "index.html"), 16, "sprintf_s(array, fmt, ...)");
    CHECK(std::strcmp(line, "HEAD /index.html") == 0, "... writes the line");
    CHECK_EQ(_snprintf(line, 4, "%s", "abcdef"), -1, "_snprintf cuts with -1");

    out.pf("time=%0.3fms ", 1.5);
    out.pf("status=%d", 200);
    CHECK(out.text() == "time=1.500ms status=200", "vsprintf_s in a member function");
    CHECK_EQ(std::system("exit 2"), 2, "std::system returns the command's exit code, as on Windows");
    return check_done();
}
