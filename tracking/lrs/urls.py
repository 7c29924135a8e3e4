from django.urls import path

from tracking.lrs import document_views, views

urlpatterns = [
    path("about", views.about, name="xapi_about"),
    path("about/", views.about),
    path("statements", views.statements, name="xapi_statements"),
    path("statements/", views.statements),
    path("activities/state", document_views.state, name="xapi_state"),
    path("activities/state/", document_views.state),
    path("activities/profile", document_views.activity_profile, name="xapi_activity_profile"),
    path("activities/profile/", document_views.activity_profile),
    path("agents/profile", document_views.agent_profile, name="xapi_agent_profile"),
    path("agents/profile/", document_views.agent_profile),
    path("agents", document_views.agents, name="xapi_agents"),
    path("agents/", document_views.agents),
    path("activities", document_views.activities, name="xapi_activities"),
    path("activities/", document_views.activities),
    path("<path:rest>", views.not_supported),
]
