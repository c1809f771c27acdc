/*
 * ws2mp compat: <rpc.h> (also <rpcdce.h>; through <windows.h> unless WIN32_LEAN_AND_MEAN, as
 * Windows' does): the RPC runtime's UUID functions, which programs use to name sessions, peers
 * and messages. Remote procedure calls themselves are not provided.
 *
 * Exported by libws2mp (declared in ws2mp.h): UuidCreate (a random, version 4 UUID),
 * UuidCreateSequential (a time-based, version 1 UUID whose node is random: it returns
 * RPC_S_UUID_LOCAL_ONLY, as Windows does on a machine without a network card's address),
 * UuidToStringA/W (lower case, 36 characters, no braces, allocated: free it with
 * RpcStringFreeA/W), UuidFromStringA/W (either case, no braces; NULL is the nil UUID;
 * RPC_S_INVALID_STRING_UUID otherwise). Here: UuidCreateNil, UuidIsNil, UuidEqual,
 * UuidCompare, UuidHash.
 */
#ifndef WS2MP_COMPAT_RPC_H
#define WS2MP_COMPAT_RPC_H

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef LONG RPC_STATUS;
typedef unsigned char *RPC_CSTR;
typedef unsigned short *RPC_WSTR;
typedef const unsigned char *RPC_CCSTR;
typedef const unsigned short *RPC_CWSTR;
#ifndef WS2MP_UUID_DEFINED
#define WS2MP_UUID_DEFINED
typedef GUID UUID;
#endif
#ifndef uuid_t
#define uuid_t UUID
#endif

#define RPC_ENTRY
#define RPC_S_OK 0L
#define RPC_S_INVALID_ARG 87L
#define RPC_S_OUT_OF_MEMORY 14L
#define RPC_S_INVALID_STRING_UUID 1705L
#define RPC_S_UUID_NO_ADDRESS 1739L
#define RPC_S_UUID_LOCAL_ONLY 1824L

#ifdef UNICODE
#define UuidToString UuidToStringW
#define UuidFromString UuidFromStringW
#define RpcStringFree RpcStringFreeW
#else
#define UuidToString UuidToStringA
#define UuidFromString UuidFromStringA
#define RpcStringFree RpcStringFreeA
#endif

/* The nil UUID (all zeros) in *NilUuid. */
static inline RPC_STATUS UuidCreateNil(UUID *NilUuid)
{
    memset(NilUuid, 0, sizeof(*NilUuid));
    return RPC_S_OK;
}

/* Orders two UUIDs by their fields (NULL counts as the nil UUID): -1, 0 or 1. */
static inline int UuidCompare(UUID *Uuid1, UUID *Uuid2, RPC_STATUS *Status)
{
    static const UUID nil = {0, 0, 0, {0, 0, 0, 0, 0, 0, 0, 0}};
    const UUID *a = Uuid1 ? Uuid1 : &nil, *b = Uuid2 ? Uuid2 : &nil;
    int i;
    *Status = RPC_S_OK;
    if (a->Data1 != b->Data1)
        return a->Data1 < b->Data1 ? -1 : 1;
    if (a->Data2 != b->Data2)
        return a->Data2 < b->Data2 ? -1 : 1;
    if (a->Data3 != b->Data3)
        return a->Data3 < b->Data3 ? -1 : 1;
    for (i = 0; i < 8; i++)
        if (a->Data4[i] != b->Data4[i])
            return a->Data4[i] < b->Data4[i] ? -1 : 1;
    return 0;
}

/* TRUE when the UUIDs are equal. */
static inline int UuidEqual(UUID *Uuid1, UUID *Uuid2, RPC_STATUS *Status)
{
    return UuidCompare(Uuid1, Uuid2, Status) == 0;
}

/* TRUE for the nil UUID (or NULL). */
static inline int UuidIsNil(UUID *Uuid, RPC_STATUS *Status)
{
    return UuidCompare(Uuid, NULL, Status) == 0;
}

/* A 16-bit hash of the UUID (equal UUIDs, equal hashes). */
static inline unsigned short UuidHash(UUID *Uuid, RPC_STATUS *Status)
{
    const unsigned char *p = (const unsigned char *)Uuid;
    unsigned short h = 0;
    size_t i;
    *Status = RPC_S_OK;
    if (Uuid == NULL)
        return 0;
    for (i = 0; i < sizeof(UUID); i++)
        h = (unsigned short)(h * 31u + p[i]);
    return h;
}

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_RPC_H */
