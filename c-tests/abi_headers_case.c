/* ws2mp-test: no-mingw */ /* header names in any case: mingw-w64's are lower-case on a case-sensitive file system */
/*
 * Windows code spells header names in many capitalisations; each one is found, and including
 * them all (with the Winsock 1.1 header, mstcpip.h and the Win32 headers that forward to
 * windows.h) compiles as one program.
 */
#include <WinSock2.h>
#include <Winsock2.h>
#include <WINSOCK2.H>
#include <winsock2.h>
#include <WS2tcpip.h>
#include <Ws2tcpip.h>
#include <WS2TCPIP.H>
#include <ws2tcpip.h>
#include <MSWSock.h>
#include <Mswsock.h>
#include <MSWSOCK.H>
#include <mswsock.h>
#include <WinSock.h>
#include <Winsock.h>
#include <WINSOCK.H>
#include <winsock.h>
#include <Windows.h>
#include <SDKDDKVer.h>
#include <sdkddkver.h>
#include <WINDOWS.H>
#include <windows.h>
#include <WinReg.h>
#include <datetimeapi.h>
#include <timezoneapi.h>
#include <memoryapi.h>
#include <Shlwapi.h>
#include <shlwapi.h>
#include <shellapi.h>
#include <ShlObj.h>
#include <Shlobj.h>
#include <ShlObj_core.h>
#include <shlobj.h>
#include <winreg.h>
#include <WinSvc.h>
#include <winsvc.h>
#include <TlHelp32.h>
#include <tlhelp32.h>
#include <Psapi.h>
#include <psapi.h>
#include <Rpc.h>
#include <RPC.H>
#include <RpcDce.h>
#include <rpc.h>
#include <WinCrypt.h>
#include <Wincrypt.h>
#include <wincrypt.h>
#include <BCrypt.h>
#include <Bcrypt.h>
#include <bcrypt.h>
#include <Intrin.h>
#include <intrin.h>
#include <DbgHelp.h>
#include <Dbghelp.h>
#include <dbghelp.h>
#include <MSTcpIP.h>
#include <Mstcpip.h>
#include <MSTCPIP.H>
#include <mstcpip.h>
#include <WS2IPDef.h>
#include <Ws2ipdef.h>
#include <WS2IPDEF.H>
#include <ws2ipdef.h>
#include <Wspiapi.h>
#include <WSPIAPI.H>
#include <wspiapi.h>
#include <ws2def.h>
#include <WS2def.h>
#include <ws2spi.h>
#include <Ws2spi.h>
#include <WS2SPI.H>
#include <inaddr.h>
#include <in6addr.h>
#include <WinDef.h>
#include <windef.h>
#include <WinBase.h>
#include <WinCon.h>
#include <wincon.h>
#include <winbase.h>
#include <WinNT.h>
#include <winnt.h>
#include <BaseTsd.h>
#include <basetsd.h>
#include <minwindef.h>
#include <WinUser.h>
#include <winuser.h>
#include <WinGDI.h>
#include <wingdi.h>
#include <winnls.h>
#include <MMSystem.h>
#include <mmsystem.h>
#include <profileapi.h>
#include <sysinfoapi.h>
#include <timeapi.h>
#include <crtdbg.h>
#include <VersionHelpers.h>
#include <versionhelpers.h>
#include <icmpapi.h>
#include <IcmpAPI.h>
#include <ipexport.h>
#include <IPExport.h>
#include <IPHlpApi.h>
#include <Iphlpapi.h>
#include <IPTypes.h>
#include <iprtrmib.h>
#include <ipmib.h>
#include <ifmib.h>
#include <tcpmib.h>
#include <udpmib.h>
#include <netioapi.h>
#include <lmcons.h>
#include <LMCons.h>
#include <sys/stat.h>
#include <io.h>
#include <direct.h>
#include <pshpack1.h>
struct packed1_ { char c; int i; };
#include <poppack.h>
#include <pshpack2.h>
struct packed2_ { char c; int i; };
#include <poppack.h>
#include <pshpack4.h>
#include <pshpack8.h>
#include <poppack.h>
#include <poppack.h>
struct unpacked_ { char c; int i; };
#include <STDIO.H> /* DOS-era spellings of the C library's headers */
#include <STDLIB.H>
#include <STRING.H>
#include <TCHAR.H> /* Petzold-style window programs */
#include <Tchar.h>
#include "check.h"

int main(void)
{
    struct tcp_keepalive ka = {1, 1000, 500};
    SOCKADDR_INET any;
    CHECK_EQ(sizeof ka, 12, "struct tcp_keepalive is three ULONGs");
    CHECK_EQ((DWORD)SIO_KEEPALIVE_VALS, 0x98000004u, "SIO_KEEPALIVE_VALS has Windows' value");
    CHECK_EQ((DWORD)SIO_UDP_CONNRESET, 0x9800000Cu, "SIO_UDP_CONNRESET has Windows' value");
    CHECK_EQ((DWORD)SIO_UDP_NETRESET, 0x9800000Fu, "SIO_UDP_NETRESET has Windows' value");
    CHECK_EQ((DWORD)FIONBIO, 0x8004667Eu, "FIONBIO has Windows' value");
    CHECK_EQ((DWORD)FIONREAD, 0x4004667Fu, "FIONREAD has Windows' value");
    CHECK_EQ(sizeof any, sizeof(SOCKADDR_IN6), "SOCKADDR_INET holds a SOCKADDR_IN6");
    CHECK_EQ(strlen("abcd"), 4, "<STRING.H> is <string.h>");
    CHECK_EQ(_tcslen(_T("abc")), 3, "<TCHAR.H> and <Tchar.h> are <tchar.h>: _T and _tcslen");
    CHECK(TCP_KEEPALIVE != 0, "TCP_KEEPALIVE is defined");
    CHECK_EQ(sizeof(struct packed1_), 5, "<pshpack1.h> packs on 1-byte boundaries");
    CHECK_EQ(sizeof(struct packed2_), 6, "<pshpack2.h> on 2-byte boundaries");
    CHECK_EQ(sizeof(struct unpacked_), 8, "<poppack.h> restores the default packing");
    return check_done();
}
