from django.urls import path

from accounts import views, views_delete

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/organisations/", views.organisations, name="profile_organisations"),
    path(
        "profile/organisations/<uuid:public_id>/name/",
        views.organisation_name_sharing,
        name="profile_organisation_name",
    ),
    path(
        "profile/organisations/<uuid:public_id>/withdraw/",
        views.organisation_leave,
        name="profile_organisation_leave",
    ),
    path("profile/my-data/", views.my_data, name="profile_data"),
    path("profile/delete/", views_delete.delete_account, name="profile_delete"),
]
