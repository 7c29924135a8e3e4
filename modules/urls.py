from django.urls import path

from modules import views

urlpatterns = [
    path("modules/", views.catalogue, name="catalogue"),
    path("modules/<slug:slug>/", views.module_detail, name="module_detail"),
    path("modules/<slug:slug>/enrol/", views.enrol, name="enrol"),
    path("learn/<int:enrolment_id>/", views.overview, name="learn_overview"),
    path("learn/<int:enrolment_id>/continue/", views.continue_learning, name="learn_continue"),
    path("learn/<int:enrolment_id>/page/<int:number>/", views.page, name="learn_page"),
]
