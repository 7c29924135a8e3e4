"""The authorisation table: every URL pattern of the root URLconf (the apps', allauth's,
the admin's and the LRS's), requested as seven people, with the status each must get.

A URL that is not in ``TABLE`` fails ``test_the_table_covers_every_url_pattern``, so a
new page or form target cannot escape it. Columns, in order (``PEOPLE``):

    anonymous, learner (owns the enrolment and the attempt), another learner, team member
    (the team's leader), outsider (no team, no enrolment), course owner, staff (superuser)

Statuses: 302L is a redirect to log in (anonymous visitors, and non-staff in the
admin); 404 for anything that belongs to someone else (its existence is not revealed);
405 for a form target asked with GET. Public URLs (anonymous gets an answer) carry a
reason. For URLs that only take POST, ``post`` gives the statuses of an empty POST as
well (nothing is valid, so nothing changes).
"""

import pytest

from tests.authz.world import build_world, clients, outcome, url_for, walk

PEOPLE = ("anonymous", "learner", "other_learner", "member", "outsider", "course_owner", "staff")
ANSWERED_ANONYMOUSLY = {"200", "302", "400"}

TABLE = {
    "home": {"get": "200 200 200 200 200 200 200", "why": "the front page"},
    "catalogue": {
        "get": "200 200 200 200 200 200 200",
        "why": "the module catalogue is open to everyone",
    },
    "module_detail": {
        "get": "200 200 200 200 200 200 200",
        "why": "a module's description is open to everyone",
    },
    "enrol": {"get": "302L 405 405 405 405 405 405", "post": "302L 400 400 400 400 400 400"},
    "learn_overview": "302L 200 404 404 404 404 404",
    "learn_continue": "302L 302 404 404 404 404 404",
    "learn_page": "302L 200 404 404 404 404 404",
    "quiz": "302L 200 404 404 404 404 404",
    "quiz_start": {"get": "302L 405 405 405 405 405 405", "post": "302L 302 404 404 404 404 404"},
    "attempt": "302L 200 404 404 404 404 404",
    "team_list": "302L 200 200 200 200 200 200",
    "team_create": "302L 200 200 200 200 200 200",
    "team_join": {
        "get": "200 200 200 200 200 200 200",
        "why": "the invitation's token is the credential; while it works it names the workplace",
    },
    "team_detail": "302L 404 404 200 404 404 404",
    "seat_invite": {"get": "302L 405 405 405 405 405 405", "post": "302L 404 404 302 404 404 404"},
    "seat_empty": {"get": "302L 405 405 405 405 405 405", "post": "302L 404 404 302 404 404 404"},
    "seat_reopen": {"get": "302L 405 405 405 405 405 405", "post": "302L 404 404 302 404 404 404"},
    # GET asks for confirmation; the table's seat is open and invitation 1 is not the
    # team's, so even the member gets 404.
    "seat_vacate": {"get": "302L 404 404 404 404 404 404", "post": "302L 404 404 302 404 404 404"},
    "invitation_revoke": {
        "get": "302L 404 404 404 404 404 404",
        "post": "302L 404 404 302 404 404 404",
    },
    "invitation_resend": {
        "get": "302L 405 405 405 405 405 405",
        "post": "302L 404 404 302 404 404 404",
    },
    "team_session": "302L 404 404 200 404 404 404",
    "team_revision": "302L 404 404 200 404 404 404",
    "team_baseline": {
        "get": "302L 405 405 405 405 405 405",
        "post": "302L 404 404 400 404 404 404",
    },
    "team_factors": {"get": "302L 405 405 405 405 405 405", "post": "302L 404 404 400 404 404 404"},
    "team_plan_edit": "302L 404 404 200 404 404 404",
    "team_plan_confirm": {
        "get": "302L 405 405 405 405 405 405",
        "post": "302L 404 404 302 404 404 404",
    },
    "team_check_in": "302L 404 404 404 404 404 404",
    "reminder_follow": {
        "get": "404 404 404 404 404 404 404",
        "why": "the token is the credential (an unknown one is 404 for everyone)",
    },
    "reminder_unsubscribe": {
        "get": "400 400 400 400 400 400 400",
        "why": "the signed token is the credential (one-click unsubscribe)",
    },
    "reminder_settings": "302L 200 200 200 200 200 200",
    "profile": "302L 200 200 200 200 200 200",
    # An empty POST chooses no organisation and gives no consent: 400, nothing saved.
    "profile_organisations": {
        "get": "302L 200 200 200 200 200 200",
        "post": "302L 400 400 400 400 400 400",
    },
    # The sample id is a team's, nobody's affiliation: 404 for everyone.
    "profile_organisation_name": {
        "get": "302L 405 405 405 405 405 405",
        "post": "302L 404 404 404 404 404 404",
    },
    "profile_organisation_leave": {
        "get": "302L 404 404 404 404 404 404",
        "post": "302L 404 404 404 404 404 404",
    },
    "profile_data": "302L 200 200 200 200 200 200",
    # An empty POST has no password and no ticked box: 400, nothing deleted.
    "profile_delete": {
        "get": "302L 200 200 200 200 200 200",
        "post": "302L 400 400 400 400 400 400",
    },
    "account_login": {"get": "200 302 302 302 302 302 302", "why": "logging in"},
    "account_logout": {
        "get": "302 200 200 200 200 200 200",
        "why": "logging out (a redirect home when not logged in)",
    },
    "account_inactive": {
        "get": "200 200 200 200 200 200 200",
        "why": "allauth's notice page, no data",
    },
    "account_signup": {"get": "200 302 302 302 302 302 302", "why": "signing up"},
    "account_reauthenticate": "302L 200 200 200 200 200 200",
    "account_request_reauthentication_code": "302L 302 302 302 302 302 302",
    "account_confirm_reauthentication_code": "302L 302 302 302 302 302 302",
    "account_email": "302L 200 200 200 200 200 200",
    "account_email_verification_sent": {
        "get": "200 200 200 200 200 200 200",
        "why": "allauth's notice page, no data",
    },
    "account_change_password": "302L 200 200 200 200 200 200",
    "account_set_password": "302L 302 302 302 302 302 302",
    "account_reset_password": {
        "get": "200 200 200 200 200 200 200",
        "why": "asking for a reset link",
    },
    "account_confirm_login_code": "302L 302 302 302 302 302 302",
    "account_confirm_email": {
        "get": "200 200 200 200 200 200 200",
        "why": "the key is the credential (a wrong one says so)",
    },
    "account_reset_password_from_key_done": {
        "get": "200 200 200 200 200 200 200",
        "why": "allauth's notice page, no data",
    },
    "account_reset_password_from_key": {
        "get": "200 200 200 200 200 200 200",
        "why": "the key is the credential (a wrong one says so)",
    },
    "account_reset_password_done": {
        "get": "200 200 200 200 200 200 200",
        "why": "allauth's notice page, no data",
    },
    "mfa_index": "404 404 404 404 404 200 200",
    "mfa_authenticate": "302L 302 302 302 302 302 302",
    "mfa_reauthenticate": "302L 302 302 302 302 302 302",
    "mfa_activate_totp": "404 404 404 404 404 302 302",
    "mfa_deactivate_totp": "404 404 404 404 404 404 404",
    "mfa_view_recovery_codes": "404 404 404 404 404 404 404",
    "mfa_generate_recovery_codes": "404 404 404 404 404 302 302",
    "mfa_download_recovery_codes": "404 404 404 404 404 404 404",
    "set_language": {
        "get": "405 405 405 405 405 405 405",
        "post": "302 302 302 302 302 302 302",
        "why": "anyone may switch the interface language",
    },
    "admin_login": "302L 302 302 302 302 302 302",
    "admin:index": "302L 302L 302L 302L 302L 302L 200",
    "admin:login": "302L 302 302 302 302 302 302",
    "admin:logout": {
        "get": "302 302 302 302 302 302 405",
        "why": "logging out (a redirect when not staff)",
    },
    "admin:password_change": "302L 302L 302L 302L 302L 302L 200",
    "admin:password_change_done": "302L 302L 302L 302L 302L 302L 200",
    "admin:autocomplete": "302L 302L 302L 302L 302L 302L 403",
    "admin:jsi18n": "302L 302L 302L 302L 302L 302L 200",
    "admin:view_on_site": "302L 302L 302L 302L 302L 302L 404",
    "admin:auth_group_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:auth_group_add": "302L 302L 302L 302L 302L 302L 200",
    "admin:auth_group_history": "302L 302L 302L 302L 302L 302L 200",
    "admin:auth_group_delete": "302L 302L 302L 302L 302L 302L 200",
    "admin:auth_group_change": "302L 302L 302L 302L 302L 302L 200",
    "admin/auth/group/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:account_emailaddress_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:account_emailaddress_add": "302L 302L 302L 302L 302L 302L 200",
    "admin:account_emailaddress_history": "302L 302L 302L 302L 302L 302L 200",
    "admin:account_emailaddress_delete": "302L 302L 302L 302L 302L 302L 200",
    "admin:account_emailaddress_change": "302L 302L 302L 302L 302L 302L 200",
    "admin/account/emailaddress/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:mfa_authenticator_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:mfa_authenticator_add": "302L 302L 302L 302L 302L 302L 200",
    "admin:mfa_authenticator_history": "302L 302L 302L 302L 302L 302L 302",
    "admin:mfa_authenticator_delete": "302L 302L 302L 302L 302L 302L 302",
    "admin:mfa_authenticator_change": "302L 302L 302L 302L 302L 302L 302",
    "admin/mfa/authenticator/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:auth_user_password_change": "302L 302L 302L 302L 302L 302L 200",
    "admin:accounts_user_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:accounts_user_add": "302L 302L 302L 302L 302L 302L 200",
    "admin:accounts_user_history": "302L 302L 302L 302L 302L 302L 200",
    "admin:accounts_user_delete": "302L 302L 302L 302L 302L 302L 200",
    "admin:accounts_user_change": "302L 302L 302L 302L 302L 302L 200",
    "admin/accounts/user/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:modules_industry_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:modules_industry_add": "302L 302L 302L 302L 302L 302L 403",
    "admin:modules_industry_history": "302L 302L 302L 302L 302L 302L 200",
    "admin:modules_industry_delete": "302L 302L 302L 302L 302L 302L 403",
    "admin:modules_industry_change": "302L 302L 302L 302L 302L 302L 200",
    "admin/modules/industry/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:modules_moduleversion_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:modules_moduleversion_add": "302L 302L 302L 302L 302L 302L 403",
    "admin:modules_moduleversion_history": "302L 302L 302L 302L 302L 302L 200",
    "admin:modules_moduleversion_delete": "302L 302L 302L 302L 302L 302L 403",
    "admin:modules_moduleversion_change": "302L 302L 302L 302L 302L 302L 200",
    "admin/modules/moduleversion/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:modules_pagevariant_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:modules_pagevariant_add": "302L 302L 302L 302L 302L 302L 403",
    "admin:modules_pagevariant_history": "302L 302L 302L 302L 302L 302L 200",
    "admin:modules_pagevariant_delete": "302L 302L 302L 302L 302L 302L 403",
    "admin:modules_pagevariant_change": "302L 302L 302L 302L 302L 302L 200",
    "admin/modules/pagevariant/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:modules_enrolment_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:modules_enrolment_add": "302L 302L 302L 302L 302L 302L 403",
    "admin:modules_enrolment_history": "302L 302L 302L 302L 302L 302L 200",
    "admin:modules_enrolment_delete": "302L 302L 302L 302L 302L 302L 403",
    "admin:modules_enrolment_change": "302L 302L 302L 302L 302L 302L 200",
    "admin/modules/enrolment/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:quizzes_attempt_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:quizzes_attempt_add": "302L 302L 302L 302L 302L 302L 403",
    "admin:quizzes_attempt_history": "302L 302L 302L 302L 302L 302L 200",
    "admin:quizzes_attempt_delete": "302L 302L 302L 302L 302L 302L 403",
    "admin:quizzes_attempt_change": "302L 302L 302L 302L 302L 302L 200",
    "admin/quizzes/attempt/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:tracking_statement_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:tracking_statement_add": "302L 302L 302L 302L 302L 302L 403",
    "admin:tracking_statement_history": "302L 302L 302L 302L 302L 302L 200",
    "admin:tracking_statement_delete": "302L 302L 302L 302L 302L 302L 403",
    "admin:tracking_statement_change": "302L 302L 302L 302L 302L 302L 200",
    "admin/tracking/statement/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:tracking_lrsclient_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:tracking_lrsclient_add": "302L 302L 302L 302L 302L 302L 403",
    "admin:tracking_lrsclient_history": "302L 302L 302L 302L 302L 302L 302",
    "admin:tracking_lrsclient_delete": "302L 302L 302L 302L 302L 302L 302",
    "admin:tracking_lrsclient_change": "302L 302L 302L 302L 302L 302L 302",
    "admin/tracking/lrsclient/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:teams_workplace_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:teams_workplace_add": "302L 302L 302L 302L 302L 302L 403",
    "admin:teams_workplace_history": "302L 302L 302L 302L 302L 302L 200",
    "admin:teams_workplace_delete": "302L 302L 302L 302L 302L 302L 403",
    "admin:teams_workplace_change": "302L 302L 302L 302L 302L 302L 200",
    "admin/teams/workplace/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:teams_team_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:teams_team_add": "302L 302L 302L 302L 302L 302L 403",
    "admin:teams_team_history": "302L 302L 302L 302L 302L 302L 200",
    "admin:teams_team_delete": "302L 302L 302L 302L 302L 302L 403",
    "admin:teams_team_change": "302L 302L 302L 302L 302L 302L 200",
    "admin/teams/team/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:mail_email_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:mail_email_add": "302L 302L 302L 302L 302L 302L 403",
    "admin:mail_email_history": "302L 302L 302L 302L 302L 302L 302",
    "admin:mail_email_delete": "302L 302L 302L 302L 302L 302L 403",
    "admin:mail_email_change": "302L 302L 302L 302L 302L 302L 302",
    "admin/mail/email/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "certificate_list": "302L 200 200 200 200 200 200",
    # The sample id is no certificate's: 404 for everyone (the holder's own download is
    # tested in tests/certificates/test_pdf.py).
    "certificate_pdf": "302L 404 404 404 404 404 404",
    "certificate_verify_form": {
        "get": "200 200 200 200 200 200 200",
        "why": "anyone may check a certificate (employers, unions)",
    },
    "certificate_verify": {
        "get": "200 200 200 200 200 200 200",
        "why": "the code is what a checker has; unknown codes get the neutral answer",
    },
    "admin:certificates_certificate_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:certificates_certificate_add": "302L 302L 302L 302L 302L 302L 403",
    "admin:certificates_certificate_history": "302L 302L 302L 302L 302L 302L 302",
    "admin:certificates_certificate_delete": "302L 302L 302L 302L 302L 302L 403",
    "admin:certificates_certificate_change": "302L 302L 302L 302L 302L 302L 302",
    "admin/certificates/certificate/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:organisations_organisation_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:organisations_organisation_import": "302L 302L 302L 302L 302L 302L 200",
    "admin:organisations_organisation_add": "302L 302L 302L 302L 302L 302L 200",
    "admin:organisations_organisation_history": "302L 302L 302L 302L 302L 302L 200",
    "admin:organisations_organisation_delete": "302L 302L 302L 302L 302L 302L 200",
    "admin:organisations_organisation_change": "302L 302L 302L 302L 302L 302L 200",
    "admin/organisations/organisation/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:organisations_ownerscope_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:organisations_ownerscope_add": "302L 302L 302L 302L 302L 302L 200",
    "admin:organisations_ownerscope_history": "302L 302L 302L 302L 302L 302L 200",
    "admin:organisations_ownerscope_delete": "302L 302L 302L 302L 302L 302L 200",
    "admin:organisations_ownerscope_change": "302L 302L 302L 302L 302L 302L 200",
    "admin/organisations/ownerscope/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:reminders_reminder_changelist": "302L 302L 302L 302L 302L 302L 200",
    "admin:reminders_reminder_add": "302L 302L 302L 302L 302L 302L 403",
    "admin:reminders_reminder_history": "302L 302L 302L 302L 302L 302L 302",
    "admin:reminders_reminder_delete": "302L 302L 302L 302L 302L 302L 403",
    "admin:reminders_reminder_change": "302L 302L 302L 302L 302L 302L 302",
    "admin/reminders/reminder/<path:object_id>/": "302L 302L 302L 302L 302L 302L 302",
    "admin:app_list": "302L 302L 302L 302L 302L 302L 200",
    "admin/(?P<url>.*)$": "302L 302L 302L 302L 302L 302L 404",
    "xapi_about": {
        "get": "200 200 200 200 200 200 200",
        "why": "the LRS's version document (xAPI: public)",
    },
    "xapi/about/": {
        "get": "200 200 200 200 200 200 200",
        "why": "the LRS's version document (xAPI: public)",
    },
    "xapi_statements": "401 401 401 401 401 401 401",
    "xapi/statements/": "401 401 401 401 401 401 401",
    "xapi/<path:rest>": "401 401 401 401 401 401 401",
    # The document resources: LRS clients only (HTTP Basic), never a logged-in session.
    "xapi_state": "401 401 401 401 401 401 401",
    "xapi/activities/state/": "401 401 401 401 401 401 401",
    "xapi_activity_profile": "401 401 401 401 401 401 401",
    "xapi/activities/profile/": "401 401 401 401 401 401 401",
    "xapi_agent_profile": "401 401 401 401 401 401 401",
    "xapi/agents/profile/": "401 401 401 401 401 401 401",
    "xapi_agents": "401 401 401 401 401 401 401",
    "xapi/agents/": "401 401 401 401 401 401 401",
    "xapi_activities": "401 401 401 401 401 401 401",
    "xapi/activities/": "401 401 401 401 401 401 401",
    # The course owners' API: a token (Authorization: Bearer) is the only credential, so
    # a logged-in session gets 401 like anyone without one.
    "api:api-root": "404 404 404 404 404 404 404",
    "api:openapi-json": {
        "get": "200 200 200 200 200 200 200",
        "why": "the API's OpenAPI schema: a description, no data",
    },
    "api_docs": {
        "get": "200 200 200 200 200 200 200",
        "why": "the API's documentation page, rendered from the schema, no data",
    },
    "api:list_scopes": "401 401 401 401 401 401 401",
    "api:funnel": "401 401 401 401 401 401 401",
    "api:teams": "401 401 401 401 401 401 401",
    "api:indicators": "401 401 401 401 401 401 401",
    "api:item_analysis": "401 401 401 401 401 401 401",
    "api:refresher_status": "401 401 401 401 401 401 401",
    "api:annual_report": "401 401 401 401 401 401 401",
    "api:named_completions": "401 401 401 401 401 401 401",
    "api:named_refreshers_due": "401 401 401 401 401 401 401",
    # Tokens are for people with an owner scope (an empty form is a 400); no token 1 exists.
    "api_tokens": {"get": "302L 404 404 404 404 200 404", "post": "302L 404 404 404 404 400 404"},
    "api_token_revoke": {
        "get": "302L 404 404 404 404 404 404",
        "post": "302L 404 404 404 404 404 404",
    },
    # The reports: the sample scope is the course owner's organisation; staff read the
    # site-wide view at /reports/site/, not an organisation's (tests/reporting).
    "report_index": "302L 404 404 404 404 302 302",
    "report_overview": "302L 404 404 404 404 200 404",
    "report_teams": "302L 404 404 404 404 200 404",
    "report_questions": "302L 404 404 404 404 200 404",
    "report_refreshers": "302L 404 404 404 404 200 404",
    "report_annual": "302L 404 404 404 404 200 404",
    "report_names": "302L 404 404 404 404 200 404",
    "report_export": "302L 404 404 404 404 200 404",
    "healthz": {"get": "200 200 200 200 200 200 200", "why": "the liveness probe, no data"},
    "readyz": {"get": "200 200 200 200 200 200 200", "why": "the readiness probe, no data"},
}


def spec(key) -> dict:
    entry = TABLE[key]
    return {"get": entry} if isinstance(entry, str) else entry


def test_the_table_covers_every_url_pattern():
    keys = [key for key, _route, _pattern in walk()]
    missing = sorted(set(keys) - set(TABLE))
    assert not missing, f"URLs missing from the authorisation table: {missing}"
    assert not sorted(set(TABLE) - set(keys)), "entries for URLs that no longer exist"
    assert "admin:index" in keys and "account_login" in keys and "xapi_statements" in keys


def test_every_public_url_says_why_and_every_form_target_is_posted_to():
    for key in TABLE:
        entry = spec(key)
        for method in ("get", "post"):
            statuses = entry.get(method, "").split()
            assert not statuses or len(statuses) == len(PEOPLE), key
            if statuses and statuses[0] in ANSWERED_ANONYMOUSLY:
                assert entry.get("why"), f"{key}: public to anonymous visitors, say why"
        if set(entry["get"].split()[1:]) == {"405"}:
            assert "post" in entry, f"{key}: only takes POST, give the POST statuses"


@pytest.mark.django_db
def test_each_person_gets_what_the_table_says(request):
    world = build_world(request)
    people = clients(world)
    wrong = []
    for key, route, pattern in walk():
        url = url_for(world, key, route, pattern)
        entry = spec(key)
        for method in ("get", "post"):
            if method not in entry:
                continue
            send = {who: getattr(people[who], method) for who in PEOPLE}
            got = " ".join(outcome(send[who](url)) for who in PEOPLE)
            if got != entry[method]:
                wrong.append(f"{key} {method.upper()} {url}: expected {entry[method]}, got {got}")
    assert not wrong, "\n".join(wrong)
