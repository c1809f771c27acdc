/* FormatMessage(FORMAT_MESSAGE_FROM_SYSTEM) returns Windows' English text for every Winsock
 * error code and the common Win32 codes, the way legacy programs print their errors. */
#include <winsock2.h>
#include <windows.h>
#include "check.h"

struct message {
    DWORD code;
    const char *text;
};

/* The texts as Microsoft's "System Error Codes" reference lists them. */
static const struct message messages[] = {
    {ERROR_SUCCESS, "The operation completed successfully."},
    {ERROR_FILE_NOT_FOUND, "The system cannot find the file specified."},
    {ERROR_ACCESS_DENIED, "Access is denied."},
    {ERROR_INVALID_HANDLE, "The handle is invalid."},
    {ERROR_NOT_ENOUGH_MEMORY, "Not enough memory resources are available to process this command."},
    {ERROR_INVALID_PARAMETER, "The parameter is incorrect."},
    {ERROR_BUFFER_OVERFLOW, "The file name is too long."},
    {ERROR_INSUFFICIENT_BUFFER, "The data area passed to a system call is too small."},
    {WAIT_TIMEOUT, "The wait operation timed out."},
    {ERROR_OPERATION_ABORTED, "The I/O operation has been aborted because of either a thread exit or an application request."},
    {ERROR_IO_INCOMPLETE, "Overlapped I/O event is not in a signaled state."},
    {ERROR_IO_PENDING, "Overlapped I/O operation is in progress."},
    {ERROR_NOACCESS, "Invalid access to memory location."},
    {ERROR_NOT_FOUND, "Element not found."},
    {WSAEINTR, "A blocking operation was interrupted by a call to WSACancelBlockingCall."},
    {WSAEBADF, "The file handle supplied is not valid."},
    {WSAEACCES, "An attempt was made to access a socket in a way forbidden by its access permissions."},
    {WSAEFAULT, "The system detected an invalid pointer address in attempting to use a pointer argument in a call."},
    {WSAEINVAL, "An invalid argument was supplied."},
    {WSAEMFILE, "Too many open sockets."},
    {WSAEWOULDBLOCK, "A non-blocking socket operation could not be completed immediately."},
    {WSAEINPROGRESS, "A blocking operation is currently executing."},
    {WSAEALREADY, "An operation was attempted on a non-blocking socket that already had an operation in progress."},
    {WSAENOTSOCK, "An operation was attempted on something that is not a socket."},
    {WSAEDESTADDRREQ, "A required address was omitted from an operation on a socket."},
    {WSAEMSGSIZE, "A message sent on a datagram socket was larger than the internal message buffer or some other network limit, or the buffer used to receive a datagram into was smaller than the datagram itself."},
    {WSAEPROTOTYPE, "A protocol was specified in the socket function call that does not support the semantics of the socket type requested."},
    {WSAENOPROTOOPT, "An unknown, invalid, or unsupported option or level was specified in a getsockopt or setsockopt call."},
    {WSAEPROTONOSUPPORT, "The requested protocol has not been configured into the system, or no implementation for it exists."},
    {WSAESOCKTNOSUPPORT, "The support for the specified socket type does not exist in this address family."},
    {WSAEOPNOTSUPP, "The attempted operation is not supported for the type of object referenced."},
    {WSAEPFNOSUPPORT, "The protocol family has not been configured into the system or no implementation for it exists."},
    {WSAEAFNOSUPPORT, "An address incompatible with the requested protocol was used."},
    {WSAEADDRINUSE, "Only one usage of each socket address (protocol/network address/port) is normally permitted."},
    {WSAEADDRNOTAVAIL, "The requested address is not valid in its context."},
    {WSAENETDOWN, "A socket operation encountered a dead network."},
    {WSAENETUNREACH, "A socket operation was attempted to an unreachable network."},
    {WSAENETRESET, "The connection has been broken due to keep-alive activity detecting a failure while the operation was in progress."},
    {WSAECONNABORTED, "An established connection was aborted by the software in your host machine."},
    {WSAECONNRESET, "An existing connection was forcibly closed by the remote host."},
    {WSAENOBUFS, "An operation on a socket could not be performed because the system lacked sufficient buffer space or because a queue was full."},
    {WSAEISCONN, "A connect request was made on an already connected socket."},
    {WSAENOTCONN, "A request to send or receive data was disallowed because the socket is not connected and (when sending on a datagram socket using a sendto call) no address was supplied."},
    {WSAESHUTDOWN, "A request to send or receive data was disallowed because the socket had already been shut down in that direction with a previous shutdown call."},
    {WSAETOOMANYREFS, "Too many references to some kernel object."},
    {WSAETIMEDOUT, "A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond."},
    {WSAECONNREFUSED, "No connection could be made because the target machine actively refused it."},
    {WSAELOOP, "Cannot translate name."},
    {WSAENAMETOOLONG, "Name component or name was too long."},
    {WSAEHOSTDOWN, "A socket operation failed because the destination host was down."},
    {WSAEHOSTUNREACH, "A socket operation was attempted to an unreachable host."},
    {WSAENOTEMPTY, "Cannot remove a directory that is not empty."},
    {WSAEPROCLIM, "A Windows Sockets implementation may have a limit on the number of applications that may use it simultaneously."},
    {WSAEUSERS, "Ran out of quota."},
    {WSAEDQUOT, "Ran out of disk quota."},
    {WSAESTALE, "File handle reference is no longer available."},
    {WSAEREMOTE, "Item is not available locally."},
    {WSASYSNOTREADY, "WSAStartup cannot function at this time because the underlying system it uses to provide network services is currently unavailable."},
    {WSAVERNOTSUPPORTED, "The Windows Sockets version requested is not supported."},
    {WSANOTINITIALISED, "Either the application has not called WSAStartup, or WSAStartup failed."},
    {WSAEDISCON, "Returned by WSARecv or WSARecvFrom to indicate the remote party has initiated a graceful shutdown sequence."},
    {WSAENOMORE, "No more results can be returned by WSALookupServiceNext."},
    {WSAECANCELLED, "A call to WSALookupServiceEnd was made while this call was still processing. The call has been canceled."},
    {WSAEINVALIDPROCTABLE, "The procedure call table is invalid."},
    {WSAEINVALIDPROVIDER, "The requested service provider is invalid."},
    {WSAEPROVIDERFAILEDINIT, "The requested service provider could not be loaded or initialized."},
    {WSASYSCALLFAILURE, "A system call has failed."},
    {WSASERVICE_NOT_FOUND, "No such service is known. The service cannot be found in the specified name space."},
    {WSATYPE_NOT_FOUND, "The specified class was not found."},
    {WSA_E_NO_MORE, "No more results can be returned by WSALookupServiceNext."},
    {WSA_E_CANCELLED, "A call to WSALookupServiceEnd was made while this call was still processing. The call has been canceled."},
    {WSAEREFUSED, "A database query failed because it was actively refused."},
    {WSAHOST_NOT_FOUND, "No such host is known."},
    {WSATRY_AGAIN, "This is usually a temporary error during hostname resolution and means that the local server did not receive a response from an authoritative server."},
    {WSANO_RECOVERY, "A non-recoverable error occurred during a database lookup."},
    {WSANO_DATA, "The requested name is valid, but no data of the requested type was found."},
    {WSA_QOS_RECEIVERS, "At least one reserve has arrived."},
    {WSA_QOS_SENDERS, "At least one path has arrived."},
    {WSA_QOS_NO_SENDERS, "There are no senders."},
    {WSA_QOS_NO_RECEIVERS, "There are no receivers."},
    {WSA_QOS_REQUEST_CONFIRMED, "Reserve has been confirmed."},
    {WSA_QOS_ADMISSION_FAILURE, "Error due to lack of resources."},
    {WSA_QOS_POLICY_FAILURE, "Rejected for administrative reasons - bad credentials."},
    {WSA_QOS_BAD_STYLE, "Unknown or conflicting style."},
    {WSA_QOS_BAD_OBJECT, "Problem with some part of the filterspec or providerspecific buffer in general."},
    {WSA_QOS_TRAFFIC_CTRL_ERROR, "Problem with some part of the flowspec."},
    {WSA_QOS_GENERIC_ERROR, "General QOS error."},
    {WSA_QOS_ESERVICETYPE, "An invalid or unrecognized service type was found in the flowspec."},
    {WSA_QOS_EFLOWSPEC, "An invalid or inconsistent flowspec was found in the QOS structure."},
    {WSA_QOS_EPROVSPECBUF, "Invalid QOS provider-specific buffer."},
    {WSA_QOS_EFILTERSTYLE, "An invalid QOS filter style was used."},
    {WSA_QOS_EFILTERTYPE, "An invalid QOS filter type was used."},
    {WSA_QOS_EFILTERCOUNT, "An incorrect number of QOS FILTERSPECs were specified in the FLOWDESCRIPTOR."},
    {WSA_QOS_EOBJLENGTH, "An object with an invalid ObjectLength field was specified in the QOS provider-specific buffer."},
    {WSA_QOS_EFLOWCOUNT, "An incorrect number of flow descriptors was specified in the QOS structure."},
    {WSA_QOS_EUNKOWNPSOBJ, "An unrecognized object was found in the QOS provider-specific buffer."},
    {WSA_QOS_EPOLICYOBJ, "An invalid policy object was found in the QOS provider-specific buffer."},
    {WSA_QOS_EFLOWDESC, "An invalid QOS flow descriptor was found in the flow descriptor list."},
    {WSA_QOS_EPSFLOWSPEC, "An invalid or inconsistent flowspec was found in the QOS provider specific buffer."},
    {WSA_QOS_EPSFILTERSPEC, "An invalid FILTERSPEC was found in the QOS provider-specific buffer."},
    {WSA_QOS_ESDMODEOBJ, "An invalid shape discard mode object was found in the QOS provider specific buffer."},
    {WSA_QOS_ESHAPERATEOBJ, "An invalid shaping rate object was found in the QOS provider-specific buffer."},
    {WSA_QOS_RESERVED_PETYPE, "A reserved policy element was found in the QOS provider-specific buffer."},
};

static void test_every_code(void)
{
    size_t i;
    int wrong = 0;
    char buf[512];
    char expected[512];
    for (i = 0; i < _countof(messages); i++) {
        DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                                 messages[i].code, MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), buf,
                                 sizeof(buf), NULL);
        snprintf(expected, sizeof(expected), "%s\r\n", messages[i].text);
        if (n != strlen(expected) || strcmp(buf, expected) != 0) {
            printf("# code %lu: got \"%s\" (%lu), expected \"%s\"\n", (unsigned long)messages[i].code,
                   n ? buf : "", (unsigned long)n, messages[i].text);
            wrong++;
        }
    }
    CHECK_EQ(wrong, 0, "every listed code formats to Windows' text followed by CRLF");
}

static void test_allocate_buffer(void)
{
    LPSTR text = NULL;
    DWORD n = FormatMessageA(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM |
                                 FORMAT_MESSAGE_IGNORE_INSERTS,
                             NULL, WSAECONNREFUSED, 0, (LPSTR)&text, 0, NULL);
    REQUIRE(n > 0 && text != NULL, "FORMAT_MESSAGE_ALLOCATE_BUFFER allocates the text");
    CHECK(strcmp(text, "No connection could be made because the target machine actively refused it.\r\n") == 0,
          "... the WSAECONNREFUSED text");
    CHECK_EQ(n, strlen(text), "... and returns its length");
    CHECK(LocalFree(text) == NULL, "LocalFree returns NULL");
}

static void test_width_and_errors(void)
{
    char buf[256];
    char small[8];
    DWORD n;
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_MAX_WIDTH_MASK, NULL, WSAEWOULDBLOCK, 0,
                       buf, sizeof(buf), NULL);
    CHECK(n > 0 && strcmp(buf, "A non-blocking socket operation could not be completed immediately. ") == 0,
          "FORMAT_MESSAGE_MAX_WIDTH_MASK turns the line break into a space");

    SetLastError(0);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, 0x7fff1234u, 0, buf, sizeof(buf), NULL);
    CHECK_EQ(n, 0, "an unknown code formats nothing");
    CHECK_EQ(GetLastError(), ERROR_MR_MID_NOT_FOUND, "... ERROR_MR_MID_NOT_FOUND");

    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, WSAEINTR, 0, small, sizeof(small), NULL);
    CHECK_EQ(n, 0, "a buffer too small formats nothing");
    CHECK_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER, "... ERROR_INSUFFICIENT_BUFFER");

    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, WSAEINTR, MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US),
                       buf, sizeof(buf), NULL);
    CHECK(n > 0, "English (US) is available");
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, WSAEINTR, 0x0407 /* German */, buf, sizeof(buf), NULL);
    CHECK_EQ(n, 0, "another language is not");
    CHECK_EQ(GetLastError(), ERROR_RESOURCE_LANG_NOT_FOUND, "... ERROR_RESOURCE_LANG_NOT_FOUND");

    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, WSAEINTR, 0, NULL, 100, NULL);
    CHECK_EQ(n, 0, "a NULL buffer fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
}

static void test_from_string(void)
{
    char buf[128];
    DWORD_PTR args[2];
    DWORD n;
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_IGNORE_INSERTS, "port %1 busy%n", 0, 0, buf,
                       sizeof(buf), NULL);
    CHECK(n > 0 && strcmp(buf, "port %1 busy\r\n") == 0, "FROM_STRING with IGNORE_INSERTS keeps %1, expands %n");
    args[0] = (DWORD_PTR) "eth0";
    args[1] = 5150;
    n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, "%1 port %2!d! 100%%", 0, 0,
                       buf, sizeof(buf), (va_list *)(void *)args);
    CHECK(n > 0 && strcmp(buf, "eth0 port 5150 100%") == 0, "ARGUMENT_ARRAY inserts strings and numbers");
}

static void test_wide(void)
{
    WCHAR wbuf[128];
    const char *want = "Too many open sockets.\r\n";
    DWORD n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, WSAEMFILE, 0,
                             wbuf, _countof(wbuf), NULL);
    size_t i;
    int same = n == strlen(want);
    for (i = 0; same && i <= n; i++)
        same = wbuf[i] == (WCHAR)(unsigned char)want[i];
    CHECK(same, "FormatMessageW returns the same text in 16-bit WCHARs");
}

int main(void)
{
    test_every_code();
    test_allocate_buffer();
    test_width_and_errors();
    test_from_string();
    test_wide();
    return check_done();
}
