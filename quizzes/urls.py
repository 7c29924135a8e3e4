from django.urls import path

from quizzes import views

urlpatterns = [
    path("learn/<int:enrolment_id>/quiz/", views.quiz, name="quiz"),
    path("learn/<int:enrolment_id>/quiz/start/", views.start, name="quiz_start"),
    path("learn/<int:enrolment_id>/quiz/<uuid:attempt_id>/", views.attempt, name="attempt"),
]
