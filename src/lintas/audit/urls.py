from django.urls import path

from lintas.audit import views

app_name = "audit"

urlpatterns = [path("b/<slug:slug>/audit/", views.audit_log, name="log")]
