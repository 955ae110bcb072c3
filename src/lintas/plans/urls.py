from django.urls import path

from lintas.plans import views

app_name = "plans"

P = "b/<slug:slug>/plans/<int:phase_id>"

urlpatterns = [
    path("b/<slug:slug>/plans/", views.home, name="home"),
    path("b/<slug:slug>/plans/library/", views.library, name="library"),
    path(f"{P}/", views.phase_detail, name="phase"),
    path(f"{P}/timeline/", views.timeline, name="timeline"),
    path(f"{P}/next/", views.next_phase, name="next-phase"),
    path(f"{P}/activities/<int:activity_id>/", views.activity_detail, name="activity"),
    path(f"{P}/indicators/<int:indicator_id>/", views.indicator_detail, name="indicator"),
    path(f"{P}/actuals/<int:actual_id>/evidence/", views.evidence, name="evidence"),
    path(f"{P}/evaluations/<int:evaluation_id>/", views.evaluation_detail, name="evaluation"),
    path(
        f"{P}/evaluations/<int:evaluation_id>/chart.png",
        views.evaluation_chart,
        name="evaluation-chart",
    ),
    path(
        f"{P}/documents/<int:document_id>/<str:fmt>/",
        views.document,
        name="document",
    ),
    path(f"{P}/iati.xml", views.iati, name="iati"),
]
