/* ws2mp-test: posix */ /* fork, pipe and waitpid */
/* GetExtendedTcpTable and GetExtendedUdpTable name another process as the owner of its
 * sockets (readable through /proc/<pid>/fd for a process of the same user): a forked child
 * listens on 127.0.0.1 and binds a UDP socket, and the parent, which has no socket, finds both
 * with dwOwningPid the child's id, not its own. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

/* The child: a TCP listener and a UDP socket on 127.0.0.1, their ports written to `out`, kept
 * open until the parent writes a byte to `in`. */
static int child(int out, int in)
{
    WSADATA wsa;
    SOCKET t, u;
    struct sockaddr_in sa;
    int len = (int)sizeof(sa);
    unsigned short ports[2];
    char done;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 2;
    t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(t, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(t, 1) != 0 ||
        getsockname(t, (struct sockaddr *)&sa, &len) != 0)
        return 3;
    ports[0] = ntohs(sa.sin_port);
    sa.sin_port = 0;
    len = (int)sizeof(sa);
    if (bind(u, (struct sockaddr *)&sa, sizeof(sa)) != 0 || getsockname(u, (struct sockaddr *)&sa, &len) != 0)
        return 4;
    ports[1] = ntohs(sa.sin_port);
    if (write(out, ports, sizeof(ports)) != (ssize_t)sizeof(ports))
        return 5;
    if (read(in, &done, 1) != 1)
        return 6;
    closesocket(t);
    closesocket(u);
    WSACleanup();
    return 0;
}

int main(void)
{
    int up[2], down[2], status = -1;
    unsigned short ports[2];
    pid_t pid;
    DWORD size = 0, i, me = GetCurrentProcessId();
    PMIB_TCPTABLE_OWNER_PID tcp;
    PMIB_UDPTABLE_OWNER_PID udp;
    long tcp_owner = -1, udp_owner = -1;

    REQUIRE(pipe(up) == 0 && pipe(down) == 0, "pipes");
    pid = fork();
    REQUIRE(pid >= 0, "fork");
    if (pid == 0) {
        close(up[0]);
        close(down[1]);
        _exit(child(up[1], down[0]));
    }
    close(up[1]);
    close(down[0]);
    REQUIRE(read(up[0], ports, sizeof(ports)) == (ssize_t)sizeof(ports), "the child reports its ports");
    printf("# child %ld listens on 127.0.0.1:%u and has 127.0.0.1:%u/udp; this process is %lu\n", (long)pid,
           ports[0], ports[1], (unsigned long)me);

    CHECK_EQ(GetExtendedTcpTable(NULL, &size, TRUE, AF_INET, TCP_TABLE_OWNER_PID_LISTENER, 0), ERROR_INSUFFICIENT_BUFFER,
             "GetExtendedTcpTable asks for a buffer");
    size += 8 * sizeof(MIB_TCPROW_OWNER_PID);
    tcp = (PMIB_TCPTABLE_OWNER_PID)malloc(size);
    REQUIRE(tcp != NULL, "malloc");
    CHECK_EQ(GetExtendedTcpTable(tcp, &size, TRUE, AF_INET, TCP_TABLE_OWNER_PID_LISTENER, 0), NO_ERROR,
             "TCP_TABLE_OWNER_PID_LISTENER");
    for (i = 0; i < tcp->dwNumEntries; i++)
        if (tcp->table[i].dwLocalAddr == htonl(INADDR_LOOPBACK) && ntohs((u_short)tcp->table[i].dwLocalPort) == ports[0])
            tcp_owner = (long)tcp->table[i].dwOwningPid;
    CHECK_EQ(tcp_owner, (long)pid, "the child's listener is owned by the child");
    CHECK(tcp_owner != (long)me, "not by this process");
    free(tcp);

    size = 0;
    CHECK_EQ(GetExtendedUdpTable(NULL, &size, TRUE, AF_INET, UDP_TABLE_OWNER_PID, 0), ERROR_INSUFFICIENT_BUFFER,
             "GetExtendedUdpTable asks for a buffer");
    size += 8 * sizeof(MIB_UDPROW_OWNER_PID);
    udp = (PMIB_UDPTABLE_OWNER_PID)malloc(size);
    REQUIRE(udp != NULL, "malloc");
    CHECK_EQ(GetExtendedUdpTable(udp, &size, TRUE, AF_INET, UDP_TABLE_OWNER_PID, 0), NO_ERROR, "UDP_TABLE_OWNER_PID");
    for (i = 0; i < udp->dwNumEntries; i++)
        if (udp->table[i].dwLocalAddr == htonl(INADDR_LOOPBACK) && ntohs((u_short)udp->table[i].dwLocalPort) == ports[1])
            udp_owner = (long)udp->table[i].dwOwningPid;
    CHECK_EQ(udp_owner, (long)pid, "the child's UDP socket is owned by the child");
    free(udp);

    CHECK(write(down[1], "x", 1) == 1, "tell the child to finish");
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child ends cleanly");
    close(up[0]);
    close(down[1]);
    return check_done();
}
