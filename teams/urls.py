from django.urls import path

from teams import views

urlpatterns = [
    path("teams/", views.team_list, name="team_list"),
    path("teams/new/", views.team_create, name="team_create"),
    path("teams/join/<str:token>/", views.team_join, name="team_join"),
    path("teams/<uuid:public_id>/", views.team_detail, name="team_detail"),
    path("teams/<uuid:public_id>/seats/<str:role>/invite/", views.seat_invite, name="seat_invite"),
    path("teams/<uuid:public_id>/seats/<str:role>/empty/", views.seat_empty, name="seat_empty"),
    path("teams/<uuid:public_id>/seats/<str:role>/reopen/", views.seat_reopen, name="seat_reopen"),
    path("teams/<uuid:public_id>/seats/<str:role>/vacate/", views.seat_vacate, name="seat_vacate"),
    path(
        "teams/<uuid:public_id>/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "teams/<uuid:public_id>/invitations/<int:invitation_id>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path("teams/<uuid:public_id>/session/", views.session, name="team_session"),
    path("teams/<uuid:public_id>/revision", views.revision, name="team_revision"),
    path("teams/<uuid:public_id>/baseline/", views.baseline, name="team_baseline"),
    path("teams/<uuid:public_id>/factors/", views.factors, name="team_factors"),
    path("teams/<uuid:public_id>/plan/", views.plan_edit, name="team_plan_edit"),
    path("teams/<uuid:public_id>/plan/confirm/", views.plan_confirm, name="team_plan_confirm"),
    path("teams/<uuid:public_id>/check-ins/<int:number>/", views.check_in, name="team_check_in"),
]
