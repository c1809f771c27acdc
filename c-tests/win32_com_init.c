/* CoInitialize / CoInitializeEx / CoUninitialize as Winsock programs call them (often only
 * because a library they use wants COM initialised): S_OK for a thread's first call, S_FALSE
 * after, RPC_E_CHANGED_MODE when the concurrency model changes (not counted); every counted
 * call needs its CoUninitialize; the count is per thread. */
#include <winsock2.h>
#include <windows.h>
#include <objbase.h>
#include "check.h"

static DWORD WINAPI other_thread(LPVOID param)
{
    HRESULT hr = CoInitializeEx(NULL, COINIT_MULTITHREADED);
    (void)param;
    if (SUCCEEDED(hr))
        CoUninitialize();
    return (DWORD)hr;
}

int main(void)
{
    HANDLE th;
    DWORD code = 99;

    CHECK_EQ(CoInitialize(NULL), S_OK, "the thread's first CoInitialize returns S_OK");
    CHECK_EQ(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED), S_FALSE, "CoInitializeEx with the same model returns S_FALSE");
    CHECK_EQ(CoInitializeEx(NULL, COINIT_MULTITHREADED), RPC_E_CHANGED_MODE, "another model returns RPC_E_CHANGED_MODE");
    CHECK(FAILED(RPC_E_CHANGED_MODE) && SUCCEEDED(S_FALSE), "... a failure; S_FALSE is a success");

    th = CreateThread(NULL, 0, other_thread, NULL, 0, NULL);
    CHECK_EQ(WaitForSingleObject(th, 10000), WAIT_OBJECT_0, "another thread");
    CHECK(GetExitCodeThread(th, &code) && code == (DWORD)S_OK, "... starts afresh: S_OK for the multithreaded model");
    CloseHandle(th);

    CoUninitialize();
    CHECK_EQ(CoInitializeEx(NULL, COINIT_MULTITHREADED), RPC_E_CHANGED_MODE, "one CoUninitialize of two: still the apartment model");
    CoUninitialize();
    CHECK_EQ(CoInitializeEx(NULL, COINIT_MULTITHREADED | COINIT_DISABLE_OLE1DDE), S_OK, "both undone: a new model, S_OK");
    CHECK_EQ(CoInitializeEx(NULL, COINIT_MULTITHREADED), S_FALSE, "... then S_FALSE");
    CoUninitialize();
    CoUninitialize();
    return check_done();
}
