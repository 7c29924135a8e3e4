from django.urls import path

from certificates import views

urlpatterns = [
    path("certificates/", views.mine, name="certificate_list"),
    path("certificates/<uuid:public_id>/pdf/", views.download, name="certificate_pdf"),
    path("certificates/verify/", views.verify_form, name="certificate_verify_form"),
    path("certificates/verify/<str:code>/", views.verify, name="certificate_verify"),
]
