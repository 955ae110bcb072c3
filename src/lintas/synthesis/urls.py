from django.urls import path

from lintas.synthesis import views

app_name = "synthesis"

urlpatterns = [
    path("b/<slug:slug>/synthesis/", views.home, name="home"),
    path("b/<slug:slug>/dashboard/", views.dashboard, name="dashboard"),
    path(
        "b/<slug:slug>/synthesis/obligations/<int:obligation_id>/",
        views.report,
        name="report",
    ),
    path(
        "b/<slug:slug>/synthesis/obligations/<int:obligation_id>/report.<str:fmt>",
        views.download,
        name="download",
    ),
    path(
        "b/<slug:slug>/synthesis/obligations/<int:obligation_id>/generate/",
        views.generate,
        name="generate",
    ),
    path(
        "b/<slug:slug>/synthesis/generated/<int:report_id>/",
        views.generated,
        name="generated",
    ),
    path(
        "b/<slug:slug>/synthesis/generated/<int:report_id>/progress/",
        views.generated_progress,
        name="generated-progress",
    ),
    path(
        "b/<slug:slug>/synthesis/generated/<int:report_id>/report.<str:fmt>",
        views.generated_file,
        name="generated-file",
    ),
]
