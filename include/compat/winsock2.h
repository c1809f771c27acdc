/*
 * ws2mp compat: <winsock2.h> for unchanged Winsock 2 sources on Linux and macOS.
 *
 * Put include/compat on the include path (the CMake target ws2mp::compat does) and keep
 * `#include <winsock2.h>` as it is. This header gives the program Windows' own types and
 * prototypes (docs/ARCHITECTURE.md, "The compat headers"):
 *
 * - The functions whose names POSIX shares (socket, send, recv, bind, connect, ...) are real
 *   declarations with Windows' prototypes, bound to ws2mp's prefixed exports by an assembler
 *   label (`int send(SOCKET, ...) __asm__("ws2mp_send")`): member functions called send or
 *   connect, std::bind and `::send(...)` keep working, and libc is never interposed. The
 *   system socket headers are included with those names (and the structures below) renamed,
 *   so that their declarations do not clash.
 * - `struct in_addr` (S_un.S_addr, S_un_b, S_un_w), `struct in6_addr` (u.Byte, u.Word),
 *   `sockaddr_in`, `sockaddr_in6`, `ip_mreq`, `ipv6_mreq` and `struct linger` (u_short fields)
 *   have Windows' shapes; `u_long`, `ULONG` and `DWORD` are one 32-bit type (Winsock is LLP64);
 *   `socklen_t` is int, as in ws2tcpip.h; `fd_set` is Winsock's counted array.
 * - select, fd_set and u_long are already declared by <stdlib.h> on glibc, so for those the
 *   header uses object-like macros (`select` -> ws2mp_compat_select, ...).
 * - struct timeval stays the system's (a program gets it from <stdlib.h> / <sys/time.h> too);
 *   ws2mp accepts it and Windows' DWORD millisecond values for the timeout options.
 * - Constant values (AF_*, SOL_SOCKET, SO_*, IP_*, IPPROTO_*) are the system's.
 *
 * Limit: a unit that includes <sys/socket.h> or <netinet/in.h> (or ws2mp.h) BEFORE this header
 * gets the fallback: the system structures, and the POSIX-clashing names as function-like
 * macros (docs/PORTING.md).
 */
#ifndef WS2MP_COMPAT_WINSOCK2_H
#define WS2MP_COMPAT_WINSOCK2_H
/* The guards Windows' headers define: programs test them (`#ifdef _WINSOCK2API_`). */
#ifndef _WINSOCK2API_
#define _WINSOCK2API_
#endif
#ifndef _WINSOCKAPI_
#define _WINSOCKAPI_
#endif
#ifndef _WS2DEF_
#define _WS2DEF_
#endif
/* Windows' <winsock2.h> includes <windows.h>, which includes <sdkddkver.h>: _WIN32_WINNT,
 * WINVER and NTDDI_VERSION have their defaults once any Winsock or Win32 header is in. */
#include "sdkddkver.h"
#define WS2MP_WINVER_LEVELS_ONLY_
#include "ws2mp_winver.h"
#undef WS2MP_WINVER_LEVELS_ONLY_

/* Windows sources carry MSVC pragmas (`#pragma comment(lib, "ws2_32.lib")`, `#pragma
 * warning(disable: 4996)`): GCC would warn about each under -Wall (an error with -Werror).
 * Clang accepts them already. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wunknown-pragmas"
#endif

/* A C++ packet template written `char pkt[] = { 0xff, 0xee, ... }` (or a struct initialised
 * with `{ 200, ... }` into a char field) narrows a constant in a brace list: MSVC compiles it
 * with warning C4838, GCC and Clang refuse it from C++11 on. Turned off for the rest of the
 * unit, as -Wunknown-pragmas is (a value beyond the type's range still warns: -Woverflow). */
#if defined(__cplusplus) && defined(__clang__)
#pragma clang diagnostic ignored "-Wc++11-narrowing"
#elif defined(__cplusplus) && defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wnarrowing"
#endif

/* The socket headers' BSD names (u_long, ip_mreq, h_addr, ...) need the default feature set,
 * even under -std=c99. */
#if !defined(_DEFAULT_SOURCE) && !defined(_GNU_SOURCE)
#define _DEFAULT_SOURCE 1
#endif
#if defined(__APPLE__) && !defined(_DARWIN_C_SOURCE)
#define _DARWIN_C_SOURCE 1
#endif

/* Winsock's fd_set holds FD_SETSIZE sockets (64 unless the program says otherwise before
 * including this header). Capture the program's value before the system headers define
 * theirs; it is rounded up to a power of two. */
#if defined(FD_SETSIZE)
#if FD_SETSIZE <= 64
#define WS2MP_FD_SETSIZE 64
#elif FD_SETSIZE <= 128
#define WS2MP_FD_SETSIZE 128
#elif FD_SETSIZE <= 256
#define WS2MP_FD_SETSIZE 256
#elif FD_SETSIZE <= 512
#define WS2MP_FD_SETSIZE 512
#elif FD_SETSIZE <= 1024
#define WS2MP_FD_SETSIZE 1024
#elif FD_SETSIZE <= 4096
#define WS2MP_FD_SETSIZE 4096
#else
#define WS2MP_FD_SETSIZE 16384
#endif
#undef FD_SETSIZE
#else
#define WS2MP_FD_SETSIZE 64
#endif

/* A program that included <net/if.h> first keeps its IFF_* values (it uses the POSIX ones). */
#if defined(IFF_UP)
#define WS2MP_SYSTEM_IFF 1
#endif

#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/types.h>
#if !defined(_SYS_TIME_H) && !defined(_SYS_TIME_H_)
/* Windows has no gettimeofday and no struct timezone: programs define them over
 * GetSystemTimeAsFileTime, as `int gettimeofday(struct timeval *, struct timezone *)` with a
 * struct timezone of their own. The system's are read under other names, and gettimeofday is
 * declared in that form (the C library's function: the same arguments), struct timezone left
 * for the program to define (the system's is `struct ws2mp_sys_timezone_`). */
#pragma push_macro("gettimeofday")
#pragma push_macro("timezone")
#undef gettimeofday
#undef timezone
#define gettimeofday ws2mp_sys_gettimeofday_
#define timezone ws2mp_sys_timezone_
#include <sys/time.h>
#undef timezone
#undef gettimeofday
#pragma pop_macro("timezone")
#pragma pop_macro("gettimeofday")
#ifdef __cplusplus
extern "C" {
#endif
struct timezone;
int gettimeofday(struct timeval *tv, struct timezone *tz);
#ifdef __cplusplus
}
#endif
#endif
#include <sys/time.h>
#include <sys/select.h>

#if defined(_SYS_SOCKET_H) || defined(_SYS_SOCKET_H_) || defined(_NETINET_IN_H) ||                \
    defined(_NETINET_IN_H_) || defined(WS2MP_H)
/* The system socket headers came first: their declarations stand (fallback mode). */
#define WS2MP_COMPAT_FALLBACK 1
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <net/if.h>
#else
/* The shield: the system headers declare these names under harmless ones, so that Windows'
 * prototypes and structures can take the real names below. */
/* Neither socklen_t (a <ws2tcpip.h> name) nor in_addr_t (no Windows name at all) is known to
 * <winsock2.h> on Windows, so a program may name them itself before including it
 * (`#define socklen_t int`, `typedef unsigned long in_addr_t;`): the system's typedefs are read
 * with the program's macros set aside, in_addr_t under a private name. */
#pragma push_macro("socklen_t")
#undef socklen_t
#pragma push_macro("in_addr_t")
#undef in_addr_t
#define in_addr_t ws2mp_sys_in_addr_t_
#define socket ws2mp_sys_socket_
#define bind ws2mp_sys_bind_
#define listen ws2mp_sys_listen_
#define accept ws2mp_sys_accept_
#define connect ws2mp_sys_connect_
#define send ws2mp_sys_send_
#define recv ws2mp_sys_recv_
#define sendto ws2mp_sys_sendto_
#define recvfrom ws2mp_sys_recvfrom_
#define shutdown ws2mp_sys_shutdown_
#define setsockopt ws2mp_sys_setsockopt_
#define getsockopt ws2mp_sys_getsockopt_
#define getsockname ws2mp_sys_getsockname_
#define getpeername ws2mp_sys_getpeername_
#define inet_ntoa ws2mp_sys_inet_ntoa_
#define in_addr ws2mp_sys_in_addr_
#define in6_addr ws2mp_sys_in6_addr_
#define sockaddr_in ws2mp_sys_sockaddr_in_
#define sockaddr_in6 ws2mp_sys_sockaddr_in6_
#define ip_mreq ws2mp_sys_ip_mreq_
#define ipv6_mreq ws2mp_sys_ipv6_mreq_
#define linger ws2mp_sys_linger_
#define in_pktinfo ws2mp_sys_in_pktinfo_
#define in6_pktinfo ws2mp_sys_in6_pktinfo_
#define ip_mreq_source ws2mp_sys_ip_mreq_source_
#define ip_msfilter ws2mp_sys_ip_msfilter_
#if !WS2MP_NTDDI_VISTA
/* A program that targets XP defines its own inet_pton and inet_ntop, and if_nametoindex and
 * if_indextoname (<netioapi.h>, Vista) (ws2mp_winver.h). */
#define inet_pton ws2mp_sys_inet_pton_
#define inet_ntop ws2mp_sys_inet_ntop_
#define if_nametoindex ws2mp_sys_if_nametoindex_
#define if_indextoname ws2mp_sys_if_indextoname_
#endif
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <netdb.h>
/* <net/if.h> now, so that a later `#include <net/if.h>` finds it done: its IFF_* enumerators
 * would otherwise collide with Windows' IFF_* macros below. */
#include <net/if.h>
#undef socket
#undef bind
#undef listen
#undef accept
#undef connect
#undef send
#undef recv
#undef sendto
#undef recvfrom
#undef shutdown
#undef setsockopt
#undef getsockopt
#undef getsockname
#undef getpeername
#undef inet_ntoa
#undef in_addr
#undef in6_addr
#undef sockaddr_in
#undef sockaddr_in6
#undef ip_mreq
#undef ipv6_mreq
#undef linger
#undef in_pktinfo
#undef in6_pktinfo
#undef ip_mreq_source
#undef ip_msfilter
#undef in_addr_t
#if !WS2MP_NTDDI_VISTA
#undef inet_pton
#undef inet_ntop
#undef if_nametoindex
#undef if_indextoname
#endif
/* The system's address macros cast to in_addr_t: the same values through the private name. */
#ifdef IN_CLASSA
#undef IN_CLASSA
#define IN_CLASSA(a) ((((ws2mp_sys_in_addr_t_)(a)) & 0x80000000) == 0)
#endif
#ifdef IN_CLASSB
#undef IN_CLASSB
#define IN_CLASSB(a) ((((ws2mp_sys_in_addr_t_)(a)) & 0xc0000000) == 0x80000000)
#endif
#ifdef IN_CLASSC
#undef IN_CLASSC
#define IN_CLASSC(a) ((((ws2mp_sys_in_addr_t_)(a)) & 0xe0000000) == 0xc0000000)
#endif
#ifdef IN_CLASSD
#undef IN_CLASSD
#define IN_CLASSD(a) ((((ws2mp_sys_in_addr_t_)(a)) & 0xf0000000) == 0xe0000000)
#endif
#ifdef IN_EXPERIMENTAL
#undef IN_EXPERIMENTAL
#define IN_EXPERIMENTAL(a) ((((ws2mp_sys_in_addr_t_)(a)) & 0xe0000000) == 0xe0000000)
#endif
#ifdef IN_BADCLASS
#undef IN_BADCLASS
#define IN_BADCLASS(a) ((((ws2mp_sys_in_addr_t_)(a)) & 0xf0000000) == 0xf0000000)
#endif
#ifdef INADDR_ANY
#undef INADDR_ANY
#define INADDR_ANY ((ws2mp_sys_in_addr_t_)0x00000000)
#endif
#ifdef INADDR_BROADCAST
#undef INADDR_BROADCAST
#define INADDR_BROADCAST ((ws2mp_sys_in_addr_t_)0xffffffff)
#endif
#ifdef INADDR_NONE
#undef INADDR_NONE
#define INADDR_NONE ((ws2mp_sys_in_addr_t_)0xffffffff)
#endif
#ifdef INADDR_DUMMY
#undef INADDR_DUMMY
#define INADDR_DUMMY ((ws2mp_sys_in_addr_t_)0xc0000008)
#endif
#ifdef INADDR_LOOPBACK
#undef INADDR_LOOPBACK
#define INADDR_LOOPBACK ((ws2mp_sys_in_addr_t_)0x7f000001)
#endif
#ifdef INADDR_UNSPEC_GROUP
#undef INADDR_UNSPEC_GROUP
#define INADDR_UNSPEC_GROUP ((ws2mp_sys_in_addr_t_)0xe0000000)
#endif
#ifdef INADDR_ALLHOSTS_GROUP
#undef INADDR_ALLHOSTS_GROUP
#define INADDR_ALLHOSTS_GROUP ((ws2mp_sys_in_addr_t_)0xe0000001)
#endif
#ifdef INADDR_ALLRTRS_GROUP
#undef INADDR_ALLRTRS_GROUP
#define INADDR_ALLRTRS_GROUP ((ws2mp_sys_in_addr_t_)0xe0000002)
#endif
#ifdef INADDR_ALLSNOOPERS_GROUP
#undef INADDR_ALLSNOOPERS_GROUP
#define INADDR_ALLSNOOPERS_GROUP ((ws2mp_sys_in_addr_t_)0xe000006a)
#endif
#ifdef INADDR_MAX_LOCAL_GROUP
#undef INADDR_MAX_LOCAL_GROUP
#define INADDR_MAX_LOCAL_GROUP ((ws2mp_sys_in_addr_t_)0xe00000ff)
#endif
#pragma pop_macro("in_addr_t")
#pragma pop_macro("socklen_t")
#endif

/* A strict -std=c99/c11 unit that included <stdio.h> or <stdlib.h> first has no BSD u_char,
 * u_short and u_int (glibc's <sys/types.h> was read without them); Windows' headers have them. */
#if defined(__GLIBC__) && !defined(__u_char_defined)
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
#endif

/* The functions newer than the Windows version the program targets (_WIN32_WINNT /
 * NTDDI_VERSION) are read from ws2mp.h under private names, as Windows' headers leave them
 * out: a program written for XP defines its own inet_pton or struct pollfd. */
#include "ws2mp_winver.h"

/* Name resolution the Winsock way: Windows' hostent/servent/protoent/addrinfo, AI_/NI_/EAI_
 * values, and the libc-named resolver functions mapped onto ws2mp's exports. */
#include "ws2mp_names.h"

#include "../ws2mp.h"
#define WS2MP_WINVER_END_
#include "ws2mp_winver.h"
#undef WS2MP_WINVER_END_

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Windows base types ------------------------------------------------------------------ */
#ifndef WS2MP_WINTYPES_DEFINED
#define WS2MP_WINTYPES_DEFINED
typedef int BOOL;
typedef unsigned char BYTE;
typedef uint16_t WORD;
typedef uint32_t DWORD;
typedef int32_t LONG;
typedef uint32_t ULONG;
typedef int INT;
typedef unsigned int UINT;
typedef short SHORT;
typedef unsigned short USHORT;
typedef char CHAR;
typedef unsigned char UCHAR;
typedef uint16_t WCHAR;
typedef long long LONGLONG; /* MSVC's __int64: printf's %lld fits */
typedef unsigned long long ULONGLONG;
typedef unsigned long long DWORD64;
typedef uintptr_t UINT_PTR;
typedef uintptr_t ULONG_PTR;
typedef uintptr_t DWORD_PTR;
typedef intptr_t INT_PTR;
typedef intptr_t LONG_PTR;
typedef void *HANDLE;
typedef HANDLE *LPHANDLE;
typedef void *PVOID;
typedef void *LPVOID;
typedef const void *LPCVOID;
typedef char *PSTR;
typedef char *LPSTR;
typedef const char *LPCSTR;
typedef const char *PCSTR;
typedef WCHAR *LPWSTR;
typedef WCHAR *PWSTR;
typedef const WCHAR *LPCWSTR;
typedef const WCHAR *PCWSTR;
typedef BOOL *LPBOOL;
typedef BOOL *PBOOL;
typedef BYTE *LPBYTE;
typedef BYTE *PBYTE;
typedef WORD *LPWORD;
typedef DWORD *LPDWORD;
typedef DWORD *PDWORD;
typedef INT *LPINT;
typedef INT *PINT;
typedef LONG *LPLONG;
typedef ULONG *PULONG;
typedef CHAR *PCHAR;
#endif

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif
#ifndef NO_ERROR
#define NO_ERROR 0L
#endif
#define WINAPI
#define WSAAPI
#define CALLBACK
#ifndef NTAPI
#define NTAPI
#endif
#define PASCAL
#define FAR
#define NEAR
#ifndef __stdcall
#define __stdcall
#endif
#ifndef __cdecl
#define __cdecl
#endif
#ifndef __fastcall
#define __fastcall
#endif
/* MSVC's __declspec(...): dllexport gives the symbol default visibility, dllimport nothing,
 * thread is thread-local storage (before or after static, as MSVC allows), align(n) aligned(n), noreturn, noinline, naked, selectany (a weak
 * definition) and deprecated their GCC attributes; novtable, uuid("...") and property(...)
 * vanish. */
#if !defined(__declspec) && !defined(_MSC_VER)
#define __declspec(x) WS2MP_DECLSPEC_##x
#define WS2MP_DECLSPEC_dllexport __attribute__((visibility("default")))
#define WS2MP_DECLSPEC_dllimport
#ifdef __cplusplus
#define WS2MP_DECLSPEC_thread thread_local
#else
#define WS2MP_DECLSPEC_thread _Thread_local
#endif
#define WS2MP_DECLSPEC_align(n) __attribute__((aligned(n)))
#define WS2MP_DECLSPEC_noreturn __attribute__((noreturn))
#define WS2MP_DECLSPEC_noinline __attribute__((noinline))
#define WS2MP_DECLSPEC_naked __attribute__((naked))
#define WS2MP_DECLSPEC_selectany __attribute__((weak))
#define WS2MP_DECLSPEC_deprecated __attribute__((deprecated))
#define WS2MP_DECLSPEC_novtable
#define WS2MP_DECLSPEC_uuid(id)
#define WS2MP_DECLSPEC_property(...)
#define WS2MP_DECLSPEC_restrict
#define WS2MP_DECLSPEC_noalias
#endif

#define MAKEWORD(a, b) ((WORD)(((BYTE)((DWORD_PTR)(a) & 0xff)) | ((WORD)((BYTE)((DWORD_PTR)(b) & 0xff))) << 8))
#define MAKELONG(a, b) ((LONG)(((WORD)((DWORD_PTR)(a) & 0xffff)) | ((DWORD)((WORD)((DWORD_PTR)(b) & 0xffff))) << 16))
#define LOWORD(l) ((WORD)((DWORD_PTR)(l) & 0xffff))
#define HIWORD(l) ((WORD)((DWORD_PTR)(l) >> 16))
#define LOBYTE(w) ((BYTE)((DWORD_PTR)(w) & 0xff))
#define HIBYTE(w) ((BYTE)((DWORD_PTR)(w) >> 8))

/* ---- Windows' address structures ---------------------------------------------------------- */
/* Winsock is LLP64: u_long is 32 bits, one type with ULONG and DWORD. glibc's <sys/types.h>
 * (already seen through <stdlib.h>) calls unsigned long u_long, so the name is redirected. */
#undef u_long
#define u_long ws2mp_u_long
typedef uint32_t ws2mp_u_long;
#ifndef WS2MP_COMPAT_FALLBACK
/* ws2tcpip.h's socklen_t is int on Windows: `socklen_t len; accept(s, sa, &len)` compiles. */
typedef int ws2mp_socklen_t;
#undef socklen_t
#define socklen_t ws2mp_socklen_t
#endif
typedef USHORT ADDRESS_FAMILY;

#ifndef WS2MP_COMPAT_FALLBACK
/* The system's sockaddr is Windows' on Linux; on macOS (sin_len first) the address structures
 * keep the kernel's first two bytes. Sizes equal the kernel's, so no conversion is needed. */
#if defined(__APPLE__)
#define WS2MP_SA_HEAD(p) u_char p##_len; u_char p##_family;
#else
#define WS2MP_SA_HEAD(p) ADDRESS_FAMILY p##_family;
#endif

struct in_addr {
    union {
        struct {
            UCHAR s_b1, s_b2, s_b3, s_b4;
        } S_un_b;
        struct {
            USHORT s_w1, s_w2;
        } S_un_w;
        ULONG S_addr;
    } S_un;
};
#define s_addr S_un.S_addr
#define s_host S_un.S_un_b.s_b2
#define s_net S_un.S_un_b.s_b1
#define s_imp S_un.S_un_w.s_w2
#define s_impno S_un.S_un_b.s_b4
#define s_lh S_un.S_un_b.s_b3

struct in6_addr {
    union {
        UCHAR Byte[16];
        USHORT Word[8];
    } u;
};
#define in_addr6 in6_addr
#define _S6_un u
#define _S6_u8 Byte
#undef s6_addr
#undef s6_addr16
#undef s6_addr32
#define s6_addr _S6_un._S6_u8
#define s6_bytes u.Byte
#define s6_words u.Word
/* The system's in6addr_any / in6addr_loopback, seen with Windows' type. */
#define in6addr_any (*(const struct in6_addr *)(const void *)&in6addr_any)
#define in6addr_loopback (*(const struct in6_addr *)(const void *)&in6addr_loopback)

struct sockaddr_in {
    WS2MP_SA_HEAD(sin)
    USHORT sin_port;
    struct in_addr sin_addr;
    CHAR sin_zero[8];
};

struct sockaddr_in6 {
    WS2MP_SA_HEAD(sin6)
    USHORT sin6_port;
    ULONG sin6_flowinfo;
    struct in6_addr sin6_addr;
    ULONG sin6_scope_id;
};

struct ip_mreq {
    struct in_addr imr_multiaddr;
    struct in_addr imr_interface;
};

struct ipv6_mreq {
    struct in6_addr ipv6mr_multiaddr;
    ULONG ipv6mr_interface;
};

/* IP_ADD_SOURCE_MEMBERSHIP & co.: Windows' field types, in the order the kernel reads them
 * (Linux puts the interface before the source; macOS, like Windows, after it). Set the fields
 * by name. */
struct ip_mreq_source {
    struct in_addr imr_multiaddr;
#if defined(__linux__)
    struct in_addr imr_interface;
    struct in_addr imr_sourceaddr;
#else
    struct in_addr imr_sourceaddr;
    struct in_addr imr_interface;
#endif
};

/* SIO_SET_MULTICAST_FILTER / SIO_GET_MULTICAST_FILTER (also SIOCSIPMSFILTER /
 * SIOCGIPMSFILTER): an IPv4 membership's whole source filter, in Windows' (and RFC 3678's)
 * layout; imsf_fmode takes the system's MCAST_INCLUDE / MCAST_EXCLUDE. */
typedef ULONG MULTICAST_MODE_TYPE;
struct ip_msfilter {
    struct in_addr imsf_multiaddr;
    struct in_addr imsf_interface;
    MULTICAST_MODE_TYPE imsf_fmode;
    ULONG imsf_numsrc;
    struct in_addr imsf_slist[1];
};
#define SIOCSIPMSFILTER SIO_SET_MULTICAST_FILTER
#define SIOCGIPMSFILTER SIO_GET_MULTICAST_FILTER

/* Windows' struct linger has u_short fields (4 bytes); setsockopt/getsockopt tell it from the
 * system's by its length. */
struct linger {
    u_short l_onoff;
    u_short l_linger;
};

/* Windows' IN6_* tests (functions in Windows' headers), over u.Byte / u.Word. */
#undef IN6_IS_ADDR_UNSPECIFIED
#undef IN6_IS_ADDR_LOOPBACK
#undef IN6_IS_ADDR_MULTICAST
#undef IN6_IS_ADDR_LINKLOCAL
#undef IN6_IS_ADDR_SITELOCAL
#undef IN6_IS_ADDR_V4MAPPED
#undef IN6_IS_ADDR_V4COMPAT
#undef IN6_IS_ADDR_MC_NODELOCAL
#undef IN6_IS_ADDR_MC_LINKLOCAL
#undef IN6_IS_ADDR_MC_SITELOCAL
#undef IN6_IS_ADDR_MC_ORGLOCAL
#undef IN6_IS_ADDR_MC_GLOBAL
#undef IN6_ARE_ADDR_EQUAL
#define WS2MP_IN6_W(a, i) (((const struct in6_addr *)(const void *)(a))->u.Word[i])
#define WS2MP_IN6_B(a, i) (((const struct in6_addr *)(const void *)(a))->u.Byte[i])
#define WS2MP_IN6_ZERO5(a)                                                                       \
    (WS2MP_IN6_W(a, 0) == 0 && WS2MP_IN6_W(a, 1) == 0 && WS2MP_IN6_W(a, 2) == 0 &&               \
     WS2MP_IN6_W(a, 3) == 0 && WS2MP_IN6_W(a, 4) == 0)
#define IN6_IS_ADDR_UNSPECIFIED(a)                                                               \
    (WS2MP_IN6_ZERO5(a) && WS2MP_IN6_W(a, 5) == 0 && WS2MP_IN6_W(a, 6) == 0 && WS2MP_IN6_W(a, 7) == 0)
#define IN6_IS_ADDR_LOOPBACK(a)                                                                  \
    (WS2MP_IN6_ZERO5(a) && WS2MP_IN6_W(a, 5) == 0 && WS2MP_IN6_W(a, 6) == 0 &&                   \
     WS2MP_IN6_B(a, 14) == 0 && WS2MP_IN6_B(a, 15) == 1)
#define IN6_IS_ADDR_MULTICAST(a) (WS2MP_IN6_B(a, 0) == 0xff)
#define IN6_IS_ADDR_LINKLOCAL(a) (WS2MP_IN6_B(a, 0) == 0xfe && (WS2MP_IN6_B(a, 1) & 0xc0) == 0x80)
#define IN6_IS_ADDR_SITELOCAL(a) (WS2MP_IN6_B(a, 0) == 0xfe && (WS2MP_IN6_B(a, 1) & 0xc0) == 0xc0)
#define IN6_IS_ADDR_V4MAPPED(a) (WS2MP_IN6_ZERO5(a) && WS2MP_IN6_W(a, 5) == 0xffff)
#define IN6_IS_ADDR_V4COMPAT(a)                                                                  \
    (WS2MP_IN6_ZERO5(a) && WS2MP_IN6_W(a, 5) == 0 && !IN6_IS_ADDR_UNSPECIFIED(a) &&              \
     !IN6_IS_ADDR_LOOPBACK(a))
#define IN6_IS_ADDR_MC_NODELOCAL(a) (IN6_IS_ADDR_MULTICAST(a) && (WS2MP_IN6_B(a, 1) & 0xf) == 0x1)
#define IN6_IS_ADDR_MC_LINKLOCAL(a) (IN6_IS_ADDR_MULTICAST(a) && (WS2MP_IN6_B(a, 1) & 0xf) == 0x2)
#define IN6_IS_ADDR_MC_SITELOCAL(a) (IN6_IS_ADDR_MULTICAST(a) && (WS2MP_IN6_B(a, 1) & 0xf) == 0x5)
#define IN6_IS_ADDR_MC_ORGLOCAL(a) (IN6_IS_ADDR_MULTICAST(a) && (WS2MP_IN6_B(a, 1) & 0xf) == 0x8)
#define IN6_IS_ADDR_MC_GLOBAL(a) (IN6_IS_ADDR_MULTICAST(a) && (WS2MP_IN6_B(a, 1) & 0xf) == 0xe)
#define IN6_ARE_ADDR_EQUAL(a, b) (memcmp((a), (b), sizeof(struct in6_addr)) == 0)
#define IN6_ADDR_EQUAL(a, b) IN6_ARE_ADDR_EQUAL((a), (b))
#endif /* !WS2MP_COMPAT_FALLBACK */

/* ---- socket typedefs ----------------------------------------------------------------------- */
typedef struct sockaddr SOCKADDR, *PSOCKADDR, *LPSOCKADDR;
typedef struct sockaddr_in SOCKADDR_IN, *PSOCKADDR_IN, *LPSOCKADDR_IN;
typedef struct sockaddr_in6 SOCKADDR_IN6, *PSOCKADDR_IN6, *LPSOCKADDR_IN6;
typedef struct sockaddr_in6 SOCKADDR_IN6_LH, *PSOCKADDR_IN6_LH, *LPSOCKADDR_IN6_LH;
typedef struct sockaddr_storage SOCKADDR_STORAGE, *PSOCKADDR_STORAGE, *LPSOCKADDR_STORAGE;
typedef struct sockaddr_storage SOCKADDR_STORAGE_LH, *PSOCKADDR_STORAGE_LH;
typedef struct in_addr IN_ADDR, *PIN_ADDR, *LPIN_ADDR;
typedef struct in6_addr IN6_ADDR, *PIN6_ADDR, *LPIN6_ADDR;
typedef struct linger LINGER, *PLINGER, *LPLINGER;
typedef struct timeval TIMEVAL, *PTIMEVAL, *LPTIMEVAL;
typedef struct ip_mreq IP_MREQ, *PIP_MREQ;
typedef struct ipv6_mreq IPV6_MREQ, *PIPV6_MREQ;
#ifndef WS2MP_COMPAT_FALLBACK
typedef struct ip_mreq_source IP_MREQ_SOURCE, *PIP_MREQ_SOURCE;
#endif
#ifndef WS2MP_COMPAT_FALLBACK
typedef struct ip_msfilter *PIP_MSFILTER;
#endif
#ifdef MCAST_JOIN_GROUP
typedef struct group_req GROUP_REQ, *PGROUP_REQ;
typedef struct group_source_req GROUP_SOURCE_REQ, *PGROUP_SOURCE_REQ;
#endif
typedef WSAOVERLAPPED OVERLAPPED, *LPOVERLAPPED;
typedef GROUP *LPGROUP;

typedef WSADATA *LPWSADATA;
typedef WSABUF *LPWSABUF;
typedef WSANETWORKEVENTS *LPWSANETWORKEVENTS;
typedef WSAEVENT *LPWSAEVENT;
typedef WSAOVERLAPPED *LPWSAOVERLAPPED;
typedef WSAPROTOCOLCHAIN *LPWSAPROTOCOLCHAIN;
typedef WSAPROTOCOL_INFOA *LPWSAPROTOCOL_INFOA;
typedef WSAPROTOCOL_INFOW *LPWSAPROTOCOL_INFOW;
typedef FLOWSPEC *PFLOWSPEC, *LPFLOWSPEC;
typedef QOS *LPQOS;
typedef GUID *LPGUID;
typedef ULONG SERVICETYPE;

/* Windows' structure tags, for code that spells them (C++'s `WSAData wsaData;`, C's
 * `struct WSAData`, `struct _WSABUF`, ...): ws2mp.h's tags are the typedef names. */
#define WSAData WSADATA
#define _WSABUF WSABUF
#define _WSAOVERLAPPED WSAOVERLAPPED
#define _OVERLAPPED WSAOVERLAPPED
#define _WSANETWORKEVENTS WSANETWORKEVENTS
#define _WSAPROTOCOL_INFOA WSAPROTOCOL_INFOA
#define _WSAPROTOCOL_INFOW WSAPROTOCOL_INFOW
#define _WSAPROTOCOLCHAIN WSAPROTOCOLCHAIN
#define _WSAMSG WSAMSG
#define _GUID GUID
#define _QualityOfService QOS
#define _flowspec FLOWSPEC
#define _TRANSMIT_FILE_BUFFERS TRANSMIT_FILE_BUFFERS
#define _OVERLAPPED_ENTRY OVERLAPPED_ENTRY

#ifdef UNICODE
typedef WSAPROTOCOL_INFOW WSAPROTOCOL_INFO;
typedef LPWSAPROTOCOL_INFOW LPWSAPROTOCOL_INFO;
#define WSASocket WSASocketW
#define WSAEnumProtocols WSAEnumProtocolsW
#define SO_PROTOCOL_INFO SO_PROTOCOL_INFOW
#else
typedef WSAPROTOCOL_INFOA WSAPROTOCOL_INFO;
typedef LPWSAPROTOCOL_INFOA LPWSAPROTOCOL_INFO;
#define WSASocket WSASocketA
#define WSAEnumProtocols WSAEnumProtocolsA
#define SO_PROTOCOL_INFO SO_PROTOCOL_INFOA
#endif

/* ---- WSARecvMsg / WSASendMsg's message and control headers (ws2def.h) -------------------- */
/* WSARecvMsg (through SIO_GET_EXTENSION_FUNCTION_POINTER) and WSASendMsg fill and read these in
 * Windows' layout: control headers aligned to a pointer, their data to 8 bytes; levels and
 * types (IPPROTO_IP/IP_PKTINFO, IPPROTO_IPV6/IPV6_PKTINFO, ...) are the system's numbers, as
 * for setsockopt. MSG_TRUNC / MSG_CTRUNC in dwFlags are the system's values; MSG_BCAST /
 * MSG_MCAST (Windows' values) are reported when the socket asked for packet information. */
/* WSAMSG { name, namelen, lpBuffers, dwBufferCount, Control, dwFlags } is ws2mp.h's. */
typedef WSAMSG *PWSAMSG, *LPWSAMSG;
typedef struct _WSACMSGHDR {
    size_t cmsg_len;
    INT cmsg_level;
    INT cmsg_type;
} WSACMSGHDR, *PWSACMSGHDR, *LPWSACMSGHDR;
typedef WSACMSGHDR CMSGHDR, *PCMSGHDR;
/* Control headers are aligned to WSACMSGHDR's alignment, their data to 8 bytes. */
#define WSA_CMSGHDR_ALIGN(len) (((len) + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1))
#define WSA_CMSGDATA_ALIGN(len) (((len) + 8 - 1) & ~(size_t)(8 - 1))
#define WSA_CMSG_FIRSTHDR(msg)                                                                   \
    (((msg)->Control.len >= sizeof(WSACMSGHDR)) ? (LPWSACMSGHDR)(void *)(msg)->Control.buf      \
                                                : (LPWSACMSGHDR)NULL)
#define WSA_CMSG_NXTHDR(msg, cmsg)                                                               \
    (!(cmsg) ? WSA_CMSG_FIRSTHDR(msg)                                                            \
             : ((((unsigned char *)(cmsg) + WSA_CMSGHDR_ALIGN((cmsg)->cmsg_len) +                \
                  sizeof(WSACMSGHDR)) > (unsigned char *)((msg)->Control.buf) + (msg)->Control.len) \
                    ? (LPWSACMSGHDR)NULL                                                         \
                    : (LPWSACMSGHDR)(void *)((unsigned char *)(cmsg) +                           \
                                             WSA_CMSGHDR_ALIGN((cmsg)->cmsg_len))))
#define WSA_CMSG_DATA(cmsg) ((unsigned char *)(cmsg) + WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR)))
#define WSA_CMSG_SPACE(len) (WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR) + WSA_CMSGHDR_ALIGN(len)))
#define WSA_CMSG_LEN(len) (WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR)) + (len))
/* ws2def.h names them without the prefix too: CMSGHDR_ALIGN, CMSGDATA_ALIGN, CMSG_FIRSTHDR,
 * CMSG_NXTHDR, CMSG_SPACE, CMSG_LEN (not CMSG_DATA: wincrypt.h has that name). The system's
 * <sys/socket.h> has CMSG_FIRSTHDR / CMSG_NXTHDR for its struct msghdr, so these two go by the
 * message's type: a WSAMSG walks the Windows control buffer, a struct msghdr (code that also
 * calls the system's recvmsg) the system's. CMSG_SPACE and CMSG_LEN stay the system's: on
 * Linux they give the same numbers as the WSA_ forms (not on macOS, whose control headers are
 * 4-byte aligned: use the WSA_ forms there). CMSG_DATA stays the system's, for a struct
 * cmsghdr (Windows has no such name: WSA_CMSG_DATA). */
#define CMSGHDR_ALIGN WSA_CMSGHDR_ALIGN
#define CMSGDATA_ALIGN WSA_CMSGDATA_ALIGN
#if defined(__cplusplus) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L) || \
    (defined(__GNUC__) && !defined(__STRICT_ANSI__))
static inline LPWSACMSGHDR ws2mp_wsa_cmsg_firsthdr_(const WSAMSG *msg) {
    return WSA_CMSG_FIRSTHDR(msg);
}
static inline LPWSACMSGHDR ws2mp_wsa_cmsg_nxthdr_(const WSAMSG *msg, const WSACMSGHDR *cmsg) {
    return WSA_CMSG_NXTHDR(msg, cmsg);
}
static inline struct cmsghdr *ws2mp_sys_cmsg_firsthdr_(const struct msghdr *msg) {
    return CMSG_FIRSTHDR(msg);
}
static inline struct cmsghdr *ws2mp_sys_cmsg_nxthdr_(const struct msghdr *msg,
                                                     const struct cmsghdr *cmsg) {
    return CMSG_NXTHDR((struct msghdr *)msg, (struct cmsghdr *)cmsg);
}
#undef CMSG_FIRSTHDR
#undef CMSG_NXTHDR
#ifdef __cplusplus
extern "C++" {
static inline LPWSACMSGHDR ws2mp_cmsg_firsthdr_(const WSAMSG *msg) {
    return ws2mp_wsa_cmsg_firsthdr_(msg);
}
static inline struct cmsghdr *ws2mp_cmsg_firsthdr_(const struct msghdr *msg) {
    return ws2mp_sys_cmsg_firsthdr_(msg);
}
static inline LPWSACMSGHDR ws2mp_cmsg_nxthdr_(const WSAMSG *msg, const WSACMSGHDR *cmsg) {
    return ws2mp_wsa_cmsg_nxthdr_(msg, cmsg);
}
static inline struct cmsghdr *ws2mp_cmsg_nxthdr_(const struct msghdr *msg,
                                                 const struct cmsghdr *cmsg) {
    return ws2mp_sys_cmsg_nxthdr_(msg, cmsg);
}
}
#define CMSG_FIRSTHDR(msg) ws2mp_cmsg_firsthdr_(msg)
#define CMSG_NXTHDR(msg, cmsg) ws2mp_cmsg_nxthdr_(msg, cmsg)
#else
#define CMSG_FIRSTHDR(msg)                                                                       \
    _Generic((msg), WSAMSG *: ws2mp_wsa_cmsg_firsthdr_, const WSAMSG *: ws2mp_wsa_cmsg_firsthdr_, \
             default: ws2mp_sys_cmsg_firsthdr_)(msg)
#define CMSG_NXTHDR(msg, cmsg)                                                                   \
    _Generic((msg), WSAMSG *: ws2mp_wsa_cmsg_nxthdr_, const WSAMSG *: ws2mp_wsa_cmsg_nxthdr_,     \
             default: ws2mp_sys_cmsg_nxthdr_)(msg, cmsg)
#endif
#endif
#ifndef MSG_BCAST
#define MSG_BCAST 0x0400
#endif
#ifndef MSG_MCAST
#define MSG_MCAST 0x0800
#endif
#ifndef MSG_MAXIOVLEN
#define MSG_MAXIOVLEN 16
#endif

/* WSAAsyncSelect / WSAAsync* message parameters (lParam: event or length, then error). */
#define WSAMAKEASYNCREPLY(buflen, error) ((LONG)MAKELONG((buflen), (error)))
#define WSAMAKESELECTREPLY(event, error) ((LONG)MAKELONG((event), (error)))
#define WSAGETASYNCBUFLEN(lParam) LOWORD(lParam)
#define WSAGETASYNCERROR(lParam) HIWORD(lParam)
#define WSAGETSELECTEVENT(lParam) LOWORD(lParam)
#define WSAGETSELECTERROR(lParam) HIWORD(lParam)

/* Windows' IPPROTO_* names the system headers may lack (numbers are IANA's, the same
 * everywhere). */
#ifndef IPPROTO_GGP
#define IPPROTO_GGP 3
#endif
#ifndef IPPROTO_IPV4
#define IPPROTO_IPV4 4
#endif
#ifndef IPPROTO_ST
#define IPPROTO_ST 5
#endif
#ifndef IPPROTO_CBT
#define IPPROTO_CBT 7
#endif
#ifndef IPPROTO_IGP
#define IPPROTO_IGP 9
#endif
#ifndef IPPROTO_RDP
#define IPPROTO_RDP 27
#endif
#ifndef IPPROTO_ND
#define IPPROTO_ND 77
#endif
#ifndef IPPROTO_ICLFXBM
#define IPPROTO_ICLFXBM 78
#endif
#ifndef IPPROTO_PGM
#define IPPROTO_PGM 113
#endif
#ifndef IPPROTO_L2TP
#define IPPROTO_L2TP 115
#endif
#ifndef IPPROTO_RESERVED_MAX
#define IPPROTO_RESERVED_MAX 258
#endif

/* Windows' address families the system has no number for, with Windows' values (the
 * families the system knows keep its numbers, as AF_INET6 does). ws2mp has no provider for
 * them: socket() fails with WSAEAFNOSUPPORT, as on a Windows without NetBIOS or Bluetooth. */
#ifndef AF_NETBIOS
#define AF_NETBIOS 17
#endif
#ifndef PF_NETBIOS
#define PF_NETBIOS AF_NETBIOS
#endif
#ifndef AF_BTH
#define AF_BTH 32
#endif
#ifndef PF_BTH
#define PF_BTH AF_BTH
#endif

/* ---- Winsock's fd_set: a counted array, not a bitmap ----------------------------------------- */
/* <stdlib.h> has already declared the system's fd_set, so the name is redirected: `fd_set x;`
 * and `struct fd_set x;` both mean this structure. */
typedef struct ws2mp_compat_fd_set {
    u_int fd_count;
    SOCKET fd_array[WS2MP_FD_SETSIZE];
} ws2mp_compat_fd_set, WS2MP_FD_SET;
#undef fd_set
#define fd_set ws2mp_compat_fd_set
typedef WS2MP_FD_SET FD_SET, *PFD_SET, *LPFD_SET;

#undef FD_SETSIZE
#define FD_SETSIZE WS2MP_FD_SETSIZE
#undef FD_ZERO
#undef FD_SET
#undef FD_CLR
#undef FD_ISSET
#define FD_ZERO(set) (((WS2MP_FD_SET *)(set))->fd_count = 0)
#define FD_ISSET(fd, set) __WSAFDIsSet((SOCKET)(fd), (struct ws2mp_fd_set *)(void *)(set))
#define FD_SET(fd, set)                                                                          \
    do {                                                                                         \
        WS2MP_FD_SET *ws2mp_set_ = (WS2MP_FD_SET *)(set);                                        \
        unsigned int ws2mp_i_;                                                                   \
        for (ws2mp_i_ = 0; ws2mp_i_ < ws2mp_set_->fd_count; ws2mp_i_++)                          \
            if (ws2mp_set_->fd_array[ws2mp_i_] == (SOCKET)(fd))                                  \
                break;                                                                           \
        if (ws2mp_i_ == ws2mp_set_->fd_count && ws2mp_set_->fd_count < FD_SETSIZE)               \
            ws2mp_set_->fd_array[ws2mp_set_->fd_count++] = (SOCKET)(fd);                         \
    } while (0)
#define FD_CLR(fd, set)                                                                          \
    do {                                                                                         \
        WS2MP_FD_SET *ws2mp_set_ = (WS2MP_FD_SET *)(set);                                        \
        unsigned int ws2mp_i_;                                                                   \
        for (ws2mp_i_ = 0; ws2mp_i_ < ws2mp_set_->fd_count; ws2mp_i_++) {                        \
            if (ws2mp_set_->fd_array[ws2mp_i_] == (SOCKET)(fd)) {                                \
                for (; ws2mp_i_ + 1 < ws2mp_set_->fd_count; ws2mp_i_++)                          \
                    ws2mp_set_->fd_array[ws2mp_i_] = ws2mp_set_->fd_array[ws2mp_i_ + 1];         \
                ws2mp_set_->fd_count--;                                                          \
                break;                                                                           \
            }                                                                                    \
        }                                                                                        \
    } while (0)

/* ---- constants that POSIX headers also define, or that derive from them --------------------- */
/* The ioctl codes have Windows' values (ws2mp also accepts the system's). They are ints: passed
 * to ioctlsocket's 32-bit `cmd` (long on Windows, which is 32 bits there) they keep their value
 * without a conversion warning. */
#ifndef IOCPARM_MASK
#define IOCPARM_MASK 0x7f
#endif
#ifndef IOC_VOID
#define IOC_VOID 0x20000000
#endif
#ifndef IOC_OUT
#define IOC_OUT 0x40000000
#endif
#ifndef IOC_IN
#define IOC_IN 0x80000000
#endif
#ifndef IOC_INOUT
#define IOC_INOUT (IOC_IN | IOC_OUT)
#endif
#define _WSAIO(x, y) (IOC_VOID | (x) | (y))
#define _WSAIOR(x, y) (IOC_OUT | (x) | (y))
#define _WSAIOW(x, y) (IOC_IN | (x) | (y))
#define _WSAIORW(x, y) (IOC_INOUT | (x) | (y))
#ifndef _IOW
#define _IO(x, y) (IOC_VOID | ((x) << 8) | (y))
#define _IOR(x, y, t) (IOC_OUT | (((long)sizeof(t) & IOCPARM_MASK) << 16) | ((x) << 8) | (y))
#define _IOW(x, y, t) (IOC_IN | (((long)sizeof(t) & IOCPARM_MASK) << 16) | ((x) << 8) | (y))
#endif
#undef FIONBIO
#undef FIONREAD
#undef FIOASYNC
#undef SIOCATMARK
#define FIONBIO ((int)0x8004667EU)
#define FIONREAD ((int)0x4004667FU)
#define FIOASYNC ((int)0x8004667DU)
#define SIOCATMARK ((int)0x40047307U)
#define SO_DONTLINGER ((int)(~SO_LINGER))
#define SO_EXCLUSIVEADDRUSE ((int)(~SO_REUSEADDR))
#ifndef ADDR_ANY
#define ADDR_ANY INADDR_ANY
#endif
/* listen(s, SOMAXCONN_HINT(n)): a backlog of n, clamped to 200..65535 (as on Windows). */
#ifndef SOMAXCONN_HINT
#define SOMAXCONN_HINT(b) (-(b))
#endif
/* Windows' well-known port numbers (glibc has some of them as enumerators of <netinet/in.h>,
 * macOS only IPPORT_RESERVED: a macro of the same value is harmless after that header). */
#define IPPORT_TCPMUX 1
#define IPPORT_ECHO 7
#define IPPORT_DISCARD 9
#define IPPORT_SYSTAT 11
#define IPPORT_DAYTIME 13
#define IPPORT_NETSTAT 15
#define IPPORT_QOTD 17
#define IPPORT_MSP 18
#define IPPORT_CHARGEN 19
#define IPPORT_FTP_DATA 20
#define IPPORT_FTP 21
#define IPPORT_TELNET 23
#define IPPORT_SMTP 25
#define IPPORT_TIMESERVER 37
#define IPPORT_NAMESERVER 42
#define IPPORT_WHOIS 43
#define IPPORT_MTP 57
#define IPPORT_TFTP 69
#define IPPORT_RJE 77
#define IPPORT_FINGER 79
#define IPPORT_TTYLINK 87
#define IPPORT_SUPDUP 95
#define IPPORT_POP3 110
#define IPPORT_NTP 123
#define IPPORT_EPMAP 135
#define IPPORT_NETBIOS_NS 137
#define IPPORT_NETBIOS_DGM 138
#define IPPORT_NETBIOS_SSN 139
#define IPPORT_IMAP 143
#define IPPORT_SNMP 161
#define IPPORT_SNMP_TRAP 162
#define IPPORT_IMAP3 220
#define IPPORT_LDAP 389
#define IPPORT_HTTPS 443
#define IPPORT_MICROSOFT_DS 445
#define IPPORT_EXECSERVER 512
#define IPPORT_LOGINSERVER 513
#define IPPORT_CMDSERVER 514
#define IPPORT_EFSSERVER 520
#define IPPORT_BIFFUDP 512
#define IPPORT_WHOSERVER 513
#define IPPORT_ROUTESERVER 520
#ifndef IPPORT_RESERVED
#define IPPORT_RESERVED 1024
#endif
#ifndef IPPORT_REGISTERED_MIN
#define IPPORT_REGISTERED_MIN IPPORT_RESERVED
#define IPPORT_REGISTERED_MAX 0xbfff
#define IPPORT_DYNAMIC_MIN 0xc000
#define IPPORT_DYNAMIC_MAX 0xffff
#endif

/* ---- functions whose names POSIX also uses ------------------------------------------------- */
#ifndef WS2MP_COMPAT_FALLBACK
/* Real declarations with Windows' prototypes (buffers as void pointers, which also accept the
 * char pointers Windows' prototypes name), bound to ws2mp's exports by assembler label. */
#define WS2MP_STR2_(x) #x
#define WS2MP_STR_(x) WS2MP_STR2_(x)
#define WS2MP_LABEL_(name) __asm__(WS2MP_STR_(__USER_LABEL_PREFIX__) #name)
SOCKET socket(int af, int type, int protocol) WS2MP_LABEL_(ws2mp_socket);
int bind(SOCKET s, const struct sockaddr *name, int namelen) WS2MP_LABEL_(ws2mp_bind);
int listen(SOCKET s, int backlog) WS2MP_LABEL_(ws2mp_listen);
SOCKET accept(SOCKET s, struct sockaddr *addr, int *addrlen) WS2MP_LABEL_(ws2mp_accept);
int connect(SOCKET s, const struct sockaddr *name, int namelen) WS2MP_LABEL_(ws2mp_connect);
int send(SOCKET s, const void *buf, int len, int flags) WS2MP_LABEL_(ws2mp_send);
int recv(SOCKET s, void *buf, int len, int flags) WS2MP_LABEL_(ws2mp_recv);
int sendto(SOCKET s, const void *buf, int len, int flags, const struct sockaddr *to, int tolen)
    WS2MP_LABEL_(ws2mp_sendto);
int recvfrom(SOCKET s, void *buf, int len, int flags, struct sockaddr *from, int *fromlen)
    WS2MP_LABEL_(ws2mp_recvfrom);
int shutdown(SOCKET s, int how) WS2MP_LABEL_(ws2mp_shutdown);
int setsockopt(SOCKET s, int level, int optname, const void *optval, int optlen)
    WS2MP_LABEL_(ws2mp_setsockopt);
int getsockopt(SOCKET s, int level, int optname, void *optval, int *optlen)
    WS2MP_LABEL_(ws2mp_getsockopt);
int getsockname(SOCKET s, struct sockaddr *name, int *namelen) WS2MP_LABEL_(ws2mp_getsockname);
int getpeername(SOCKET s, struct sockaddr *name, int *namelen) WS2MP_LABEL_(ws2mp_getpeername);
/* ws2mp's inet_ntoa (one buffer per thread, as on Windows), with Windows' in_addr. */
char *inet_ntoa(struct in_addr in) WS2MP_LABEL_(ws2mp_inet_ntoa);
/* select was declared by <stdlib.h> already: an object-like rename. */
#undef select
#define select ws2mp_compat_select
int ws2mp_compat_select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                        const struct timeval *timeout) WS2MP_LABEL_(ws2mp_select);
#else
/* Fallback (the system socket headers came first): function-like macros. */
#define socket(af, type, protocol) ws2mp_socket((af), (type), (protocol))
#define bind(s, name, namelen) ws2mp_bind((s), (name), (int)(namelen))
#define listen(s, backlog) ws2mp_listen((s), (backlog))
#define accept(s, addr, addrlen) ws2mp_accept((s), (addr), (addrlen))
#define connect(s, name, namelen) ws2mp_connect((s), (name), (int)(namelen))
#define send(s, buf, len, flags) ws2mp_send((s), (buf), (int)(len), (flags))
#define recv(s, buf, len, flags) ws2mp_recv((s), (buf), (int)(len), (flags))
#define sendto(s, buf, len, flags, to, tolen) ws2mp_sendto((s), (buf), (int)(len), (flags), (to), (int)(tolen))
#define recvfrom(s, buf, len, flags, from, fromlen) ws2mp_recvfrom((s), (buf), (int)(len), (flags), (from), (fromlen))
#define shutdown(s, how) ws2mp_shutdown((s), (how))
#define setsockopt(s, level, name, val, len) ws2mp_setsockopt((s), (level), (name), (val), (int)(len))
#define getsockopt(s, level, name, val, len) ws2mp_getsockopt((s), (level), (name), (val), (len))
#define getsockname(s, name, namelen) ws2mp_getsockname((s), (name), (namelen))
#define getpeername(s, name, namelen) ws2mp_getpeername((s), (name), (namelen))
#define select(nfds, r, w, e, timeout)                                                          \
    ws2mp_select((nfds), (struct ws2mp_fd_set *)(void *)(r), (struct ws2mp_fd_set *)(void *)(w), \
                 (struct ws2mp_fd_set *)(void *)(e), (timeout))
#endif

/* Hook for the name-resolution declarations (gethostbyname, getaddrinfo, ...): they see the
 * Windows structures above. */

#ifdef __cplusplus
}
#endif

/* ioctlsocket with an `unsigned long` argument. Windows' u_long IS unsigned long (32 bits there);
 * here u_long is 32 bits and unsigned long 64, so `unsigned long arg = 1; ioctlsocket(s, FIONBIO,
 * &arg)` would not compile in C++ and would leave the upper half of a FIONREAD result unwritten
 * in C. Such a call goes through a 32-bit copy: the value in, the result out (zero-extended, and
 * only on success). C++ gets an overload; C11 and later a _Generic selection on the pointer's
 * type (GCC and Clang also give it to C99; define WS2MP_NO_IOCTLSOCKET_GENERIC to keep the plain
 * function). */
static inline int ws2mp_ioctlsocket_ulong_(SOCKET s, long cmd, unsigned long *argp)
{
    uint32_t v = argp ? (uint32_t)*argp : 0;
    int r = (ioctlsocket)(s, (int32_t)cmd, argp ? &v : (uint32_t *)0);
    if (r == 0 && argp)
        *argp = v;
    return r;
}
#ifdef __cplusplus
extern "C++" inline int ioctlsocket(SOCKET s, long cmd, unsigned long *argp)
{
    return ws2mp_ioctlsocket_ulong_(s, cmd, argp);
}
#elif ((defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L) || defined(__GNUC__)) &&     \
    !defined(WS2MP_NO_IOCTLSOCKET_GENERIC)
#define ioctlsocket(s, cmd, argp)                                                                  \
    __extension__ _Generic((argp), unsigned long *: ws2mp_ioctlsocket_ulong_,                      \
                           default: (ioctlsocket))((s), (cmd), (argp))
#endif

/* WSAIoctl with an `unsigned long` byte count (`unsigned long nBytesReturned; WSAIoctl(s,
 * SIO_GET_INTERFACE_LIST, ..., &nBytesReturned, 0, 0)`): an LPDWORD on Windows, where unsigned
 * long is 32 bits. Here the call would not compile in C++, and in C the count's upper half would
 * stay as it was. Such a call goes through a 32-bit copy: the count written by the call is stored
 * zero-extended (WSAIoctl writes the count synchronously, also for an overlapped call). C++ gets a
 * template that only an `unsigned long *` selects (so a NULL count still calls the function); C a
 * _Generic selection as for ioctlsocket (WS2MP_NO_IOCTLSOCKET_GENERIC keeps the plain function). */
static inline int ws2mp_wsaioctl_ulong_(SOCKET s, uint32_t code, const void *in, uint32_t cbin,
                                        void *out, uint32_t cbout, unsigned long *returned,
                                        struct WSAOVERLAPPED *ov,
                                        LPWSAOVERLAPPED_COMPLETION_ROUTINE cr)
{
    uint32_t before = returned ? (uint32_t)*returned : 0, v = before;
    int r = (WSAIoctl)(s, code, in, cbin, out, cbout, returned ? &v : (uint32_t *)0, ov, cr);
    if (returned && (v != before || (uint32_t)*returned != *returned))
        *returned = v;
    return r;
}
#ifdef __cplusplus
extern "C++" {
template <class T> struct ws2mp_ulong_only_ {};
template <> struct ws2mp_ulong_only_<unsigned long> { typedef int type; };
template <class T>
inline typename ws2mp_ulong_only_<T>::type WSAIoctl(SOCKET s, uint32_t code, const void *in,
                                                    uint32_t cbin, void *out, uint32_t cbout,
                                                    T *returned, struct WSAOVERLAPPED *ov,
                                                    LPWSAOVERLAPPED_COMPLETION_ROUTINE cr)
{
    return ws2mp_wsaioctl_ulong_(s, code, in, cbin, out, cbout, returned, ov, cr);
}
}
#elif ((defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L) || defined(__GNUC__)) &&     \
    !defined(WS2MP_NO_IOCTLSOCKET_GENERIC)
#define WSAIoctl(s, code, in, cbin, out, cbout, returned, ov, cr)                                 \
    __extension__ _Generic((returned), unsigned long *: ws2mp_wsaioctl_ulong_,                     \
                           default: (WSAIoctl))((s), (code), (in), (cbin), (out), (cbout),         \
                                                (returned), (ov), (cr))
#endif

/* Windows' winsock2.h includes windows.h: programs that include only <winsock2.h> use Sleep,
 * GetTickCount and the other Win32 basics too. */
#include "windows.h"

/* ---- WSAPoll (the behaviour helper's block) --------------------------------------------------
 * Windows' POLL* values differ from <poll.h>'s. They are defined here unless <poll.h> came
 * first (then the program uses POSIX poll, and WS2MP_POLL* name Windows' values). */
#if WS2MP_WINNT_VISTA
typedef WSAPOLLFD *PWSAPOLLFD, *LPWSAPOLLFD;
#endif
#if !defined(POLLIN) && !defined(_SYS_POLL_H) && !defined(_POLL_H) && WS2MP_WINNT_VISTA
/* WSAPOLLFD is `struct pollfd` on Windows: code that spells it so gets Windows' layout. */
#define pollfd WSAPOLLFD
#define POLLRDNORM WS2MP_POLLRDNORM
#define POLLRDBAND WS2MP_POLLRDBAND
#define POLLIN WS2MP_POLLIN
#define POLLPRI WS2MP_POLLPRI
#define POLLWRNORM WS2MP_POLLWRNORM
#define POLLOUT WS2MP_POLLOUT
#define POLLWRBAND WS2MP_POLLWRBAND
#define POLLERR WS2MP_POLLERR
#define POLLHUP WS2MP_POLLHUP
#define POLLNVAL WS2MP_POLLNVAL
#endif
#if !defined(WSAConnectByName) && WS2MP_WINNT_VISTA
#ifdef UNICODE
#define WSAConnectByName WSAConnectByNameW
#else
#define WSAConnectByName WSAConnectByNameA
#endif
#endif
#ifndef WSADuplicateSocket
#ifdef UNICODE
#define WSADuplicateSocket WSADuplicateSocketW
#else
#define WSADuplicateSocket WSADuplicateSocketA
#endif
#endif
/* SIO_GET_INTERFACE_LIST's output (Windows' ws2ipdef.h layout: 76 bytes an entry). */
typedef struct sockaddr_in6_old {
    short sin6_family;
    unsigned short sin6_port;
    uint32_t sin6_flowinfo;
    struct in6_addr sin6_addr;
} sockaddr_in6_old;
typedef union sockaddr_gen {
    struct sockaddr Address;
    struct sockaddr_in AddressIn;
    struct sockaddr_in6_old AddressIn6;
} sockaddr_gen;
typedef struct _INTERFACE_INFO {
    uint32_t iiFlags;
    sockaddr_gen iiAddress;
    sockaddr_gen iiBroadcastAddress;
    sockaddr_gen iiNetmask;
} INTERFACE_INFO, *LPINTERFACE_INFO;
/* Windows' IFF_* values (INTERFACE_INFO.iiFlags), unless the program included <net/if.h>
 * before <winsock2.h> (then it keeps the system's). <net/if.h> included after this header is
 * harmless: it was read already. */
#if !defined(WS2MP_SYSTEM_IFF)
#undef IFF_UP
#undef IFF_BROADCAST
#undef IFF_LOOPBACK
#undef IFF_POINTTOPOINT
#undef IFF_MULTICAST
#define IFF_UP WS2MP_IFF_UP
#define IFF_BROADCAST WS2MP_IFF_BROADCAST
#define IFF_LOOPBACK WS2MP_IFF_LOOPBACK
#define IFF_POINTTOPOINT WS2MP_IFF_POINTTOPOINT
#define IFF_MULTICAST WS2MP_IFF_MULTICAST
#endif
/* SIO_ADDRESS_LIST_QUERY's output (SOCKET_ADDRESS is also iptypes.h's). */
#ifndef WS2MP_SOCKET_ADDRESS_DEFINED
#define WS2MP_SOCKET_ADDRESS_DEFINED
typedef struct _SOCKET_ADDRESS {
    struct sockaddr *lpSockaddr;
    int iSockaddrLength;
} SOCKET_ADDRESS, *PSOCKET_ADDRESS, *LPSOCKET_ADDRESS;
#endif
typedef struct _SOCKET_ADDRESS_LIST {
    int iAddressCount;
    SOCKET_ADDRESS Address[1];
} SOCKET_ADDRESS_LIST, *PSOCKET_ADDRESS_LIST, *LPSOCKET_ADDRESS_LIST;
/* The size of a SOCKET_ADDRESS_LIST of n entries. */
#define SIZEOF_SOCKET_ADDRESS_LIST(n)                                                              \
    (offsetof(SOCKET_ADDRESS_LIST, Address) + (size_t)(n) * sizeof(SOCKET_ADDRESS))

/* The API's function-pointer types, for programs that load ws2_32.dll themselves
 * (LoadLibrary + GetProcAddress): declared, as on Windows, when the program defines
 * INCL_WINSOCK_API_TYPEDEFS to 1 before including this header. */
#if defined(INCL_WINSOCK_API_TYPEDEFS) && INCL_WINSOCK_API_TYPEDEFS
typedef SOCKET(WSAAPI *LPFN_ACCEPT)(SOCKET s, struct sockaddr *addr, int *addrlen);
typedef int(WSAAPI *LPFN_BIND)(SOCKET s, const struct sockaddr *name, int namelen);
typedef int(WSAAPI *LPFN_CLOSESOCKET)(SOCKET s);
typedef int(WSAAPI *LPFN_CONNECT)(SOCKET s, const struct sockaddr *name, int namelen);
typedef int(WSAAPI *LPFN_IOCTLSOCKET)(SOCKET s, long cmd, u_long *argp);
typedef int(WSAAPI *LPFN_GETPEERNAME)(SOCKET s, struct sockaddr *name, int *namelen);
typedef int(WSAAPI *LPFN_GETSOCKNAME)(SOCKET s, struct sockaddr *name, int *namelen);
typedef int(WSAAPI *LPFN_GETSOCKOPT)(SOCKET s, int level, int optname, char *optval, int *optlen);
typedef u_long(WSAAPI *LPFN_HTONL)(u_long hostlong);
typedef u_short(WSAAPI *LPFN_HTONS)(u_short hostshort);
typedef u_long(WSAAPI *LPFN_NTOHL)(u_long netlong);
typedef u_short(WSAAPI *LPFN_NTOHS)(u_short netshort);
typedef u_long(WSAAPI *LPFN_INET_ADDR)(const char *cp);
typedef char *(WSAAPI *LPFN_INET_NTOA)(struct in_addr in);
typedef int(WSAAPI *LPFN_LISTEN)(SOCKET s, int backlog);
typedef int(WSAAPI *LPFN_RECV)(SOCKET s, char *buf, int len, int flags);
typedef int(WSAAPI *LPFN_RECVFROM)(SOCKET s, char *buf, int len, int flags, struct sockaddr *from,
                                   int *fromlen);
typedef int(WSAAPI *LPFN_SELECT)(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                                 const struct timeval *timeout);
typedef int(WSAAPI *LPFN_SEND)(SOCKET s, const char *buf, int len, int flags);
typedef int(WSAAPI *LPFN_SENDTO)(SOCKET s, const char *buf, int len, int flags,
                                 const struct sockaddr *to, int tolen);
typedef int(WSAAPI *LPFN_SETSOCKOPT)(SOCKET s, int level, int optname, const char *optval,
                                     int optlen);
typedef int(WSAAPI *LPFN_SHUTDOWN)(SOCKET s, int how);
typedef SOCKET(WSAAPI *LPFN_SOCKET)(int af, int type, int protocol);
typedef int(WSAAPI *LPFN_GETHOSTNAME)(char *name, int namelen);
typedef int(WSAAPI *LPFN_WSASTARTUP)(WORD wVersionRequested, LPWSADATA lpWSAData);
typedef int(WSAAPI *LPFN_WSACLEANUP)(void);
typedef void(WSAAPI *LPFN_WSASETLASTERROR)(int iError);
typedef int(WSAAPI *LPFN_WSAGETLASTERROR)(void);
typedef WSAEVENT(WSAAPI *LPFN_WSACREATEEVENT)(void);
typedef BOOL(WSAAPI *LPFN_WSACLOSEEVENT)(WSAEVENT hEvent);
typedef BOOL(WSAAPI *LPFN_WSASETEVENT)(WSAEVENT hEvent);
typedef BOOL(WSAAPI *LPFN_WSARESETEVENT)(WSAEVENT hEvent);
typedef int(WSAAPI *LPFN_WSAEVENTSELECT)(SOCKET s, WSAEVENT hEventObject, long lNetworkEvents);
typedef int(WSAAPI *LPFN_WSAENUMNETWORKEVENTS)(SOCKET s, WSAEVENT hEventObject,
                                               LPWSANETWORKEVENTS lpNetworkEvents);
typedef DWORD(WSAAPI *LPFN_WSAWAITFORMULTIPLEEVENTS)(DWORD cEvents, const WSAEVENT *lphEvents,
                                                     BOOL fWaitAll, DWORD dwTimeout,
                                                     BOOL fAlertable);
typedef SOCKET(WSAAPI *LPFN_WSASOCKETA)(int af, int type, int protocol,
                                        LPWSAPROTOCOL_INFOA lpProtocolInfo, GROUP g,
                                        DWORD dwFlags);
typedef SOCKET(WSAAPI *LPFN_WSASOCKETW)(int af, int type, int protocol,
                                        LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g,
                                        DWORD dwFlags);
typedef int(WSAAPI *LPFN_WSAENUMPROTOCOLSA)(LPINT lpiProtocols, LPWSAPROTOCOL_INFOA lpProtocolBuffer,
                                            LPDWORD lpdwBufferLength);
typedef int(WSAAPI *LPFN_WSAENUMPROTOCOLSW)(LPINT lpiProtocols, LPWSAPROTOCOL_INFOW lpProtocolBuffer,
                                            LPDWORD lpdwBufferLength);
#if WS2MP_WINNT_VISTA
typedef int(WSAAPI *LPFN_WSAPOLL)(LPWSAPOLLFD fdArray, ULONG fds, INT timeout);
#endif
#endif

/* Windows 8's 64-bit byte-order helpers (macOS's system headers have htonll/ntohll). */
#if !defined(htonll) && !defined(ntohll)
static inline unsigned long long htonll(unsigned long long v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return v;
#else
    return __builtin_bswap64(v);
#endif
}
static inline unsigned long long ntohll(unsigned long long v)
{
    return htonll(v);
}
#endif

/* getsockopt(SO_BSP_STATE)'s answer: the local and remote addresses, type and protocol. */
typedef struct _CSADDR_INFO {
    SOCKET_ADDRESS LocalAddr;
    SOCKET_ADDRESS RemoteAddr;
    INT iSocketType;
    INT iProtocol;
} CSADDR_INFO, *PCSADDR_INFO, *LPCSADDR_INFO;

/* ---- Registration and name resolution (RnR): WSALookupServiceBegin/Next/End and
 * WSAEnumNameSpaceProviders (exported; declared in ws2mp.h with `void *` for these
 * structures). The DNS name space answers host-name lookups (svcguid.h's
 * SVCID_INET_HOSTADDRBYNAME, SVCID_HOSTNAME, SVCID_INET_HOSTADDRBYINETSTRING); registering
 * services (WSASetService, WSAInstallServiceClass) is not provided. */
#ifndef WS2MP_BLOB_DEFINED
#define WS2MP_BLOB_DEFINED
typedef struct _BLOB {
    ULONG cbSize;
    BYTE *pBlobData;
} BLOB, *LPBLOB;
#endif
typedef struct _AFPROTOCOLS {
    INT iAddressFamily;
    INT iProtocol;
} AFPROTOCOLS, *PAFPROTOCOLS, *LPAFPROTOCOLS;
typedef enum _WSAEcomparator { COMP_EQUAL = 0, COMP_NOTLESS } WSAECOMPARATOR, *PWSAECOMPARATOR, *LPWSAECOMPARATOR;
typedef struct _WSAVersion {
    DWORD dwVersion;
    WSAECOMPARATOR ecHow;
} WSAVERSION, *PWSAVERSION, *LPWSAVERSION;
typedef struct _WSAQuerySetA {
    DWORD dwSize;
    LPSTR lpszServiceInstanceName;
    LPGUID lpServiceClassId;
    LPWSAVERSION lpVersion;
    LPSTR lpszComment;
    DWORD dwNameSpace;
    LPGUID lpNSProviderId;
    LPSTR lpszContext;
    DWORD dwNumberOfProtocols;
    LPAFPROTOCOLS lpafpProtocols;
    LPSTR lpszQueryString;
    DWORD dwNumberOfCsAddrs;
    LPCSADDR_INFO lpcsaBuffer;
    DWORD dwOutputFlags;
    LPBLOB lpBlob;
} WSAQUERYSETA, *PWSAQUERYSETA, *LPWSAQUERYSETA;
typedef struct _WSAQuerySetW {
    DWORD dwSize;
    LPWSTR lpszServiceInstanceName;
    LPGUID lpServiceClassId;
    LPWSAVERSION lpVersion;
    LPWSTR lpszComment;
    DWORD dwNameSpace;
    LPGUID lpNSProviderId;
    LPWSTR lpszContext;
    DWORD dwNumberOfProtocols;
    LPAFPROTOCOLS lpafpProtocols;
    LPWSTR lpszQueryString;
    DWORD dwNumberOfCsAddrs;
    LPCSADDR_INFO lpcsaBuffer;
    DWORD dwOutputFlags;
    LPBLOB lpBlob;
} WSAQUERYSETW, *PWSAQUERYSETW, *LPWSAQUERYSETW;
typedef struct _WSANAMESPACE_INFOA {
    GUID NSProviderId;
    DWORD dwNameSpace;
    BOOL fActive;
    DWORD dwVersion;
    LPSTR lpszIdentifier;
} WSANAMESPACE_INFOA, *PWSANAMESPACE_INFOA, *LPWSANAMESPACE_INFOA;
typedef struct _WSANAMESPACE_INFOW {
    GUID NSProviderId;
    DWORD dwNameSpace;
    BOOL fActive;
    DWORD dwVersion;
    LPWSTR lpszIdentifier;
} WSANAMESPACE_INFOW, *PWSANAMESPACE_INFOW, *LPWSANAMESPACE_INFOW;
#ifdef UNICODE
typedef WSAQUERYSETW WSAQUERYSET, *PWSAQUERYSET, *LPWSAQUERYSET;
typedef WSANAMESPACE_INFOW WSANAMESPACE_INFO, *PWSANAMESPACE_INFO, *LPWSANAMESPACE_INFO;
#define WSALookupServiceBegin WSALookupServiceBeginW
#define WSALookupServiceNext WSALookupServiceNextW
#define WSAEnumNameSpaceProviders WSAEnumNameSpaceProvidersW
#else
typedef WSAQUERYSETA WSAQUERYSET, *PWSAQUERYSET, *LPWSAQUERYSET;
typedef WSANAMESPACE_INFOA WSANAMESPACE_INFO, *PWSANAMESPACE_INFO, *LPWSANAMESPACE_INFO;
#define WSALookupServiceBegin WSALookupServiceBeginA
#define WSALookupServiceNext WSALookupServiceNextA
#define WSAEnumNameSpaceProviders WSAEnumNameSpaceProvidersA
#endif
#define NS_ALL 0
#define NS_SAP 1
#define NS_NDS 2
#define NS_PEER_BROWSE 3
#define NS_SLP 5
#define NS_DHCP 6
#define NS_TCPIP_LOCAL 10
#define NS_TCPIP_HOSTS 11
#define NS_DNS 12
#define NS_NETBT 13
#define NS_WINS 14
#define NS_NLA 15
#define NS_NBP 20
#define NS_MS 30
#define NS_STDA 31
#define NS_NTDS 32
#define NS_X500 40
#define NS_NIS 41
#define NS_NISPLUS 42
#define NS_WRQ 50
#define NS_NETDES 60
#define LUP_DEEP 0x0001
#define LUP_CONTAINERS 0x0002
#define LUP_NOCONTAINERS 0x0004
#define LUP_NEAREST 0x0008
#define LUP_RETURN_NAME 0x0010
#define LUP_RETURN_TYPE 0x0020
#define LUP_RETURN_VERSION 0x0040
#define LUP_RETURN_COMMENT 0x0080
#define LUP_RETURN_ADDR 0x0100
#define LUP_RETURN_BLOB 0x0200
#define LUP_RETURN_ALIASES 0x0400
#define LUP_RETURN_QUERY_STRING 0x0800
#define LUP_RETURN_ALL 0x0FF0
#define LUP_RES_SERVICE 0x8000
#define LUP_FLUSHCACHE 0x1000
#define LUP_FLUSHPREVIOUS 0x2000
#define LUP_NON_AUTHORITATIVE 0x4000
#define LUP_SECURE 0x8000
#define LUP_RETURN_PREFERRED_NAMES 0x10000
#define RESULT_IS_ALIAS 0x0001
#define RESULT_IS_ADDED 0x0010
#define RESULT_IS_CHANGED 0x0020
#define RESULT_IS_DELETED 0x0040

#endif /* WS2MP_COMPAT_WINSOCK2_H */
