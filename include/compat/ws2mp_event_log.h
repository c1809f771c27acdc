/*
 * ws2mp compat: the event log calls of Windows' <winbase.h> (through <windows.h>):
 * RegisterEventSource, ReportEvent, DeregisterEventSource and CloseEventLog are exported by libws2mp
 * (declared in ws2mp.h). Events go to the system log (syslog, facility user), one line each:
 * the source name, "[event N]" (the identifier's low 16 bits) and the insertion strings.
 * Reading the log (OpenEventLog, ReadEventLog) is not provided.
 */
#ifndef WS2MP_COMPAT_EVENT_LOG_H
#define WS2MP_COMPAT_EVENT_LOG_H

#define EVENTLOG_SUCCESS 0x0000
#define EVENTLOG_ERROR_TYPE 0x0001
#define EVENTLOG_WARNING_TYPE 0x0002
#define EVENTLOG_INFORMATION_TYPE 0x0004
#define EVENTLOG_AUDIT_SUCCESS 0x0008
#define EVENTLOG_AUDIT_FAILURE 0x0010

#ifdef UNICODE
#define RegisterEventSource RegisterEventSourceW
#define ReportEvent ReportEventW
#else
#define RegisterEventSource RegisterEventSourceA
#define ReportEvent ReportEventA
#endif

#endif /* WS2MP_COMPAT_EVENT_LOG_H */
