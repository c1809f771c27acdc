/*
 * ws2mp compat: a small <windows.h> for network programs.
 *
 * Real windows.h pulls in the Winsock declarations, so this one includes <winsock2.h> (base
 * types, calling conventions, MAKEWORD & co.) and adds the handful of Win32 basics that
 * network programs lean on: macros and static inline functions over the C library, and the
 * stateful or table-driven pieces exported by libws2mp under their Win32 names.
 *
 * Provided:  Sleep, GetTickCount, GetTickCount64 (exported by libws2mp), GetLastError, SetLastError (the same
 *            per-thread slot as WSAGetLastError, as on Windows), ZeroMemory, CopyMemory,
 *            MoveMemory, FillMemory, GetProcessHeap, HeapAlloc (HEAP_ZERO_MEMORY), HeapReAlloc,
 *            HeapFree, ExitProcess, _snprintf, _snprintf_s, strncpy_s, _itoa / itoa, INFINITE,
 *            __cdecl, __stdcall, WINAPI, CALLBACK.
 *            Also: the C library headers Windows' headers bring (<ctype.h>, <stdio.h>,
 *            <stdlib.h>, <string.h>, <stdarg.h>, <wchar.h>, <time.h>), <winerror.h> (HRESULT,
 *            S_OK, FAILED, ERROR_*), MAX_PATH, INVALID_HANDLE_VALUE, VOID, TCHAR/TEXT,
 *            UNREFERENCED_PARAMETER, _countof, SecureZeroMemory, LocalAlloc/LocalFree,
 *            FormatMessage and GetVersionEx (exported by libws2mp), lstr* (A and W),
 *            _stricmp & co., sprintf_s & co., strcpy_s, strcat_s, localtime_s, gmtime_s,
 *            fopen_s, freopen_s, scanf_s / fscanf_s / sscanf_s (and v forms),
 *            and a normal-path form of __try/__except/__finally for C.
 * Not provided: the registry, window messages, structured exceptions that really catch a
 *            fault. Handles, threads, waits, synchronisation, modules and console control come
 *            from handleapi.h, synchapi.h, processthreadsapi.h, libloaderapi.h and
 *            consoleapi.h, included at the end.
 */
#ifndef WS2MP_COMPAT_WINDOWS_H
#define WS2MP_COMPAT_WINDOWS_H

#include "winsock2.h"

/* Windows' headers make the C library's declarations visible: programs call tolower, strlen,
 * printf, malloc, ... having included only <windows.h> or <winsock2.h>. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#pragma push_macro("strcasecmp")
#pragma push_macro("strncasecmp")
#undef strcasecmp
#undef strncasecmp
#include <strings.h>
#pragma pop_macro("strncasecmp")
#pragma pop_macro("strcasecmp")
#include <time.h>
#include <wchar.h>
#include <sys/utsname.h>
#if defined(__APPLE__)
#include <malloc/malloc.h>
#else
#include <malloc.h>
#endif

/* The C runtime's Windows names (sprintf_s, _snprintf, strcpy_s, _stricmp, localtime_s, ...),
 * which Windows' <stdio.h>, <string.h>, <stdlib.h> and <time.h> declare as well. */
#include "ws2mp_crt.h"
/* `\` read as `/` in the paths the inline calls below take (SetCurrentDirectory). */
#include "ws2mp_path.h"
#include "winerror.h"
/* The source annotations (_In_, __out_ecount(n), ...) Windows headers bring in: nothing here. */
#include "sal.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef INFINITE
#define INFINITE 0xFFFFFFFFu
#endif
#define HEAP_ZERO_MEMORY 0x00000008u

/* The thread's last error: one slot with WSAGetLastError, as on Windows. Functions (not
 * macros), so that C++ can call ::GetLastError() and take their address. */
static inline DWORD GetLastError(void)
{
    return (DWORD)WSAGetLastError();
}

static inline void SetLastError(DWORD code)
{
    WSASetLastError((int)code);
}

#define ZeroMemory(dest, len) memset((dest), 0, (len))
#define CopyMemory(dest, src, len) memcpy((dest), (src), (len))
#define MoveMemory(dest, src, len) memmove((dest), (src), (len))
#define FillMemory(dest, len, fill) memset((dest), (fill), (len))
#define RtlZeroMemory(dest, len) memset((dest), 0, (len))
#define RtlCopyMemory(dest, src, len) memcpy((dest), (src), (len))
#define RtlMoveMemory(dest, src, len) memmove((dest), (src), (len))
#define RtlFillMemory(dest, len, fill) memset((dest), (fill), (len))

/* Sleep, GetTickCount and GetTickCount64 are exported by libws2mp under their Win32 names
 * (declared in ws2mp.h): no POSIX clock or sleep function is needed here, so this header
 * builds in a strict -std=c99 / -std=c11 unit too. */


/* The process heap is the C library's allocator. Each HeapAlloc block carries its size (and the
 * size's complement, as a check) in the last 16 bytes of the C library's block, past the bytes
 * asked for: HeapSize is exact as on Windows, HEAP_ZERO_MEMORY works for HeapReAlloc's growth,
 * and the pointer stays the C library's own, so free() on it still works (as it does on
 * Windows, where malloc uses the process heap). */
#if defined(__APPLE__)
#define WS2MP_USABLE_SIZE_(p) malloc_size(p)
#else
#define WS2MP_USABLE_SIZE_(p) malloc_usable_size((void *)(p))
#endif
static inline HANDLE GetProcessHeap(void)
{
    return (HANDLE)(uintptr_t)1;
}

static inline void ws2mp_heap_mark_(void *p, size_t bytes)
{
    size_t tag[2];
    size_t usable = WS2MP_USABLE_SIZE_(p);
    tag[0] = bytes;
    tag[1] = ~bytes;
    if (usable >= bytes + sizeof(tag))
        memcpy((char *)p + usable - sizeof(tag), tag, sizeof(tag));
}

static inline size_t ws2mp_heap_size_(const void *p)
{
    size_t tag[2];
    size_t usable = WS2MP_USABLE_SIZE_(p);
    if (usable < sizeof(tag))
        return usable;
    memcpy(tag, (const char *)p + usable - sizeof(tag), sizeof(tag));
    if (tag[1] == ~tag[0] && tag[0] <= usable - sizeof(tag))
        return tag[0];
    return usable; /* not a HeapAlloc block (malloc's): all of it is usable */
}

#ifndef HEAP_NO_SERIALIZE
#define HEAP_NO_SERIALIZE 0x00000001u
#define HEAP_GROWABLE 0x00000002u
#define HEAP_GENERATE_EXCEPTIONS 0x00000004u
#define HEAP_REALLOC_IN_PLACE_ONLY 0x00000010u
#define HEAP_CREATE_ENABLE_EXECUTE 0x00040000u
#endif
/* The bytes a block carries past the caller's: the size tag, and room for the LocalAlloc /
 * GlobalAlloc record (flags and lock count) in front of it. */
#define WS2MP_HEAP_TAIL_ (4 * sizeof(size_t))
/* Sizes no heap can hold (Windows fails them; the size plus the tail must not wrap). */
#define WS2MP_HEAP_MAX_ (((size_t)-1 >> 1) - 4096)

/* A LocalAlloc / GlobalAlloc block's record, in front of the size tag: a check word and
 * WS2MP_LMEM_* bits with the lock count in the low byte. */
#define WS2MP_LMEM_MOVEABLE_ 0x100u
#define WS2MP_LMEM_DISCARDABLE_ 0x200u
#define WS2MP_LMEM_DDESHARE_ 0x400u
#define WS2MP_LMEM_CHECK_ ((size_t)0x4c6f63616c4d656dULL)
static inline int ws2mp_local_info_(const void *p, size_t *info)
{
    size_t rec[2];
    size_t usable = WS2MP_USABLE_SIZE_(p);
    size_t bytes = ws2mp_heap_size_(p);
    if (bytes == usable || usable < bytes + WS2MP_HEAP_TAIL_)
        return 0;
    memcpy(rec, (const char *)p + usable - WS2MP_HEAP_TAIL_, sizeof(rec));
    if (rec[0] != (WS2MP_LMEM_CHECK_ ^ bytes))
        return 0;
    *info = rec[1];
    return 1;
}
static inline void ws2mp_local_mark_(void *p, size_t bytes, size_t info)
{
    size_t rec[2];
    size_t usable = WS2MP_USABLE_SIZE_(p);
    ws2mp_heap_mark_(p, bytes);
    rec[0] = WS2MP_LMEM_CHECK_ ^ bytes;
    rec[1] = info;
    if (usable >= bytes + WS2MP_HEAP_TAIL_)
        memcpy((char *)p + usable - WS2MP_HEAP_TAIL_, rec, sizeof(rec));
}

static inline LPVOID HeapAlloc(HANDLE heap, DWORD flags, size_t bytes)
{
    void *p;
    (void)heap;
    if (bytes > WS2MP_HEAP_MAX_)
        return NULL;
    p = (flags & HEAP_ZERO_MEMORY) ? calloc(1, bytes + WS2MP_HEAP_TAIL_) : malloc(bytes + WS2MP_HEAP_TAIL_);
    if (p)
        ws2mp_heap_mark_(p, bytes);
    return p;
}

/* Resizes a HeapAlloc / LocalAlloc block (keeping a LocalAlloc record): moving it only when
 * `may_move`, zeroing the growth when `zero`. NULL with ERROR_NOT_ENOUGH_MEMORY when it cannot
 * (the block is unchanged then). */
static inline LPVOID ws2mp_heap_resize_(LPVOID mem, size_t bytes, int zero, int may_move)
{
    size_t old = ws2mp_heap_size_(mem), info = 0;
    int local = ws2mp_local_info_(mem, &info);
    void *p = mem;
    if (bytes > WS2MP_HEAP_MAX_) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    if (bytes + WS2MP_HEAP_TAIL_ > WS2MP_USABLE_SIZE_(mem)) {
        if (!may_move || (p = realloc(mem, bytes + WS2MP_HEAP_TAIL_)) == NULL) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
    }
    if (zero && bytes > old)
        memset((char *)p + old, 0, bytes - old);
    if (local)
        ws2mp_local_mark_(p, bytes, info);
    else
        ws2mp_heap_mark_(p, bytes);
    return p;
}

/* HeapReAlloc: NULL is not a block (NULL, as on Windows); HEAP_REALLOC_IN_PLACE_ONLY never
 * moves the block (NULL with ERROR_NOT_ENOUGH_MEMORY when it would have to). */
static inline LPVOID HeapReAlloc(HANDLE heap, DWORD flags, LPVOID mem, size_t bytes)
{
    (void)heap;
    if (mem == NULL) {
        SetLastError(NO_ERROR);
        return NULL;
    }
    return ws2mp_heap_resize_(mem, bytes, (flags & HEAP_ZERO_MEMORY) != 0, !(flags & HEAP_REALLOC_IN_PLACE_ONLY));
}

static inline BOOL HeapFree(HANDLE heap, DWORD flags, LPVOID mem)
{
    (void)heap;
    (void)flags;
    free(mem);
    return TRUE;
}

/* HeapSize: the size the block was allocated with; (SIZE_T)-1 for NULL, as Windows fails. */
static inline size_t HeapSize(HANDLE heap, DWORD flags, LPCVOID mem)
{
    (void)heap;
    (void)flags;
    if (mem == NULL)
        return (size_t)-1;
    return ws2mp_heap_size_(mem);
}

static inline void ExitProcess(UINT code)
{
    exit((int)code);
}


/* ---- basic spellings (minwindef.h / winnt.h) ------------------------------------------------ */
#ifndef VOID
#define VOID void
#endif
#ifndef CONST
#define CONST const
#endif
#ifndef IN
#define IN
#endif
#ifndef OUT
#define OUT
#endif
#ifndef OPTIONAL
#define OPTIONAL
#endif
#ifndef _cdecl
#define _cdecl
#endif
#ifndef _stdcall
#define _stdcall
#endif
#ifndef APIENTRY
#define APIENTRY
#endif
#ifndef WINAPIV
#define WINAPIV
#endif
#ifndef MAX_PATH
#define MAX_PATH 260
#endif
/* <winnt.h>'s limits of its integer types. */
#ifndef MAXDWORD
#define MINCHAR 0x80
#define MAXCHAR 0x7f
#define MINSHORT 0x8000
#define MAXSHORT 0x7fff
#define MINLONG 0x80000000
#define MAXLONG 0x7fffffff
#define MAXBYTE 0xff
#define MAXWORD 0xffff
#define MAXDWORD 0xffffffff
#endif
#ifndef INVALID_HANDLE_VALUE
#define INVALID_HANDLE_VALUE ((HANDLE)(LONG_PTR)-1)
#endif
#define UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#ifndef UNREFERENCED_LOCAL_VARIABLE
#define UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#endif
#ifndef _countof
#define _countof(array) (sizeof(array) / sizeof((array)[0]))
#endif
/* min and max are macros on Windows unless NOMINMAX. In C++ a macro would break std::min and
 * std::max in every later standard header, so there they are function templates in the global
 * namespace, with the macro's result type (that of `a < b ? a : b`, as a value): `min(x, 10)` works as on
 * Windows, and `std::min` (even after `using namespace std`, where it is the better match) is
 * untouched. */
#if !defined(__cplusplus) && !defined(NOMINMAX)
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#endif
#if defined(__cplusplus) && !defined(NOMINMAX) && !defined(WS2MP_MINMAX_DEFINED)
#define WS2MP_MINMAX_DEFINED
/* The macro's comparison, with the macro's conversions: a constant argument (`min(dw, 16)`)
 * gets no sign-compare warning there, so none here either. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-compare"
extern "C++" {
/* The conditional's type without a reference (the result is a value, as the macro's). */
template <typename T>
struct ws2mp_value_type_ {
    typedef T type;
};
template <typename T>
struct ws2mp_value_type_<T &> {
    typedef T type;
};
#ifndef max
template <typename A, typename B>
inline auto max(A a, B b) -> typename ws2mp_value_type_<decltype(a > b ? a : b)>::type
{
    return a > b ? a : b;
}
#endif
#ifndef min
template <typename A, typename B>
inline auto min(A a, B b) -> typename ws2mp_value_type_<decltype(a < b ? a : b)>::type
{
    return a < b ? a : b;
}
#endif
}
#pragma GCC diagnostic pop
#endif

/* Each extra base type has its own guard (WS2MP_<NAME>_DEFINED), so that another compat header
 * may define it too. */
#ifndef WS2MP_HLOCAL_DEFINED
#define WS2MP_HLOCAL_DEFINED
typedef HANDLE HLOCAL;
#endif
#ifndef WS2MP_HGLOBAL_DEFINED
#define WS2MP_HGLOBAL_DEFINED
typedef HANDLE HGLOBAL;
#endif
#ifndef WS2MP_HINSTANCE_DEFINED
#define WS2MP_HINSTANCE_DEFINED
typedef HANDLE HINSTANCE;
#endif
#ifndef WS2MP_HWND_DEFINED
#define WS2MP_HWND_DEFINED
typedef HANDLE HWND;
#endif
#ifndef WS2MP_FLOAT_DEFINED
#define WS2MP_FLOAT_DEFINED
typedef float FLOAT;
#endif
#ifndef WS2MP_DOUBLE_DEFINED
#define WS2MP_DOUBLE_DEFINED
typedef double DOUBLE;
#endif
#ifndef WS2MP_ULONG64_DEFINED
#define WS2MP_ULONG64_DEFINED
typedef unsigned long long ULONG64;
#endif
#ifndef WS2MP_LONG64_DEFINED
#define WS2MP_LONG64_DEFINED
typedef long long LONG64;
#endif
#ifndef WS2MP_ULONG32_DEFINED
#define WS2MP_ULONG32_DEFINED
typedef uint32_t ULONG32;
#endif
#ifndef WS2MP_LONG32_DEFINED
#define WS2MP_LONG32_DEFINED
typedef int32_t LONG32;
#endif
#ifndef WS2MP_UINT8_DEFINED
#define WS2MP_UINT8_DEFINED
typedef uint8_t UINT8;
#endif
#ifndef WS2MP_UINT16_DEFINED
#define WS2MP_UINT16_DEFINED
typedef uint16_t UINT16;
#endif
#ifndef WS2MP_UINT32_DEFINED
#define WS2MP_UINT32_DEFINED
typedef uint32_t UINT32;
#endif
#ifndef WS2MP_UINT64_DEFINED
#define WS2MP_UINT64_DEFINED
typedef unsigned long long UINT64;
#endif
#ifndef WS2MP_INT8_DEFINED
#define WS2MP_INT8_DEFINED
typedef int8_t INT8;
#endif
#ifndef WS2MP_INT16_DEFINED
#define WS2MP_INT16_DEFINED
typedef int16_t INT16;
#endif
#ifndef WS2MP_INT32_DEFINED
#define WS2MP_INT32_DEFINED
typedef int32_t INT32;
#endif
#ifndef WS2MP_INT64_DEFINED
#define WS2MP_INT64_DEFINED
typedef long long INT64;
#endif
#ifndef WS2MP_SIZE_T_DEFINED
#define WS2MP_SIZE_T_DEFINED
typedef size_t SIZE_T;
#endif
#ifndef WS2MP_SSIZE_T_DEFINED
#define WS2MP_SSIZE_T_DEFINED
typedef intptr_t SSIZE_T;
#endif
/* Pointers to the base types (`(PDWORD_PTR)&key` for GetQueuedCompletionStatus, ...). */
#ifndef WS2MP_PTR_TYPES_DEFINED
#define WS2MP_PTR_TYPES_DEFINED
typedef DWORD_PTR *PDWORD_PTR;
typedef ULONG_PTR *PULONG_PTR;
typedef UINT_PTR *PUINT_PTR;
typedef LONG_PTR *PLONG_PTR;
typedef INT_PTR *PINT_PTR;
typedef SIZE_T *PSIZE_T;
typedef LONG *PLONG;
typedef WORD *PWORD;
typedef SHORT *PSHORT;
typedef USHORT *PUSHORT;
typedef UCHAR *PUCHAR;
typedef UINT *PUINT;
typedef HANDLE *PHANDLE;
typedef ULONG64 *PULONG64;
typedef LONG64 *PLONG64;
typedef ULONGLONG *PULONGLONG;
typedef LONGLONG *PLONGLONG;
#endif
#ifndef WS2MP_DWORD32_DEFINED
#define WS2MP_DWORD32_DEFINED
typedef uint32_t DWORD32;
#endif
#ifndef WS2MP_ATOM_DEFINED
#define WS2MP_ATOM_DEFINED
typedef WORD ATOM;
#endif
#ifndef WS2MP_LPCH_DEFINED
#define WS2MP_LPCH_DEFINED
typedef CHAR *LPCH;
#endif
#ifndef WS2MP_PWCHAR_DEFINED
#define WS2MP_PWCHAR_DEFINED
typedef WCHAR *PWCHAR;
#endif
#ifndef WS2MP_LPWCH_DEFINED
#define WS2MP_LPWCH_DEFINED
typedef WCHAR *LPWCH;
#endif
#ifndef WS2MP_BOOLEAN_DEFINED
#define WS2MP_BOOLEAN_DEFINED
typedef BYTE BOOLEAN;
#endif

/* ---- TCHAR (winnt.h): narrow unless UNICODE ------------------------------------------------- */
#ifndef WS2MP_TCHAR_DEFINED
#define WS2MP_TCHAR_DEFINED
#ifdef UNICODE
typedef WCHAR TCHAR;
typedef WCHAR TBYTE;
#ifdef __cplusplus
/* u"..." is a char16_t array and WCHAR an unsigned short: a string becomes a const WCHAR *, a
 * character (u'x') a WCHAR that stays a constant (case labels). */
extern "C++" {
static inline const WCHAR *ws2mp_text_(const char16_t *s)
{
    return reinterpret_cast<const WCHAR *>(s);
}
#if __cplusplus >= 201103L
static constexpr WCHAR ws2mp_text_(char16_t c)
#else
static inline WCHAR ws2mp_text_(char16_t c)
#endif
{
    return static_cast<WCHAR>(c);
}
}
#define __TEXT(quote) ws2mp_text_(u##quote)
#else
#define __TEXT(quote) u##quote
#endif
#else
typedef char TCHAR;
typedef unsigned char TBYTE;
#define __TEXT(quote) quote
#endif
typedef TCHAR *PTCHAR;
typedef TCHAR *LPTSTR;
typedef TCHAR *PTSTR;
typedef const TCHAR *LPCTSTR;
typedef const TCHAR *PCTSTR;
#define TEXT(quote) __TEXT(quote)
#endif

/* ADDRINFOT, GetAddrInfo & co. follow UNICODE: see ws2mp_names.h (included by winsock2.h). */

/* ---- local/global memory: the C library's allocator -----------------------------------------
 * A handle is the block's pointer, for GMEM_MOVEABLE too (nothing moves while unlocked here),
 * so GlobalLock gives the handle back and GlobalHandle the pointer. The block carries its size
 * (LocalSize/GlobalSize are exact; a fixed block of 0 bytes holds 1, as on Windows), its flags
 * and, for a moveable block, its lock count: GlobalUnlock returns TRUE while locks remain, FALSE
 * with NO_ERROR when the last goes and FALSE with ERROR_NOT_LOCKED when there was none (TRUE
 * for a fixed block); GlobalFlags reports the count. A moveable block of 0 bytes (or one
 * discarded) cannot be locked (ERROR_DISCARDED). LocalReAlloc moves a fixed block only with
 * LMEM_MOVEABLE and a locked moveable block never (ERROR_NOT_ENOUGH_MEMORY); LMEM_MODIFY
 * changes the flags only. A pointer from elsewhere (FormatMessage's buffer) counts as fixed. */
#define LMEM_FIXED 0x0000u
#define LMEM_MOVEABLE 0x0002u
#define LMEM_NOCOMPACT 0x0010u
#define LMEM_NODISCARD 0x0020u
#define LMEM_ZEROINIT 0x0040u
#define LMEM_MODIFY 0x0080u
#define LMEM_DISCARDABLE 0x0F00u
#define LMEM_VALID_FLAGS 0x0F72u
#define LMEM_INVALID_HANDLE 0x8000u
#define LMEM_DISCARDED 0x4000u
#define LMEM_LOCKCOUNT 0x00FFu
#define LHND (LMEM_MOVEABLE | LMEM_ZEROINIT)
#define LPTR (LMEM_FIXED | LMEM_ZEROINIT)
#define NONZEROLHND LMEM_MOVEABLE
#define NONZEROLPTR LMEM_FIXED
#define GMEM_FIXED 0x0000u
#define GMEM_MOVEABLE 0x0002u
#define GMEM_NOCOMPACT 0x0010u
#define GMEM_NODISCARD 0x0020u
#define GMEM_ZEROINIT 0x0040u
#define GMEM_MODIFY 0x0080u
#define GMEM_DISCARDABLE 0x0100u
#define GMEM_NOT_BANKED 0x1000u
#define GMEM_LOWER GMEM_NOT_BANKED
#define GMEM_SHARE 0x2000u
#define GMEM_DDESHARE 0x2000u
#define GMEM_NOTIFY 0x4000u
#define GMEM_VALID_FLAGS 0x7F72u
#define GMEM_INVALID_HANDLE 0x8000u
#define GMEM_DISCARDED 0x4000u
#define GMEM_LOCKCOUNT 0x00FFu
#define GHND (GMEM_MOVEABLE | GMEM_ZEROINIT)
#define GPTR (GMEM_FIXED | GMEM_ZEROINIT)
#ifndef ERROR_DISCARDED
#define ERROR_DISCARDED 157L
#endif
#ifndef ERROR_NOT_LOCKED
#define ERROR_NOT_LOCKED 158L
#endif

/* The record bits for LocalAlloc flags (`global`: GlobalAlloc's, whose discardable bit differs). */
static inline size_t ws2mp_lmem_bits_(UINT flags, int global)
{
    size_t info = 0;
    if (flags & LMEM_MOVEABLE)
        info |= WS2MP_LMEM_MOVEABLE_;
    if (flags & (global ? GMEM_DISCARDABLE : LMEM_DISCARDABLE))
        info |= WS2MP_LMEM_DISCARDABLE_;
    if (global && (flags & GMEM_DDESHARE))
        info |= WS2MP_LMEM_DDESHARE_;
    return info;
}

static inline HLOCAL ws2mp_local_alloc_(UINT flags, SIZE_T bytes, int global)
{
    size_t info = ws2mp_lmem_bits_(flags, global);
    void *p;
    if (bytes == 0 && !(flags & LMEM_MOVEABLE))
        bytes = 1; /* a fixed block of 0 bytes holds 1 */
    if (bytes > WS2MP_HEAP_MAX_) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    p = (flags & LMEM_ZEROINIT) ? calloc(1, bytes + WS2MP_HEAP_TAIL_) : malloc(bytes + WS2MP_HEAP_TAIL_);
    if (p == NULL) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    ws2mp_local_mark_(p, bytes, info);
    return p;
}

static inline HLOCAL LocalAlloc(UINT flags, SIZE_T bytes)
{
    return ws2mp_local_alloc_(flags, bytes, 0);
}

static inline HGLOBAL GlobalAlloc(UINT flags, SIZE_T bytes)
{
    return ws2mp_local_alloc_(flags, bytes, 1);
}

/* Frees memory from LocalAlloc or from FormatMessage(FORMAT_MESSAGE_ALLOCATE_BUFFER). */
static inline HLOCAL LocalFree(HLOCAL mem)
{
    free(mem);
    return NULL;
}

static inline HGLOBAL GlobalFree(HGLOBAL mem)
{
    free(mem);
    return NULL;
}

static inline LPVOID ws2mp_local_lock_(HLOCAL mem)
{
    size_t info;
    if (mem == NULL) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    if (ws2mp_local_info_(mem, &info) && (info & WS2MP_LMEM_MOVEABLE_)) {
        size_t bytes = ws2mp_heap_size_(mem);
        if (bytes == 0) {
            SetLastError(ERROR_DISCARDED);
            return NULL;
        }
        if ((info & 0xFFu) < 0xFFu)
            ws2mp_local_mark_(mem, bytes, info + 1);
    }
    return mem;
}

static inline BOOL ws2mp_local_unlock_(HLOCAL mem)
{
    size_t info;
    if (mem != NULL && ws2mp_local_info_(mem, &info) && (info & WS2MP_LMEM_MOVEABLE_)) {
        if ((info & 0xFFu) == 0) {
            SetLastError(ERROR_NOT_LOCKED);
            return FALSE;
        }
        ws2mp_local_mark_(mem, ws2mp_heap_size_(mem), info - 1);
        if (((info - 1) & 0xFFu) != 0)
            return TRUE;
        SetLastError(NO_ERROR);
        return FALSE;
    }
    return TRUE; /* a fixed block: nothing to unlock */
}

static inline LPVOID GlobalLock(HGLOBAL mem)
{
    return ws2mp_local_lock_(mem);
}

static inline BOOL GlobalUnlock(HGLOBAL mem)
{
    return ws2mp_local_unlock_(mem);
}

static inline LPVOID LocalLock(HLOCAL mem)
{
    return ws2mp_local_lock_(mem);
}

static inline BOOL LocalUnlock(HLOCAL mem)
{
    return ws2mp_local_unlock_(mem);
}

/* GlobalHandle / LocalHandle: the handle of a locked block, which is its pointer here. */
static inline HGLOBAL GlobalHandle(LPCVOID mem)
{
    return (HGLOBAL)mem;
}

static inline HLOCAL LocalHandle(LPCVOID mem)
{
    return (HLOCAL)mem;
}

/* GlobalFlags / LocalFlags: the lock count, GMEM_DISCARDABLE (LMEM_DISCARDABLE),
 * GMEM_DDESHARE and GMEM_DISCARDED (a moveable block of 0 bytes); GMEM_INVALID_HANDLE with
 * ERROR_INVALID_HANDLE for NULL. */
static inline UINT ws2mp_local_flags_(HLOCAL mem, int global)
{
    size_t info;
    UINT flags = 0;
    if (mem == NULL) {
        SetLastError(ERROR_INVALID_HANDLE);
        return LMEM_INVALID_HANDLE;
    }
    if (!ws2mp_local_info_(mem, &info))
        return 0;
    flags = (UINT)(info & 0xFFu);
    if (info & WS2MP_LMEM_DISCARDABLE_)
        flags |= global ? GMEM_DISCARDABLE : LMEM_DISCARDABLE;
    if (info & WS2MP_LMEM_DDESHARE_)
        flags |= GMEM_DDESHARE;
    if ((info & WS2MP_LMEM_MOVEABLE_) && ws2mp_heap_size_(mem) == 0)
        flags |= GMEM_DISCARDED;
    return flags;
}

static inline UINT GlobalFlags(HGLOBAL mem)
{
    return ws2mp_local_flags_(mem, 1);
}

static inline UINT LocalFlags(HLOCAL mem)
{
    return ws2mp_local_flags_(mem, 0);
}

static inline HLOCAL ws2mp_local_realloc_(HLOCAL mem, SIZE_T bytes, UINT flags, int global)
{
    size_t info = 0;
    int moveable_block;
    if (mem == NULL) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    if (!ws2mp_local_info_(mem, &info))
        info = 0;
    moveable_block = (info & WS2MP_LMEM_MOVEABLE_) != 0;
    if (flags & LMEM_MODIFY) {
        /* only the flags change: LMEM_MOVEABLE makes a fixed block moveable, and the
         * discardable bit follows the flags given */
        info &= ~(size_t)WS2MP_LMEM_DISCARDABLE_;
        info |= ws2mp_lmem_bits_(flags, global) & (WS2MP_LMEM_MOVEABLE_ | WS2MP_LMEM_DISCARDABLE_);
        ws2mp_local_mark_(mem, ws2mp_heap_size_(mem), info);
        return mem;
    }
    return ws2mp_heap_resize_(mem, bytes, (flags & LMEM_ZEROINIT) != 0,
                              (flags & LMEM_MOVEABLE) && !(moveable_block && (info & 0xFFu) != 0));
}

static inline HLOCAL LocalReAlloc(HLOCAL mem, SIZE_T bytes, UINT flags)
{
    return ws2mp_local_realloc_(mem, bytes, flags, 0);
}

static inline HGLOBAL GlobalReAlloc(HGLOBAL mem, SIZE_T bytes, UINT flags)
{
    return ws2mp_local_realloc_(mem, bytes, flags, 1);
}

/* GlobalDiscard / LocalDiscard: a moveable block's memory goes (0 bytes; the handle stays). */
#ifndef GlobalDiscard
#define GlobalDiscard(h) GlobalReAlloc((h), 0, GMEM_MOVEABLE)
#endif
#ifndef LocalDiscard
#define LocalDiscard(h) LocalReAlloc((h), 0, LMEM_MOVEABLE)
#endif

/* Private heaps are the process heap: HeapCreate gives a handle HeapAlloc & co. accept;
 * HeapDestroy does not free the blocks still allocated from it (Windows does). */
static inline HANDLE HeapCreate(DWORD options, SIZE_T initial, SIZE_T maximum)
{
    (void)options;
    (void)initial;
    (void)maximum;
    return GetProcessHeap();
}

static inline BOOL HeapDestroy(HANDLE heap)
{
    (void)heap;
    return TRUE;
}

/* HeapSetInformation / HeapQueryInformation: the low-fragmentation heap and termination on
 * corruption that programs turn on first thing are the C library allocator's business here:
 * accepted (HeapCompatibilityInformation 0, 1 or 2; HeapEnableTerminationOnCorruption), and the
 * compatibility reads back as 2 (the LFH, Windows' default since Vista). */
typedef enum _HEAP_INFORMATION_CLASS {
    HeapCompatibilityInformation = 0,
    HeapEnableTerminationOnCorruption = 1,
    HeapOptimizeResources = 3
} HEAP_INFORMATION_CLASS;
static inline BOOL HeapSetInformation(HANDLE HeapHandle, HEAP_INFORMATION_CLASS HeapInformationClass,
                                      PVOID HeapInformation, SIZE_T HeapInformationLength)
{
    (void)HeapHandle;
    switch (HeapInformationClass) {
    case HeapCompatibilityInformation:
        if (HeapInformation == NULL || HeapInformationLength < sizeof(ULONG)) {
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return FALSE;
        }
        if (*(const ULONG *)HeapInformation > 2) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return FALSE;
        }
        return TRUE;
    case HeapEnableTerminationOnCorruption:
    case HeapOptimizeResources:
        return TRUE;
    default:
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
}
static inline BOOL HeapQueryInformation(HANDLE HeapHandle, HEAP_INFORMATION_CLASS HeapInformationClass,
                                        PVOID HeapInformation, SIZE_T HeapInformationLength, PSIZE_T ReturnLength)
{
    (void)HeapHandle;
    if (HeapInformationClass != HeapCompatibilityInformation) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (ReturnLength != NULL)
        *ReturnLength = sizeof(ULONG);
    if (HeapInformation == NULL || HeapInformationLength < sizeof(ULONG)) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    *(ULONG *)HeapInformation = 2;
    return TRUE;
}

/* Zeroes memory in a way the compiler cannot remove. */
static inline PVOID SecureZeroMemory(PVOID dest, SIZE_T len)
{
    volatile unsigned char *p = (volatile unsigned char *)dest;
    while (len--)
        *p++ = 0;
    return dest;
}
#ifndef RtlSecureZeroMemory
#define RtlSecureZeroMemory SecureZeroMemory
#endif
/* EqualMemory / RtlEqualMemory: nonzero when the two blocks hold the same bytes. */
#ifndef EqualMemory
#define EqualMemory(a, b, n) (!memcmp((a), (b), (n)))
#endif
#ifndef RtlEqualMemory
#define RtlEqualMemory EqualMemory
#endif
/* RtlCompareMemory: how many bytes match before the first that differs (n when all do). */
static inline SIZE_T RtlCompareMemory(const void *a, const void *b, SIZE_T n)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    SIZE_T i = 0;
    while (i < n && p[i] == q[i])
        i++;
    return i;
}

/* LocalSize / GlobalSize: the size of a LocalAlloc / GlobalAlloc block, as it was asked for
 * (what a C library block holds, for one from elsewhere); 0 for NULL. */
static inline SIZE_T LocalSize(HLOCAL mem)
{
    return mem == NULL ? 0 : (SIZE_T)ws2mp_heap_size_(mem);
}
static inline SIZE_T GlobalSize(HGLOBAL mem)
{
    return LocalSize(mem);
}

/* HeapValidate: the heap is the C library's, which has no check to run: TRUE. */
static inline BOOL HeapValidate(HANDLE heap, DWORD flags, LPCVOID mem)
{
    (void)heap;
    (void)flags;
    (void)mem;
    return TRUE;
}

/* ---- FormatMessage (exported by libws2mp; declared in ws2mp.h) ------------------------------ */
#define FORMAT_MESSAGE_ALLOCATE_BUFFER 0x00000100u
#define FORMAT_MESSAGE_IGNORE_INSERTS 0x00000200u
#define FORMAT_MESSAGE_FROM_STRING 0x00000400u
#define FORMAT_MESSAGE_FROM_HMODULE 0x00000800u
#define FORMAT_MESSAGE_FROM_SYSTEM 0x00001000u
#define FORMAT_MESSAGE_ARGUMENT_ARRAY 0x00002000u
#define FORMAT_MESSAGE_MAX_WIDTH_MASK 0x000000FFu
#define LANG_NEUTRAL 0x00
#define LANG_ENGLISH 0x09
#define SUBLANG_NEUTRAL 0x00
#define SUBLANG_DEFAULT 0x01
#define SUBLANG_SYS_DEFAULT 0x02
#define SUBLANG_ENGLISH_US 0x01
#define MAKELANGID(p, s) ((((WORD)(s)) << 10) | (WORD)(p))
#define PRIMARYLANGID(lgid) ((WORD)(lgid) & 0x3ff)
#define SUBLANGID(lgid) ((WORD)(lgid) >> 10)
#define LANG_USER_DEFAULT (MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT))
#define LANG_SYSTEM_DEFAULT (MAKELANGID(LANG_NEUTRAL, SUBLANG_SYS_DEFAULT))
#ifdef UNICODE
#define FormatMessage FormatMessageW
#else
#define FormatMessage FormatMessageA
#endif

/* ---- GetVersionEx (exported by libws2mp): always Windows 10.0.19045 ------------------------- */
#define VER_PLATFORM_WIN32s 0
#define VER_PLATFORM_WIN32_WINDOWS 1
#define VER_PLATFORM_WIN32_NT 2
#define VER_NT_WORKSTATION 0x0000001
#define VER_NT_DOMAIN_CONTROLLER 0x0000002
#define VER_NT_SERVER 0x0000003
#define VER_SUITE_SINGLEUSERTS 0x00000100

typedef struct _OSVERSIONINFOA {
    DWORD dwOSVersionInfoSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    DWORD dwBuildNumber;
    DWORD dwPlatformId;
    CHAR szCSDVersion[128];
} OSVERSIONINFOA, *POSVERSIONINFOA, *LPOSVERSIONINFOA;

typedef struct _OSVERSIONINFOW {
    DWORD dwOSVersionInfoSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    DWORD dwBuildNumber;
    DWORD dwPlatformId;
    WCHAR szCSDVersion[128];
} OSVERSIONINFOW, *POSVERSIONINFOW, *LPOSVERSIONINFOW;

typedef struct _OSVERSIONINFOEXA {
    DWORD dwOSVersionInfoSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    DWORD dwBuildNumber;
    DWORD dwPlatformId;
    CHAR szCSDVersion[128];
    WORD wServicePackMajor;
    WORD wServicePackMinor;
    WORD wSuiteMask;
    BYTE wProductType;
    BYTE wReserved;
} OSVERSIONINFOEXA, *POSVERSIONINFOEXA, *LPOSVERSIONINFOEXA;

typedef struct _OSVERSIONINFOEXW {
    DWORD dwOSVersionInfoSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    DWORD dwBuildNumber;
    DWORD dwPlatformId;
    WCHAR szCSDVersion[128];
    WORD wServicePackMajor;
    WORD wServicePackMinor;
    WORD wSuiteMask;
    BYTE wProductType;
    BYTE wReserved;
} OSVERSIONINFOEXW, *POSVERSIONINFOEXW, *LPOSVERSIONINFOEXW;

#ifdef UNICODE
typedef OSVERSIONINFOW OSVERSIONINFO, *POSVERSIONINFO, *LPOSVERSIONINFO;
typedef OSVERSIONINFOEXW OSVERSIONINFOEX, *POSVERSIONINFOEX, *LPOSVERSIONINFOEX;
#define GetVersionEx GetVersionExW
#else
typedef OSVERSIONINFOA OSVERSIONINFO, *POSVERSIONINFO, *LPOSVERSIONINFO;
typedef OSVERSIONINFOEXA OSVERSIONINFOEX, *POSVERSIONINFOEX, *LPOSVERSIONINFOEX;
#define GetVersionEx GetVersionExA
#endif

/* VerifyVersionInfo and VerSetConditionMask (exported): the fields to compare ... */
#define VER_MINORVERSION 0x0000001
#define VER_MAJORVERSION 0x0000002
#define VER_BUILDNUMBER 0x0000004
#define VER_PLATFORMID 0x0000008
#define VER_SERVICEPACKMINOR 0x0000010
#define VER_SERVICEPACKMAJOR 0x0000020
#define VER_SUITENAME 0x0000040
#define VER_PRODUCT_TYPE 0x0000080
/* ... and how (VER_AND / VER_OR for the suite mask). */
#define VER_EQUAL 1
#define VER_GREATER 2
#define VER_GREATER_EQUAL 3
#define VER_LESS 4
#define VER_LESS_EQUAL 5
#define VER_AND 6
#define VER_OR 7
#define VER_CONDITION_MASK 7
#define VER_NUM_BITS_PER_CONDITION_MASK 3
#define VER_SET_CONDITION(mask, type, condition) ((mask) = VerSetConditionMask((mask), (type), (condition)))
#ifdef UNICODE
#define VerifyVersionInfo VerifyVersionInfoW
#else
#define VerifyVersionInfo VerifyVersionInfoA
#endif

/* The offset of a structure field, as winnt.h spells offsetof. */
#ifndef FIELD_OFFSET
#define FIELD_OFFSET(type, field) ((LONG)offsetof(type, field))
#endif

/* GetComputerName: the host name up to its first dot, in capitals and at most
 * MAX_COMPUTERNAME_LENGTH characters, as a NetBIOS computer name is. A buffer too small fails
 * with ERROR_BUFFER_OVERFLOW and the size needed (with the terminator) in *size. */
#ifndef MAX_COMPUTERNAME_LENGTH
#define MAX_COMPUTERNAME_LENGTH 15
#endif
static inline DWORD ws2mp_computer_name_(char out[MAX_COMPUTERNAME_LENGTH + 1])
{
    struct utsname u;
    DWORD n = 0;
    if (uname(&u) == 0)
        while (n < MAX_COMPUTERNAME_LENGTH && u.nodename[n] != '\0' && u.nodename[n] != '.') {
            out[n] = (char)toupper((unsigned char)u.nodename[n]);
            n++;
        }
    out[n] = '\0';
    return n;
}
static inline BOOL GetComputerNameA(LPSTR buffer, LPDWORD size)
{
    char name[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD n = ws2mp_computer_name_(name);
    if (size == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (buffer == NULL || *size < n + 1) {
        *size = n + 1;
        SetLastError(ERROR_BUFFER_OVERFLOW);
        return FALSE;
    }
    memcpy(buffer, name, n + 1);
    *size = n;
    return TRUE;
}
static inline BOOL GetComputerNameW(LPWSTR buffer, LPDWORD size)
{
    char name[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD n = ws2mp_computer_name_(name), i;
    if (size == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (buffer == NULL || *size < n + 1) {
        *size = n + 1;
        SetLastError(ERROR_BUFFER_OVERFLOW);
        return FALSE;
    }
    for (i = 0; i <= n; i++)
        buffer[i] = (WCHAR)(unsigned char)name[i];
    *size = n;
    return TRUE;
}
#ifdef UNICODE
#define GetComputerName GetComputerNameW
#else
#define GetComputerName GetComputerNameA
#endif

/* GetComputerNameEx: the names of this host as DNS and NetBIOS see them, from the host name
 * (uname): the DNS host name is the host name up to its first dot, the DNS domain what follows
 * it (empty when nothing does), the fully qualified name both; the NetBIOS forms are
 * GetComputerName's. A buffer too small fails with ERROR_MORE_DATA and the size needed (with
 * the terminator) in *size; an unknown format fails with ERROR_INVALID_PARAMETER. */
typedef enum _COMPUTER_NAME_FORMAT {
    ComputerNameNetBIOS,
    ComputerNameDnsHostname,
    ComputerNameDnsDomain,
    ComputerNameDnsFullyQualified,
    ComputerNamePhysicalNetBIOS,
    ComputerNamePhysicalDnsHostname,
    ComputerNamePhysicalDnsDomain,
    ComputerNamePhysicalDnsFullyQualified,
    ComputerNameMax
} COMPUTER_NAME_FORMAT;
/* The name in `format` into out (NUL-terminated); its length, or -1 for an unknown format. */
static inline long ws2mp_computer_name_ex_(COMPUTER_NAME_FORMAT format, char out[sizeof(((struct utsname *)0)->nodename)])
{
    struct utsname u;
    const char *dot;
    size_t host;
    if ((unsigned)format >= (unsigned)ComputerNameMax)
        return -1;
    if (format == ComputerNameNetBIOS || format == ComputerNamePhysicalNetBIOS)
        return (long)ws2mp_computer_name_(out);
    if (uname(&u) != 0)
        u.nodename[0] = '\0';
    dot = strchr(u.nodename, '.');
    host = dot ? (size_t)(dot - u.nodename) : strlen(u.nodename);
    switch (format) {
    case ComputerNameDnsHostname:
    case ComputerNamePhysicalDnsHostname:
        memcpy(out, u.nodename, host);
        out[host] = '\0';
        break;
    case ComputerNameDnsDomain:
    case ComputerNamePhysicalDnsDomain:
        strcpy(out, dot ? dot + 1 : "");
        break;
    default:
        strcpy(out, u.nodename);
        break;
    }
    return (long)strlen(out);
}
static inline BOOL GetComputerNameExA(COMPUTER_NAME_FORMAT format, LPSTR buffer, LPDWORD size)
{
    char name[sizeof(((struct utsname *)0)->nodename)];
    long n = ws2mp_computer_name_ex_(format, name);
    if (n < 0 || size == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (buffer == NULL || *size < (DWORD)n + 1) {
        *size = (DWORD)n + 1;
        SetLastError(ERROR_MORE_DATA);
        return FALSE;
    }
    memcpy(buffer, name, (size_t)n + 1);
    *size = (DWORD)n;
    return TRUE;
}
static inline BOOL GetComputerNameExW(COMPUTER_NAME_FORMAT format, LPWSTR buffer, LPDWORD size)
{
    char name[sizeof(((struct utsname *)0)->nodename)];
    long n = ws2mp_computer_name_ex_(format, name), i;
    if (n < 0 || size == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (buffer == NULL || *size < (DWORD)n + 1) {
        *size = (DWORD)n + 1;
        SetLastError(ERROR_MORE_DATA);
        return FALSE;
    }
    for (i = 0; i <= n; i++)
        buffer[i] = (WCHAR)(unsigned char)name[i];
    *size = (DWORD)n;
    return TRUE;
}
#ifdef UNICODE
#define GetComputerNameEx GetComputerNameExW
#else
#define GetComputerNameEx GetComputerNameExA
#endif

/* GetActiveProcessorCount / GetMaximumProcessorCount (libws2mp exports): the processors
 * online / configured, in one group of 64 or in all of them. */
#ifndef ALL_PROCESSOR_GROUPS
#define ALL_PROCESSOR_GROUPS 0xffff
#endif
/* IsBadReadPtr, IsBadWritePtr, IsBadCodePtr, IsBadStringPtrA/W (libws2mp exports): probed
 * through the kernel without touching the memory (writability from the mappings' permissions
 * on Linux); as on Windows, the answer may be stale by the time the memory is used. */
#ifdef UNICODE
#define IsBadStringPtr IsBadStringPtrW
#else
#define IsBadStringPtr IsBadStringPtrA
#endif

/* GetSystemInfo / GetNativeSystemInfo (libws2mp exports): Windows' Win64 SYSTEM_INFO. */
#define PROCESSOR_ARCHITECTURE_INTEL 0
#define PROCESSOR_ARCHITECTURE_ARM 5
#define PROCESSOR_ARCHITECTURE_IA64 6
#define PROCESSOR_ARCHITECTURE_AMD64 9
#define PROCESSOR_ARCHITECTURE_ARM64 12
#define PROCESSOR_ARCHITECTURE_UNKNOWN 0xffff
#define PROCESSOR_INTEL_386 386
#define PROCESSOR_INTEL_486 486
#define PROCESSOR_INTEL_PENTIUM 586
#define PROCESSOR_INTEL_IA64 2200
#define PROCESSOR_AMD_X8664 8664
/* The unnamed union and struct are Windows' (C11 and every C++ compiler accept them;
 * __extension__ keeps -pedantic C99 and C++ quiet). */
typedef struct _SYSTEM_INFO {
    __extension__ union {
        DWORD dwOemId;
        __extension__ struct {
            WORD wProcessorArchitecture;
            WORD wReserved;
        };
    };
    DWORD dwPageSize;
    LPVOID lpMinimumApplicationAddress;
    LPVOID lpMaximumApplicationAddress;
    DWORD_PTR dwActiveProcessorMask;
    DWORD dwNumberOfProcessors;
    DWORD dwProcessorType;
    DWORD dwAllocationGranularity;
    WORD wProcessorLevel;
    WORD wProcessorRevision;
} SYSTEM_INFO, *LPSYSTEM_INFO;

/* GetLogicalProcessorInformation (libws2mp export): Windows' x64 records, 32 bytes each. */
typedef enum _LOGICAL_PROCESSOR_RELATIONSHIP {
    RelationProcessorCore,
    RelationNumaNode,
    RelationCache,
    RelationProcessorPackage,
    RelationGroup,
    RelationProcessorDie,
    RelationNumaNodeEx,
    RelationProcessorModule,
    RelationAll = 0xffff
} LOGICAL_PROCESSOR_RELATIONSHIP;
typedef enum _PROCESSOR_CACHE_TYPE { CacheUnified, CacheInstruction, CacheData, CacheTrace } PROCESSOR_CACHE_TYPE;
#define LTP_PC_SMT 0x1
#define CACHE_FULLY_ASSOCIATIVE 0xFF
typedef struct _CACHE_DESCRIPTOR {
    BYTE Level;
    BYTE Associativity;
    WORD LineSize;
    DWORD Size;
    PROCESSOR_CACHE_TYPE Type;
} CACHE_DESCRIPTOR, *PCACHE_DESCRIPTOR;
typedef struct _SYSTEM_LOGICAL_PROCESSOR_INFORMATION {
    ULONG_PTR ProcessorMask;
    LOGICAL_PROCESSOR_RELATIONSHIP Relationship;
    __extension__ union {
        struct {
            BYTE Flags;
        } ProcessorCore;
        struct {
            DWORD NodeNumber;
        } NumaNode;
        CACHE_DESCRIPTOR Cache;
        ULONGLONG Reserved[2];
    };
} SYSTEM_LOGICAL_PROCESSOR_INFORMATION, *PSYSTEM_LOGICAL_PROCESSOR_INFORMATION;

/* GlobalMemoryStatusEx / GlobalMemoryStatus (sysinfoapi.h, winbase.h; libws2mp exports):
 * Windows' Win64 layouts. Set dwLength to sizeof(MEMORYSTATUSEX) before GlobalMemoryStatusEx;
 * GlobalMemoryStatus sets it itself. */
#ifndef WS2MP_DWORDLONG_DEFINED
#define WS2MP_DWORDLONG_DEFINED
typedef ULONGLONG DWORDLONG;
typedef DWORDLONG *PDWORDLONG;
#endif
typedef struct _MEMORYSTATUSEX {
    DWORD dwLength;
    DWORD dwMemoryLoad;
    DWORDLONG ullTotalPhys;
    DWORDLONG ullAvailPhys;
    DWORDLONG ullTotalPageFile;
    DWORDLONG ullAvailPageFile;
    DWORDLONG ullTotalVirtual;
    DWORDLONG ullAvailVirtual;
    DWORDLONG ullAvailExtendedVirtual;
} MEMORYSTATUSEX, *LPMEMORYSTATUSEX;
typedef struct _MEMORYSTATUS {
    DWORD dwLength;
    DWORD dwMemoryLoad;
    SIZE_T dwTotalPhys;
    SIZE_T dwAvailPhys;
    SIZE_T dwTotalPageFile;
    SIZE_T dwAvailPageFile;
    SIZE_T dwTotalVirtual;
    SIZE_T dwAvailVirtual;
} MEMORYSTATUS, *LPMEMORYSTATUS;

/* GetPhysicallyInstalledSystemMemory: the memory the system has, in KiB (GlobalMemoryStatusEx's
 * ullTotalPhys; Windows counts the installed modules, a little more). */
static inline BOOL GetPhysicallyInstalledSystemMemory(PULONGLONG TotalMemoryInKilobytes)
{
    MEMORYSTATUSEX ms;
    if (TotalMemoryInKilobytes == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ms.dwLength = sizeof ms;
    if (!GlobalMemoryStatusEx(&ms))
        return FALSE;
    *TotalMemoryInKilobytes = ms.ullTotalPhys / 1024;
    return TRUE;
}

/* GetSystemTimeAdjustment: the clock is the system's to discipline (NTP here), so, as Windows
 * reports an undisciplined clock, adjustment disabled and 15.625 ms (156250 units of 100 ns) per
 * tick. */
static inline BOOL GetSystemTimeAdjustment(PDWORD lpTimeAdjustment, PDWORD lpTimeIncrement,
                                           PBOOL lpTimeAdjustmentDisabled)
{
    if (lpTimeAdjustment == NULL || lpTimeIncrement == NULL || lpTimeAdjustmentDisabled == NULL) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    *lpTimeAdjustment = 156250;
    *lpTimeIncrement = 156250;
    *lpTimeAdjustmentDisabled = TRUE;
    return TRUE;
}


/* The C runtime's old names for them (Windows' headers declare both). */
#define itoa _itoa
#define stricmp _stricmp
#define strnicmp _strnicmp
#define strcmpi _stricmp
#define strlwr _strlwr
#define strupr _strupr
#define strrev _strrev
#define ltoa _ltoa
#define ultoa _ultoa
#define memicmp _memicmp

/* wsprintf: user32's sprintf; the output is limited to 1024 characters, as on Windows. */
static inline int wvsprintfA(LPSTR buf, LPCSTR fmt, va_list ap)
{
    char tmp[1025];
    int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    if (n < 0)
        return -1;
    if (n > 1024)
        n = 1024;
    memcpy(buf, tmp, (size_t)n + 1);
    return n;
}

static inline int wsprintfA(LPSTR buf, LPCSTR fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = wvsprintfA(buf, fmt, ap);
    va_end(ap);
    return n;
}

#include "ws2mp_wformat.h"
static inline int wvsprintfW(LPWSTR buf, LPCWSTR fmt, va_list ap)
{
    long n = ws2mp_wvformat_(buf, 1024, fmt, ap);
    if (n < 0)
        return -1;
    if (n > 1024)
        n = 1024;
    buf[n] = 0;
    return (int)n;
}

static inline int wsprintfW(LPWSTR buf, LPCWSTR fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = wvsprintfW(buf, fmt, ap);
    va_end(ap);
    return n;
}
#ifdef UNICODE
#define wsprintf wsprintfW
#define wvsprintf wvsprintfW
#else
#define wsprintf wsprintfA
#define wvsprintf wvsprintfA
#endif

/* Without a debugger attached, Windows discards these strings; so does ws2mp. */
static inline void OutputDebugStringA(LPCSTR text)
{
    (void)text;
}

static inline void OutputDebugStringW(LPCWSTR text)
{
    (void)text;
}
#ifdef UNICODE
#define OutputDebugString OutputDebugStringW
#else
#define OutputDebugString OutputDebugStringA
#endif

/* IsDebuggerPresent: TRUE while a debugger traces the process (Linux: TracerPid in
 * /proc/self/status; elsewhere FALSE). DebugBreak raises SIGTRAP: a debugger stops there,
 * without one the program ends, as Windows' breakpoint exception ends it. */
static inline BOOL IsDebuggerPresent(void)
{
#if defined(__linux__)
    char line[128];
    BOOL traced = FALSE;
    FILE *f = fopen("/proc/self/status", "r");
    if (f == NULL)
        return FALSE;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "TracerPid:", 10) == 0) {
            traced = atoi(line + 10) != 0;
            break;
        }
    }
    fclose(f);
    return traced;
#else
    return FALSE;
#endif
}

/* The C library's raise under a private name: <signal.h> would bring POSIX names (kill, ...)
 * into every Windows program. SIGTRAP is 5 on Linux, macOS and the BSDs. */
int ws2mp_raise_(int sig) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "raise");
static inline void DebugBreak(void)
{
    ws2mp_raise_(5);
}

/* ---- lstr*: the kernel32 string functions (A over char, W over 16-bit WCHAR) ---------------- */
static inline int ws2mp_wcslen16_(const WCHAR *s)
{
    int n = 0;
    while (s[n] != 0)
        n++;
    return n;
}

static inline WCHAR ws2mp_wlower_(WCHAR c)
{
    return (c >= 'A' && c <= 'Z') ? (WCHAR)(c + 32) : c;
}

static inline int lstrlenA(LPCSTR s)
{
    return s ? (int)strlen(s) : 0;
}

static inline int lstrlenW(LPCWSTR s)
{
    return s ? ws2mp_wcslen16_(s) : 0;
}

static inline LPSTR lstrcpyA(LPSTR dest, LPCSTR src)
{
    if (dest == NULL || src == NULL)
        return NULL;
    return strcpy(dest, src);
}

static inline LPWSTR lstrcpyW(LPWSTR dest, LPCWSTR src)
{
    int i = 0;
    if (dest == NULL || src == NULL)
        return NULL;
    do
        dest[i] = src[i];
    while (src[i++] != 0);
    return dest;
}

/* Copies at most n - 1 characters and always terminates (n > 0). */
static inline LPSTR lstrcpynA(LPSTR dest, LPCSTR src, int n)
{
    int i;
    if (dest == NULL || src == NULL)
        return NULL;
    if (n <= 0)
        return dest;
    for (i = 0; i < n - 1 && src[i] != '\0'; i++)
        dest[i] = src[i];
    dest[i] = '\0';
    return dest;
}

static inline LPWSTR lstrcpynW(LPWSTR dest, LPCWSTR src, int n)
{
    int i;
    if (dest == NULL || src == NULL)
        return NULL;
    if (n <= 0)
        return dest;
    for (i = 0; i < n - 1 && src[i] != 0; i++)
        dest[i] = src[i];
    dest[i] = 0;
    return dest;
}

static inline LPSTR lstrcatA(LPSTR dest, LPCSTR src)
{
    if (dest == NULL || src == NULL)
        return NULL;
    return strcat(dest, src);
}

static inline LPWSTR lstrcatW(LPWSTR dest, LPCWSTR src)
{
    if (dest == NULL || src == NULL)
        return NULL;
    lstrcpyW(dest + ws2mp_wcslen16_(dest), src);
    return dest;
}

/* lstrcmp compares like Windows' word sort (below): "_x" < "1" < "a" < "A" < "b", "coop" <
 * "co-op". lstrcmpi ignores case. */
/* The collation lstrcmp and CompareString share, Windows' "word sort" for ASCII: symbols sort
 * before digits and digits before letters; letters compare without case first, then a
 * lowercase letter sorts before its capital; the hyphen and the apostrophe count only when
 * all else is equal (word sort) or as the first symbols (SORT_STRINGSORT); NUL characters
 * inside counted strings count for nothing. Other characters (UTF-8 bytes, WCHARs past
 * ASCII) sort after the letters by code. WS2MP_COLLATE_* are CompareString's flag values. */
#define WS2MP_COLLATE_IGNORECASE_ 0x00000011u /* NORM_IGNORECASE | LINGUISTIC_IGNORECASE */
#define WS2MP_COLLATE_IGNORESYMBOLS_ 0x00000004u
#define WS2MP_COLLATE_DIGITSASNUMBERS_ 0x00000008u
#define WS2MP_COLLATE_STRINGSORT_ 0x00001000u
/* The primary weight of a unit (0: none): symbols 1.., digits 0x100.., letters 0x200..,
 * the rest 0x300 + code. *special is set for the hyphen and apostrophe of word sort. */
static inline unsigned ws2mp_collate_weight_(unsigned c, unsigned flags, int *special, int *symbol)
{
    static const char symbols[] = " !\"#$%&()*,./:;?@[\\]^_`{|}~+<=>";
    const char *at;
    *special = 0;
    *symbol = 0;
    if (c == 0)
        return 0;
    if (c >= '0' && c <= '9')
        return 0x100 + (c - '0');
    if (c >= 'a' && c <= 'z')
        return 0x200 + (c - 'a');
    if (c >= 'A' && c <= 'Z')
        return 0x200 + (c - 'A');
    if (c >= 0x80)
        return 0x300 + c;
    *symbol = 1;
    if (c == '\'' || c == '-') {
        if (!(flags & WS2MP_COLLATE_STRINGSORT_)) {
            *special = 1;
            return 0;
        }
        return c == '\'' ? 0x21 : 0x22;
    }
    if (c < 0x20 || c == 0x7f)
        return 1 + c; /* control characters: before the symbols, each its own */
    at = strchr(symbols, (int)c);
    return at != NULL ? 0x23 + (unsigned)(at - symbols) : 0x23 + c;
}
static inline unsigned ws2mp_collate_unit_(const void *s, size_t i, int wide)
{
    return wide ? (unsigned)((const WCHAR *)s)[i] : (unsigned)((const unsigned char *)s)[i];
}
/* The next unit of s at or after *i with a primary weight; its weight, or 0 at the end. */
static inline unsigned ws2mp_collate_next_(const void *s, size_t n, size_t *i, int wide, unsigned flags)
{
    while (*i < n) {
        int special, symbol;
        unsigned w = ws2mp_collate_weight_(ws2mp_collate_unit_(s, *i, wide), flags, &special, &symbol);
        if (w != 0 && !(symbol && (flags & WS2MP_COLLATE_IGNORESYMBOLS_)))
            return w;
        (*i)++;
    }
    return 0;
}
static inline int ws2mp_collate_(const void *a, size_t na, const void *b, size_t nb, int wide, unsigned flags)
{
    size_t i = 0, j = 0;
    /* 1: the primary weights (with SORT_DIGITSASNUMBERS a run of digits is its number) */
    for (;;) {
        unsigned wa = ws2mp_collate_next_(a, na, &i, wide, flags);
        unsigned wb = ws2mp_collate_next_(b, nb, &j, wide, flags);
        if (wa == 0 || wb == 0) {
            if (wa != wb)
                return wa == 0 ? -1 : 1;
            break;
        }
        if ((flags & WS2MP_COLLATE_DIGITSASNUMBERS_) && wa >= 0x100 && wa < 0x10a && wb >= 0x100 && wb < 0x10a) {
            size_t ea = i, eb = j, la, lb, k;
            while (ea < na && ws2mp_collate_unit_(a, ea, wide) == '0')
                ea++;
            while (eb < nb && ws2mp_collate_unit_(b, eb, wide) == '0')
                eb++;
            for (la = 0; ea + la < na && ws2mp_collate_unit_(a, ea + la, wide) - '0' < 10u; la++)
                ;
            for (lb = 0; eb + lb < nb && ws2mp_collate_unit_(b, eb + lb, wide) - '0' < 10u; lb++)
                ;
            if (la != lb)
                return la < lb ? -1 : 1;
            for (k = 0; k < la; k++) {
                unsigned da = ws2mp_collate_unit_(a, ea + k, wide), db = ws2mp_collate_unit_(b, eb + k, wide);
                if (da != db)
                    return da < db ? -1 : 1;
            }
            i = ea + la;
            j = eb + lb;
            continue;
        }
        if (wa != wb)
            return wa < wb ? -1 : 1;
        i++;
        j++;
    }
    /* 2: case, at the first letter that differs in it (a lowercase letter first) */
    if (!(flags & WS2MP_COLLATE_IGNORECASE_)) {
        i = j = 0;
        while (ws2mp_collate_next_(a, na, &i, wide, flags) != 0 && ws2mp_collate_next_(b, nb, &j, wide, flags) != 0) {
            unsigned ca = ws2mp_collate_unit_(a, i++, wide), cb = ws2mp_collate_unit_(b, j++, wide);
            int ua = ca >= 'A' && ca <= 'Z', ub = cb >= 'A' && cb <= 'Z';
            if (ua != ub)
                return ua ? 1 : -1;
        }
    }
    /* 3: the word sort's hyphens and apostrophes, in order (the apostrophe first); more of
     * them sorts after */
    if (!(flags & (WS2MP_COLLATE_STRINGSORT_ | WS2MP_COLLATE_IGNORESYMBOLS_))) {
        i = j = 0;
        for (;;) {
            while (i < na && ws2mp_collate_unit_(a, i, wide) != '\'' && ws2mp_collate_unit_(a, i, wide) != '-')
                i++;
            while (j < nb && ws2mp_collate_unit_(b, j, wide) != '\'' && ws2mp_collate_unit_(b, j, wide) != '-')
                j++;
            if (i >= na || j >= nb)
                return (i < na) == (j < nb) ? 0 : (i < na ? 1 : -1);
            if (ws2mp_collate_unit_(a, i, wide) != ws2mp_collate_unit_(b, j, wide))
                return ws2mp_collate_unit_(a, i, wide) == '\'' ? -1 : 1;
            i++;
            j++;
        }
    }
    return 0;
}

static inline int ws2mp_lstrcmp_(const char *a, const char *b, int ignore_case)
{
    if (a == NULL || b == NULL)
        return a == b ? 0 : (a == NULL ? -1 : 1);
    return ws2mp_collate_(a, strlen(a), b, strlen(b), 0, ignore_case ? WS2MP_COLLATE_IGNORECASE_ : 0);
}

static inline int lstrcmpA(LPCSTR a, LPCSTR b)
{
    return ws2mp_lstrcmp_(a, b, 0);
}

static inline int lstrcmpiA(LPCSTR a, LPCSTR b)
{
    return ws2mp_lstrcmp_(a, b, 1);
}

static inline int ws2mp_lstrcmpw_(const WCHAR *a, const WCHAR *b, int ignore_case)
{
    if (a == NULL || b == NULL)
        return a == b ? 0 : (a == NULL ? -1 : 1);
    return ws2mp_collate_(a, (size_t)ws2mp_wcslen16_(a), b, (size_t)ws2mp_wcslen16_(b), 1,
                          ignore_case ? WS2MP_COLLATE_IGNORECASE_ : 0);
}

static inline int lstrcmpW(LPCWSTR a, LPCWSTR b)
{
    return ws2mp_lstrcmpw_(a, b, 0);
}

static inline int lstrcmpiW(LPCWSTR a, LPCWSTR b)
{
    return ws2mp_lstrcmpw_(a, b, 1);
}

/* CompareStringA/W (<stringapiset.h>): lstrcmp's order over counted strings (-1: up to the
 * NUL; NULs inside a count are ignored), for any locale; NORM_IGNORECASE (and
 * LINGUISTIC_IGNORECASE) ignore case, NORM_IGNORESYMBOLS ignores punctuation and spaces,
 * SORT_STRINGSORT sorts the hyphen and apostrophe as symbols, SORT_DIGITSASNUMBERS (W only: the A
 * form refuses it, as Windows does) compares runs of digits as numbers; the other NORM_* flags
 * and LOCALE_USE_CP_ACP are accepted and change nothing for ASCII. CSTR_LESS_THAN, CSTR_EQUAL,
 * CSTR_GREATER_THAN, or 0 with ERROR_INVALID_PARAMETER (a NULL string, a count below -1) or
 * ERROR_INVALID_FLAGS. CompareStringOrdinal compares the UTF-16 units (bIgnoreCase: after
 * ASCII and Latin-1 case folding). */
#define CSTR_LESS_THAN 1
#define CSTR_EQUAL 2
#define CSTR_GREATER_THAN 3
#define NORM_IGNORECASE 0x00000001
#define NORM_IGNORENONSPACE 0x00000002
#define NORM_IGNORESYMBOLS 0x00000004
#define SORT_DIGITSASNUMBERS 0x00000008
#define LINGUISTIC_IGNORECASE 0x00000010
#define LINGUISTIC_IGNOREDIACRITIC 0x00000020
#define SORT_STRINGSORT 0x00001000
#define NORM_IGNOREKANATYPE 0x00010000
#define NORM_IGNOREWIDTH 0x00020000
#define NORM_LINGUISTIC_CASING 0x08000000
#define LOCALE_USE_CP_ACP_FLAG_ 0x40000000u /* LOCALE_USE_CP_ACP (<winnls.h>): accepted */
#ifndef ERROR_INVALID_FLAGS
#define ERROR_INVALID_FLAGS 1004L
#endif
static inline int ws2mp_compare_counted_(DWORD flags, const void *a, int na, const void *b, int nb, int wide)
{
    const DWORD known = NORM_IGNORECASE | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS | SORT_DIGITSASNUMBERS |
                        LINGUISTIC_IGNORECASE | LINGUISTIC_IGNOREDIACRITIC | SORT_STRINGSORT |
                        NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH | NORM_LINGUISTIC_CASING | LOCALE_USE_CP_ACP_FLAG_;
    size_t la, lb;
    int r;
    if (a == NULL || b == NULL || na < -1 || nb < -1) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    /* CompareStringA refuses SORT_DIGITSASNUMBERS (the W form takes it), as Windows does. */
    if ((flags & ~known) != 0 || (!wide && (flags & SORT_DIGITSASNUMBERS))) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    la = na >= 0 ? (size_t)na : (wide ? (size_t)ws2mp_wcslen16_((const WCHAR *)a) : strlen((const char *)a));
    lb = nb >= 0 ? (size_t)nb : (wide ? (size_t)ws2mp_wcslen16_((const WCHAR *)b) : strlen((const char *)b));
    r = ws2mp_collate_(a, la, b, lb, wide, (unsigned)flags);
    return r < 0 ? CSTR_LESS_THAN : r > 0 ? CSTR_GREATER_THAN : CSTR_EQUAL;
}
static inline int CompareStringA(DWORD Locale, DWORD dwCmpFlags, LPCSTR lpString1, int cchCount1, LPCSTR lpString2,
                                 int cchCount2)
{
    (void)Locale;
    return ws2mp_compare_counted_(dwCmpFlags, lpString1, cchCount1, lpString2, cchCount2, 0);
}
static inline int CompareStringW(DWORD Locale, DWORD dwCmpFlags, LPCWSTR lpString1, int cchCount1, LPCWSTR lpString2,
                                 int cchCount2)
{
    (void)Locale;
    return ws2mp_compare_counted_(dwCmpFlags, lpString1, cchCount1, lpString2, cchCount2, 1);
}
/* LCMapStringA/W (<winnls.h>): LCMAP_LOWERCASE / LCMAP_UPPERCASE (ASCII, and Latin-1 in the W
 * form; LCMAP_LINGUISTIC_CASING accepted; both together are LCMAP_TITLECASE in the W form),
 * NORM_IGNORESYMBOLS alone (punctuation, spaces and control characters removed),
 * NORM_IGNORENONSPACE alone (a copy: nothing in ASCII is a nonspacing mark), and LCMAP_SORTKEY
 * (with NORM_IGNORECASE, NORM_IGNORESYMBOLS, SORT_STRINGSORT): a NUL-terminated byte key whose
 * memcmp order is CompareString's (the count is in bytes for both forms). The source may be the
 * destination only for the case mappings. The count includes the NUL when cchSrc is -1;
 * cchDest 0 asks for it; too small is ERROR_INSUFFICIENT_BUFFER. No flags, a case mapping with
 * NORM_* or SORT_STRINGSORT, both case flags in the A form, and the kana, width, Chinese and
 * byte-reversal mappings (not provided here) are ERROR_INVALID_FLAGS; cchSrc 0 is
 * ERROR_INVALID_PARAMETER. */
#define LCMAP_LOWERCASE 0x00000100u
#define LCMAP_UPPERCASE 0x00000200u
#define LCMAP_TITLECASE 0x00000300u
#define LCMAP_SORTKEY 0x00000400u
#define LCMAP_BYTEREV 0x00000800u
#define LCMAP_HIRAGANA 0x00100000u
#define LCMAP_KATAKANA 0x00200000u
#define LCMAP_HALFWIDTH 0x00400000u
#define LCMAP_FULLWIDTH 0x00800000u
#define LCMAP_LINGUISTIC_CASING 0x01000000u
#define LCMAP_SIMPLIFIED_CHINESE 0x02000000u
#define LCMAP_TRADITIONAL_CHINESE 0x04000000u
static inline unsigned ws2mp_lcmap_case_(unsigned c, int upper, int wide)
{
    if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z'))
        return upper ? c - 32 : c + 32;
    if (wide && c != 0xd7 && c != 0xf7 && (upper ? (c >= 0xe0 && c <= 0xfe) : (c >= 0xc0 && c <= 0xde)))
        return upper ? c - 32 : c + 32;
    return c;
}
static inline int ws2mp_is_letter_(unsigned c, int wide)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (wide && c >= 0xc0 && c <= 0xff && c != 0xd7 && c != 0xf7);
}
/* The mapping or the sort key into dst (nothing written when cch_dst is 0); its size, or 0 with
 * the error set. */
static inline int ws2mp_lcmap_(DWORD flags, const void *src, int cch_src, void *dst, int cch_dst, int wide)
{
    const DWORD cases = LCMAP_LOWERCASE | LCMAP_UPPERCASE;
    const DWORD norms = NORM_IGNORECASE | NORM_IGNORESYMBOLS | NORM_IGNORENONSPACE | SORT_STRINGSORT;
    const DWORD unsupported = LCMAP_BYTEREV | LCMAP_HIRAGANA | LCMAP_KATAKANA | LCMAP_HALFWIDTH | LCMAP_FULLWIDTH |
                              LCMAP_SIMPLIFIED_CHINESE | LCMAP_TRADITIONAL_CHINESE;
    DWORD base = flags & ~(DWORD)(LOCALE_USE_CP_ACP_FLAG_ | LCMAP_LINGUISTIC_CASING);
    size_t n, i, out = 0;
    unsigned char *key = NULL;
    if (src == NULL || cch_src == 0 || cch_src < -1 || cch_dst < 0 || (cch_dst > 0 && dst == NULL)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (base == 0 || (base & unsupported) || (base & ~(cases | LCMAP_SORTKEY | norms)) ||
        ((base & cases) && (base & (norms | LCMAP_SORTKEY))) || (!wide && (base & cases) == cases) ||
        (!(base & (cases | LCMAP_SORTKEY)) && (base & (NORM_IGNORECASE | SORT_STRINGSORT))) ||
        (!(base & cases) && dst == src)) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    n = cch_src >= 0 ? (size_t)cch_src
                     : (wide ? (size_t)ws2mp_wcslen16_((const WCHAR *)src) : strlen((const char *)src)) + 1;
    if (base & LCMAP_SORTKEY) {
        /* primaries (3 bytes each, never 0 or 1), 1, case bytes, 1, the word sort's hyphens and
         * apostrophes, 0 */
        size_t len = n, j = 0, cap;
        unsigned w;
        if (cch_src < 0)
            len--; /* the NUL is not part of the key */
        cap = 5 * len + 4;
        key = (unsigned char *)malloc(cap);
        if (key == NULL) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return 0;
        }
        while ((w = ws2mp_collate_next_(src, len, &j, wide, (unsigned)base)) != 0) {
            key[out++] = (unsigned char)((w >> 14) + 2);
            key[out++] = (unsigned char)(((w >> 7) & 0x7f) + 1);
            key[out++] = (unsigned char)((w & 0x7f) + 1);
            j++;
        }
        key[out++] = 1;
        for (j = 0; ws2mp_collate_next_(src, len, &j, wide, (unsigned)base) != 0; j++) {
            unsigned c = ws2mp_collate_unit_(src, j, wide);
            key[out++] = (!(base & NORM_IGNORECASE) && c >= 'A' && c <= 'Z') ? 2 : 1;
        }
        key[out++] = 1;
        if (!(base & (SORT_STRINGSORT | NORM_IGNORESYMBOLS)))
            for (j = 0; j < len; j++) {
                unsigned c = ws2mp_collate_unit_(src, j, wide);
                if (c == '\'' || c == '-')
                    key[out++] = c == '\'' ? 2 : 3;
            }
        key[out++] = 0;
        if (cch_dst != 0) {
            if (out > (size_t)cch_dst) {
                free(key);
                SetLastError(ERROR_INSUFFICIENT_BUFFER);
                return 0;
            }
            memcpy(dst, key, out);
        }
        free(key);
        return (int)out;
    }
    /* a mapping unit for unit (NORM_IGNORESYMBOLS leaves symbols out) */
    for (i = 0; i < n; i++) {
        unsigned c = ws2mp_collate_unit_(src, i, wide), m = c;
        int special, symbol;
        if (base & NORM_IGNORESYMBOLS) {
            (void)ws2mp_collate_weight_(c, (unsigned)base, &special, &symbol);
            if (symbol)
                continue;
        }
        if ((base & cases) == cases)
            m = ws2mp_lcmap_case_(c, i == 0 || !ws2mp_is_letter_(ws2mp_collate_unit_(src, i - 1, wide), wide), wide);
        else if (base & cases)
            m = ws2mp_lcmap_case_(c, (base & LCMAP_UPPERCASE) != 0, wide);
        if (cch_dst != 0) {
            if (out >= (size_t)cch_dst) {
                SetLastError(ERROR_INSUFFICIENT_BUFFER);
                return 0;
            }
            if (wide)
                ((WCHAR *)dst)[out] = (WCHAR)m;
            else
                ((unsigned char *)dst)[out] = (unsigned char)m;
        }
        out++;
    }
    return (int)out;
}
static inline int LCMapStringA(DWORD Locale, DWORD dwMapFlags, LPCSTR lpSrcStr, int cchSrc, LPSTR lpDestStr, int cchDest)
{
    (void)Locale;
    return ws2mp_lcmap_(dwMapFlags, lpSrcStr, cchSrc, lpDestStr, cchDest, 0);
}
static inline int LCMapStringW(DWORD Locale, DWORD dwMapFlags, LPCWSTR lpSrcStr, int cchSrc, LPWSTR lpDestStr, int cchDest)
{
    (void)Locale;
    return ws2mp_lcmap_(dwMapFlags, lpSrcStr, cchSrc, lpDestStr, cchDest, 1);
}
static inline int CompareStringOrdinal(LPCWSTR lpString1, int cchCount1, LPCWSTR lpString2, int cchCount2,
                                       BOOL bIgnoreCase)
{
    size_t la, lb, i;
    if (lpString1 == NULL || lpString2 == NULL || cchCount1 < -1 || cchCount2 < -1) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    la = cchCount1 >= 0 ? (size_t)cchCount1 : (size_t)ws2mp_wcslen16_(lpString1);
    lb = cchCount2 >= 0 ? (size_t)cchCount2 : (size_t)ws2mp_wcslen16_(lpString2);
    for (i = 0; i < la && i < lb; i++) {
        WCHAR x = bIgnoreCase ? ws2mp_wlower_(lpString1[i]) : lpString1[i];
        WCHAR y = bIgnoreCase ? ws2mp_wlower_(lpString2[i]) : lpString2[i];
        if (x != y)
            return x < y ? CSTR_LESS_THAN : CSTR_GREATER_THAN;
    }
    return la < lb ? CSTR_LESS_THAN : la > lb ? CSTR_GREATER_THAN : CSTR_EQUAL;
}

#ifdef UNICODE
#define lstrlen lstrlenW
#define lstrcpy lstrcpyW
#define lstrcpyn lstrcpynW
#define lstrcat lstrcatW
#define lstrcmp lstrcmpW
#define lstrcmpi lstrcmpiW
#define CompareString CompareStringW
#define LCMapString LCMapStringW
#else
#define lstrlen lstrlenA
#define lstrcpy lstrcpyA
#define lstrcpyn lstrcpynA
#define lstrcat lstrcatA
#define lstrcmp lstrcmpA
#define lstrcmpi lstrcmpiA
#define CompareString CompareStringA
#define LCMapString LCMapStringA
#endif

/* ---- MSVC's sized integer keywords and more winnt.h basics ---------------------------------- */
/* __int64 & co. are MSVC keywords: `unsigned __int64` must work, so they are macros. */
#if !defined(_MSC_VER) && !defined(__int64)
#define __int8 char
#define __int16 short
#define __int32 int
#define __int64 long long
#endif
/* MSVC also takes the older single-underscore spellings (`_int64 TotalBytes;`). */
#if !defined(_MSC_VER) && !defined(_int64)
#define _int8 char
#define _int16 short
#define _int32 int
#define _int64 long long
#endif
#ifndef __forceinline
#define __forceinline inline __attribute__((always_inline))
#endif
#ifndef FORCEINLINE
#define FORCEINLINE __forceinline
#endif
#ifndef DECLSPEC_NOINLINE
#define DECLSPEC_NOINLINE __attribute__((noinline))
#endif
#ifndef DECLSPEC_ALIGN
#define DECLSPEC_ALIGN(x) __attribute__((aligned(x)))
#endif
#ifndef ARRAYSIZE
#define ARRAYSIZE(A) (sizeof(A) / sizeof((A)[0]))
#endif
#ifndef RTL_NUMBER_OF
#define RTL_NUMBER_OF(A) (sizeof(A) / sizeof((A)[0]))
#endif
#ifndef RTL_FIELD_SIZE
#define RTL_FIELD_SIZE(type, field) (sizeof(((type *)0)->field))
#endif
#ifndef RTL_SIZEOF_THROUGH_FIELD
#define RTL_SIZEOF_THROUGH_FIELD(type, field) (offsetof(type, field) + RTL_FIELD_SIZE(type, field))
#endif
#ifndef _ARRAYSIZE
#define _ARRAYSIZE(A) (sizeof(A) / sizeof((A)[0]))
#endif
/* The product of two 32-bit values in 64 bits (winnt.h). */
#ifndef Int32x32To64
#define Int32x32To64(a, b) ((LONGLONG)((LONG)(a)) * (LONGLONG)((LONG)(b)))
#endif
#ifndef UInt32x32To64
#define UInt32x32To64(a, b) ((ULONGLONG)((DWORD)(a)) * (ULONGLONG)((DWORD)(b)))
#endif
/* The doubly linked list entry of winnt.h (the program's own lists embed it). */
#ifndef WS2MP_LIST_ENTRY_DEFINED
#define WS2MP_LIST_ENTRY_DEFINED
typedef struct _LIST_ENTRY {
    struct _LIST_ENTRY *Flink;
    struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY, *PRLIST_ENTRY;
#endif
/* The structure holding `field` at `address` (the IOCP server's way back from an OVERLAPPED
 * to its per-operation context). */
#ifndef CONTAINING_RECORD
#define CONTAINING_RECORD(address, type, field) \
    ((type *)(void *)((char *)(address) - offsetof(type, field)))
#endif
#ifndef C_ASSERT
#if defined(__cplusplus)
#define C_ASSERT(e) static_assert((e), #e)
#else
#define WS2MP_CAT2_(a, b) a##b
#define WS2MP_CAT_(a, b) WS2MP_CAT2_(a, b)
#define C_ASSERT(e) typedef char WS2MP_CAT_(ws2mp_c_assert_, __LINE__)[(e) ? 1 : -1] __attribute__((unused))
#endif
#endif

#ifndef WS2MP_LARGE_INTEGER_DEFINED
#define WS2MP_LARGE_INTEGER_DEFINED
/* 64-bit values in two halves, as QueryPerformanceCounter and file sizes use them. */
typedef union _LARGE_INTEGER {
    __extension__ struct {
        DWORD LowPart;
        LONG HighPart;
    };
    struct {
        DWORD LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;
typedef union _ULARGE_INTEGER {
    __extension__ struct {
        DWORD LowPart;
        DWORD HighPart;
    };
    struct {
        DWORD LowPart;
        DWORD HighPart;
    } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;
#endif

/* Window-message parameter types (the messages themselves are <winuser.h>'s). */
#ifndef WS2MP_WPARAM_DEFINED
#define WS2MP_WPARAM_DEFINED
typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM;
typedef LONG_PTR LRESULT;
#endif

/* ---- compiler intrinsics Windows programs call (<intrin.h> comes with <windows.h>) --------- */
#include "intrin.h"
#ifndef YieldProcessor
#if defined(__x86_64__) || defined(__i386__)
#define YieldProcessor() __builtin_ia32_pause()
#else
#define YieldProcessor() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#endif
#endif
#define _ReadWriteBarrier() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define _ReadBarrier() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define _WriteBarrier() __atomic_signal_fence(__ATOMIC_SEQ_CST)
/* _byteswap_*, _rotl / _rotr and _lrotl / _lrotr are ws2mp_crt.h's (as <stdlib.h> has them on
 * Windows); <x86intrin.h> (through "intrin.h") has macros of the rotations' names: dropped, so
 * those functions count. */
#undef _rotl
#undef _rotr
#undef _lrotl
#undef _lrotr

/* MulDiv: number * numerator / denominator with a 64-bit product, rounded to the nearest
 * integer (halves away from zero); -1 when the denominator is 0 or the result does not fit
 * in an int (a result of INT_MIN is -1 too, as on Windows). */
static inline int MulDiv(int nNumber, int nNumerator, int nDenominator)
{
    long long product = (long long)nNumber * nNumerator;
    long long denominator = nDenominator;
    long long quotient;
    if (denominator == 0)
        return -1;
    if (denominator < 0) {
        denominator = -denominator;
        product = -product;
    }
    if (product < 0)
        quotient = -((-product + denominator / 2) / denominator);
    else
        quotient = (product + denominator / 2) / denominator;
    if (quotient > 2147483647LL || quotient < -2147483647LL)
        return -1;
    return (int)quotient;
}


/* ---- code pages (winnls.h): MultiByteToWideChar / WideCharToMultiByte are exported ---------- */
/* The ANSI and OEM code pages are UTF-8 here (the system's locale). */
#define CP_ACP 0
#define CP_OEMCP 1
#define CP_MACCP 2
#define CP_THREAD_ACP 3
#define CP_SYMBOL 42
#define CP_UTF7 65000
#define CP_UTF8 65001
#define MB_PRECOMPOSED 0x00000001
#define MB_COMPOSITE 0x00000002
#define MB_USEGLYPHCHARS 0x00000004
#define MB_ERR_INVALID_CHARS 0x00000008
#define WC_COMPOSITECHECK 0x00000200
#define WC_DISCARDNS 0x00000010
#define WC_SEPCHARS 0x00000020
#define WC_DEFAULTCHAR 0x00000040
#define WC_ERR_INVALID_CHARS 0x00000080
#define WC_NO_BEST_FIT_CHARS 0x00000400
static inline UINT GetACP(void)
{
    return CP_UTF8;
}
static inline UINT GetOEMCP(void)
{
    return CP_UTF8;
}
/* GetCPInfo / GetCPInfoEx (exported; IsValidCodePage and IsDBCSLeadByte(Ex) too): no code
 * page ws2mp converts (UTF-8, 1252, 20127, 28591) has DBCS lead bytes. */
#define MAX_DEFAULTCHAR 2
#define MAX_LEADBYTES 12
typedef struct _cpinfo {
    UINT MaxCharSize;
    BYTE DefaultChar[MAX_DEFAULTCHAR];
    BYTE LeadByte[MAX_LEADBYTES];
} CPINFO, *LPCPINFO;
typedef struct _cpinfoexA {
    UINT MaxCharSize;
    BYTE DefaultChar[MAX_DEFAULTCHAR];
    BYTE LeadByte[MAX_LEADBYTES];
    WCHAR UnicodeDefaultChar;
    UINT CodePage;
    CHAR CodePageName[MAX_PATH];
} CPINFOEXA, *LPCPINFOEXA;
typedef struct _cpinfoexW {
    UINT MaxCharSize;
    BYTE DefaultChar[MAX_DEFAULTCHAR];
    BYTE LeadByte[MAX_LEADBYTES];
    WCHAR UnicodeDefaultChar;
    UINT CodePage;
    WCHAR CodePageName[MAX_PATH];
} CPINFOEXW, *LPCPINFOEXW;
#ifdef UNICODE
typedef CPINFOEXW CPINFOEX;
typedef LPCPINFOEXW LPCPINFOEX;
#define GetCPInfoEx GetCPInfoExW
#else
typedef CPINFOEXA CPINFOEX;
typedef LPCPINFOEXA LPCPINFOEX;
#define GetCPInfoEx GetCPInfoExA
#endif

/* ---- MessageBox (winuser.h): console programs report errors with it ---------------------------
 * There are no windows: the caption and text go to standard error, and the default button's
 * answer is returned at once (the first button, or the one MB_DEFBUTTON2/3 names). */
#define MB_OK 0x00000000u
#define MB_OKCANCEL 0x00000001u
#define MB_ABORTRETRYIGNORE 0x00000002u
#define MB_YESNOCANCEL 0x00000003u
#define MB_YESNO 0x00000004u
#define MB_RETRYCANCEL 0x00000005u
#define MB_CANCELTRYCONTINUE 0x00000006u
#define MB_ICONHAND 0x00000010u
#define MB_ICONQUESTION 0x00000020u
#define MB_ICONEXCLAMATION 0x00000030u
#define MB_ICONASTERISK 0x00000040u
#define MB_ICONERROR MB_ICONHAND
#define MB_ICONSTOP MB_ICONHAND
#define MB_ICONWARNING MB_ICONEXCLAMATION
#define MB_ICONINFORMATION MB_ICONASTERISK
#define MB_DEFBUTTON1 0x00000000u
#define MB_DEFBUTTON2 0x00000100u
#define MB_DEFBUTTON3 0x00000200u
#define MB_APPLMODAL 0x00000000u
#define MB_SYSTEMMODAL 0x00001000u
#define MB_TASKMODAL 0x00002000u
#define MB_SETFOREGROUND 0x00010000u
#define MB_TOPMOST 0x00040000u
#define IDOK 1
#define IDCANCEL 2
#define IDABORT 3
#define IDRETRY 4
#define IDIGNORE 5
#define IDYES 6
#define IDNO 7
#define IDTRYAGAIN 10
#define IDCONTINUE 11

static inline int ws2mp_message_box_answer_(UINT type)
{
    static const int buttons[7][3] = {
        {IDOK, IDOK, IDOK},
        {IDOK, IDCANCEL, IDCANCEL},
        {IDABORT, IDRETRY, IDIGNORE},
        {IDYES, IDNO, IDCANCEL},
        {IDYES, IDNO, IDNO},
        {IDRETRY, IDCANCEL, IDCANCEL},
        {IDCANCEL, IDTRYAGAIN, IDCONTINUE},
    };
    UINT group = type & 0x0Fu, which = (type >> 8) & 0x0Fu;
    if (group > 6)
        group = 0;
    if (which > 2)
        which = 0;
    return buttons[group][which];
}

static inline int MessageBoxA(HWND hWnd, LPCSTR lpText, LPCSTR lpCaption, UINT uType)
{
    (void)hWnd;
    fflush(stdout);
    fprintf(stderr, "%s: %s\n", lpCaption ? lpCaption : "Error", lpText ? lpText : "");
    fflush(stderr);
    return ws2mp_message_box_answer_(uType);
}

static inline int MessageBoxW(HWND hWnd, LPCWSTR lpText, LPCWSTR lpCaption, UINT uType)
{
    char text[1024], caption[256];
    text[0] = caption[0] = '\0';
    if (lpText == NULL || !WideCharToMultiByte(CP_UTF8, 0, lpText, -1, text, (int)sizeof(text), NULL, NULL))
        text[0] = '\0';
    if (lpCaption == NULL ||
        !WideCharToMultiByte(CP_UTF8, 0, lpCaption, -1, caption, (int)sizeof(caption), NULL, NULL))
        strcpy(caption, "Error");
    return MessageBoxA(hWnd, text, caption, uType);
}
#ifdef UNICODE
#define MessageBox MessageBoxW
#else
#define MessageBox MessageBoxA
#endif


/* ---- <sys/stat.h>'s MSVC names (_stat, struct _stat, _fstat, _S_IFDIR, ...): the program
 * includes <sys/stat.h> for them, as on Windows; ws2mp_stat_names.h maps them onto the system's
 * (st_size is 64 bits here), for this header too. */
#include "ws2mp_stat_names.h"

/* ---- <sys/timeb.h>'s MSVC names: `struct _timeb tb; _ftime(&tb);` with the program's
 * <sys/timeb.h> (the system's struct timeb). _ftime fills the fields itself: the C library's
 * ftime is deprecated. timezone is the standard offset in minutes west of UTC, dstflag
 * whether daylight time is in force. */
static inline int ws2mp_ftime_(time_t *t, unsigned short *ms, short *zone, short *dst)
{
    DWORD ft[2]; /* a FILETIME: low half first */
    unsigned long long ticks;
    struct tm utc, local;
    time_t now;
    GetSystemTimeAsFileTime(ft);
    ticks = ((unsigned long long)ft[1] << 32 | ft[0]) - 116444736000000000ULL;
    now = (time_t)(ticks / 10000000ULL);
    *t = now;
    *ms = (unsigned short)(ticks % 10000000ULL / 10000ULL);
    ws2mp_gmtime_r_(&now, &utc);
    ws2mp_localtime_r_(&now, &local);
    utc.tm_isdst = 0;
    *zone = (short)((mktime(&utc) - now) / 60);
    *dst = (short)(local.tm_isdst > 0);
    return 0;
}
#define _ftime(tbp) ((void)ws2mp_ftime_(&(tbp)->time, &(tbp)->millitm, &(tbp)->timezone, &(tbp)->dstflag))
#define _ftime32 _ftime
#define _ftime64 _ftime
#define _ftime_s(tbp) ws2mp_ftime_(&(tbp)->time, &(tbp)->millitm, &(tbp)->timezone, &(tbp)->dstflag)
#define _ftime64_s _ftime_s
#define _timeb timeb
#define __timeb32 timeb
#define __timeb64 timeb

/* ---- process environment (processenv.h, winbase.h, libloaderapi.h, lmcons.h) -----------------
 * Over the C library; the POSIX calls are declared under private names (a strict ISO C unit
 * has no POSIX declarations). The paths given are the system's ('/'-separated), except
 * GetModuleFileName's ('\\'-separated, as Windows gives it); the paths taken read '\\' as '/'. */
char *ws2mp_getcwd_(char *buf, size_t size) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "getcwd");
int ws2mp_chdir_(const char *path) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "chdir");
int ws2mp_setenv_(const char *name, const char *value, int overwrite)
    __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "setenv");
int ws2mp_unsetenv_(const char *name) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "unsetenv");
unsigned int ws2mp_geteuid_(void) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "geteuid");
struct ws2mp_passwd_ {
    char *pw_name; /* the first field of struct passwd on Linux and macOS */
};
struct ws2mp_passwd_ *ws2mp_getpwuid_(unsigned int uid) __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "getpwuid");

#ifndef ERROR_ENVVAR_NOT_FOUND
#define ERROR_ENVVAR_NOT_FOUND 203L
#endif
#define HANDLE_FLAG_INHERIT 0x00000001u
#define HANDLE_FLAG_PROTECT_FROM_CLOSE 0x00000002u
#define UNLEN 256
#define GNLEN 256
#define CNLEN 15

/* Copies `text` (n bytes) to `buf` of `size` characters: the length without the NUL, or the
 * size needed with the NUL when it does not fit (the rule of GetCurrentDirectory & co.). */
static inline DWORD ws2mp_copy_out_(LPSTR buf, DWORD size, const char *text)
{
    size_t n = strlen(text);
    if (buf == NULL || (size_t)size <= n)
        return (DWORD)(n + 1);
    memcpy(buf, text, n + 1);
    return (DWORD)n;
}

static inline DWORD GetCurrentDirectoryA(DWORD nBufferLength, LPSTR lpBuffer)
{
    char path[4096];
    if (ws2mp_getcwd_(path, sizeof(path)) == NULL) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        return 0;
    }
    return ws2mp_copy_out_(lpBuffer, nBufferLength, path);
}

/* Why `name` cannot be the current directory, as Windows says it: a file is ERROR_DIRECTORY;
 * for a missing name GetFileAttributes has set ERROR_FILE_NOT_FOUND, or ERROR_PATH_NOT_FOUND
 * when its directory is missing as well. */
static inline DWORD ws2mp_chdir_error_(LPCSTR name)
{
    DWORD attributes = GetFileAttributesA(name);
    /* <fileapi.h>'s INVALID_FILE_ATTRIBUTES and FILE_ATTRIBUTE_DIRECTORY come later. */
    if (attributes != (DWORD)-1)
        return (attributes & 0x10) ? ERROR_ACCESS_DENIED : ERROR_DIRECTORY;
    return GetLastError();
}

/* `\` in the path is a directory separator, as in CreateFile (ws2mp_path.h). */
static inline BOOL SetCurrentDirectoryA(LPCSTR lpPathName)
{
    int result_;
    if (lpPathName == NULL) {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    WS2MP_WITH_SLASH_PATH_(lpPathName, ws2mp_chdir_(path_));
    if (result_ != 0) {
        SetLastError(ws2mp_chdir_error_(lpPathName));
        return FALSE;
    }
    return TRUE;
}

extern char **ws2mp_environ_ __asm__(WS2MP_W_STR_(__USER_LABEL_PREFIX__) "environ");

/* Windows' variable names are case-insensitive ("Path" finds PATH): the entry of the
 * environment whose name matches `name` exactly, else ignoring ASCII case; NULL if none. */
static inline const char *ws2mp_env_entry_(const char *name)
{
    size_t n = strlen(name), i;
    const char *ci = NULL;
    for (i = 0; ws2mp_environ_ != NULL && ws2mp_environ_[i] != NULL; i++) {
        const char *e = ws2mp_environ_[i];
        size_t k;
        if (strncmp(e, name, n) == 0 && e[n] == '=')
            return e;
        for (k = 0; k < n && e[k] != '\0' && e[k] != '='; k++) {
            char a = e[k], b = name[k];
            if (a >= 'A' && a <= 'Z')
                a = (char)(a - 'A' + 'a');
            if (b >= 'A' && b <= 'Z')
                b = (char)(b - 'A' + 'a');
            if (a != b)
                break;
        }
        if (k == n && e[n] == '=' && ci == NULL)
            ci = e;
    }
    return ci;
}

/* The value of the variable named `name` (any case), or NULL. */
static inline const char *ws2mp_getenv_ci_(const char *name)
{
    const char *e = name != NULL && name[0] != '\0' ? ws2mp_env_entry_(name) : NULL;
    return e != NULL ? e + strlen(name) + 1 : NULL;
}

/* %NAME% replaced by the variable's value (an unknown name stays as written, as on
 * Windows); returns the characters needed with the NUL; the result is written only when it
 * fits in nSize. */
static inline DWORD ExpandEnvironmentStringsA(LPCSTR lpSrc, LPSTR lpDst, DWORD nSize)
{
    size_t need = 0;
    const char *p = lpSrc != NULL ? lpSrc : "";
    while (*p) {
        const char *end = (*p == '%') ? strchr(p + 1, '%') : NULL;
        const char *value = NULL;
        size_t n = 1;
        if (end != NULL && end > p + 1 && (size_t)(end - p - 1) < 256) {
            char name[256];
            memcpy(name, p + 1, (size_t)(end - p - 1));
            name[end - p - 1] = '\0';
            value = ws2mp_getenv_ci_(name);
        }
        if (value != NULL) {
            n = strlen(value);
            if (lpDst != NULL && need + n < nSize)
                memcpy(lpDst + need, value, n);
            p = end + 1;
        } else {
            if (lpDst != NULL && need + 1 < nSize)
                lpDst[need] = *p;
            p++;
        }
        need += n;
    }
    if (lpDst != NULL && need < nSize)
        lpDst[need] = '\0';
    return (DWORD)(need + 1);
}

/* The environment block: NAME=value strings, each NUL-terminated, and a NUL after the last.
 * FreeEnvironmentStrings frees it. */
static inline LPCH GetEnvironmentStringsA(void)
{
    size_t total = 1, at = 0, i;
    char *block;
    for (i = 0; ws2mp_environ_ != NULL && ws2mp_environ_[i] != NULL; i++)
        total += strlen(ws2mp_environ_[i]) + 1;
    block = (char *)malloc(total + 1);
    if (block == NULL) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    for (i = 0; ws2mp_environ_ != NULL && ws2mp_environ_[i] != NULL; i++) {
        size_t n = strlen(ws2mp_environ_[i]) + 1;
        memcpy(block + at, ws2mp_environ_[i], n);
        at += n;
    }
    block[at] = '\0';
    block[at + 1] = '\0';
    return block;
}

static inline BOOL FreeEnvironmentStringsA(LPCH block)
{
    free(block);
    return TRUE;
}

/* The variable's value (the name in any case), or 0 with ERROR_ENVVAR_NOT_FOUND; a variable
 * set to "" gives "" and 0. */
static inline DWORD GetEnvironmentVariableA(LPCSTR lpName, LPSTR lpBuffer, DWORD nSize)
{
    const char *v = ws2mp_getenv_ci_(lpName);
    if (v == NULL) {
        SetLastError(ERROR_ENVVAR_NOT_FOUND);
        return 0;
    }
    return ws2mp_copy_out_(lpBuffer, nSize, v);
}

/* A NULL value deletes the variable. A variable whose name differs only in case is the same
 * variable, as on Windows: it keeps its name (so setting "Path" changes PATH). */
static inline BOOL SetEnvironmentVariableA(LPCSTR lpName, LPCSTR lpValue)
{
    int r;
    const char *e;
    char existing[256];
    if (lpName == NULL || lpName[0] == '\0' || strchr(lpName, '=') != NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    e = ws2mp_env_entry_(lpName);
    if (e != NULL && strlen(lpName) < sizeof(existing)) {
        memcpy(existing, e, strlen(lpName));
        existing[strlen(lpName)] = '\0';
        lpName = existing;
    }
    r = lpValue ? ws2mp_setenv_(lpName, lpValue, 1) : ws2mp_unsetenv_(lpName);
    if (r != 0) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    return TRUE;
}

/* The directory Windows takes from TMP, else TEMP (names in any case, as SetEnvironmentVariable
 * set them), here then $TMPDIR, else /tmp; made absolute against the current directory, with
 * a trailing '/' as Windows gives a trailing '\\'. Not checked to exist (nor on Windows). */
static inline DWORD GetTempPathA(DWORD nBufferLength, LPSTR lpBuffer)
{
    char path[4096], full[4096];
    const char *t = NULL;
    DWORD n, saved = GetLastError();
    if (((n = GetEnvironmentVariableA("TMP", path, sizeof(path))) > 0 && n < sizeof(path) - 2) ||
        ((n = GetEnvironmentVariableA("TEMP", path, sizeof(path))) > 0 && n < sizeof(path) - 2))
        t = path;
    else if ((t = getenv("TMPDIR")) == NULL || t[0] == '\0' || strlen(t) > sizeof(path) - 2)
        t = "/tmp";
    SetLastError(saved);
    n = GetFullPathNameA(t, sizeof(full) - 1, full, NULL);
    if (n == 0 || n >= sizeof(full) - 1)
        n = (DWORD)strlen(strcpy(full, "/tmp/"));
    if (full[n - 1] != '/' && full[n - 1] != '\\') {
        full[n] = '/';
        full[n + 1] = '\0';
    }
    return ws2mp_copy_out_(lpBuffer, nBufferLength, full);
}

/* GetWindowsDirectoryA / GetSystemDirectoryA: %SystemRoot% (else %windir%) when the
 * environment sets it, else Windows' usual "C:\\Windows"; the system directory is that plus
 * "\\system32". Paths for messages and for programs that build names from them; no such
 * directory exists here (a drive letter is not translated). The length without the NUL, or
 * the size needed with it when the buffer is short (Windows' rules). */
static inline const char *ws2mp_windows_dir_(void)
{
    const char *d = getenv("SystemRoot");
    if (d == NULL || d[0] == '\0')
        d = getenv("windir");
    if (d == NULL || d[0] == '\0' || strlen(d) > 4000)
        d = "C:\\Windows";
    return d;
}
static inline UINT GetWindowsDirectoryA(LPSTR lpBuffer, UINT uSize)
{
    return (UINT)ws2mp_copy_out_(lpBuffer, uSize, ws2mp_windows_dir_());
}
static inline UINT GetSystemDirectoryA(LPSTR lpBuffer, UINT uSize)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s\\system32", ws2mp_windows_dir_());
    return (UINT)ws2mp_copy_out_(lpBuffer, uSize, path);
}
#define GetSystemWindowsDirectoryA GetWindowsDirectoryA


/* The user's login name; *pcbBuffer is the size with the NUL (on success and when too small,
 * then FALSE with ERROR_INSUFFICIENT_BUFFER). */
static inline BOOL GetUserNameA(LPSTR lpBuffer, LPDWORD pcbBuffer)
{
    struct ws2mp_passwd_ *pw = ws2mp_getpwuid_(ws2mp_geteuid_());
    const char *name = (pw && pw->pw_name) ? pw->pw_name : getenv("USER");
    size_t n;
    if (pcbBuffer == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (name == NULL)
        name = "user";
    n = strlen(name);
    if (lpBuffer == NULL || *pcbBuffer <= n) {
        *pcbBuffer = (DWORD)(n + 1);
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memcpy(lpBuffer, name, n + 1);
    *pcbBuffer = (DWORD)(n + 1);
    return TRUE;
}
#ifndef UNICODE
#define GetCurrentDirectory GetCurrentDirectoryA
#define SetCurrentDirectory SetCurrentDirectoryA
#define GetEnvironmentVariable GetEnvironmentVariableA
#define ExpandEnvironmentStrings ExpandEnvironmentStringsA
#define GetEnvironmentStrings GetEnvironmentStringsA
#define FreeEnvironmentStrings FreeEnvironmentStringsA
#define SetEnvironmentVariable SetEnvironmentVariableA
#define GetTempPath GetTempPathA
#define GetWindowsDirectory GetWindowsDirectoryA
#define GetSystemWindowsDirectory GetWindowsDirectoryA
#define GetSystemDirectory GetSystemDirectoryA
#define GetModuleFileName GetModuleFileNameA
#define GetUserName GetUserNameA
#endif

/* The W forms of the calls above: UTF-16 in and out, sizes in WCHARs, the same rules. */
static inline int ws2mp_utf8_to_wide_(const char *text, WCHAR *out, int cap)
{
    return MultiByteToWideChar(65001, 0, text, -1, out, cap);
}
/* `n` WCHARs of `s` (-1: through the NUL) as a new UTF-8 string (free it), or NULL. */
static inline char *ws2mp_tutf8_(const WCHAR *s, int n)
{
    int bytes = n == 0 ? 0 : WideCharToMultiByte(65001, 0, s, n, NULL, 0, NULL, NULL);
    char *u = (char *)malloc((size_t)bytes + 1);
    if (u == NULL)
        return NULL;
    if (bytes > 0)
        WideCharToMultiByte(65001, 0, s, n, u, bytes, NULL, NULL);
    u[bytes] = '\0';
    return u;
}
/* A NUL-terminated WCHAR string as a new UTF-8 string (free it); NULL stays NULL. */
static inline char *ws2mp_wide_to_utf8_(LPCWSTR text)
{
    return text != NULL ? ws2mp_tutf8_(text, -1) : NULL;
}
/* ws2mp_copy_out_ in WCHARs. */
static inline DWORD ws2mp_copy_out_w_(LPWSTR buf, DWORD size, const char *text)
{
    int n = ws2mp_utf8_to_wide_(text, NULL, 0);
    if (n <= 0)
        return 0;
    if (buf == NULL || size < (DWORD)n)
        return (DWORD)n;
    ws2mp_utf8_to_wide_(text, buf, (int)size);
    return (DWORD)(n - 1);
}
static inline DWORD GetCurrentDirectoryW(DWORD nBufferLength, LPWSTR lpBuffer)
{
    char path[4096];
    if (ws2mp_getcwd_(path, sizeof(path)) == NULL) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        return 0;
    }
    return ws2mp_copy_out_w_(lpBuffer, nBufferLength, path);
}
static inline BOOL SetCurrentDirectoryW(LPCWSTR lpPathName)
{
    char *path = ws2mp_wide_to_utf8_(lpPathName);
    BOOL ok = SetCurrentDirectoryA(path);
    free(path);
    return ok;
}
/* As GetTempPathA; like Windows' W form it clears what it does not fill: the rest of the buffer
 * (up to 32767 WCHARs) after the path, or the whole buffer when the path does not fit. */
static inline DWORD GetTempPathW(DWORD nBufferLength, LPWSTR lpBuffer)
{
    char path[4096];
    DWORD n, i, end = nBufferLength < 32767 ? nBufferLength : 32767;
    if (GetTempPathA(sizeof(path), path) >= sizeof(path))
        return 0;
    n = ws2mp_copy_out_w_(lpBuffer, nBufferLength, path);
    if (lpBuffer != NULL)
        for (i = n < nBufferLength ? n : 0; i < end; i++)
            lpBuffer[i] = 0;
    return n;
}
static inline UINT GetWindowsDirectoryW(LPWSTR lpBuffer, UINT uSize)
{
    return (UINT)ws2mp_copy_out_w_(lpBuffer, uSize, ws2mp_windows_dir_());
}
static inline UINT GetSystemDirectoryW(LPWSTR lpBuffer, UINT uSize)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s\\system32", ws2mp_windows_dir_());
    return (UINT)ws2mp_copy_out_w_(lpBuffer, uSize, path);
}
#define GetSystemWindowsDirectoryW GetWindowsDirectoryW
static inline DWORD GetEnvironmentVariableW(LPCWSTR lpName, LPWSTR lpBuffer, DWORD nSize)
{
    char *name = ws2mp_wide_to_utf8_(lpName);
    const char *v = ws2mp_getenv_ci_(name);
    DWORD n;
    free(name);
    if (v == NULL) {
        SetLastError(ERROR_ENVVAR_NOT_FOUND);
        return 0;
    }
    n = ws2mp_copy_out_w_(lpBuffer, nSize, v);
    if (n == 0) /* set to "": "" and 0, and (unlike the A form) ERROR_ENVVAR_NOT_FOUND */
        SetLastError(ERROR_ENVVAR_NOT_FOUND);
    return n;
}
static inline BOOL SetEnvironmentVariableW(LPCWSTR lpName, LPCWSTR lpValue)
{
    char *name = ws2mp_wide_to_utf8_(lpName), *value = ws2mp_wide_to_utf8_(lpValue);
    BOOL ok = (lpValue != NULL && value == NULL) ? FALSE : SetEnvironmentVariableA(name, value);
    free(name);
    free(value);
    return ok;
}
static inline DWORD ExpandEnvironmentStringsW(LPCWSTR lpSrc, LPWSTR lpDst, DWORD nSize)
{
    char *src = ws2mp_wide_to_utf8_(lpSrc), *expanded;
    DWORD need, n;
    if (src == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    need = ExpandEnvironmentStringsA(src, NULL, 0);
    expanded = (char *)malloc(need);
    if (expanded == NULL) {
        free(src);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    ExpandEnvironmentStringsA(src, expanded, need);
    n = (DWORD)ws2mp_utf8_to_wide_(expanded, NULL, 0);
    if (lpDst != NULL && n <= nSize)
        ws2mp_utf8_to_wide_(expanded, lpDst, (int)nSize);
    free(src);
    free(expanded);
    return n;
}
static inline LPWCH GetEnvironmentStringsW(void)
{
    LPCH narrow = GetEnvironmentStringsA();
    size_t units = 1, at = 0;
    const char *p;
    WCHAR *block;
    if (narrow == NULL)
        return NULL;
    for (p = narrow; *p; p += strlen(p) + 1)
        units += (size_t)ws2mp_utf8_to_wide_(p, NULL, 0);
    block = (WCHAR *)malloc((units + 1) * sizeof(WCHAR));
    if (block != NULL) {
        for (p = narrow; *p; p += strlen(p) + 1)
            at += (size_t)ws2mp_utf8_to_wide_(p, block + at, (int)(units - at));
        block[at] = 0;
        block[at + 1] = 0;
    } else {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    }
    FreeEnvironmentStringsA(narrow);
    return block;
}
static inline BOOL FreeEnvironmentStringsW(LPWCH block)
{
    free(block);
    return TRUE;
}
static inline BOOL GetUserNameW(LPWSTR lpBuffer, LPDWORD pcbBuffer)
{
    char name[UNLEN + 1];
    DWORD size = sizeof(name);
    int n;
    if (pcbBuffer == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!GetUserNameA(name, &size))
        return FALSE;
    n = ws2mp_utf8_to_wide_(name, NULL, 0);
    if (lpBuffer == NULL || *pcbBuffer < (DWORD)n) {
        *pcbBuffer = (DWORD)n;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    ws2mp_utf8_to_wide_(name, lpBuffer, (int)*pcbBuffer);
    *pcbBuffer = (DWORD)n;
    return TRUE;
}
#ifdef UNICODE
#define GetCurrentDirectory GetCurrentDirectoryW
#define SetCurrentDirectory SetCurrentDirectoryW
#define GetEnvironmentVariable GetEnvironmentVariableW
#define ExpandEnvironmentStrings ExpandEnvironmentStringsW
#define GetEnvironmentStrings GetEnvironmentStringsW
#define FreeEnvironmentStrings FreeEnvironmentStringsW
#define SetEnvironmentVariable SetEnvironmentVariableW
#define GetTempPath GetTempPathW
#define GetWindowsDirectory GetWindowsDirectoryW
#define GetSystemWindowsDirectory GetWindowsDirectoryW
#define GetSystemDirectory GetSystemDirectoryW
#define GetModuleFileName GetModuleFileNameW
#define GetUserName GetUserNameW
#endif

/* Initialization files: GetPrivateProfileStringA/W, GetPrivateProfileIntA/W,
 * GetPrivateProfileSectionA/W, GetPrivateProfileSectionNamesA/W and
 * WritePrivateProfileStringA/W are exported by libws2mp (ws2mp.h). `\` in a file name is a
 * directory separator; a name without a directory is looked for in the current directory
 * (Windows: the Windows directory). */
#ifdef UNICODE
#define GetPrivateProfileString GetPrivateProfileStringW
#define GetPrivateProfileInt GetPrivateProfileIntW
#define GetPrivateProfileSection GetPrivateProfileSectionW
#define GetPrivateProfileSectionNames GetPrivateProfileSectionNamesW
#define WritePrivateProfileString WritePrivateProfileStringW
#else
#define GetPrivateProfileString GetPrivateProfileStringA
#define GetPrivateProfileInt GetPrivateProfileIntA
#define GetPrivateProfileSection GetPrivateProfileSectionA
#define GetPrivateProfileSectionNames GetPrivateProfileSectionNamesA
#define WritePrivateProfileString WritePrivateProfileStringA
#endif

/* ---- structured exception handling (MSVC's __try) ------------------------------------------- */
/* A C program's __try/__except/__finally compile to their normal path: the __try body runs,
 * an __except handler never runs (nothing raises a structured exception here; a real fault is
 * a signal), a __finally block runs after the body. __leave leaves the body from any depth (a
 * loop or switch inside it too): it jumps to a local label (GCC's and Clang's __label__) at
 * the body's end, so each __try block, nested ones too, has its own. break and continue in
 * the body act on the loop around the __try, as on Windows. Not for C++ (the C++ library uses
 * the name __try itself) and not when the body leaves with return, goto or break while a
 * __finally must run: see docs/PORTING.md. */
#if !defined(_MSC_VER) && !defined(__cplusplus) && !defined(WS2MP_NO_SEH)
#define __try                                                                                   \
    {                                                                                           \
        __label__ ws2mp_seh_leave_;
#define __except(filter)                                                                        \
    ws2mp_seh_leave_:                                                                           \
        __attribute__((unused));                                                                \
    }                                                                                           \
    if (0)
#define __finally                                                                               \
    ws2mp_seh_leave_:                                                                           \
        __attribute__((unused));                                                                \
    }
#define __leave goto ws2mp_seh_leave_
#define GetExceptionCode() ((DWORD)0)
#define GetExceptionInformation() ((struct _EXCEPTION_POINTERS *)0)
#define AbnormalTermination() 0
#define _exception_code GetExceptionCode
#define _abnormal_termination AbnormalTermination
#endif
/* C++: the same normal path, built on try/catch so that the C++ library (which spells try and
 * catch `__try` and `__catch` in its own headers) keeps working: `__try` is `try`, exactly as
 * the C++ library defines it; `__except(filter)` and `__finally` catch only the private type
 * that `__leave` throws, so an `__except` handler never runs and a `__finally` block runs after
 * the body (or its `__leave`). The filter is not evaluated. With exceptions off, `__try` is
 * `if (true)` (the C++ library's spelling there) and `__leave` is not available. */
#if !defined(_MSC_VER) && defined(__cplusplus) && !defined(WS2MP_NO_SEH)
extern "C++" {
struct ws2mp_seh_leave_ {
    char unused_;
};
}
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#ifndef __try
#define __try try
#endif
#define __except(filter) catch (const ::ws2mp_seh_leave_ &) {} if (0)
#define __finally catch (const ::ws2mp_seh_leave_ &) {}
#define __leave throw ::ws2mp_seh_leave_()
#else
#ifndef __try
#define __try if (true)
#endif
#define __except(filter) if (0)
#define __finally
#endif
#define GetExceptionCode() ((DWORD)0)
#define GetExceptionInformation() ((struct _EXCEPTION_POINTERS *)0)
#define AbnormalTermination() 0
#define _exception_code GetExceptionCode
#define _abnormal_termination AbnormalTermination
#endif
#define EXCEPTION_EXECUTE_HANDLER 1
#define EXCEPTION_CONTINUE_SEARCH 0
#define EXCEPTION_CONTINUE_EXECUTION (-1)
#define EXCEPTION_ACCESS_VIOLATION ((DWORD)0xC0000005u)
#define EXCEPTION_INT_DIVIDE_BY_ZERO ((DWORD)0xC0000094u)
#define EXCEPTION_STACK_OVERFLOW ((DWORD)0xC00000FDu)
#define EXCEPTION_DATATYPE_MISALIGNMENT ((DWORD)0x80000002u)
#define EXCEPTION_BREAKPOINT ((DWORD)0x80000003u)
#define EXCEPTION_SINGLE_STEP ((DWORD)0x80000004u)
#define EXCEPTION_IN_PAGE_ERROR ((DWORD)0xC0000006u)
#define EXCEPTION_ILLEGAL_INSTRUCTION ((DWORD)0xC000001Du)
#define EXCEPTION_NONCONTINUABLE_EXCEPTION ((DWORD)0xC0000025u)
#define EXCEPTION_INVALID_DISPOSITION ((DWORD)0xC0000026u)
#define EXCEPTION_ARRAY_BOUNDS_EXCEEDED ((DWORD)0xC000008Cu)
#define EXCEPTION_FLT_DENORMAL_OPERAND ((DWORD)0xC000008Du)
#define EXCEPTION_FLT_DIVIDE_BY_ZERO ((DWORD)0xC000008Eu)
#define EXCEPTION_FLT_INEXACT_RESULT ((DWORD)0xC000008Fu)
#define EXCEPTION_FLT_INVALID_OPERATION ((DWORD)0xC0000090u)
#define EXCEPTION_FLT_OVERFLOW ((DWORD)0xC0000091u)
#define EXCEPTION_FLT_STACK_CHECK ((DWORD)0xC0000092u)
#define EXCEPTION_FLT_UNDERFLOW ((DWORD)0xC0000093u)
#define EXCEPTION_INT_OVERFLOW ((DWORD)0xC0000095u)
#define EXCEPTION_PRIV_INSTRUCTION ((DWORD)0xC0000096u)
#define EXCEPTION_INVALID_HANDLE ((DWORD)0xC0000008u)
#define EXCEPTION_NONCONTINUABLE 0x1
#define EXCEPTION_MAXIMUM_PARAMETERS 15

/* The exception a top-level filter receives (SetUnhandledExceptionFilter, exported: see
 * ws2mp.h for the faults reported). The processor state (CONTEXT) is not provided: its type
 * is incomplete and ContextRecord is NULL. */
typedef struct _EXCEPTION_RECORD {
    DWORD ExceptionCode;
    DWORD ExceptionFlags;
    struct _EXCEPTION_RECORD *ExceptionRecord;
    PVOID ExceptionAddress;
    DWORD NumberParameters;
    ULONG_PTR ExceptionInformation[EXCEPTION_MAXIMUM_PARAMETERS];
} EXCEPTION_RECORD, *PEXCEPTION_RECORD;
typedef struct _CONTEXT CONTEXT, *PCONTEXT;
typedef struct _EXCEPTION_POINTERS {
    PEXCEPTION_RECORD ExceptionRecord;
    PCONTEXT ContextRecord;
} EXCEPTION_POINTERS, *PEXCEPTION_POINTERS, *LPEXCEPTION_POINTERS;
typedef LPTOP_LEVEL_EXCEPTION_FILTER PTOP_LEVEL_EXCEPTION_FILTER;

#ifdef __cplusplus
}

#endif

/* ---- wprintf & co. with the Microsoft C library's format (%s a wide string): ws2mp_wprintf.h,
 * which <stdio.h> and <wchar.h> bring as well. */
#include "ws2mp_wprintf.h"

/* ---- the C library's wchar_t strings for the W functions (C++) ------------------------------
 * A Unicode example passes a `wchar_t buf[46]` to WSAAddressToStringW, InetNtopW and
 * GetNameInfoW, which take the 16-bit WCHAR here (on Windows the two are one type). These
 * overloads convert on the way out (UTF-16 to UTF-32; lengths still count characters);
 * ws2mp_wchar_args.h converts the strings going in. -DWS2MP_NO_WCHAR_T_OVERLOADS turns them
 * off. */
#if defined(__cplusplus) && !defined(WS2MP_NO_WCHAR_T_OVERLOADS) && !defined(_MSC_VER)
extern "C++" {

/* A UTF-16 result into a wchar_t buffer of `cap` characters; returns the characters written
 * before the NUL. */
static inline size_t ws2mp_w16_to_w32_(const WCHAR *in, wchar_t *out, size_t cap)
{
    size_t i = 0, j = 0;
    if (cap == 0)
        return 0;
    while (in[i] && j + 1 < cap) {
        unsigned long c = in[i++];
        if (c >= 0xD800 && c < 0xDC00 && in[i] >= 0xDC00 && in[i] < 0xE000)
            c = 0x10000ul + ((c - 0xD800ul) << 10) + (in[i++] - 0xDC00ul);
        out[j++] = (wchar_t)c;
    }
    out[j] = L'\0';
    return j;
}

/* A temporary WCHAR buffer for an output of `n` characters. */
class ws2mp_w16_out_ {
public:
    explicit ws2mp_w16_out_(size_t n)
        : p_(n <= sizeof(small_) / sizeof(small_[0]) ? small_ : (WCHAR *)malloc((n ? n : 1) * sizeof(WCHAR)))
    {
        if (p_ != NULL)
            p_[0] = 0;
    }
    ~ws2mp_w16_out_()
    {
        if (p_ != small_)
            free(p_);
    }
    WCHAR *get() const { return p_; }

private:
    ws2mp_w16_out_(const ws2mp_w16_out_ &);
    ws2mp_w16_out_ &operator=(const ws2mp_w16_out_ &);
    WCHAR small_[256];
    WCHAR *p_;
};


#if WS2MP_NTDDI_VISTA
static inline const wchar_t *InetNtopW(INT Family, const VOID *pAddr, wchar_t *pStringBuf,
                                       size_t StringBufSize)
{
    ws2mp_w16_out_ tmp(StringBufSize);
    if (tmp.get() == NULL || InetNtopW(Family, pAddr, tmp.get(), StringBufSize) == NULL)
        return NULL;
    ws2mp_w16_to_w32_(tmp.get(), pStringBuf, StringBufSize);
    return pStringBuf;
}
#endif

static inline INT WSAAddressToStringW(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                                      LPWSAPROTOCOL_INFOW lpProtocolInfo, wchar_t *lpszAddressString,
                                      LPDWORD lpdwAddressStringLength)
{
    DWORD cap = lpdwAddressStringLength ? *lpdwAddressStringLength : 0;
    ws2mp_w16_out_ tmp(cap);
    INT r;
    if (tmp.get() == NULL)
        return SOCKET_ERROR;
    r = WSAAddressToStringW(lpsaAddress, dwAddressLength, lpProtocolInfo,
                            lpszAddressString ? tmp.get() : (WCHAR *)NULL, lpdwAddressStringLength);
    if (r == 0 && lpszAddressString)
        *lpdwAddressStringLength = (DWORD)ws2mp_w16_to_w32_(tmp.get(), lpszAddressString, cap) + 1;
    return r;
}

static inline INT GetNameInfoW(const SOCKADDR *pSockaddr, socklen_t SockaddrLength, wchar_t *pNodeBuffer,
                               DWORD NodeBufferSize, wchar_t *pServiceBuffer, DWORD ServiceBufferSize,
                               INT Flags)
{
    ws2mp_w16_out_ node(NodeBufferSize), serv(ServiceBufferSize);
    INT r;
    if (node.get() == NULL || serv.get() == NULL)
        return WSA_NOT_ENOUGH_MEMORY;
    r = GetNameInfoW(pSockaddr, SockaddrLength, pNodeBuffer ? node.get() : (WCHAR *)NULL, NodeBufferSize,
                     pServiceBuffer ? serv.get() : (WCHAR *)NULL, ServiceBufferSize, Flags);
    if (r == 0) {
        if (pNodeBuffer)
            ws2mp_w16_to_w32_(node.get(), pNodeBuffer, NodeBufferSize);
        if (pServiceBuffer)
            ws2mp_w16_to_w32_(serv.get(), pServiceBuffer, ServiceBufferSize);
    }
    return r;
}
}
#endif

/* ---- wmain: the entry point of Windows' Unicode console programs ---------------------------
 * `int wmain()`, `int wmain(void)`, `int wmain(int argc, wchar_t **argv)` (or `wchar_t
 * *argv[]`), with `wchar_t **envp` as a third parameter, or with `WCHAR` / `LPWSTR` strings:
 * `wmain` is renamed ws2mp_wmain_ and the macro puts a `main` before the program's definition
 * that converts the command line (and the environment) and calls it. In C the strings are the
 * C library's `wchar_t` (UTF-32: what L"" literals, wcslen and wprintf's %ls use); in C++ they
 * are the type the definition takes (`wchar_t` or the 16-bit `WCHAR`). A second mention of
 * `wmain` in the same file (a prototype, a call) would define a second `main`.
 * -DWS2MP_NO_WMAIN turns this off. Not in C23 units (no old-style declaration for the call). */
#if !defined(WS2MP_NO_WMAIN) && !defined(_MSC_VER) && \
    (defined(__cplusplus) || !defined(__STDC_VERSION__) || __STDC_VERSION__ <= 201710L)
#ifdef __cplusplus
extern "C++" {
int ws2mp_wmain_() __attribute__((weak));
int ws2mp_wmain_(int, wchar_t **) __attribute__((weak));
int ws2mp_wmain_(int, wchar_t **, wchar_t **) __attribute__((weak));
int ws2mp_wmain_(int, WCHAR **) __attribute__((weak));
int ws2mp_wmain_(int, WCHAR **, WCHAR **) __attribute__((weak));

/* Calls the one the program defined (the others are NULL: weak and nowhere defined). */
static inline int ws2mp_wmain_call_(int argc, char **argv, char **envp)
{
    int (*f0)() = ws2mp_wmain_;
    int (*f2)(int, wchar_t **) = ws2mp_wmain_;
    int (*f3)(int, wchar_t **, wchar_t **) = ws2mp_wmain_;
    int (*g2)(int, WCHAR **) = ws2mp_wmain_;
    int (*g3)(int, WCHAR **, WCHAR **) = ws2mp_wmain_;
    if (f2 || f3) {
        wchar_t **wargv = (wchar_t **)ws2mp_wide_strings((const char *const *)argv, argc, 0);
        return f3 ? f3(argc, wargv, (wchar_t **)ws2mp_wide_strings((const char *const *)envp, -1, 0)) : f2(argc, wargv);
    }
    if (g2 || g3) {
        WCHAR **wargv = (WCHAR **)ws2mp_wide_strings((const char *const *)argv, argc, 1);
        return g3 ? g3(argc, wargv, (WCHAR **)ws2mp_wide_strings((const char *const *)envp, -1, 1)) : g2(argc, wargv);
    }
    if (f0)
        return f0();
    fputs("ws2mp: wmain takes parameters ws2mp does not pass "
          "(int, and wchar_t ** or WCHAR ** strings)\n", stderr);
    return 1;
}
}
#define wmain                                                                                  \
    ws2mp_wmain_named_(void);                                                                  \
    int main(int argc, char **argv, char **envp) { return ws2mp_wmain_call_(argc, argv, envp); } \
    int ws2mp_wmain_
#else
/* An old-style declaration: the program's definition gives the parameters. */
int ws2mp_wmain_();
static inline int ws2mp_wmain_call_(int argc, char **argv, char **envp)
{
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-non-prototype"
#endif
    return ws2mp_wmain_(argc, ws2mp_wide_strings((const char *const *)argv, argc, 0), ws2mp_wide_strings((const char *const *)envp, -1, 0));
#if defined(__clang__)
#pragma clang diagnostic pop
#endif
}
#define wmain                                                                                  \
    ws2mp_wmain_named_(void);                                                                  \
    int main(int argc, char **argv, char **envp) { return ws2mp_wmain_call_(argc, argv, envp); } \
    int ws2mp_wmain_
#endif
#endif

/* Handles, threads, synchronisation, modules, console (one header per Windows header). */
#include "handleapi.h"
#include "synchapi.h"
#include "threadpoolapiset.h"
#include "processthreadsapi.h"
#include "libloaderapi.h"
#include "consoleapi.h"
#include "ioapiset.h"
#include "profileapi.h"
#include "sysinfoapi.h"
#include "datetimeapi.h"
#include "timezoneapi.h"
#include "memoryapi.h"
#include "fileapi.h"
#include "winuser.h"
#include "winreg.h"
#include "ws2mp_event_log.h"
#if !defined(WIN32_LEAN_AND_MEAN) && !defined(NOSERVICE)
#include "winsvc.h"
#endif
#ifndef WIN32_LEAN_AND_MEAN
#include "rpc.h"
#include "wincrypt.h"
#include "mmsystem.h" /* timeGetTime & co., as Windows' <windows.h> has them */
#endif

/* The W functions take the C library's wchar_t strings (L"...") as well as WCHAR ones. */
#if !defined(WS2MP_NO_WCHAR_T_OVERLOADS) && !defined(_MSC_VER)
#define WS2MP_WCHAR_ARGS_FOR_WINDOWS_H
#include "ws2mp_wchar_args.h"
#include "ws2mp_wchar_printf.h"
#endif

/* Last: printf & co. with Microsoft's formats again, after any <cstdio> this header read. */
#include "ws2mp_msformat.h"

#endif /* WS2MP_COMPAT_WINDOWS_H */

