from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from base import personal_data
        from quizzes.selectors import personal_data as section

        personal_data.register("quizzes", section)

        from modules.sources.parts import ContentPart, register
        from quizzes.actions import create_quiz
        from quizzes.sources import read_quiz

        # A module's quiz.yaml and questions/ are checked and imported with the module.
        register(
            ContentPart(
                name="quiz",
                files=frozenset({"quiz.yaml", "questions"}),
                read=read_quiz,
                store=create_quiz,
                required_for_completion=True,
            )
        )
