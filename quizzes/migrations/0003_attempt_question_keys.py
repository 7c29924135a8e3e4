from django.db import migrations, models


def every_question(apps, schema_editor):
    """Attempts made before the draw had every question of their quiz."""
    Attempt = apps.get_model("quizzes", "Attempt")
    Question = apps.get_model("quizzes", "Question")
    keys_of: dict = {}
    for attempt in Attempt.objects.all().iterator():
        if attempt.quiz_id not in keys_of:
            keys_of[attempt.quiz_id] = list(
                Question.objects.filter(quiz_id=attempt.quiz_id)
                .order_by("order")
                .values_list("key", flat=True)
            )
        attempt.question_keys = keys_of[attempt.quiz_id]
        attempt.save(update_fields=["question_keys"])


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0002_question_qualifiers_and_draw"),
    ]

    operations = [
        migrations.AddField(
            model_name="attempt",
            name="question_keys",
            field=models.JSONField(default=list),
        ),
        migrations.RunPython(every_question, migrations.RunPython.noop),
    ]
