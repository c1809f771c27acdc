/*
 * ws2mp compat: <winsock2.h> for unchanged Winsock 2 sources on Linux and macOS.
 *
 * Put include/compat on the include path (the CMake target ws2mp::compat does) and keep
 * `#include <winsock2.h>` as it is. This header includes the system socket headers, then
 * ws2mp.h, then maps Winsock's names onto ws2mp: names that POSIX also uses (socket, send,
 * recv, bind, select, ...) become function-like macros for the ws2mp_ functions, fd_set
 * becomes Winsock's counted array, and the Windows base types the network code uses
 * (BOOL, DWORD, WORD, HANDLE, ...) are defined.
 *
 * Known limits (docs/PORTING.md): the POSIX-clashing names are function-like macros, so a C++
 * call of std::bind with exactly three arguments after this header is rewritten too; Windows'
 * in_addr union (S_un.S_addr) does not exist: use s_addr.
 */
#ifndef WS2MP_COMPAT_WINSOCK2_H
#define WS2MP_COMPAT_WINSOCK2_H

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

#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/time.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <netdb.h>

#include "../ws2mp.h"

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
typedef int64_t LONGLONG;
typedef uint64_t ULONGLONG;
typedef uint64_t DWORD64;
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
#define PASCAL
#define FAR
#define NEAR
#ifndef __stdcall
#define __stdcall
#endif
#ifndef __cdecl
#define __cdecl
#endif

#define MAKEWORD(a, b) ((WORD)(((BYTE)((DWORD_PTR)(a) & 0xff)) | ((WORD)((BYTE)((DWORD_PTR)(b) & 0xff))) << 8))
#define MAKELONG(a, b) ((LONG)(((WORD)((DWORD_PTR)(a) & 0xffff)) | ((DWORD)((WORD)((DWORD_PTR)(b) & 0xffff))) << 16))
#define LOWORD(l) ((WORD)((DWORD_PTR)(l) & 0xffff))
#define HIWORD(l) ((WORD)((DWORD_PTR)(l) >> 16))
#define LOBYTE(w) ((BYTE)((DWORD_PTR)(w) & 0xff))
#define HIBYTE(w) ((BYTE)((DWORD_PTR)(w) >> 8))

/* ---- socket typedefs ----------------------------------------------------------------------- */
typedef struct sockaddr SOCKADDR, *PSOCKADDR, *LPSOCKADDR;
typedef struct sockaddr_in SOCKADDR_IN, *PSOCKADDR_IN, *LPSOCKADDR_IN;
typedef struct sockaddr_in6 SOCKADDR_IN6, *PSOCKADDR_IN6, *LPSOCKADDR_IN6;
typedef struct sockaddr_storage SOCKADDR_STORAGE, *PSOCKADDR_STORAGE, *LPSOCKADDR_STORAGE;
typedef struct in_addr IN_ADDR, *PIN_ADDR, *LPIN_ADDR;
typedef struct in6_addr IN6_ADDR, *PIN6_ADDR, *LPIN6_ADDR;
typedef struct hostent HOSTENT, *PHOSTENT, *LPHOSTENT;
typedef struct servent SERVENT, *PSERVENT, *LPSERVENT;
typedef struct protoent PROTOENT, *PPROTOENT, *LPPROTOENT;
typedef struct linger LINGER, *PLINGER, *LPLINGER;
typedef struct timeval TIMEVAL, *PTIMEVAL, *LPTIMEVAL;

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

/* ---- Winsock's fd_set: a counted array, not a bitmap ----------------------------------------- */
typedef struct ws2mp_compat_fd_set {
    unsigned int fd_count;
    SOCKET fd_array[WS2MP_FD_SETSIZE];
} WS2MP_FD_SET;
#define fd_set WS2MP_FD_SET
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
#ifndef FIONBIO
#define FIONBIO 0x8004667EUL
#endif
#ifndef FIONREAD
#define FIONREAD 0x4004667FUL
#endif
#ifndef SIOCATMARK
#define SIOCATMARK 0x40047307UL
#endif
#define SO_DONTLINGER ((int)(~SO_LINGER))
#define SO_EXCLUSIVEADDRUSE ((int)(~SO_REUSEADDR))
#ifndef ADDR_ANY
#define ADDR_ANY INADDR_ANY
#endif

/* ---- functions whose names POSIX also uses ------------------------------------------------- */
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

#ifdef __cplusplus
}
#endif

/* Windows' winsock2.h includes windows.h: programs that include only <winsock2.h> use Sleep,
 * GetTickCount and the other Win32 basics too. */
#include "windows.h"

/* ---- WSAPoll (the behaviour helper's block) --------------------------------------------------
 * Windows' POLL* values differ from <poll.h>'s. They are defined here unless <poll.h> came
 * first (then the program uses POSIX poll, and WS2MP_POLL* name Windows' values). */
typedef WSAPOLLFD *PWSAPOLLFD, *LPWSAPOLLFD;
#if !defined(POLLIN) && !defined(_SYS_POLL_H) && !defined(_POLL_H)
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
#if !defined(FARPROC)
#define FARPROC WS2MP_FARPROC /* WSASetBlockingHook's argument (Winsock 1.1) */
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
/* Windows' IFF_* values, unless <net/if.h> came first (include it before <winsock2.h> if a
 * program needs both: included after, it collides with these). */
#if !defined(IFF_UP)
#define IFF_UP WS2MP_IFF_UP
#define IFF_BROADCAST WS2MP_IFF_BROADCAST
#define IFF_LOOPBACK WS2MP_IFF_LOOPBACK
#define IFF_POINTTOPOINT WS2MP_IFF_POINTTOPOINT
#define IFF_MULTICAST WS2MP_IFF_MULTICAST
#endif
/* SIO_ADDRESS_LIST_QUERY's output. */
typedef struct _SOCKET_ADDRESS {
    struct sockaddr *lpSockaddr;
    int iSockaddrLength;
} SOCKET_ADDRESS, *PSOCKET_ADDRESS, *LPSOCKET_ADDRESS;
typedef struct _SOCKET_ADDRESS_LIST {
    int iAddressCount;
    SOCKET_ADDRESS Address[1];
} SOCKET_ADDRESS_LIST, *PSOCKET_ADDRESS_LIST, *LPSOCKET_ADDRESS_LIST;

#endif /* WS2MP_COMPAT_WINSOCK2_H */
