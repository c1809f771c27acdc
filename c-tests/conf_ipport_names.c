/* ws2mp-test: no-mingw */ /* mingw-w64's <winsock2.h> has the BSD-era IPPORT_ names only */
/*
 * The IPPORT_ well-known port numbers of Windows' <winsock2.h>, as a port scanner's table of
 * services uses them: the BSD-era ones and those Windows added (POP3, NTP, HTTPS,
 * MICROSOFT_DS, ..., the registered and dynamic ranges).
 */
#include <winsock2.h>
#include <stdio.h>
#include "check.h"

static const struct {
    u_short port;
    u_short want;
    const char *name;
} services[] = {
    {IPPORT_ECHO, 7, "echo"},
    {IPPORT_CHARGEN, 19, "chargen"},
    {IPPORT_FTP_DATA, 20, "ftp-data"},
    {IPPORT_FTP, 21, "ftp"},
    {IPPORT_TELNET, 23, "telnet"},
    {IPPORT_SMTP, 25, "smtp"},
    {IPPORT_TFTP, 69, "tftp"},
    {IPPORT_POP3, 110, "pop3"},
    {IPPORT_NTP, 123, "ntp"},
    {IPPORT_EPMAP, 135, "epmap"},
    {IPPORT_NETBIOS_SSN, 139, "netbios-ssn"},
    {IPPORT_IMAP, 143, "imap"},
    {IPPORT_SNMP, 161, "snmp"},
    {IPPORT_LDAP, 389, "ldap"},
    {IPPORT_HTTPS, 443, "https"},
    {IPPORT_MICROSOFT_DS, 445, "microsoft-ds"},
    {IPPORT_ROUTESERVER, 520, "router"},
    {IPPORT_RESERVED, 1024, "reserved"},
    {IPPORT_REGISTERED_MIN, 1024, "registered min"},
    {IPPORT_REGISTERED_MAX, 0xbfff, "registered max"},
    {IPPORT_DYNAMIC_MIN, 0xc000, "dynamic min"},
    {IPPORT_DYNAMIC_MAX, 0xffff, "dynamic max"},
};

int main(void)
{
    size_t i;
    char what[64];
    for (i = 0; i < sizeof(services) / sizeof(services[0]); i++) {
        snprintf(what, sizeof(what), "IPPORT_ %s is %u", services[i].name, services[i].want);
        CHECK_EQ(services[i].port, services[i].want, what);
    }
    return check_done();
}
