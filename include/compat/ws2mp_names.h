/*
 * ws2mp compat: name resolution the Winsock way. Included by <winsock2.h>; not meant to be
 * included on its own.
 *
 * Windows' structures under Windows' names (hostent with 16-bit h_addrtype/h_length, servent
 * with Win64's field order, protoent with a 16-bit p_proto, addrinfo with Windows' field
 * order, ADDRINFOW), Windows' AI_*, NI_* and EAI_* values (the EAI_* are Winsock codes), and
 * the libc-named functions mapped onto ws2mp's prefixed exports.
 *
 * How: the system's <netdb.h> and <arpa/inet.h> are included first, unchanged, so
 * their declarations keep their own names and any later #include of them does nothing. Then
 * the Windows names are object-like macros for ws2mp's (`hostent` is ws2mp_hostent,
 * `gethostbyname` is ws2mp_gethostbyname, ...). Object-like macros rather than declarations
 * with assembler labels: they keep working when a program (or another header) includes
 * <netdb.h> before <winsock2.h>, where a second declaration of `gethostbyname` with Windows'
 * types would conflict with the system's. `&gethostbyname` is ws2mp's function. `gethostname`
 * is the exception: see below.
 */
#ifndef WS2MP_COMPAT_NAMES_H
#define WS2MP_COMPAT_NAMES_H

#include <stddef.h>
#include <netdb.h>
#include <arpa/inet.h>

#include "../ws2mp.h"

/* ---- structures ------------------------------------------------------------------------------ */
#define hostent ws2mp_hostent
#define servent ws2mp_servent
#define protoent ws2mp_protoent
#define addrinfo ws2mp_addrinfo

typedef struct ws2mp_hostent HOSTENT, *PHOSTENT, *LPHOSTENT;
typedef struct ws2mp_servent SERVENT, *PSERVENT, *LPSERVENT;
typedef struct ws2mp_protoent PROTOENT, *PPROTOENT, *LPPROTOENT;
typedef struct ws2mp_addrinfo ADDRINFOA, *PADDRINFOA, ADDRINFO, *LPADDRINFO;
typedef struct addrinfoW ADDRINFOW, *PADDRINFOW;
/* GetAddrInfoEx's lists (Windows declares them in <ws2def.h>); ai_blob and ai_provider are
 * NULL in ws2mp's answers. GetAddrInfoExA/W, GetAddrInfoExCancel,
 * GetAddrInfoExOverlappedResult, FreeAddrInfoEx and FreeAddrInfoExW are declared in ws2mp.h
 * (LPLOOKUPSERVICE_COMPLETION_ROUTINE too). */
typedef struct addrinfoexA ADDRINFOEXA, *PADDRINFOEXA, *LPADDRINFOEXA;
typedef struct addrinfoexW ADDRINFOEXW, *PADDRINFOEXW, *LPADDRINFOEXW;

#ifndef h_addr
#define h_addr h_addr_list[0]
#endif

/* ---- functions whose names libc also uses --------------------------------------------------- */
#define gethostbyname ws2mp_gethostbyname
#define gethostbyaddr ws2mp_gethostbyaddr
/* gethostname: <unistd.h> (which a Windows program never includes, and which would bring POSIX
 * names such as read, sync or acct into its namespace) declares it with a size_t length. When
 * <unistd.h> came first, the name is mapped onto ws2mp's function; otherwise it is declared
 * here exactly as <unistd.h> declares it, bound to ws2mp's function by assembler label, so a
 * later #include <unistd.h> agrees with it. */
#if defined(_UNISTD_H) || defined(_UNISTD_H_)
#define gethostname ws2mp_gethostname
#else
#define WS2MP_NAMES_STR2_(x) #x
#define WS2MP_NAMES_STR_(x) WS2MP_NAMES_STR2_(x)
#if defined(__cplusplus)
extern "C" {
#endif
#if defined(__cplusplus) && defined(__THROW)
int gethostname(char *name, size_t namelen) __THROW
    __asm__(WS2MP_NAMES_STR_(__USER_LABEL_PREFIX__) "ws2mp_gethostname");
#else
int gethostname(char *name, size_t namelen)
    __asm__(WS2MP_NAMES_STR_(__USER_LABEL_PREFIX__) "ws2mp_gethostname");
#endif
#if defined(__cplusplus)
}
#endif
#endif
#define getservbyname ws2mp_getservbyname
#define getservbyport ws2mp_getservbyport
#define getprotobyname ws2mp_getprotobyname
#define getprotobynumber ws2mp_getprotobynumber
#define getaddrinfo ws2mp_getaddrinfo
#define freeaddrinfo ws2mp_freeaddrinfo
#define getnameinfo ws2mp_getnameinfo
#define inet_addr ws2mp_inet_addr
/* inet_pton and inet_ntop are Vista's (NTDDI_VERSION): a program that targets XP defines its
 * own, and calls them by those names (ws2mp_winver.h). */
#if WS2MP_NTDDI_VISTA
#define inet_pton ws2mp_inet_pton
#define inet_ntop ws2mp_inet_ntop
#endif

/* Windows' other spellings of the same functions. */
#define GetAddrInfoA ws2mp_getaddrinfo
#define FreeAddrInfoA ws2mp_freeaddrinfo
#define GetNameInfoA ws2mp_getnameinfo
#if WS2MP_NTDDI_VISTA
#define InetPtonA ws2mp_inet_pton
#define InetNtopA ws2mp_inet_ntop
#endif
#define gai_strerrorA ws2mp_gai_strerror
#define gai_strerrorW ws2mp_gai_strerrorW
#undef gai_strerror

#ifdef UNICODE
typedef ADDRINFOW ADDRINFOT, *PADDRINFOT;
typedef ADDRINFOEXW ADDRINFOEX, *PADDRINFOEX, *LPADDRINFOEX;
#if WS2MP_WINNT_VISTA
#define GetAddrInfoEx GetAddrInfoExW
#define FreeAddrInfoEx FreeAddrInfoExW
#endif
#define GetAddrInfo GetAddrInfoW
#define FreeAddrInfo FreeAddrInfoW
#define GetNameInfo GetNameInfoW
#if WS2MP_NTDDI_VISTA
#define InetPton InetPtonW
#define InetNtop InetNtopW
#endif
#define gai_strerror gai_strerrorW
#define WSAAddressToString WSAAddressToStringW
#define WSAStringToAddress WSAStringToAddressW
#else
typedef ADDRINFOA ADDRINFOT, *PADDRINFOT;
typedef ADDRINFOEXA ADDRINFOEX, *PADDRINFOEX, *LPADDRINFOEX;
#if WS2MP_WINNT_VISTA
#define GetAddrInfoEx GetAddrInfoExA
#endif
#define GetAddrInfo GetAddrInfoA
#define FreeAddrInfo FreeAddrInfoA
#define GetNameInfo GetNameInfoA
#if WS2MP_NTDDI_VISTA
#define InetPton InetPtonA
#define InetNtop InetNtopA
#endif
#define gai_strerror gai_strerrorA
#define WSAAddressToString WSAAddressToStringA
#define WSAStringToAddress WSAStringToAddressA
#endif

/* ---- Windows' flag values ------------------------------------------------------------------ */
#undef AI_PASSIVE
#undef AI_CANONNAME
#undef AI_NUMERICHOST
#undef AI_NUMERICSERV
#undef AI_ALL
#undef AI_ADDRCONFIG
#undef AI_V4MAPPED
#undef AI_IDN
#undef AI_CANONIDN
#undef AI_IDN_ALLOW_UNASSIGNED
#undef AI_IDN_USE_STD3_ASCII_RULES
#undef AI_DEFAULT
#undef AI_MASK
#undef AI_V4MAPPED_CFG
#undef AI_UNUSABLE
#define AI_PASSIVE 0x00000001
#define AI_CANONNAME 0x00000002
#define AI_NUMERICHOST 0x00000004
#define AI_NUMERICSERV 0x00000008
#define AI_DNS_ONLY 0x00000010
#define AI_FORCE_CLEAR_TEXT 0x00000020
#define AI_BYPASS_DNS_CACHE 0x00000040
#define AI_RETURN_TTL 0x00000080
#define AI_ALL 0x00000100
#define AI_ADDRCONFIG 0x00000400
#define AI_V4MAPPED 0x00000800
#define AI_NON_AUTHORITATIVE 0x00004000
#define AI_SECURE 0x00008000
#define AI_RETURN_PREFERRED_NAMES 0x00010000
#define AI_FQDN 0x00020000
#define AI_FILESERVER 0x00040000
#define AI_DISABLE_IDN_ENCODING 0x00080000

#undef NI_NOFQDN
#undef NI_NUMERICHOST
#undef NI_NAMEREQD
#undef NI_NUMERICSERV
#undef NI_DGRAM
#undef NI_MAXHOST
#undef NI_MAXSERV
#undef NI_IDN
#undef NI_IDN_ALLOW_UNASSIGNED
#undef NI_IDN_USE_STD3_ASCII_RULES
#undef NI_NUMERICSCOPE
#undef NI_WITHSCOPEID
#define NI_NOFQDN 0x01
#define NI_NUMERICHOST 0x02
#define NI_NAMEREQD 0x04
#define NI_NUMERICSERV 0x08
#define NI_DGRAM 0x10
#define NI_MAXHOST 1025
#define NI_MAXSERV 32

/* On Windows the EAI_* codes are Winsock error codes. */
#undef EAI_AGAIN
#undef EAI_BADFLAGS
#undef EAI_FAIL
#undef EAI_FAMILY
#undef EAI_MEMORY
#undef EAI_NONAME
#undef EAI_NODATA
#undef EAI_SERVICE
#undef EAI_SOCKTYPE
#undef EAI_SYSTEM
#undef EAI_OVERFLOW
#undef EAI_ADDRFAMILY
#undef EAI_BADHINTS
#undef EAI_PROTOCOL
#undef EAI_MAX
#undef EAI_INPROGRESS
#undef EAI_CANCELED
#undef EAI_NOTCANCELED
#undef EAI_ALLDONE
#undef EAI_INTR
#undef EAI_IDN_ENCODE
#define EAI_AGAIN WSATRY_AGAIN
#define EAI_BADFLAGS WSAEINVAL
#define EAI_FAIL WSANO_RECOVERY
#define EAI_FAMILY WSAEAFNOSUPPORT
#define EAI_MEMORY WSA_NOT_ENOUGH_MEMORY
#define EAI_NONAME WSAHOST_NOT_FOUND
#define EAI_NODATA EAI_NONAME
#define EAI_SERVICE WSATYPE_NOT_FOUND
#define EAI_SOCKTYPE WSAESOCKTNOSUPPORT

/* h_errno and its codes are Winsock's last error. */
#undef h_errno
#undef HOST_NOT_FOUND
#undef TRY_AGAIN
#undef NO_RECOVERY
#undef NO_DATA
#undef NO_ADDRESS
#define h_errno WSAGetLastError()
#define HOST_NOT_FOUND WSAHOST_NOT_FOUND
#define TRY_AGAIN WSATRY_AGAIN
#define NO_RECOVERY WSANO_RECOVERY
#define NO_DATA WSANO_DATA
#define NO_ADDRESS WSANO_ADDRESS

#ifndef MAXGETHOSTSTRUCT
#define MAXGETHOSTSTRUCT 1024
#endif

/* Windows' address-string buffer sizes leave room for a port and a scope. */
#undef INET_ADDRSTRLEN
#undef INET6_ADDRSTRLEN
#define INET_ADDRSTRLEN 22
#define INET6_ADDRSTRLEN 65

#endif /* WS2MP_COMPAT_NAMES_H */
