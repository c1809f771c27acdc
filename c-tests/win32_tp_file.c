/* Thread-pool I/O on a file, as a Vista-era program writes a log or serves a file: the handle
 * from CreateFile(FILE_FLAG_OVERLAPPED) gets an I/O object; StartThreadpoolIo before each
 * overlapped WriteFile / ReadFile at an offset; whether the call completes at once (TRUE) or
 * pends, the callback comes with the OVERLAPPED, NO_ERROR and the byte count; a read at the end
 * of the file fails at once with ERROR_HANDLE_EOF, the program calls CancelThreadpoolIo and no
 * callback comes; BindIoCompletionCallback on a file is refused once it is bound. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

typedef struct {
    OVERLAPPED ov;
    volatile LONG calls;
    volatile LONG result;
    volatile LONG bytes;
} op_t;

static VOID CALLBACK done(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PVOID overlapped, ULONG result, ULONG_PTR bytes,
                          PTP_IO io)
{
    op_t *op = (op_t *)overlapped;
    (void)inst;
    (void)ctx;
    (void)io;
    op->result = (LONG)result;
    op->bytes = (LONG)bytes;
    InterlockedIncrement(&op->calls);
}

static VOID CALLBACK routine(DWORD error, DWORD bytes, LPOVERLAPPED overlapped)
{
    (void)error;
    (void)bytes;
    (void)overlapped;
}

/* Starts an overlapped transfer at offset; FALSE if it failed at once (then cancelled). */
static BOOL start(PTP_IO io, HANDLE f, op_t *op, BOOL write, void *buf, DWORD len, DWORD offset, DWORD *error)
{
    BOOL ok;
    memset(&op->ov, 0, sizeof(op->ov));
    op->ov.Offset = offset;
    StartThreadpoolIo(io);
    ok = write ? WriteFile(f, buf, len, NULL, &op->ov) : ReadFile(f, buf, len, NULL, &op->ov);
    *error = ok ? NO_ERROR : GetLastError();
    if (!ok && *error != ERROR_IO_PENDING) {
        CancelThreadpoolIo(io);
        return FALSE;
    }
    return TRUE;
}

int main(void)
{
    char dir[MAX_PATH], path[MAX_PATH], in[64];
    const char text[] = "written by a thread-pool I/O object";
    op_t w, r, eof;
    DWORD error;
    HANDLE f;
    PTP_IO io;

    memset(&w, 0, sizeof(w));
    memset(&r, 0, sizeof(r));
    memset(&eof, 0, sizeof(eof));
    REQUIRE(GetTempPathA(sizeof(dir), dir) > 0 && GetTempFileNameA(dir, "tpf", 0, path) != 0, "a temporary file");
    f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    REQUIRE(f != INVALID_HANDLE_VALUE, "CreateFile(FILE_FLAG_OVERLAPPED)");
    io = CreateThreadpoolIo(f, done, NULL, NULL);
    REQUIRE(io != NULL, "CreateThreadpoolIo on a file handle");

    CHECK(start(io, f, &w, TRUE, (void *)text, sizeof(text), 0, &error), "an overlapped WriteFile");
    WaitForThreadpoolIoCallbacks(io, FALSE);
    CHECK_EQ(w.calls, 1, "... its callback ran once");
    CHECK_EQ(w.result, NO_ERROR, "... with NO_ERROR");
    CHECK_EQ(w.bytes, sizeof(text), "... and the byte count");

    memset(in, 0, sizeof(in));
    CHECK(start(io, f, &r, FALSE, in, sizeof(in), 0, &error), "an overlapped ReadFile at offset 0");
    WaitForThreadpoolIoCallbacks(io, FALSE);
    CHECK_EQ(r.calls, 1, "... its callback ran once");
    CHECK_EQ(r.bytes, sizeof(text), "... with the bytes the file holds");
    CHECK(memcmp(in, text, sizeof(text)) == 0, "... which are the ones written");

    CHECK(!start(io, f, &eof, FALSE, in, sizeof(in), 4096, &error), "a read past the end fails at once");
    CHECK_EQ(error, ERROR_HANDLE_EOF, "... ERROR_HANDLE_EOF");
    WaitForThreadpoolIoCallbacks(io, FALSE);
    Sleep(50);
    CHECK_EQ(eof.calls, 0, "... and, cancelled, it gets no callback");

    CHECK(!BindIoCompletionCallback(f, routine, 0), "a file already bound to the pool cannot be bound again");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");

    CloseThreadpoolIo(io);
    CloseHandle(f);
    CHECK(DeleteFileA(path), "DeleteFile");
    return check_done();
}
