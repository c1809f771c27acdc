/*
 * ws2mp compat: <ip2string.h>: ntdll's address-string conversions (RtlIpv4AddressToString*,
 * RtlIpv4StringToAddress*, RtlIpv6AddressToString*, RtlIpv6StringToAddress*), A and W forms,
 * written over ws2mp's own inet_ntop/inet_pton (no ntdll to link: nothing else is needed).
 *
 * IPv4 text is read as Windows' ntdll reads it: with Strict FALSE, one to four parts, each
 * decimal, octal (a leading 0) or hexadecimal (0x), the last part filling the remaining bytes
 * ("1.223756", "203569230"); with Strict TRUE, four decimal parts without leading zeros.
 * The terminator is where reading stopped, also on failure; a part above its range, an
 * overflowing part, a fifth part or a missing one is STATUS_INVALID_PARAMETER.
 * The Ex forms read the whole string, with an optional ":port" (IPv4) or "[address%scope]:port"
 * (IPv6), the port and the address in network order. IPv6 text is written in Windows' form
 * (lowercase, "::" for the longest run of zero groups, a dotted quad for IPv4-mapped and
 * -compatible addresses). Differs from Windows: an IPv6 address is read by inet_pton from the
 * longest run of hex digits, ':' and '.', so the terminator of a malformed IPv6 text is the
 * start of the string rather than the character where Windows stops. The W forms read ASCII;
 * the Ex W readers also take L"..." strings (ws2mp_wchar_args.h).
 */
#ifndef WS2MP_COMPAT_IP2STRING_H
#define WS2MP_COMPAT_IP2STRING_H

#include "winsock2.h"
#include "ws2tcpip.h"
#include <stdio.h>
#include <string.h>

#ifndef WS2MP_NTSTATUS_DEFINED
#define WS2MP_NTSTATUS_DEFINED
typedef LONG NTSTATUS;
typedef NTSTATUS *PNTSTATUS;
#endif
#ifndef STATUS_INVALID_PARAMETER
#define STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000DL)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- IPv4 to text ---------------------------------------------------------------------- */

/* Writes "a.b.c.d" and its NUL into S (16 characters are enough); returns the NUL's address. */
static inline PSTR RtlIpv4AddressToStringA(const struct in_addr *Addr, PSTR S)
{
    const unsigned char *b = (const unsigned char *)Addr;
    return S + sprintf(S, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
}

static inline int ws2mp_ipv4_text_(const struct in_addr *Addr, USHORT Port, char *out, size_t n)
{
    const unsigned char *b = (const unsigned char *)Addr;
    int len = Port ? snprintf(out, n, "%u.%u.%u.%u:%u", b[0], b[1], b[2], b[3], (unsigned)ntohs(Port))
                   : snprintf(out, n, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    return len;
}

/* "a.b.c.d", or "a.b.c.d:port" when Port (network order) is not 0. *Length is the buffer's
 * size in characters on entry and the text's with its NUL on return; a buffer too small, or a
 * NULL argument, is STATUS_INVALID_PARAMETER (*Length then says what is needed). */
static inline NTSTATUS RtlIpv4AddressToStringExA(const struct in_addr *Address, USHORT Port, PSTR AddressString,
                                                 PULONG AddressStringLength)
{
    char text[32];
    ULONG need;
    if (Address == NULL || AddressString == NULL || AddressStringLength == NULL)
        return STATUS_INVALID_PARAMETER;
    need = (ULONG)ws2mp_ipv4_text_(Address, Port, text, sizeof(text)) + 1;
    if (*AddressStringLength < need) {
        *AddressStringLength = need;
        return STATUS_INVALID_PARAMETER;
    }
    memcpy(AddressString, text, need);
    *AddressStringLength = need;
    return 0;
}

static inline PWSTR RtlIpv4AddressToStringW(const struct in_addr *Addr, PWSTR S)
{
    char text[32];
    int i, n = ws2mp_ipv4_text_(Addr, 0, text, sizeof(text));
    for (i = 0; i <= n; i++)
        S[i] = (WCHAR)(unsigned char)text[i];
    return S + n;
}

static inline NTSTATUS RtlIpv4AddressToStringExW(const struct in_addr *Address, USHORT Port, PWSTR AddressString,
                                                 PULONG AddressStringLength)
{
    char text[32];
    ULONG need, i;
    if (Address == NULL || AddressString == NULL || AddressStringLength == NULL)
        return STATUS_INVALID_PARAMETER;
    need = (ULONG)ws2mp_ipv4_text_(Address, Port, text, sizeof(text)) + 1;
    if (*AddressStringLength < need) {
        *AddressStringLength = need;
        return STATUS_INVALID_PARAMETER;
    }
    for (i = 0; i < need; i++)
        AddressString[i] = (WCHAR)(unsigned char)text[i];
    *AddressStringLength = need;
    return 0;
}

/* ---- text to IPv4 ---------------------------------------------------------------------- */

/* One part of an IPv4 text from s[*pos]; FALSE when there is no number there. */
static inline BOOL ws2mp_ipv4_part_(const char *s, size_t *pos, BOOL Strict, ULONG *value)
{
    unsigned base = 10, digits = 0;
    ULONG v = 0;
    if (s[*pos] == '.') {
        (*pos)++;
        return FALSE;
    }
    if (s[*pos] == '0' && (s[*pos + 1] == 'x' || s[*pos + 1] == 'X')) {
        *pos += 2;
        if (Strict)
            return FALSE;
        base = 16;
    } else if (s[*pos] == '0' && s[*pos + 1] >= '0' && s[*pos + 1] <= '9') {
        *pos += 1;
        if (Strict)
            return FALSE;
        base = 8;
    }
    for (;; (*pos)++) {
        int c = (unsigned char)s[*pos], d;
        ULONG next;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            break;
        if ((unsigned)d >= base)
            break;
        next = v * base + (ULONG)d; /* 32 bits, wrapping */
        if (next < v)
            return FALSE; /* wrapped below the value so far: stop on this digit, as Windows does */
        v = next;
        digits++;
    }
    if (digits == 0)
        return FALSE;
    *value = v;
    return TRUE;
}

/* Reads s; *end is where it stopped. The address is stored only on success. */
static inline NTSTATUS ws2mp_ipv4_parse_(const char *s, BOOL Strict, size_t *end, struct in_addr *Addr)
{
    ULONG part[4];
    size_t pos = 0;
    int n = 0;
    unsigned char b[4];
    for (;;) {
        if (!ws2mp_ipv4_part_(s, &pos, Strict, &part[n])) {
            *end = pos;
            return STATUS_INVALID_PARAMETER;
        }
        n++;
        if (s[pos] != '.')
            break;
        if (n == 4) {
            *end = pos;
            return STATUS_INVALID_PARAMETER;
        }
        pos++;
    }
    *end = pos;
    if (Strict && n != 4)
        return STATUS_INVALID_PARAMETER;
    switch (n) {
    case 4:
        if (part[0] > 0xFF || part[1] > 0xFF || part[2] > 0xFF || part[3] > 0xFF)
            return STATUS_INVALID_PARAMETER;
        b[0] = (unsigned char)part[0], b[1] = (unsigned char)part[1];
        b[2] = (unsigned char)part[2], b[3] = (unsigned char)part[3];
        break;
    case 3:
        if (part[0] > 0xFF || part[1] > 0xFF || part[2] > 0xFFFF)
            return STATUS_INVALID_PARAMETER;
        b[0] = (unsigned char)part[0], b[1] = (unsigned char)part[1];
        b[2] = (unsigned char)(part[2] >> 8), b[3] = (unsigned char)part[2];
        break;
    case 2:
        if (part[0] > 0xFF || part[1] > 0xFFFFFF)
            return STATUS_INVALID_PARAMETER;
        b[0] = (unsigned char)part[0], b[1] = (unsigned char)(part[1] >> 16);
        b[2] = (unsigned char)(part[1] >> 8), b[3] = (unsigned char)part[1];
        break;
    default:
        b[0] = (unsigned char)(part[0] >> 24), b[1] = (unsigned char)(part[0] >> 16);
        b[2] = (unsigned char)(part[0] >> 8), b[3] = (unsigned char)part[0];
        break;
    }
    memcpy(Addr, b, 4);
    return 0;
}

static inline NTSTATUS RtlIpv4StringToAddressA(PCSTR S, BOOLEAN Strict, PCSTR *Terminator, struct in_addr *Addr)
{
    size_t end = 0;
    NTSTATUS st = ws2mp_ipv4_parse_(S, Strict, &end, Addr);
    *Terminator = S + end;
    return st;
}

/* The whole string: an address and an optional ":port" (1-65535, *Port in network order; 0
 * without one). */
static inline NTSTATUS RtlIpv4StringToAddressExA(PCSTR AddressString, BOOLEAN Strict, struct in_addr *Address,
                                                 PUSHORT Port)
{
    size_t end = 0, pos;
    ULONG port = 0;
    struct in_addr a;
    if (AddressString == NULL || Address == NULL || Port == NULL)
        return STATUS_INVALID_PARAMETER;
    if (ws2mp_ipv4_parse_(AddressString, Strict, &end, &a) != 0)
        return STATUS_INVALID_PARAMETER;
    if (AddressString[end] == ':') {
        pos = end + 1;
        if (!ws2mp_ipv4_part_(AddressString, &pos, FALSE, &port) || port == 0 || port > 0xFFFF ||
            AddressString[pos] != '\0')
            return STATUS_INVALID_PARAMETER;
    } else if (AddressString[end] != '\0') {
        return STATUS_INVALID_PARAMETER;
    }
    *Address = a;
    *Port = htons((USHORT)port);
    return 0;
}

/* The W forms read the UTF-16 text as ASCII (any other character ends it). */
static inline size_t ws2mp_ip_narrow_(PCWSTR w, char *out, size_t n)
{
    size_t i;
    for (i = 0; i + 1 < n && w[i] != 0; i++)
        out[i] = w[i] < 0x80 ? (char)w[i] : '\x7f';
    out[i] = '\0';
    return i;
}

static inline NTSTATUS RtlIpv4StringToAddressW(PCWSTR S, BOOLEAN Strict, PCWSTR *Terminator, struct in_addr *Addr)
{
    char text[128];
    size_t end = 0;
    NTSTATUS st;
    ws2mp_ip_narrow_(S, text, sizeof(text));
    st = ws2mp_ipv4_parse_(text, Strict, &end, Addr);
    *Terminator = S + end;
    return st;
}

static inline NTSTATUS RtlIpv4StringToAddressExW(LPCWSTR AddressString, BOOLEAN Strict, struct in_addr *Address,
                                                 PUSHORT Port)
{
    char text[128];
    if (AddressString == NULL)
        return STATUS_INVALID_PARAMETER;
    if (ws2mp_ip_narrow_(AddressString, text, sizeof(text)) == sizeof(text) - 1)
        return STATUS_INVALID_PARAMETER;
    return RtlIpv4StringToAddressExA(text, Strict, Address, Port);
}

/* ---- IPv6 ------------------------------------------------------------------------------ */

/* Writes the address in Windows' form (46 characters are enough); returns the NUL's address. */
static inline PSTR RtlIpv6AddressToStringA(const struct in6_addr *Addr, PSTR S)
{
    if (ws2mp_inet_ntop(AF_INET6, Addr, S, 46) == NULL)
        S[0] = '\0';
    return S + strlen(S);
}

static inline size_t ws2mp_ipv6_text_(const struct in6_addr *Addr, ULONG ScopeId, USHORT Port, char *out, size_t n)
{
    char a[64];
    int len;
    if (ws2mp_inet_ntop(AF_INET6, Addr, a, sizeof(a)) == NULL)
        a[0] = '\0';
    if (Port && ScopeId)
        len = snprintf(out, n, "[%s%%%u]:%u", a, (unsigned)ScopeId, (unsigned)ntohs(Port));
    else if (Port)
        len = snprintf(out, n, "[%s]:%u", a, (unsigned)ntohs(Port));
    else if (ScopeId)
        len = snprintf(out, n, "%s%%%u", a, (unsigned)ScopeId);
    else
        len = snprintf(out, n, "%s", a);
    return (size_t)len;
}

/* "address", "address%scope", "[address]:port" or "[address%scope]:port" (Port in network
 * order); *Length as for RtlIpv4AddressToStringExA. */
static inline NTSTATUS RtlIpv6AddressToStringExA(const struct in6_addr *Address, ULONG ScopeId, USHORT Port,
                                                 PSTR AddressString, PULONG AddressStringLength)
{
    char text[96];
    ULONG need;
    if (Address == NULL || AddressString == NULL || AddressStringLength == NULL)
        return STATUS_INVALID_PARAMETER;
    need = (ULONG)ws2mp_ipv6_text_(Address, ScopeId, Port, text, sizeof(text)) + 1;
    if (*AddressStringLength < need) {
        *AddressStringLength = need;
        return STATUS_INVALID_PARAMETER;
    }
    memcpy(AddressString, text, need);
    *AddressStringLength = need;
    return 0;
}

static inline PWSTR RtlIpv6AddressToStringW(const struct in6_addr *Addr, PWSTR S)
{
    char text[64];
    size_t i, n = ws2mp_ipv6_text_(Addr, 0, 0, text, sizeof(text));
    for (i = 0; i <= n; i++)
        S[i] = (WCHAR)(unsigned char)text[i];
    return S + n;
}

static inline NTSTATUS RtlIpv6AddressToStringExW(const struct in6_addr *Address, ULONG ScopeId, USHORT Port,
                                                 PWSTR AddressString, PULONG AddressStringLength)
{
    char text[96];
    ULONG need, i;
    if (Address == NULL || AddressString == NULL || AddressStringLength == NULL)
        return STATUS_INVALID_PARAMETER;
    need = (ULONG)ws2mp_ipv6_text_(Address, ScopeId, Port, text, sizeof(text)) + 1;
    if (*AddressStringLength < need) {
        *AddressStringLength = need;
        return STATUS_INVALID_PARAMETER;
    }
    for (i = 0; i < need; i++)
        AddressString[i] = (WCHAR)(unsigned char)text[i];
    *AddressStringLength = need;
    return 0;
}

/* The address text at the start of s: the run of hex digits, ':' and '.'; its length. */
static inline size_t ws2mp_ipv6_span_(const char *s)
{
    size_t i = 0;
    while ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F') ||
           s[i] == ':' || s[i] == '.')
        i++;
    return i;
}

static inline NTSTATUS ws2mp_ipv6_parse_(const char *s, size_t *end, struct in6_addr *Addr)
{
    char text[64];
    size_t n = ws2mp_ipv6_span_(s);
    struct in6_addr a;
    *end = 0;
    if (n == 0 || n >= sizeof(text))
        return STATUS_INVALID_PARAMETER;
    memcpy(text, s, n);
    text[n] = '\0';
    if (ws2mp_inet_pton(AF_INET6, text, &a) != 1)
        return STATUS_INVALID_PARAMETER;
    *end = n;
    *Addr = a;
    return 0;
}

static inline NTSTATUS RtlIpv6StringToAddressA(PCSTR S, PCSTR *Terminator, struct in6_addr *Addr)
{
    size_t end = 0;
    NTSTATUS st = ws2mp_ipv6_parse_(S, &end, Addr);
    *Terminator = S + end;
    return st;
}

/* The whole string: "address", "address%scope", "[address]", "[address%scope]", each
 * bracketed form with an optional ":port"; *ScopeId and *Port (network order) are 0 when
 * absent. */
static inline NTSTATUS RtlIpv6StringToAddressExA(PCSTR AddressString, struct in6_addr *Address, PULONG ScopeId,
                                                 PUSHORT Port)
{
    size_t pos = 0, end = 0;
    ULONG scope = 0, port = 0;
    BOOL bracket = FALSE;
    struct in6_addr a;
    if (AddressString == NULL || Address == NULL || ScopeId == NULL || Port == NULL)
        return STATUS_INVALID_PARAMETER;
    if (AddressString[0] == '[') {
        bracket = TRUE;
        pos = 1;
    }
    if (ws2mp_ipv6_parse_(AddressString + pos, &end, &a) != 0)
        return STATUS_INVALID_PARAMETER;
    pos += end;
    if (AddressString[pos] == '%') {
        pos++;
        if (!ws2mp_ipv4_part_(AddressString, &pos, TRUE, &scope))
            return STATUS_INVALID_PARAMETER;
    }
    if (bracket) {
        if (AddressString[pos] != ']')
            return STATUS_INVALID_PARAMETER;
        pos++;
        if (AddressString[pos] == ':') {
            pos++;
            if (!ws2mp_ipv4_part_(AddressString, &pos, FALSE, &port) || port == 0 || port > 0xFFFF)
                return STATUS_INVALID_PARAMETER;
        }
    }
    if (AddressString[pos] != '\0')
        return STATUS_INVALID_PARAMETER;
    *Address = a;
    *ScopeId = scope;
    *Port = htons((USHORT)port);
    return 0;
}

static inline NTSTATUS RtlIpv6StringToAddressW(PCWSTR S, PCWSTR *Terminator, struct in6_addr *Addr)
{
    char text[128];
    size_t end = 0;
    NTSTATUS st;
    ws2mp_ip_narrow_(S, text, sizeof(text));
    st = ws2mp_ipv6_parse_(text, &end, Addr);
    *Terminator = S + end;
    return st;
}

static inline NTSTATUS RtlIpv6StringToAddressExW(LPCWSTR AddressString, struct in6_addr *Address, PULONG ScopeId,
                                                 PUSHORT Port)
{
    char text[128];
    if (AddressString == NULL)
        return STATUS_INVALID_PARAMETER;
    if (ws2mp_ip_narrow_(AddressString, text, sizeof(text)) == sizeof(text) - 1)
        return STATUS_INVALID_PARAMETER;
    return RtlIpv6StringToAddressExA(text, Address, ScopeId, Port);
}

#ifdef UNICODE
#define RtlIpv4AddressToString RtlIpv4AddressToStringW
#define RtlIpv4AddressToStringEx RtlIpv4AddressToStringExW
#define RtlIpv4StringToAddress RtlIpv4StringToAddressW
#define RtlIpv4StringToAddressEx RtlIpv4StringToAddressExW
#define RtlIpv6AddressToString RtlIpv6AddressToStringW
#define RtlIpv6AddressToStringEx RtlIpv6AddressToStringExW
#define RtlIpv6StringToAddress RtlIpv6StringToAddressW
#define RtlIpv6StringToAddressEx RtlIpv6StringToAddressExW
#else
#define RtlIpv4AddressToString RtlIpv4AddressToStringA
#define RtlIpv4AddressToStringEx RtlIpv4AddressToStringExA
#define RtlIpv4StringToAddress RtlIpv4StringToAddressA
#define RtlIpv4StringToAddressEx RtlIpv4StringToAddressExA
#define RtlIpv6AddressToString RtlIpv6AddressToStringA
#define RtlIpv6AddressToStringEx RtlIpv6AddressToStringExA
#define RtlIpv6StringToAddress RtlIpv6StringToAddressA
#define RtlIpv6StringToAddressEx RtlIpv6StringToAddressExA
#endif

#ifdef __cplusplus
}
#endif

/* The Ex W readers also take L"..." (wchar_t) strings; the others return a pointer into the
 * string they read, so they take WCHAR strings only. */
#if !defined(WS2MP_NO_WCHAR_T_OVERLOADS) && !defined(_MSC_VER)
#define WS2MP_WCHAR_ARGS_FOR_IP2STRING_H
#include "ws2mp_wchar_args.h"
#endif

#endif /* WS2MP_COMPAT_IP2STRING_H */
