from django.urls import path

from lintas.networks import views

app_name = "networks"

urlpatterns = [
    path("b/<slug:slug>/networks/", views.network_list, name="list"),
    path("b/<slug:slug>/networks/<int:network_id>/", views.network_detail, name="detail"),
    path("b/<slug:slug>/networks/<int:network_id>/disrupt/", views.disrupt, name="disrupt"),
    path("b/<slug:slug>/networks/relink/", views.relink, name="relink"),
    path("b/<slug:slug>/networks/runs/<int:run_id>/", views.run_detail, name="run"),
    path(
        "b/<slug:slug>/networks/runs/<int:run_id>/progress/",
        views.run_progress,
        name="run-progress",
    ),
]
