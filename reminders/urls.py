from django.urls import path

from reminders import views

urlpatterns = [
    path("reminders/r/<str:token>/", views.follow, name="reminder_follow"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="reminder_unsubscribe"),
    path("reminders/settings/", views.preferences, name="reminder_settings"),
]
