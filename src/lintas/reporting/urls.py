from django.urls import path

from lintas.reporting import views

app_name = "reporting"

urlpatterns = [
    path("b/<slug:slug>/reports/", views.reports_home, name="home"),
    path("b/<slug:slug>/reports/mine/", views.my_reports, name="my-reports"),
    path(
        "b/<slug:slug>/reports/obligations/new/", views.obligation_create, name="obligation-create"
    ),
    path("b/<slug:slug>/reports/obligations/<int:obligation_id>/", views.matrix, name="matrix"),
    path(
        "b/<slug:slug>/reports/obligations/<int:obligation_id>/edit/",
        views.obligation_edit,
        name="obligation-edit",
    ),
    path(
        "b/<slug:slug>/reports/obligations/<int:obligation_id>/exceptions/new/",
        views.exception_create,
        name="exception-create",
    ),
    path(
        "b/<slug:slug>/reports/obligations/<int:obligation_id>/units/<int:unit_id>/<str:period>/start/",
        views.start,
        name="start",
    ),
    path("b/<slug:slug>/reports/templates/", views.template_list, name="template-list"),
    path("b/<slug:slug>/reports/templates/new/", views.template_create, name="template-create"),
    path(
        "b/<slug:slug>/reports/templates/<int:template_id>/edit/",
        views.template_edit,
        name="template-edit",
    ),
    path(
        "b/<slug:slug>/reports/templates/<int:template_id>/xlsx/",
        views.template_xlsx,
        name="template-xlsx",
    ),
    path(
        "b/<slug:slug>/reports/templates/<int:template_id>/",
        views.template_detail,
        name="template-detail",
    ),
    path(
        "b/<slug:slug>/submissions/<int:submission_id>/",
        views.submission_detail,
        name="submission-detail",
    ),
    path(
        "b/<slug:slug>/submissions/<int:submission_id>/edit/",
        views.submission_edit,
        name="submission-edit",
    ),
    path(
        "b/<slug:slug>/submissions/<int:submission_id>/compare/",
        views.submission_compare,
        name="submission-compare",
    ),
    path(
        "b/<slug:slug>/submissions/<int:submission_id>/accept/",
        views.submission_accept,
        name="submission-accept",
    ),
    path(
        "b/<slug:slug>/submissions/<int:submission_id>/return/",
        views.submission_return,
        name="submission-return",
    ),
    path(
        "b/<slug:slug>/submissions/<int:submission_id>/validate/",
        views.submission_validate,
        name="submission-validate",
    ),
    path(
        "b/<slug:slug>/submissions/<int:submission_id>/xlsx/",
        views.submission_xlsx,
        name="submission-xlsx",
    ),
    path(
        "b/<slug:slug>/submissions/<int:submission_id>/upload/",
        views.submission_upload,
        name="submission-upload",
    ),
]
