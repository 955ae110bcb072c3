# Notifications move from reporting to notices with their rows: the table is renamed, never made
# again, and gains the columns of e-mail delivery; people's choices per kind of notice are new.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    # Not an initial migration for --fake-initial: the table it takes over already exists.
    initial = False

    dependencies = [
        ('members', '0002_membership_ends_on_exclusive'),
        ('reporting', '0003_soft_limits_and_comments'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=40)),
                        ('text', models.TextField()),
                        ('link', models.CharField(blank=True, max_length=300)),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('read_at', models.DateTimeField(blank=True, null=True)),
                        ('body', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='members.body')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ['-created_at', '-id'],
                        'db_table': 'reporting_notification',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='notification', table=None),
        migrations.AddField(
            model_name='notification',
            name='subject',
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name='notification',
            name='email',
            field=models.CharField(choices=[('none', 'not e-mailed'), ('now', 'to send at once'), ('digest', 'to send in the daily digest'), ('sent', 'sent'), ('failed', 'failed')], default='none', max_length=8),
        ),
        migrations.AddField(
            model_name='notification',
            name='email_due_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='notification',
            name='email_attempts',
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='notification',
            name='email_claim',
            field=models.CharField(blank=True, max_length=32),
        ),
        migrations.AddField(
            model_name='notification',
            name='emailed_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='notification',
            name='email_error',
            field=models.TextField(blank=True),
        ),
        migrations.AddIndex(
            model_name='notification',
            index=models.Index(fields=['email', 'email_due_at'], name='notices_email_due'),
        ),
        migrations.CreateModel(
            name='Preference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('reminder', 'Reminders of reports due or overdue'), ('escalation', 'Reports still missing after their deadline'), ('submitted', 'Reports submitted to the secretariat'), ('returned', 'Reports returned to your unit'), ('referral', 'Referrals and transfers of cases'), ('emergency_access', "Emergency access to your unit's cases"), ('synthesis', 'Consolidated reports ready'), ('network_match', "Matches between your unit's cases and another unit's")], max_length=40)),
                ('delivery', models.CharField(choices=[('immediately', 'By e-mail at once'), ('daily', 'In a daily e-mail digest'), ('in_app', 'In the app only')], max_length=16)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notice_preferences', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [
                    models.UniqueConstraint(fields=('user', 'kind'), name='notices_preference_unique'),
                    models.CheckConstraint(condition=models.Q(('delivery__in', ['immediately', 'daily', 'in_app'])), name='notices_preference_delivery'),
                ],
            },
        ),
    ]
