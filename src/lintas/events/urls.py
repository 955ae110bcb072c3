from django.urls import path

from lintas.events import views

app_name = "events"

E = "b/<slug:slug>/events/<int:event_id>/"

urlpatterns = [
    path("b/<slug:slug>/events/", views.event_list, name="list"),
    path("b/<slug:slug>/events/new/", views.event_create, name="create"),
    path(E, views.event_detail, name="detail"),
    path(E + "edit/", views.event_edit, name="edit"),
    path(E + "agenda/", views.agenda_editor, name="editor"),
    path(E + "agenda/pdf/", views.agenda_pdf, name="agenda-pdf"),
    path(E + "agenda.ics", views.agenda_ics, name="ics"),
    path(E + "my.ics", views.my_ics, name="my-ics"),
    path(E + "sessions/<int:session_id>/", views.session_detail, name="session"),
    path(E + "delegates/", views.delegates, name="delegates"),
    path(E + "delegates/<int:delegate_id>/", views.delegate_detail, name="delegate"),
    path(E + "delegates/<int:delegate_id>/badge.pdf", views.badge_pdf, name="badge"),
    path(E + "delegates/<int:delegate_id>/visa.pdf", views.visa_letter, name="visa-letter"),
    path(E + "badges.pdf", views.badges_pdf, name="badges"),
    path(E + "check-in/", views.check_in_page, name="check-in"),
    path(E + "attendance/", views.attendance_page, name="attendance"),
    path(E + "attendance.csv", views.attendance_csv, name="attendance-csv"),
    path(E + "materials/", views.materials_upload, name="material-upload"),
    path(E + "materials/<int:material_id>/", views.material_download, name="material"),
    path(E + "surveys/", views.surveys, name="surveys"),
    path(E + "surveys/<int:survey_id>/", views.survey_answer, name="survey"),
    path(E + "certificates/", views.certificates, name="certificates"),
    path(E + "certificates/<int:delegate_id>.pdf", views.certificate_pdf, name="certificate-pdf"),
    path(E + "actions/", views.action_items, name="actions"),
    path("verify/certificate/<str:code>/", views.verify_certificate, name="verify"),
]
