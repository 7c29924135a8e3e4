"""Indexes for the LRS's filtered pages: (column, seq) instead of the column alone.

The fields lose ``db_index`` in the state only: altering them would make Django rebuild
the whole statement table on SQLite, once per field. The old indexes (and, on PostgreSQL,
the ``_like`` twins Django adds to indexed text columns) are dropped by name, as migration
0001 made them; ``IF EXISTS`` works on both databases.
"""

from django.db import migrations, models

OLD = {
    "verb": "tracking_statement_verb_66fb8cd1",
    "activity": "tracking_statement_activity_a4b3078f",
    "agent": "tracking_statement_agent_0bbea83f",
    "registration": "tracking_statement_registration_31180ca1",
    "object_ref": "tracking_statement_object_ref_07940685",
}
LIKE = ("verb", "activity", "agent")


def _drop(names):
    return [f'DROP INDEX IF EXISTS "{name}"' for name in names]


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0003_document"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="statement",
                    name="activity",
                    field=models.CharField(blank=True, max_length=500),
                ),
                migrations.AlterField(
                    model_name="statement",
                    name="agent",
                    field=models.CharField(blank=True, max_length=600),
                ),
                migrations.AlterField(
                    model_name="statement",
                    name="object_ref",
                    field=models.UUIDField(blank=True, null=True),
                ),
                migrations.AlterField(
                    model_name="statement",
                    name="registration",
                    field=models.UUIDField(blank=True, null=True),
                ),
                migrations.AlterField(
                    model_name="statement",
                    name="verb",
                    field=models.CharField(max_length=500),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    _drop([*OLD.values(), *(f"{OLD[c]}_like" for c in LIKE)]),
                    reverse_sql=[
                        f'CREATE INDEX "{name}" ON "tracking_statement" ("{column}")'
                        for column, name in OLD.items()
                    ],
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(fields=["agent", "seq"], name="statement_agent"),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(fields=["activity", "seq"], name="statement_activity"),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(fields=["registration", "seq"], name="statement_registration"),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(fields=["verb", "seq"], name="statement_verb"),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                condition=models.Q(("object_ref__isnull", False)),
                fields=["object_ref"],
                name="statement_object_ref",
            ),
        ),
    ]
