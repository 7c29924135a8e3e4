import uuid

from django.db import migrations, models


def fill_xapi_ids(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.filter(xapi_id__isnull=True).only("pk"):
        User.objects.filter(pk=user.pk).update(xapi_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]

    operations = [
        migrations.AddField(
            model_name="user", name="xapi_id", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(fill_xapi_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="xapi_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
