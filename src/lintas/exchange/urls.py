from django.urls import path

from lintas.exchange import views

app_name = "exchange"

urlpatterns = [
    path("b/<slug:slug>/exchange/", views.inbox, name="inbox"),
    path("b/<slug:slug>/exchange/new/", views.compose, name="compose"),
    path("b/<slug:slug>/exchange/measures/", views.matrix, name="matrix"),
    path("b/<slug:slug>/exchange/settings/", views.setup, name="setup"),
    path("b/<slug:slug>/exchange/<int:message_id>/", views.message_detail, name="message"),
    path(
        "b/<slug:slug>/exchange/<int:message_id>/acknowledge/",
        views.acknowledge,
        name="acknowledge",
    ),
    path("b/<slug:slug>/exchange/<int:message_id>/act/", views.act, name="act"),
    path("b/<slug:slug>/exchange/<int:message_id>/update/", views.update, name="update"),
    path("b/<slug:slug>/exchange/<int:message_id>/forward/", views.forward, name="forward"),
    path(
        "b/<slug:slug>/exchange/<int:message_id>/forwards/<int:forward_id>/decide/",
        views.decide,
        name="decide",
    ),
    path("b/<slug:slug>/exchange/<int:message_id>/summary/", views.summary, name="summary"),
    path(
        "b/<slug:slug>/exchange/<int:message_id>/files/<int:file_id>/",
        views.attachment,
        name="attachment",
    ),
    path("b/<slug:slug>/exchange/<int:message_id>/pdf/", views.thread_pdf, name="pdf"),
    path("b/<slug:slug>/exchange/<int:message_id>/misp/", views.misp_export, name="misp"),
    path("b/<slug:slug>/exchange/import/", views.misp_import, name="misp-import"),
]
