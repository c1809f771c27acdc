/*
 * A lobby server's session setup, written the way Windows programs do it: a session id from
 * UuidCreate / CoCreateGuid printed with UuidToString / StringFromGUID2 and read back with
 * UuidFromString, time-ordered message ids from UuidCreateSequential, a 32-byte session key
 * from CryptGenRandom, nonces from BCryptGenRandom and rand_s, and the compiler intrinsics
 * such programs time and pack flags with (__rdtsc, _BitScanForward/Reverse, __popcnt,
 * __cpuid). Then the errors Windows gives for bad handles, flags and strings.
 */
#define _CRT_RAND_S
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <rpc.h>
#include <wincrypt.h>
#include <bcrypt.h>
#include <objbase.h>
#include <intrin.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

/* Whether a buffer of random bytes looks random: not all one value, and both halves of the
 * bits present (a fixed or stuck generator fails; a real one fails with odds below 2^-200). */
static int looks_random(const unsigned char *b, size_t n)
{
    size_t i, ones = 0, same = 1;
    for (i = 0; i < n; i++) {
        ones += (size_t)__popcnt(b[i]);
        if (b[i] != b[0])
            same = 0;
    }
    return !same && ones > n * 8 / 4 && ones < n * 8 * 3 / 4;
}

static void session_ids(void)
{
    UUID id, back, seq1, seq2, nil;
    RPC_CSTR text = NULL;
    RPC_WSTR wtext = NULL;
    GUID g1, g2;
    OLECHAR braced[40];
    RPC_STATUS st;

    CHECK_EQ(UuidCreate(&id), RPC_S_OK, "UuidCreate gives a session id");
    CHECK_EQ(id.Data3 >> 12, 4, "it is a random (version 4) UUID");
    CHECK_EQ(id.Data4[0] & 0xC0, 0x80, "of RFC 4122's variant");
    REQUIRE(UuidToStringA(&id, &text) == RPC_S_OK && text != NULL, "UuidToString spells it");
    CHECK_EQ(strlen((char *)text), 36, "36 characters, no braces");
    CHECK(text[8] == '-' && text[13] == '-' && text[18] == '-' && text[23] == '-',
          "dashes where Windows puts them");
    CHECK(text[14] == '4', "the version digit is 4");
    {
        int lower = 1, i;
        for (i = 0; i < 36; i++)
            if (text[i] >= 'A' && text[i] <= 'F')
                lower = 0;
        CHECK(lower, "in lower case, as Windows spells it");
    }
    CHECK_EQ(UuidFromStringA(text, &back), RPC_S_OK, "UuidFromString reads it back");
    CHECK(memcmp(&id, &back, sizeof(id)) == 0, "the same UUID");
    CHECK(UuidEqual(&id, &back, &st) && st == RPC_S_OK, "UuidEqual agrees");
    CHECK_EQ(RpcStringFreeA(&text), RPC_S_OK, "RpcStringFree frees the text");
    CHECK(text == NULL, "and clears the pointer");

    CHECK_EQ(UuidToStringW(&id, &wtext), RPC_S_OK, "UuidToStringW spells it in UTF-16");
    CHECK(wtext != NULL && wtext[36] == 0 && wtext[8] == '-', "36 UTF-16 characters");
    memset(&back, 0, sizeof(back));
    CHECK_EQ(UuidFromStringW(wtext, &back), RPC_S_OK, "UuidFromStringW reads it back");
    CHECK(memcmp(&id, &back, sizeof(id)) == 0, "the same UUID again");
    CHECK_EQ(RpcStringFreeW(&wtext), RPC_S_OK, "RpcStringFreeW frees it");

    CHECK_EQ(UuidFromStringA((RPC_CSTR) "6B29FC40-CA47-1067-B31D-00DD010662DA", &back), RPC_S_OK,
             "upper case is read too");
    CHECK(back.Data1 == 0x6B29FC40 && back.Data2 == 0xCA47 && back.Data3 == 0x1067 &&
              back.Data4[0] == 0xB3 && back.Data4[7] == 0xDA,
          "field by field");
    CHECK_EQ(UuidFromStringA((RPC_CSTR) "{6B29FC40-CA47-1067-B31D-00DD010662DA}", &back),
             RPC_S_INVALID_STRING_UUID, "braces are refused (RPC_S_INVALID_STRING_UUID)");
    CHECK_EQ(UuidFromStringA((RPC_CSTR) "6B29FC40-CA47-1067-B31D-00DD010662D", &back),
             RPC_S_INVALID_STRING_UUID, "a short one too");
    CHECK_EQ(UuidFromStringA((RPC_CSTR) "6B29FC40-CA47-1067-B31D-00DD010662DX", &back),
             RPC_S_INVALID_STRING_UUID, "and one with a letter past F");
    CHECK_EQ(UuidFromStringA(NULL, &back), RPC_S_OK, "NULL text is the nil UUID");
    CHECK(UuidIsNil(&back, &st), "UuidIsNil says so");
    UuidCreateNil(&nil);
    CHECK(UuidIsNil(&nil, &st) && !UuidIsNil(&id, &st), "UuidCreateNil is nil, a session id is not");

    st = UuidCreateSequential(&seq1);
    CHECK(st == RPC_S_OK || st == RPC_S_UUID_LOCAL_ONLY, "UuidCreateSequential gives an id");
    st = UuidCreateSequential(&seq2);
    CHECK(st == RPC_S_OK || st == RPC_S_UUID_LOCAL_ONLY, "and another");
    CHECK_EQ(seq1.Data3 >> 12, 1, "a time-based (version 1) UUID");
    {
        unsigned long long t1 = ((unsigned long long)(seq1.Data3 & 0x0FFF) << 48) |
                                ((unsigned long long)seq1.Data2 << 32) | seq1.Data1;
        unsigned long long t2 = ((unsigned long long)(seq2.Data3 & 0x0FFF) << 48) |
                                ((unsigned long long)seq2.Data2 << 32) | seq2.Data1;
        CHECK(t2 > t1, "the later one has the later timestamp");
    }
    CHECK(memcmp(seq1.Data4 + 2, seq2.Data4 + 2, 6) == 0, "both from one node");

    CHECK_EQ(CoCreateGuid(&g1), S_OK, "CoCreateGuid gives a GUID");
    CHECK_EQ(CoCreateGuid(&g2), S_OK, "and another");
    CHECK(!IsEqualGUID(&g1, &g2), "two GUIDs differ");
    CHECK_EQ(StringFromGUID2(&g1, braced, 40), 39, "StringFromGUID2 spells it with braces");
    CHECK(braced[0] == '{' && braced[15] == '4', "version 4 there too");
    CHECK(UuidCompare(&g1, &g2, &st) == -UuidCompare(&g2, &g1, &st), "UuidCompare orders both ways");

    CHECK_EQ(CoCreateGuid(NULL), E_INVALIDARG, "CoCreateGuid(NULL) is E_INVALIDARG");
    CHECK_EQ(UuidCreate(NULL), RPC_S_INVALID_ARG, "UuidCreate(NULL) is RPC_S_INVALID_ARG");
    CHECK_EQ(UuidToStringA(&id, NULL), RPC_S_INVALID_ARG, "UuidToString without an out pointer");
}

static void session_keys(void)
{
    HCRYPTPROV prov = 0, other = 0;
    unsigned char key[32], key2[32], nonce[64];
    unsigned int r[64];
    int i, distinct = 0;

    /* On Windows an NTE_ code is an HRESULT; GetLastError returns it as a DWORD. */

    memset(key, 0, sizeof(key));
    REQUIRE(CryptAcquireContext(&prov, NULL, NULL, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT),
            "CryptAcquireContext opens a provider");
    CHECK(prov != 0, "a nonzero HCRYPTPROV");
    CHECK(CryptGenRandom(prov, sizeof(key), key), "CryptGenRandom makes a session key");
    CHECK(CryptGenRandom(prov, sizeof(key2), key2), "and a second one");
    CHECK(looks_random(key, sizeof(key)) && memcmp(key, key2, sizeof(key)) != 0,
          "random, and different each time");
    CHECK(CryptAcquireContextA(&other, "lobby", MS_ENHANCED_PROV_A, PROV_RSA_AES, 0),
          "a named container with another provider opens too");
    CHECK(other != prov, "a second handle");
    CHECK(CryptReleaseContext(other, 0), "CryptReleaseContext closes it");
    CHECK(CryptReleaseContext(prov, 0), "and the first");

    SetLastError(0);
    CHECK(!CryptGenRandom(prov, sizeof(key), key), "a released provider generates nothing");
    CHECK_EQ(GetLastError(), (DWORD)NTE_BAD_UID, "NTE_BAD_UID");
    SetLastError(0);
    CHECK(!CryptReleaseContext(prov, 0), "releasing it twice fails");
    CHECK_EQ(GetLastError(), (DWORD)NTE_BAD_UID, "NTE_BAD_UID again");
    REQUIRE(CryptAcquireContext(&prov, NULL, NULL, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT), "reopen");
    SetLastError(0);
    CHECK(!CryptReleaseContext(prov, 1), "nonzero dwFlags fail");
    CHECK_EQ(GetLastError(), (DWORD)NTE_BAD_FLAGS, "NTE_BAD_FLAGS");
    CHECK(!CryptGenRandom(prov, 4, key), "and the provider was released all the same");
    SetLastError(0);
    CHECK(!CryptAcquireContext(&prov, NULL, NULL, PROV_RSA_FULL, 0x4000), "unknown flags fail");
    CHECK_EQ(GetLastError(), (DWORD)NTE_BAD_FLAGS, "NTE_BAD_FLAGS");
    SetLastError(0);
    CHECK(!CryptAcquireContext(NULL, NULL, NULL, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT),
          "a NULL handle pointer fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER");

    CHECK(BCRYPT_SUCCESS(BCryptGenRandom(NULL, nonce, sizeof(nonce), BCRYPT_USE_SYSTEM_PREFERRED_RNG)),
          "BCryptGenRandom with the system-preferred generator");
    CHECK(looks_random(nonce, sizeof(nonce)), "fills the nonce");
    CHECK_EQ(BCryptGenRandom(NULL, nonce, sizeof(nonce), 0), STATUS_INVALID_HANDLE,
             "no algorithm and no flag: STATUS_INVALID_HANDLE");
    CHECK_EQ(BCryptGenRandom(NULL, NULL, 8, BCRYPT_USE_SYSTEM_PREFERRED_RNG),
             STATUS_INVALID_PARAMETER, "a NULL buffer: STATUS_INVALID_PARAMETER");

    for (i = 0; i < 64 && rand_s(&r[i]) == 0; i++)
        ;
    CHECK_EQ(i, 64, "rand_s returns 0 64 times");
    for (i = 1; i < 64; i++)
        if (r[i] != r[0])
            distinct = 1;
    CHECK(distinct && looks_random((unsigned char *)r, sizeof(r)), "rand_s values are random");
    CHECK_EQ(rand_s(NULL), EINVAL, "rand_s(NULL) is EINVAL");
}

static void intrinsics(void)
{
    unsigned long index = 99;
    unsigned long long t0, t1;

    CHECK(_BitScanForward(&index, 0x10) && index == 4, "_BitScanForward finds bit 4");
    CHECK(_BitScanReverse(&index, 0x80000001ul) && index == 31, "_BitScanReverse finds bit 31");
    index = 99;
    CHECK(!_BitScanForward(&index, 0) && index == 99, "no bit: 0, the index left alone");
    CHECK(_BitScanReverse64(&index, 1ull << 40) && index == 40, "_BitScanReverse64 finds bit 40");
    CHECK(_BitScanForward64(&index, 3ull << 33) && index == 33, "_BitScanForward64 finds bit 33");
    CHECK_EQ(__popcnt(0xF0F0u), 8, "__popcnt counts 8 bits");
    CHECK_EQ(__popcnt16(0x8001), 2, "__popcnt16 counts 2");
    CHECK_EQ((long)__popcnt64(0xFFFFFFFFFFull), 40, "__popcnt64 counts 40");
    t0 = __rdtsc();
    Sleep(2);
    t1 = __rdtsc();
    CHECK(t1 > t0, "__rdtsc counts forward across a sleep");
#if defined(__x86_64__) || defined(__i386__) || defined(_M_X64) || defined(_M_IX86)
    {
        int info[4];
        char vendor[13];
        __cpuid(info, 0);
        memcpy(vendor, &info[1], 4);
        memcpy(vendor + 4, &info[3], 4);
        memcpy(vendor + 8, &info[2], 4);
        vendor[12] = 0;
        CHECK(info[0] >= 1 && strlen(vendor) == 12, "__cpuid(0) gives the vendor string");
    }
#endif
}

int main(void)
{
    session_ids();
    session_keys();
    intrinsics();
    return check_done();
}
