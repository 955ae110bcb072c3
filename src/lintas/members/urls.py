from django.urls import path

from lintas.members import views

app_name = "members"

urlpatterns = [
    path("b/<slug:slug>/", views.body_overview, name="body-overview"),
    path("b/<slug:slug>/units/", views.unit_tree, name="unit-tree"),
    path("b/<slug:slug>/units/new/", views.unit_edit, name="unit-create"),
    path("b/<slug:slug>/units/<int:unit_id>/", views.unit_detail, name="unit-detail"),
    path("b/<slug:slug>/units/<int:unit_id>/edit/", views.unit_edit, name="unit-edit"),
    path("b/<slug:slug>/people/", views.people, name="people"),
    path("b/<slug:slug>/people/invite/", views.invite, name="invite"),
    path("b/<slug:slug>/people/<int:person_id>/", views.person_detail, name="person-detail"),
    path(
        "b/<slug:slug>/people/<int:person_id>/roles/",
        views.person_grant_role,
        name="person-grant-role",
    ),
    path(
        "b/<slug:slug>/people/<int:person_id>/deactivate/",
        views.person_deactivate,
        name="person-deactivate",
    ),
    path(
        "b/<slug:slug>/memberships/<int:membership_id>/end/",
        views.membership_end,
        name="membership-end",
    ),
    path(
        "b/<slug:slug>/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("invitations/<str:key>/", views.invitation_accept, name="invitation-accept"),
]
