from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from lintas.api.main import api
from lintas.members import passwords
from lintas.members import views as member_views
from lintas.members.signin import SignInView
from lintas.public.urls_manage import manage_urlpatterns
from lintas.web import views as web_views

admin.site.site_header = "Lintas"
admin.site.site_title = "Lintas"

urlpatterns = [
    path("", web_views.home, name="home"),
    path("login/", SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", web_views.set_language, name="set-language"),
    path("account/", member_views.account, name="account"),
    path("account/tokens/", member_views.api_token_create, name="api-token-create"),
    path(
        "account/tokens/<int:token_id>/revoke/",
        member_views.api_token_revoke,
        name="api-token-revoke",
    ),
    path("account/two-factor/", member_views.two_factor, name="two-factor"),
    path("account/backup-codes/", member_views.backup_codes, name="backup-codes"),
    path("account/password/", passwords.PasswordChangeView.as_view(), name="password-change"),
    path("password-reset/", passwords.PasswordResetRequestView.as_view(), name="password-reset"),
    path(
        "password-reset/sent/",
        passwords.PasswordResetSentView.as_view(),
        name="password-reset-sent",
    ),
    path(
        "password-reset/done/",
        passwords.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        passwords.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("demo/", web_views.demo, name="demo"),
    path("demo/login/<int:user_id>/", web_views.demo_login, name="demo-login"),
    path("health/", web_views.health, name="health"),
    path("favicon.ico", web_views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("lintas.members.urls")),
    # The body's audit log is a members page (it lists the body's people), named audit:log.
    path(
        "", include(([path("b/<slug:slug>/audit/", member_views.audit_log, name="log")], "audit"))
    ),
    path("", include("lintas.reporting.urls")),
    path("", include("lintas.synthesis.urls")),
    path("", include("lintas.cases.urls")),
    path("", include("lintas.notices.urls")),
]
urlpatterns += [
    path("", include("lintas.networks.urls")),
    path("", include("lintas.exchange.urls")),
    path("", include("lintas.plans.urls")),
    path("", include("lintas.events.urls")),
    path("", include((manage_urlpatterns, "releases"))),
    path("", include("lintas.public.urls")),
]
