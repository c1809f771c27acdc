/* SAL annotations in C++, with a _tmain entry point (<tchar.h>), and the C++ library included
 * after <windows.h>: the annotations must not touch its own identifiers (__in, __out, ...). */
#include <winsock2.h>
#include <windows.h>
#include <tchar.h>
#include <string>
#include <vector>
#include <algorithm>
#include "check.h"

class Session {
public:
    _Check_return_ bool Send(_In_reads_bytes_(len) const char *data, _In_ int len)
    {
        sent_.append(data, (size_t)len);
        return true;
    }
    _Ret_maybenull_ const char *Last(_Out_opt_ size_t *count) const
    {
        if (count != NULL)
            *count = sent_.size();
        return sent_.empty() ? NULL : sent_.c_str();
    }
    void Parts(__out_ecount(n) int *out, _In_ int n) const
    {
        for (int i = 0; i < n; i++)
            out[i] = i;
    }

private:
    std::string sent_;
};

int _tmain(int argc, _TCHAR *argv[])
{
    Session s;
    size_t count = 0;
    int parts[3];
    std::vector<int> v = {3, 1, 2};

    CHECK(argc >= 1 && argv[0] != NULL, "_tmain gets argc and argv");
    CHECK(s.Send("hello", 5), "an annotated member function is called as usual");
    CHECK(s.Last(&count) != NULL && count == 5, "... and its _Out_opt_ parameter is written");
    s.Parts(parts, 3);
    CHECK(parts[2] == 2, "__out_ecount and _In_ compile away in C++");
    std::sort(v.begin(), v.end());
    CHECK(v[0] == 1 && v[2] == 3, "the C++ library still works after the annotations");
    return check_done();
}
