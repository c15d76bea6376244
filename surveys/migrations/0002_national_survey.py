"""The ready-made public satisfaction survey (the national questions)."""

from django.db import migrations


def create_national_survey(apps, schema_editor):
    from surveys import national

    Survey = apps.get_model("surveys", "Survey")
    if Survey.objects.filter(national=True).exists():
        return
    national.create(
        Survey, apps.get_model("surveys", "Section"), apps.get_model("surveys", "Question")
    )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [
        migrations.RunPython(create_national_survey, migrations.RunPython.noop)
    ]
