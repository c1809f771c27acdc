/* ws2mp-test: posix */ /* a mount namespace with its own /etc/resolv.conf */
/* GetNetworkParams' DNS servers come from /etc/resolv.conf: in a mount namespace of its own the
 * test puts a resolv.conf there with comments, an IPv6 server, a search line, odd spacing and
 * an address that is no address, and checks that the IPv4 servers are listed in order, one
 * IP_ADDR_STRING each after the first, chained through Next, and that the size asked for counts
 * them.
 * ws2mp-test: needs-root */
#define _GNU_SOURCE 1
#include <winsock2.h>
#include <iphlpapi.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
    char path[] = "/tmp/ws2mp-resolv-XXXXXX";
    const char *conf = "# written by the test\n"
                       "nameserver 192.0.2.1\n"
                       "nameserver ::1\n"
                       "search example.test\n"
                       "nameserver 198.51.100.7   \n"
                       "  nameserver\t203.0.113.9\n"
                       "nameserver 300.1.1.1\n"
                       "nameserver 10.0.0.1x\n"
                       "nameservers 10.9.9.9\n";
    FIXED_INFO *info;
    ULONG len = 0;
    int fd = mkstemp(path);
    IP_ADDR_STRING *s;

    REQUIRE(fd >= 0 && write(fd, conf, strlen(conf)) == (ssize_t)strlen(conf), "the test's resolv.conf is written");
    close(fd);
    REQUIRE(unshare(CLONE_NEWNS) == 0, "a mount namespace of the test's own");
    REQUIRE(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0, "... private");
    REQUIRE(mount(path, "/etc/resolv.conf", NULL, MS_BIND, NULL) == 0, "... with the file over /etc/resolv.conf");

    CHECK_EQ(GetNetworkParams(NULL, &len), ERROR_BUFFER_OVERFLOW, "GetNetworkParams(NULL, &len): ERROR_BUFFER_OVERFLOW");
    CHECK_EQ(len, sizeof(FIXED_INFO) + 2 * sizeof(IP_ADDR_STRING), "... the size counts two servers past the first");
    info = (FIXED_INFO *)malloc(len);
    REQUIRE(info != NULL, "malloc");
    len--;
    CHECK_EQ(GetNetworkParams(info, &len), ERROR_BUFFER_OVERFLOW, "one byte less is too small");
    CHECK_EQ(GetNetworkParams(info, &len), NO_ERROR, "the size given back is enough");

    s = &info->DnsServerList;
    CHECK(strcmp(s->IpAddress.String, "192.0.2.1") == 0, "the first IPv4 server is DnsServerList");
    CHECK(info->CurrentDnsServer == &info->DnsServerList, "... and CurrentDnsServer");
    s = s->Next;
    CHECK(s != NULL && strcmp(s->IpAddress.String, "198.51.100.7") == 0, "the IPv6 one is left out, trailing blanks too");
    s = s != NULL ? s->Next : NULL;
    CHECK(s != NULL && strcmp(s->IpAddress.String, "203.0.113.9") == 0, "an indented line with a tab counts");
    CHECK(s != NULL && s->Next == NULL, "300.1.1.1, 10.0.0.1x and a 'nameservers' line are not servers");
    CHECK((char *)info->DnsServerList.Next == (char *)(info + 1), "the second entry follows the FIXED_INFO in the buffer");
    CHECK_EQ(info->NodeType, BROADCAST_NODETYPE, "the node type is broadcast (no WINS servers)");

    free(info);
    umount("/etc/resolv.conf");
    unlink(path);
    return check_done();
}
