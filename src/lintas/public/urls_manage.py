"""The secretariat's pages for a body's releases and the focal points' sign-off page; the
project's urls include ``manage_urlpatterns`` under the ``releases`` namespace."""

from django.urls import path

from lintas.public.views import manage

R = "b/<slug:slug>/releases/"

manage_urlpatterns = [
    path(R, manage.release_list, name="list"),
    path(R + "new/", manage.release_prepare, name="prepare"),
    path(R + "sign-off-settings/", manage.signoff_settings, name="settings"),
    path(R + "<int:release_id>/", manage.release_detail, name="detail"),
    path(R + "<int:release_id>/sign-off/", manage.release_signoff, name="sign-off"),
]
