from django.urls import path

from lintas.cases import views

app_name = "cases"

urlpatterns = [
    path("b/<slug:slug>/cases/", views.case_list, name="list"),
    path("b/<slug:slug>/cases/new/", views.case_create, name="create"),
    path("b/<slug:slug>/cases/<int:case_id>/", views.case_detail, name="detail"),
    path("b/<slug:slug>/cases/<int:case_id>/edit/", views.case_edit, name="edit"),
    path("b/<slug:slug>/cases/<int:case_id>/label/", views.case_label, name="label"),
    path("b/<slug:slug>/cases/<int:case_id>/share/", views.case_share, name="share"),
    path(
        "b/<slug:slug>/cases/<int:case_id>/shares/<int:share_id>/revoke/",
        views.share_revoke,
        name="share-revoke",
    ),
    path("b/<slug:slug>/cases/<int:case_id>/access/", views.case_access, name="access"),
    path("b/<slug:slug>/cases/<int:case_id>/refer/", views.case_refer, name="refer"),
    path(
        "b/<slug:slug>/cases/<int:case_id>/emergency/",
        views.case_break_glass,
        name="break-glass",
    ),
    path(
        "b/<slug:slug>/cases/<int:case_id>/emergency/<int:access_id>/end/",
        views.emergency_end,
        name="emergency-end",
    ),
    path("b/<slug:slug>/referrals/", views.referral_inbox, name="referral-inbox"),
    path(
        "b/<slug:slug>/referrals/<int:referral_id>/accept/",
        views.referral_accept,
        name="referral-accept",
    ),
    path(
        "b/<slug:slug>/referrals/<int:referral_id>/decline/",
        views.referral_decline,
        name="referral-decline",
    ),
    path(
        "b/<slug:slug>/referrals/<int:referral_id>/close/",
        views.referral_close,
        name="referral-close",
    ),
    path("b/<slug:slug>/cases/<int:case_id>/readers/", views.red_readers, name="red-readers"),
    path(
        "b/<slug:slug>/cases/<int:case_id>/readers/<int:access_id>/remove/",
        views.red_reader_remove,
        name="red-reader-remove",
    ),
    path("b/<slug:slug>/cases/<int:case_id>/persons/new/", views.person_edit, name="person-create"),
    path(
        "b/<slug:slug>/cases/<int:case_id>/persons/<int:person_id>/edit/",
        views.person_edit,
        name="person-edit",
    ),
    path(
        "b/<slug:slug>/cases/<int:case_id>/persons/<int:person_id>/consent/",
        views.consent_create,
        name="consent-create",
    ),
    path(
        "b/<slug:slug>/cases/<int:case_id>/consents/<int:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
]

urlpatterns += [
    path("b/<slug:slug>/cases/<int:case_id>/events/new/", views.event_create, name="event-create"),
    path(
        "b/<slug:slug>/cases/<int:case_id>/events/<int:event_id>/remove/",
        views.event_remove,
        name="event-remove",
    ),
    path("b/<slug:slug>/cases/statistics/", views.case_statistics, name="statistics"),
    path("b/<slug:slug>/cases/import/", views.case_import, name="import"),
    path(
        "b/<slug:slug>/cases/import/template/",
        views.import_template,
        name="import-template",
    ),
    path("b/<slug:slug>/cases/export/", views.case_export, name="export"),
]
