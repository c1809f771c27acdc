/*
 * TransmitFile and TransmitPackets without an OVERLAPPED, as a legacy file server sends a
 * response: head buffer, file contents, tail buffer, in order, on a connected TCP socket; only
 * buffers; a file from its current position; nNumberOfBytesToWrite limiting the file part;
 * TF_DISCONNECT ending the connection afterwards; TransmitPackets mixing memory and file
 * elements; a bad file handle.
 *
 * ws2mp names a file by its descriptor ((HANDLE)(intptr_t)fd); on Windows the test opens the
 * file with CreateFile.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <stdio.h>
#include <string.h>
#ifndef _WIN32
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#endif
#include "check.h"

#define FILE_SIZE 100000

static char content[FILE_SIZE];

/* Creates a temporary file holding `content`; returns its HANDLE, positioned at the start. */
static HANDLE make_file(char *path, size_t room)
{
#ifdef _WIN32
    char dir[MAX_PATH];
    HANDLE h;
    DWORD written;
    GetTempPathA(sizeof dir, dir);
    GetTempFileNameA(dir, "ext", 0, path);
    (void)room;
    h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_TEMPORARY, NULL);
    if (h == INVALID_HANDLE_VALUE || !WriteFile(h, content, FILE_SIZE, &written, NULL))
        return INVALID_HANDLE_VALUE;
    SetFilePointer(h, 0, NULL, FILE_BEGIN);
    return h;
#else
    int fd;
    snprintf(path, room, "/tmp/ws2mp_ext_transmit_XXXXXX");
    fd = mkstemp(path);
    if (fd < 0 || write(fd, content, FILE_SIZE) != FILE_SIZE)
        return INVALID_HANDLE_VALUE;
    lseek(fd, 0, SEEK_SET);
    return (HANDLE)(intptr_t)fd;
#endif
}

static void rewind_file(HANDLE h, long to)
{
#ifdef _WIN32
    SetFilePointer(h, to, NULL, FILE_BEGIN);
#else
    lseek((int)(intptr_t)h, to, SEEK_SET);
#endif
}

static void drop_file(HANDLE h, const char *path)
{
#ifdef _WIN32
    CloseHandle(h);
    DeleteFileA(path);
#else
    close((int)(intptr_t)h);
    unlink(path);
#endif
}

/* Receives exactly `n` bytes (the receiving socket has a timeout). */
static int recv_all(SOCKET s, char *buf, int n)
{
    int got = 0;
    while (got < n) {
        int r = recv(s, buf + got, n - got, 0);
        if (r <= 0)
            return got;
        got += r;
    }
    return got;
}

static void tcp_pair(SOCKET listener, SOCKET *client, SOCKET *server)
{
    SOCKADDR_IN addr;
    int len = sizeof addr;
    DWORD timeout = 5000;
    getsockname(listener, (SOCKADDR *)&addr, &len);
    *client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(*client, (SOCKADDR *)&addr, sizeof addr);
    *server = accept(listener, NULL, NULL);
    setsockopt(*server, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout);
}

int main(void)
{
    WSADATA wsaData;
    GUID transmit_id = WSAID_TRANSMITFILE, packets_id = WSAID_TRANSMITPACKETS;
    LPFN_TRANSMITFILE pTransmitFile;
    LPFN_TRANSMITPACKETS pTransmitPackets;
    SOCKET listener, client, server, udp;
    SOCKADDR_IN addr;
    TRANSMIT_FILE_BUFFERS buffers;
    TRANSMIT_PACKETS_ELEMENT elements[4];
    char head[] = "HEAD:", tail[] = ":TAIL", path[260];
    static char got[FILE_SIZE + 64];
    HANDLE file;
    DWORD bytes;
    int i, n;

    for (i = 0; i < FILE_SIZE; i++)
        content[i] = (char)('a' + i % 26);
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(listener, (SOCKADDR *)&addr, sizeof addr) == 0 && listen(listener, 5) == 0, "listener");
    REQUIRE(WSAIoctl(listener, SIO_GET_EXTENSION_FUNCTION_POINTER, &transmit_id, sizeof transmit_id,
                     &pTransmitFile, sizeof pTransmitFile, &bytes, NULL, NULL) == 0,
            "TransmitFile loaded");
    REQUIRE(WSAIoctl(listener, SIO_GET_EXTENSION_FUNCTION_POINTER, &packets_id, sizeof packets_id,
                     &pTransmitPackets, sizeof pTransmitPackets, &bytes, NULL, NULL) == 0,
            "TransmitPackets loaded");
    file = make_file(path, sizeof path);
    REQUIRE(file != INVALID_HANDLE_VALUE, "a temporary file of 100000 bytes");
    tcp_pair(listener, &client, &server);
    REQUIRE(client != INVALID_SOCKET && server != INVALID_SOCKET, "a connected pair");

    /* Nothing at all: succeeds, sends nothing. */
    CHECK(pTransmitFile(client, NULL, 0, 0, NULL, NULL, 0), "TransmitFile with nothing to send succeeds");

    /* Only buffers. */
    buffers.Head = head;
    buffers.HeadLength = 5;
    buffers.Tail = tail;
    buffers.TailLength = 5;
    CHECK(pTransmitFile(client, NULL, 0, 0, NULL, &buffers, 0), "TransmitFile with head and tail only");
    n = recv_all(server, got, 10);
    CHECK(n == 10 && memcmp(got, "HEAD::TAIL", 10) == 0, "... the peer reads head then tail");

    /* Head, the whole file, tail. */
    CHECK(pTransmitFile(client, file, 0, 0, NULL, &buffers, 0), "TransmitFile of the whole file between buffers");
    n = recv_all(server, got, FILE_SIZE + 10);
    CHECK_EQ(n, FILE_SIZE + 10, "... the peer reads 100010 bytes");
    CHECK(memcmp(got, "HEAD:", 5) == 0, "... the head first");
    CHECK(memcmp(got + 5, content, FILE_SIZE) == 0, "... the file's contents");
    CHECK(memcmp(got + 5 + FILE_SIZE, ":TAIL", 5) == 0, "... the tail last");

    /* From the current position, a limited count. */
    rewind_file(file, 1000);
    CHECK(pTransmitFile(client, file, 300, 100, NULL, NULL, 0), "TransmitFile of 300 bytes from offset 1000");
    n = recv_all(server, got, 300);
    CHECK(n == 300 && memcmp(got, content + 1000, 300) == 0, "... the peer reads those 300 bytes");

    /* TransmitPackets: memory, a file range, memory. */
    memset(elements, 0, sizeof elements);
    elements[0].dwElFlags = TP_ELEMENT_MEMORY;
    elements[0].pBuffer = head;
    elements[0].cLength = 5;
    elements[1].dwElFlags = TP_ELEMENT_FILE;
    elements[1].hFile = file;
    elements[1].nFileOffset.QuadPart = 26;
    elements[1].cLength = 52;
    elements[2].dwElFlags = TP_ELEMENT_MEMORY | TP_ELEMENT_EOP;
    elements[2].pBuffer = tail;
    elements[2].cLength = 5;
    CHECK(pTransmitPackets(client, elements, 3, 0, NULL, 0), "TransmitPackets: memory, file, memory");
    n = recv_all(server, got, 62);
    CHECK_EQ(n, 62, "... the peer reads 62 bytes");
    CHECK(memcmp(got, "HEAD:", 5) == 0 && memcmp(got + 5, content + 26, 52) == 0 && memcmp(got + 57, ":TAIL", 5) == 0,
          "... in order, the file range from its offset");
    CHECK(pTransmitPackets(client, NULL, 1, 0, NULL, 0) == FALSE && WSAGetLastError() == WSAEFAULT,
          "TransmitPackets with a NULL array: WSAEFAULT");
    elements[0].dwElFlags = 0;
    CHECK(pTransmitPackets(client, elements, 1, 0, NULL, 0) == FALSE && WSAGetLastError() == WSAEINVAL,
          "an element that is neither memory nor file: WSAEINVAL");

    /* TransmitPackets on a connected UDP socket: one datagram per element. */
    udp = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    {
        SOCKET sink = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        SOCKADDR_IN sink_addr = addr;
        int len = sizeof sink_addr;
        DWORD timeout = 2000;
        sink_addr.sin_port = 0;
        bind(sink, (SOCKADDR *)&sink_addr, sizeof sink_addr);
        getsockname(sink, (SOCKADDR *)&sink_addr, &len);
        setsockopt(sink, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout);
        CHECK_EQ(connect(udp, (SOCKADDR *)&sink_addr, sizeof sink_addr), 0, "connect a UDP socket");
        elements[0].dwElFlags = TP_ELEMENT_MEMORY;
        elements[1].dwElFlags = TP_ELEMENT_MEMORY;
        elements[1].pBuffer = tail;
        elements[1].cLength = 5;
        CHECK(pTransmitPackets(udp, elements, 2, 0, NULL, 0), "TransmitPackets on UDP");
        CHECK(recv(sink, got, sizeof got, 0) == 5 && memcmp(got, "HEAD:", 5) == 0, "... first datagram");
        CHECK(recv(sink, got, sizeof got, 0) == 5 && memcmp(got, ":TAIL", 5) == 0, "... second datagram");
        closesocket(sink);
    }
    closesocket(udp);

    /* Lengths no buffer has: WSAEFAULT, nothing sent, no crash. */
    buffers.HeadLength = 0xfffffff0u;
    CHECK(!pTransmitFile(client, NULL, 0, 0, NULL, &buffers, 0) && WSAGetLastError() == WSAEFAULT,
          "a head length past the buffer's end: WSAEFAULT");
    buffers.HeadLength = 5;
    elements[0].dwElFlags = TP_ELEMENT_MEMORY;
    elements[0].pBuffer = head;
    elements[0].cLength = 0xfffffff0u;
    CHECK(!pTransmitPackets(client, elements, 1, 0, NULL, 0) && WSAGetLastError() == WSAEFAULT,
          "a memory element longer than its buffer: WSAEFAULT");

    /* A bad file handle. */
    CHECK(!pTransmitFile(client, (HANDLE)(INT_PTR)0x7ffff0, 0, 0, NULL, NULL, 0) &&
              WSAGetLastError() == WSA_INVALID_HANDLE,
          "a handle that is no file: ERROR_INVALID_HANDLE");

    /* TF_DISCONNECT: the peer reads the data then the end of the stream. */
    CHECK(pTransmitFile(client, NULL, 0, 0, NULL, &buffers, TF_DISCONNECT), "TransmitFile with TF_DISCONNECT");
    n = recv_all(server, got, 10);
    CHECK_EQ(n, 10, "... the data arrives");
    CHECK_EQ(recv(server, got, sizeof got, 0), 0, "... then the end of the stream");
    CHECK(send(client, "x", 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN,
          "... and the sender can send no more (WSAESHUTDOWN)");

    drop_file(file, path);
    closesocket(client);
    closesocket(server);
    closesocket(listener);
    WSACleanup();
    return check_done();
}
