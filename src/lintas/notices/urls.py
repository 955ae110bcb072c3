from django.urls import path

from lintas.notices import views

app_name = "notices"

urlpatterns = [
    path("notifications/", views.notifications, name="list"),
    path("account/notices/", views.preferences, name="preferences"),
]
