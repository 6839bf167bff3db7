"""Shopper accounts at /tai-khoan/ (see ocop/urls.py)."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("dang-ky/", views.sign_up, name="sign_up"),
    path("dang-ky/kiem-tra-e-mail/", views.sign_up_done, name="sign_up_done"),
    path("xac-minh/gui-lai/", views.resend_verification, name="resend_verification"),
    path("xac-minh/<str:token>/", views.verify, name="verify"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
]
