from django.urls import path

from tracking.lrs import views

urlpatterns = [
    path("about", views.about, name="xapi_about"),
    path("about/", views.about),
    path("statements", views.statements, name="xapi_statements"),
    path("statements/", views.statements),
    path("<path:rest>", views.not_supported),
]
