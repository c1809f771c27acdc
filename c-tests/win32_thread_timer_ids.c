/* Timers with no window, as console programs and worker threads set them: SetTimer(NULL, 0, ...)
 * hands out a new id each time, from the range Windows uses for such timers (256 to 32767, so
 * they never collide with the small ids programs give their window timers); SetTimer(NULL, id,
 * ...) with the id of a running timer replaces it and returns the same id; the timer procedure
 * runs from DispatchMessage, with the id as its third argument; KillTimer stops it. (Wine's
 * user32 msg.c test_timers_no_wnd, run against ws2mp, shows these on Windows.) */
#include <windows.h>
#include <stdio.h>
#include "check.h"

static int calls;
static UINT_PTR last_id;

static VOID CALLBACK heartbeat(HWND hwnd, UINT msg, UINT_PTR id, DWORD now)
{
    (void)hwnd;
    (void)now;
    if (msg == WM_TIMER) {
        calls++;
        last_id = id;
    }
}

int main(void)
{
    UINT_PTR ids[8], again;
    MSG msg;
    int i, j, in_range = 1, distinct = 1;
    DWORD start;

    for (i = 0; i < 8; i++) {
        ids[i] = SetTimer(NULL, 0, 5000, heartbeat);
        if (ids[i] < 256 || ids[i] > 32767)
            in_range = 0;
        for (j = 0; j < i; j++)
            if (ids[j] == ids[i])
                distinct = 0;
    }
    CHECK(in_range, "thread timer ids are between 256 and 32767");
    CHECK(distinct, "and each new timer has its own");
    again = SetTimer(NULL, ids[3], 20, heartbeat);
    CHECK_EQ(again, ids[3], "replacing a running timer keeps its id");

    start = GetTickCount();
    while (calls < 2 && GetTickCount() - start < 5000 && GetMessage(&msg, NULL, 0, 0) > 0)
        DispatchMessage(&msg);
    CHECK(calls >= 2, "the replaced timer runs at its new interval");
    CHECK_EQ(last_id, ids[3], "its procedure gets the timer's id");

    for (i = 0; i < 8; i++)
        CHECK(KillTimer(NULL, ids[i]), "KillTimer stops each timer");
    CHECK(!KillTimer(NULL, ids[0]), "a second KillTimer of one fails");
    return check_done();
}
