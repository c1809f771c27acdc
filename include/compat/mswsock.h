/*
 * ws2mp compat: <mswsock.h>. The Microsoft extension functions: AcceptEx, GetAcceptExSockaddrs
 * and TransmitFile are declared by ws2mp.h (through <winsock2.h>) and exported under these
 * names; every one of them, with ConnectEx, DisconnectEx, TransmitPackets, WSARecvMsg,
 * WSASendMsg and WSAPoll, is handed out by WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER) for
 * its WSAID_* GUID below, as on Windows. A file HANDLE (TransmitFile, TransmitPackets) is the
 * file's descriptor: (HANDLE)(intptr_t)fd. docs/PORTING.md lists the differences.
 */
#ifndef WS2MP_COMPAT_MSWSOCK_H
#define WS2MP_COMPAT_MSWSOCK_H
#ifndef _MSWSOCK_
#define _MSWSOCK_
#endif

#include "winsock2.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The extension functions' GUIDs, as brace initialisers: `GUID g = WSAID_ACCEPTEX;`. */
#define WSAID_TRANSMITFILE {0xb5367df0, 0xcbac, 0x11cf, {0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92}}
#define WSAID_ACCEPTEX {0xb5367df1, 0xcbac, 0x11cf, {0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92}}
#define WSAID_GETACCEPTEXSOCKADDRS {0xb5367df2, 0xcbac, 0x11cf, {0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92}}
#define WSAID_CONNECTEX {0x25a207b9, 0xddf3, 0x4660, {0x8e, 0xe9, 0x76, 0xe5, 0x8c, 0x74, 0x06, 0x3e}}
#define WSAID_DISCONNECTEX {0x7fda2e11, 0x8630, 0x436f, {0xa0, 0x31, 0xf5, 0x36, 0xa6, 0xee, 0xc1, 0x57}}
#define WSAID_WSARECVMSG {0xf689d7c8, 0x6f1f, 0x436b, {0x8a, 0x53, 0xe5, 0x4f, 0xe3, 0x51, 0xc3, 0x22}}
#define WSAID_WSASENDMSG {0xa441e712, 0x754f, 0x4ca4, {0x84, 0xa7, 0x0d, 0xee, 0x44, 0xcf, 0x60, 0x6d}}
#define WSAID_TRANSMITPACKETS {0xd9689da0, 0x1f90, 0x11d3, {0x99, 0x71, 0x00, 0xc0, 0x4f, 0x68, 0xc8, 0x76}}
#define WSAID_WSAPOLL {0x18c76f85, 0xdc66, 0x4964, {0x97, 0x2e, 0x23, 0xc2, 0x72, 0x38, 0x31, 0x2b}}

/* TransmitFile / DisconnectEx flags. */
#define TF_DISCONNECT 0x01
#define TF_REUSE_SOCKET 0x02
#define TF_WRITE_BEHIND 0x04
#define TF_USE_DEFAULT_WORKER 0x00
#define TF_USE_SYSTEM_THREAD 0x10
#define TF_USE_KERNEL_APC 0x20

/* TRANSMIT_FILE_BUFFERS { Head, HeadLength, Tail, TailLength } is ws2mp.h's. */
typedef TRANSMIT_FILE_BUFFERS *PTRANSMIT_FILE_BUFFERS, *LPTRANSMIT_FILE_BUFFERS;

/* TransmitPackets' elements: memory (pBuffer, cLength) or a file range (hFile, nFileOffset:
 * -1 = the current position, cLength: 0 = to the end of the file). */
#define TP_ELEMENT_MEMORY 1
#define TP_ELEMENT_FILE 2
#define TP_ELEMENT_EOP 4
#define TP_DISCONNECT TF_DISCONNECT
#define TP_REUSE_SOCKET TF_REUSE_SOCKET
#define TP_USE_DEFAULT_WORKER TF_USE_DEFAULT_WORKER
#define TP_USE_SYSTEM_THREAD TF_USE_SYSTEM_THREAD
#define TP_USE_KERNEL_APC TF_USE_KERNEL_APC

#ifndef WS2MP_LARGE_INTEGER_DEFINED
#define WS2MP_LARGE_INTEGER_DEFINED
typedef union _LARGE_INTEGER {
    __extension__ struct {
        DWORD LowPart;
        LONG HighPart;
    };
    struct {
        DWORD LowPart;
        LONG HighPart;
    } u;
    __extension__ long long QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;
#endif

typedef struct _TRANSMIT_PACKETS_ELEMENT {
    ULONG dwElFlags;
    ULONG cLength;
    __extension__ union {
        __extension__ struct {
            LARGE_INTEGER nFileOffset;
            HANDLE hFile;
        };
        PVOID pBuffer;
    };
} TRANSMIT_PACKETS_ELEMENT, *PTRANSMIT_PACKETS_ELEMENT, *LPTRANSMIT_PACKETS_ELEMENT;

typedef BOOL(PASCAL *LPFN_ACCEPTEX)(SOCKET sListenSocket, SOCKET sAcceptSocket, PVOID lpOutputBuffer,
                                    DWORD dwReceiveDataLength, DWORD dwLocalAddressLength,
                                    DWORD dwRemoteAddressLength, LPDWORD lpdwBytesReceived,
                                    LPOVERLAPPED lpOverlapped);
typedef BOOL(PASCAL *LPFN_CONNECTEX)(SOCKET s, const struct sockaddr *name, int namelen,
                                     PVOID lpSendBuffer, DWORD dwSendDataLength,
                                     LPDWORD lpdwBytesSent, LPOVERLAPPED lpOverlapped);
typedef void(PASCAL *LPFN_GETACCEPTEXSOCKADDRS)(PVOID lpOutputBuffer, DWORD dwReceiveDataLength,
                                                DWORD dwLocalAddressLength,
                                                DWORD dwRemoteAddressLength,
                                                struct sockaddr **LocalSockaddr,
                                                LPINT LocalSockaddrLength,
                                                struct sockaddr **RemoteSockaddr,
                                                LPINT RemoteSockaddrLength);
typedef BOOL(PASCAL *LPFN_DISCONNECTEX)(SOCKET s, LPOVERLAPPED lpOverlapped, DWORD dwFlags,
                                        DWORD dwReserved);
typedef BOOL(PASCAL *LPFN_TRANSMITFILE)(SOCKET hSocket, HANDLE hFile, DWORD nNumberOfBytesToWrite,
                                        DWORD nNumberOfBytesPerSend, LPOVERLAPPED lpOverlapped,
                                        LPTRANSMIT_FILE_BUFFERS lpTransmitBuffers,
                                        DWORD dwReserved);
typedef BOOL(PASCAL *LPFN_TRANSMITPACKETS)(SOCKET hSocket, LPTRANSMIT_PACKETS_ELEMENT lpPacketArray,
                                           DWORD nElementCount, DWORD nSendSize,
                                           LPOVERLAPPED lpOverlapped, DWORD dwFlags);
typedef INT(PASCAL *LPFN_WSARECVMSG)(SOCKET s, LPWSAMSG lpMsg, LPDWORD lpdwNumberOfBytesRecvd,
                                     LPWSAOVERLAPPED lpOverlapped,
                                     LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
typedef INT(PASCAL *LPFN_WSASENDMSG)(SOCKET s, LPWSAMSG lpMsg, DWORD dwFlags,
                                     LPDWORD lpNumberOfBytesSent, LPWSAOVERLAPPED lpOverlapped,
                                     LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);

/* WSARecvEx (Winsock 1.1's Microsoft extension; also through <winsock.h>): recv whose flags
 * only report. A datagram larger than the buffer fills it and sets MSG_PARTIAL (recv would
 * fail with WSAEMSGSIZE); a whole one clears it; on a stream it is recv. */
static inline int WSARecvEx(SOCKET s, char *buf, int len, int *flags)
{
    WSABUF b;
    DWORD got = 0, f = 0;
    int r;
    b.len = (ULONG)len;
    b.buf = buf;
    r = WSARecv(s, &b, 1, &got, &f, NULL, NULL);
    if (r == SOCKET_ERROR && WSAGetLastError() == WSAEMSGSIZE) {
        if (flags != NULL)
            *flags = MSG_PARTIAL;
        return (int)got;
    }
    if (r == SOCKET_ERROR)
        return SOCKET_ERROR;
    if (flags != NULL)
        *flags = (int)(f & MSG_PARTIAL);
    return (int)got;
}

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_MSWSOCK_H */
