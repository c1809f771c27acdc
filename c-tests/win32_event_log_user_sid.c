/*
 * The event log the way small agents and services write to it: a `SID *` (or `PSID`) for
 * ReportEvent's user, left NULL or pointing at a SID the program builds itself (the Local
 * System account, S-1-5-18), and a `const char *strings[]` array of insertion strings.
 * <windows.h> alone declares SID, PSID and the SID constants, with Windows' layout; a SID
 * given to ReportEvent is accepted (ws2mp has no security identifiers and does not log it).
 */
#include <windows.h>
#include <stddef.h>
#include <stdio.h>
#include "check.h"

static void test_sid_layout(void)
{
    SID_IDENTIFIER_AUTHORITY nt = {SECURITY_NT_AUTHORITY};
    CHECK_EQ((long)sizeof(SID_IDENTIFIER_AUTHORITY), 6L, "SID_IDENTIFIER_AUTHORITY is 6 bytes");
    CHECK_EQ((long)sizeof(SID), 12L, "SID with its first sub-authority is 12 bytes");
    CHECK_EQ((long)offsetof(SID, IdentifierAuthority), 2L, "IdentifierAuthority at offset 2");
    CHECK_EQ((long)offsetof(SID, SubAuthority), 8L, "SubAuthority at offset 8");
    CHECK_EQ((long)sizeof(PSID), (long)sizeof(void *), "PSID is a pointer");
    CHECK(nt.Value[5] == 5 && nt.Value[0] == 0, "SECURITY_NT_AUTHORITY is {0,0,0,0,0,5}");
    CHECK_EQ((long)SID_REVISION, 1L, "SID_REVISION");
    CHECK_EQ((long)SECURITY_LOCAL_SYSTEM_RID, 18L, "SECURITY_LOCAL_SYSTEM_RID");
}

static void test_report_with_user(void)
{
    const char *event_source_name = "ws2mp-sid-test";
    HANDLE event_source;
    WORD type = EVENTLOG_ERROR_TYPE;
    WORD category = 0;
    DWORD event_id = 0;
    SID *user_sid = NULL;
    SID system_sid;
    SID_IDENTIFIER_AUTHORITY nt = {SECURITY_NT_AUTHORITY};
    PSID psid = &system_sid;
    WORD n_strings = 1;
    DWORD data_size = 0;
    const char *strings[] = {"File not found"};
    void *data = NULL;

    system_sid.Revision = SID_REVISION;
    system_sid.SubAuthorityCount = 1;
    system_sid.IdentifierAuthority = nt;
    system_sid.SubAuthority[0] = SECURITY_LOCAL_SYSTEM_RID;

    event_source = RegisterEventSource(NULL, event_source_name);
    REQUIRE(event_source != NULL, "RegisterEventSource");
    CHECK(ReportEvent(event_source, type, category, event_id, user_sid, n_strings, data_size, strings, data),
          "ReportEvent with a NULL SID * user");
    CHECK(ReportEvent(event_source, EVENTLOG_INFORMATION_TYPE, category, 2, psid, n_strings, data_size, strings, data),
          "ReportEvent with the Local System SID as its user");
    CHECK(DeregisterEventSource(event_source), "DeregisterEventSource");
}

int main(void)
{
    test_sid_layout();
    test_report_with_user();
    return check_done();
}
