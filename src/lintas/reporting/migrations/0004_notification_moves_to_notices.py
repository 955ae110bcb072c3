# Notifications now belong to the notices app, which took over their table with its rows
# (notices 0001): reporting forgets the model without touching the database.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0003_soft_limits_and_comments'),
        ('notices', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Notification')],
            database_operations=[],
        ),
    ]
