/* ws2mp-test: posix no-mingw no-tsan */ /* the test stops its service with kill(SIGTERM) and reads systemd's notification socket, as systemd does, and under TSan a signal waits for an intercepted call, which the dispatcher's futex wait never makes */
/*
 * A Winsock echo server written as a Windows service, the way telemetry agents are:
 * StartServiceCtrlDispatcher with a SERVICE_TABLE_ENTRY, a ServiceMain that registers its
 * handler, reports SERVICE_START_PENDING then SERVICE_RUNNING, serves TCP clients until its
 * handler is told SERVICE_CONTROL_STOP, and reports SERVICE_STOPPED; the console fallback
 * a service takes when StartServiceCtrlDispatcher fails with
 * ERROR_FAILED_SERVICE_CONTROLLER_CONNECT; the install path failing without a service control
 * manager; the event log. The service runs as a child started the way systemd starts one
 * (WS2MP_SERVICE=1 and NOTIFY_SOCKET in its environment) and is stopped with SIGTERM.
 */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define SERVICE_NAME "Ws2mpEchoService"

/* ---- the service ---------------------------------------------------------------------------- */

static SERVICE_STATUS g_status;
static SERVICE_STATUS_HANDLE g_status_handle;
static HANDLE g_stop_event;
static volatile LONG g_param_changes;
static DWORD g_main_thread, g_handler_thread;
static unsigned short g_port;
static int g_accept_stop = 1;

static void report(DWORD state, DWORD accepted)
{
    g_status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    g_status.dwCurrentState = state;
    g_status.dwControlsAccepted = accepted;
    g_status.dwWin32ExitCode = NO_ERROR;
    g_status.dwCheckPoint = state == SERVICE_RUNNING || state == SERVICE_STOPPED ? 0 : g_status.dwCheckPoint + 1;
    g_status.dwWaitHint = 3000;
    SetServiceStatus(g_status_handle, &g_status);
}

static DWORD WINAPI HandlerEx(DWORD control, DWORD event_type, LPVOID event_data, LPVOID context)
{
    (void)event_type;
    (void)event_data;
    g_handler_thread = GetCurrentThreadId();
    if (context != (LPVOID)&g_status)
        return ERROR_INVALID_PARAMETER;
    switch (control) {
    case SERVICE_CONTROL_STOP:
        report(SERVICE_STOP_PENDING, 0);
        SetEvent(g_stop_event);
        return NO_ERROR;
    case SERVICE_CONTROL_PARAMCHANGE:
        InterlockedIncrement(&g_param_changes);
        return NO_ERROR;
    case SERVICE_CONTROL_INTERROGATE:
        return NO_ERROR;
    default:
        return ERROR_CALL_NOT_IMPLEMENTED;
    }
}

/* Echoes every line; "status?" answers with what the service saw. */
static void serve(SOCKET listener)
{
    fd_set set;
    SOCKET client = INVALID_SOCKET;
    char buf[256];
    while (WaitForSingleObject(g_stop_event, 0) != WAIT_OBJECT_0) {
        struct timeval tv = {0, 50000};
        FD_ZERO(&set);
        FD_SET(listener, &set);
        if (client != INVALID_SOCKET)
            FD_SET(client, &set);
        if (select(0, &set, NULL, NULL, &tv) <= 0)
            continue;
        if (FD_ISSET(listener, &set)) {
            if (client != INVALID_SOCKET)
                closesocket(client);
            client = accept(listener, NULL, NULL);
        } else if (client != INVALID_SOCKET && FD_ISSET(client, &set)) {
            int n = recv(client, buf, sizeof(buf) - 1, 0);
            if (n <= 0) {
                closesocket(client);
                client = INVALID_SOCKET;
                continue;
            }
            buf[n] = '\0';
            if (strcmp(buf, "status?") == 0)
                n = sprintf(buf, "params=%ld name-arg-ok", (long)g_param_changes);
            send(client, buf, n, 0);
        }
    }
    if (client != INVALID_SOCKET)
        closesocket(client);
}

static VOID WINAPI ServiceMain(DWORD argc, LPSTR *argv)
{
    SOCKET listener;
    struct sockaddr_in addr;
    HANDLE log;
    const char *strings[2];
    g_status_handle = RegisterServiceCtrlHandlerExA(SERVICE_NAME, HandlerEx, &g_status);
    if (g_status_handle == NULL)
        return;
    report(SERVICE_START_PENDING, 0);
    if (argc != 1 || strcmp(argv[0], SERVICE_NAME) != 0) {
        g_status.dwWin32ExitCode = ERROR_INVALID_PARAMETER;
        report(SERVICE_STOPPED, 0);
        return;
    }
    g_stop_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = htons(g_port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&addr, sizeof(addr)) || listen(listener, SOMAXCONN)) {
        report(SERVICE_STOPPED, 0);
        return;
    }
    log = RegisterEventSourceA(NULL, SERVICE_NAME);
    strings[0] = "listening";
    strings[1] = "on 127.0.0.1";
    ReportEventA(log, EVENTLOG_INFORMATION_TYPE, 0, 1, NULL, 2, 0, strings, NULL);
    report(SERVICE_RUNNING, (g_accept_stop ? SERVICE_ACCEPT_STOP : 0) | SERVICE_ACCEPT_PARAMCHANGE);
    serve(listener);
    closesocket(listener);
    DeregisterEventSource(log);
    CloseHandle(g_stop_event);
    report(SERVICE_STOPPED, 0);
}

static int service_process(void)
{
    SERVICE_TABLE_ENTRY table[] = {{(LPSTR)"OtherService", ServiceMain}, {(LPSTR)SERVICE_NAME, ServiceMain}, {NULL, NULL}};
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    g_main_thread = GetCurrentThreadId();
    if (!StartServiceCtrlDispatcher(table))
        return (int)GetLastError();
    /* The handler ran on this thread (the dispatcher), as on Windows. */
    if (g_accept_stop && g_handler_thread != g_main_thread)
        return 70;
    WSACleanup();
    return 0;
}

/* ---- the test --------------------------------------------------------------------------------- */

static char self[MAX_PATH];

static void test_console_start(void)
{
    SERVICE_TABLE_ENTRY table[] = {{(LPSTR)SERVICE_NAME, ServiceMain}, {NULL, NULL}};
    SERVICE_STATUS status;
    SetLastError(0);
    CHECK(!StartServiceCtrlDispatcher(table) && GetLastError() == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT,
          "started from a console, StartServiceCtrlDispatcher fails with ERROR_FAILED_SERVICE_CONTROLLER_CONNECT");
    SetLastError(0);
    CHECK(RegisterServiceCtrlHandlerExA(SERVICE_NAME, HandlerEx, NULL) == NULL && GetLastError() == ERROR_SERVICE_NOT_IN_EXE,
          "RegisterServiceCtrlHandlerEx outside a service fails with ERROR_SERVICE_NOT_IN_EXE");
    memset(&status, 0, sizeof(status));
    status.dwCurrentState = SERVICE_RUNNING;
    SetLastError(0);
    CHECK(!SetServiceStatus((SERVICE_STATUS_HANDLE)(ULONG_PTR)0x1234, &status) && GetLastError() == ERROR_INVALID_HANDLE,
          "SetServiceStatus with a handle no service has fails with ERROR_INVALID_HANDLE");
}

static void test_install_path(void)
{
    SC_HANDLE manager;
    SetLastError(0);
    manager = OpenSCManager(NULL, NULL, SC_MANAGER_ALL_ACCESS);
    CHECK(manager == NULL && GetLastError() == ERROR_CALL_NOT_IMPLEMENTED,
          "OpenSCManager fails with ERROR_CALL_NOT_IMPLEMENTED (no service control manager)");
    SetLastError(0);
    CHECK(CreateService(manager, SERVICE_NAME, "ws2mp echo", SERVICE_ALL_ACCESS, SERVICE_WIN32_OWN_PROCESS,
                        SERVICE_AUTO_START, SERVICE_ERROR_NORMAL, self, NULL, NULL, NULL, NULL, NULL) == NULL &&
              GetLastError() == ERROR_INVALID_HANDLE,
          "CreateService without a manager handle fails with ERROR_INVALID_HANDLE");
    SetLastError(0);
    CHECK(!CloseServiceHandle(manager) && GetLastError() == ERROR_INVALID_HANDLE, "so does CloseServiceHandle");
}

static void test_event_log(void)
{
    HANDLE log = RegisterEventSourceA(NULL, "ws2mp-test");
    LPCSTR strings[2] = {"first", "second"};
    REQUIRE(log != NULL, "RegisterEventSource");
    CHECK(ReportEventA(log, EVENTLOG_WARNING_TYPE, 0, 1000, NULL, 2, 0, strings, NULL), "ReportEvent with two strings");
    CHECK(ReportEventA(log, EVENTLOG_ERROR_TYPE, 0, 1001, NULL, 0, 0, NULL, NULL), "ReportEvent without strings");
    SetLastError(0);
    CHECK(!ReportEventA(log, EVENTLOG_ERROR_TYPE, 0, 1002, NULL, 2, 0, NULL, NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
          "strings announced but not given: ERROR_INVALID_PARAMETER");
    CHECK(DeregisterEventSource(log), "DeregisterEventSource");
    SetLastError(0);
    CHECK(!ReportEventA(log, EVENTLOG_ERROR_TYPE, 0, 1003, NULL, 0, 0, NULL, NULL) && GetLastError() == ERROR_INVALID_HANDLE,
          "ReportEvent after DeregisterEventSource fails with ERROR_INVALID_HANDLE");
    SetLastError(0);
    CHECK(RegisterEventSourceA("\\\\otherhost", "ws2mp-test") == NULL && GetLastError() == ERROR_ACCESS_DENIED,
          "another computer's event log: ERROR_ACCESS_DENIED");
}

/* systemd's side: a datagram socket the service reports to. */
static int notify_socket(char *path, size_t size)
{
    struct sockaddr_un sun;
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct timeval tv = {10, 0};
    snprintf(path, size, "/tmp/ws2mp-notify-%d", (int)getpid());
    unlink(path);
    memset(&sun, 0, sizeof(sun));
    sun.sun_family = AF_UNIX;
    strncpy(sun.sun_path, path, sizeof(sun.sun_path) - 1);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    return fd;
}

static int next_notification(int fd, const char *want)
{
    char buf[256];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof(buf) - 1, 0)) > 0) {
        buf[n] = '\0';
        if (strstr(buf, want))
            return 1;
    }
    return 0;
}

static SOCKET connect_to_service(unsigned short port)
{
    struct sockaddr_in addr;
    int tries;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (tries = 0; tries < 200; tries++) {
        SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (connect(s, (struct sockaddr *)&addr, sizeof(addr)) == 0)
            return s;
        closesocket(s);
        Sleep(25);
    }
    return INVALID_SOCKET;
}

static int ask(SOCKET s, const char *question, char *answer, int size)
{
    int n;
    if (send(s, question, (int)strlen(question), 0) <= 0)
        return 0;
    n = recv(s, answer, size - 1, 0);
    if (n <= 0)
        return 0;
    answer[n] = '\0';
    return 1;
}

static BOOL start_service(const char *mode, unsigned short port, const char *notify, PROCESS_INFORMATION *pi)
{
    STARTUPINFOA si;
    char line[MAX_PATH + 64];
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    snprintf(line, sizeof(line), "\"%s\" %s %u", self, mode, port);
    SetEnvironmentVariableA("WS2MP_SERVICE", SERVICE_NAME);
    SetEnvironmentVariableA("NOTIFY_SOCKET", notify);
    if (!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, pi))
        return FALSE;
    SetEnvironmentVariableA("WS2MP_SERVICE", NULL);
    SetEnvironmentVariableA("NOTIFY_SOCKET", NULL);
    return TRUE;
}

static void test_service_run(void)
{
    char path[108], answer[128];
    int notify = notify_socket(path, sizeof(path));
    unsigned short port = (unsigned short)(20000 + GetCurrentProcessId() % 20000);
    PROCESS_INFORMATION pi;
    DWORD code = 99;
    SOCKET s;
    REQUIRE(notify >= 0, "a notification socket");
    REQUIRE(start_service("service", port, path, &pi), "the service process starts (WS2MP_SERVICE, NOTIFY_SOCKET)");
    CHECK(next_notification(notify, "READY=1"), "SERVICE_RUNNING tells systemd READY=1");
    s = connect_to_service(port);
    REQUIRE(s != INVALID_SOCKET, "a client connects to the running service");
    CHECK(ask(s, "hello", answer, sizeof(answer)) && strcmp(answer, "hello") == 0, "the service echoes");
    CHECK(kill((pid_t)pi.dwProcessId, SIGHUP) == 0, "SIGHUP to the service");
    Sleep(200);
    CHECK(ask(s, "status?", answer, sizeof(answer)) && strcmp(answer, "params=1 name-arg-ok") == 0,
          "its handler got SERVICE_CONTROL_PARAMCHANGE, and ServiceMain its name as its one argument");
    CHECK(kill((pid_t)pi.dwProcessId, SIGTERM) == 0, "SIGTERM to the service (systemd's stop)");
    CHECK(next_notification(notify, "STOPPING=1"), "SERVICE_STOP_PENDING tells systemd STOPPING=1");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 10000), WAIT_OBJECT_0, "the service process ends");
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 0,
          "StartServiceCtrlDispatcher returned TRUE after SERVICE_STOPPED, the handler ran on its thread (exit 0)");
    closesocket(s);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);

    /* A service that does not accept SERVICE_CONTROL_STOP is ended by the stop request. */
    port++;
    REQUIRE(start_service("service-no-stop", port, path, &pi), "a service that accepts no stop starts");
    CHECK(next_notification(notify, "READY=1"), "and runs");
    CHECK(kill((pid_t)pi.dwProcessId, SIGTERM) == 0, "SIGTERM to it");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 10000), WAIT_OBJECT_0, "ends the process");
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code != 0, "without a clean exit");
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    close(notify);
    unlink(path);
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    if (argc == 3 && strncmp(argv[1], "service", 7) == 0) {
        g_port = (unsigned short)atoi(argv[2]);
        g_accept_stop = strcmp(argv[1], "service") == 0;
        return service_process();
    }
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    REQUIRE(GetModuleFileNameA(NULL, self, sizeof(self)) > 0, "GetModuleFileNameA");
    test_console_start();
    test_install_path();
    test_event_log();
    test_service_run();
    WSACleanup();
    return check_done();
}
