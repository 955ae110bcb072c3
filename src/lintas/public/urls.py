"""The public pages (no sign-in), under the ``public`` namespace."""

from django.urls import path

from lintas.public.views import pages

app_name = "public"

urlpatterns = [
    path("public/", pages.index, name="index"),
    path("public/privacy/", pages.privacy, name="privacy"),
    path("public/data-dictionary/", pages.dictionary, name="dictionary"),
    path("public/<slug:slug>/", pages.home, name="home"),
    path("public/<slug:slug>/releases.atom", pages.feed, name="feed"),
    path("public/<slug:slug>/releases/<int:version>/", pages.release_page, name="release"),
    path("public/<slug:slug>/releases/<int:version>.csv", pages.release_csv, name="release-csv"),
    path("public/<slug:slug>/releases/<int:version>.json", pages.release_json, name="release-json"),
    path("public/<slug:slug>/statistics/", pages.old_statistics, name="old-statistics"),
]
