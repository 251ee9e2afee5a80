"""공감 votes: one row per user and feature, and the feature's denormalised ``vote_count``.

The column has a database default too, so rows inserted outside Django (COPY,
raw SQL) start at zero votes.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("layers", "0005_feature_web_mercator"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="feature",
            name="vote_count",
            field=models.PositiveIntegerField(
                db_default=0,
                default=0,
                editable=False,
                help_text="How many residents agree with this report (공감); kept by the vote service.",
                verbose_name="votes",
            ),
        ),
        migrations.CreateModel(
            name="Vote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "feature",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="votes",
                        to="layers.feature",
                        verbose_name="feature",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="votes",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "vote",
                "verbose_name_plural": "votes",
                "ordering": ["feature", "-created", "-pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("feature", "user"), name="vote_once_per_user_and_feature")
                ],
            },
        ),
    ]
