"""Shopper account pages: plain forms, no JavaScript needed.

The rules are in marketplace.accounts.services; these views pass the input on and
show the outcome. Logging in goes through ``django.contrib.auth.authenticate`` (via
Django's LoginView) so that login throttling sees every attempt.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ocop.responses import private, same_site_path

from . import services
from .forms import LoginForm, PasswordResetForm, SetPasswordForm, SignUpForm

# Logging a user in without a password (verification, password reset) names the
# backend, as Django asks when several are configured.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
ORDERS_PER_PAGE = 10
BOOKINGS_PER_PAGE = 10
LOGIN_URL = "accounts:login"


def safe_next(request, target):
    """``target`` when it is a path on this site (and not this very page), else ''."""
    target = same_site_path(request, target)
    if target.split("?", 1)[0] == request.path:
        return ""
    return target


class SafeNextMixin:
    """Only same-site paths are followed after logging in or out."""

    def get_redirect_url(self):
        name = self.redirect_field_name
        return safe_next(self.request, self.request.POST.get(name, self.request.GET.get(name)))


# --- Sign-up and verification ----------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.sign_up(
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            password=form.cleaned_data["password1"],
        )
        # The same page whether or not the e-mail already had an account.
        return redirect("accounts:sign_up_done")
    status = 400 if request.method == "POST" else 200
    return private(
        TemplateResponse(
            request, "marketplace/accounts/sign_up.html", {"form": form}, status=status
        )
    )


@require_http_methods(["GET"])
def sign_up_done(request):
    return TemplateResponse(request, "marketplace/accounts/sign_up_done.html")


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request, token):
    """GET shows whose e-mail the link verifies; the button (POST) verifies and logs in.

    Verifying needs the button so that a link opened by a mail scanner, or planted in
    another site's page, never logs anyone in.
    """
    try:
        user = services.user_for_token(token)
    except services.InvalidLink as error:
        context = {"error": str(error), "expired": isinstance(error, services.ExpiredLink)}
        return private(
            TemplateResponse(request, "marketplace/accounts/verify.html", context, status=400)
        )
    if services.is_verified(user):
        messages.info(request, _("E-mail này đã được xác minh. Mời bạn đăng nhập."))
        return redirect("accounts:account" if request.user == user else LOGIN_URL)
    if request.method == "POST":
        attached = services.mark_verified(user)
        login(request, user, backend=MODEL_BACKEND)
        text = _("Đã xác minh e-mail %(email)s. Chào mừng bạn!") % {"email": user.email}
        if attached:
            text += " " + _("%(count)s đơn hàng đặt trước đây đã được thêm vào tài khoản.") % {
                "count": attached
            }
        messages.success(request, text)
        return redirect("accounts:account")
    context = {"account": user}
    return private(TemplateResponse(request, "marketplace/accounts/verify.html", context))


@require_POST
@login_required(login_url=LOGIN_URL)
def resend_verification(request):
    if services.is_verified(request.user):
        messages.info(request, _("E-mail của bạn đã được xác minh."))
    elif not services.is_shopper(request.user):
        messages.error(request, _("Tài khoản này không phải tài khoản người mua."))
    elif services.send_verification(request.user):
        messages.success(
            request,
            _("Đã gửi liên kết xác minh mới đến %(email)s.") % {"email": request.user.email},
        )
    else:
        messages.error(request, _("Chưa gửi được e-mail xác minh. Vui lòng thử lại sau ít phút."))
    return redirect("accounts:account")


# --- Logging in and out ----------------------------------------------------------------


class LoginView(SafeNextMixin, auth_views.LoginView):
    form_class = LoginForm
    template_name = "marketplace/accounts/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.attach_if_verified(form.get_user())
        return private(response)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class LogoutView(SafeNextMixin, auth_views.LogoutView):
    next_page = "/"

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Bạn đã đăng xuất."))
        return response


# --- Password reset by e-mail ----------------------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "marketplace/accounts/password_reset.html"
    email_template_name = "marketplace/accounts/email/password_reset.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "marketplace/accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password through the e-mailed link also proves the e-mail."""

    form_class = SetPasswordForm
    template_name = "marketplace/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:account")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if services.is_shopper(user) else None

    def dispatch(self, *args, **kwargs):
        response = super().dispatch(*args, **kwargs)
        if not self.validlink and response.status_code == 200:
            response.status_code = 400
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        services.mark_verified(user)
        login(self.request, user, backend=MODEL_BACKEND)
        messages.success(self.request, _("Đã đặt mật khẩu mới. Bạn đã đăng nhập."))
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


# --- My account ------------------------------------------------------------------------


def _page(request, query, per_page, param):
    return Paginator(query, per_page).get_page(request.GET.get(param))


@never_cache
@require_http_methods(["GET"])
@login_required(login_url=LOGIN_URL)
def account(request):
    user = request.user
    services.attach_if_verified(user)
    context = {
        "is_shopper": services.is_shopper(user),
        "is_verified": services.is_verified(user),
        "orders": _page(request, services.account_orders(user), ORDERS_PER_PAGE, "don"),
        "bookings": _page(request, services.account_bookings(user), BOOKINGS_PER_PAGE, "ve"),
    }
    return private(TemplateResponse(request, "marketplace/accounts/account.html", context))
