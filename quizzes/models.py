import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from base.i18n import pick


class QuestionType(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
    SCENARIO = "scenario", _("Scenario")


class Quiz(models.Model):
    version = models.OneToOneField(
        "modules.ModuleVersion", on_delete=models.CASCADE, related_name="quiz"
    )
    pass_mark = models.PositiveSmallIntegerField(help_text="percent")
    max_attempts = models.PositiveSmallIntegerField(help_text="0 = no limit")
    # quiz.yaml's draw: questions per attempt (null: all of the learner's pool) and minimums
    draw_count = models.PositiveSmallIntegerField(null=True, blank=True)
    draw_min_scenarios = models.PositiveSmallIntegerField(default=0)
    draw_min_industry = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self) -> str:
        return f"quiz of {self.version}"


class Question(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=40)
    type = models.CharField(max_length=20, choices=QuestionType.choices)
    prompt = models.JSONField(default=dict)  # language -> sanitised HTML
    case = models.JSONField(default=dict, blank=True)
    # Qualifiers: the question is only in the pool of these industries / roles ([] = all)
    industries = models.JSONField(default=list, blank=True)
    roles = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["quiz", "order"]
        constraints = [models.UniqueConstraint(fields=["quiz", "key"], name="question_key")]

    def __str__(self) -> str:
        return self.key

    @property
    def prompt_html(self) -> str:
        return pick(self.prompt)

    @property
    def case_html(self) -> str:
        return pick(self.case)

    @property
    def is_multiple(self) -> bool:
        return self.type == QuestionType.MULTIPLE_CHOICE


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=40)
    text = models.JSONField(default=dict)
    feedback = models.JSONField(default=dict)
    is_correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["question", "order"]
        constraints = [models.UniqueConstraint(fields=["question", "key"], name="choice_key")]

    def __str__(self) -> str:
        return self.key

    @property
    def text_html(self) -> str:
        return pick(self.text)

    @property
    def feedback_html(self) -> str:
        return pick(self.feedback)


class Attempt(models.Model):
    """One try at a quiz. Created when the learner starts; graded once, on submission."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    enrolment = models.ForeignKey(
        "modules.Enrolment", on_delete=models.CASCADE, related_name="attempts"
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    # The questions this attempt drew (keys, in the quiz's order): kept with the attempt,
    # so grading and review show the same questions whatever is imported later.
    question_keys = models.JSONField(default=list)
    choice_order = models.JSONField(default=dict)  # question key -> [choice keys] as shown
    started_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    duration = models.DurationField(null=True, blank=True)
    correct_count = models.PositiveSmallIntegerField(null=True, blank=True)
    question_count = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["enrolment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "number"], name="attempt_number"),
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(submitted_at__isnull=True),
                name="one_open_attempt",
            ),
        ]

    def __str__(self) -> str:
        return f"attempt {self.number} of enrolment {self.enrolment_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    selected = models.JSONField(default=list)  # choice keys
    is_correct = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="one_answer_per_question")
        ]
