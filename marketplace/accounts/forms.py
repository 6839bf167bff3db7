"""Account forms. They only shape input; the rules are in marketplace.accounts.services."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model, password_validation
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marketplace.emails import absolute

from . import services


def email_field(**kwargs):
    return forms.EmailField(
        label=_("E-mail"),
        max_length=kwargs.pop("max_length", 254),
        widget=forms.EmailInput(attrs={"autocomplete": "email", **kwargs.pop("attrs", {})}),
        **kwargs,
    )


class SignUpForm(forms.Form):
    email = email_field(
        max_length=services.MAX_EMAIL,
        help_text=_("Chúng tôi gửi liên kết xác minh đến địa chỉ này."),
    )
    name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = " ".join(
            password_validation.password_validators_help_texts()
        )

    def clean_email(self):
        email = services.normalise_email(self.cleaned_data["email"])
        # The username is the e-mail in lower case, which may be longer for some letters.
        if len(services.username_for(email)) > services.MAX_EMAIL:
            raise forms.ValidationError(_("Địa chỉ e-mail quá dài."))
        return email

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Cần họ và tên."))
        return name

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Hai mật khẩu không giống nhau."))
        elif password1:
            email = cleaned.get("email") or ""
            candidate = get_user_model()(
                username=services.username_for(email),
                email=email,
                first_name=cleaned.get("name") or "",
            )
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(auth_forms.AuthenticationForm):
    """Log in by e-mail: the field keeps the name ``username`` that login throttling reads."""

    username = email_field(attrs={"autofocus": True})
    error_messages = {
        "invalid_login": _("E-mail hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mail")
        self.fields["password"].label = _("Mật khẩu")

    def clean_username(self):
        return services.username_for(self.cleaned_data["username"])


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset by e-mail, for shopper accounts only, mailed through our counted mailer."""

    email = email_field()

    def get_users(self, email):
        return (user for user in super().get_users(email) if services.is_shopper(user))

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        services.send_mail(
            gettext("Đặt lại mật khẩu tài khoản Chợ OCOP"),
            email_template_name,
            {**context, "reset_url": absolute(path)},
            to_email,
        )


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Mật khẩu mới")
        self.fields["new_password1"].help_text = " ".join(
            password_validation.password_validators_help_texts()
        )
        self.fields["new_password2"].label = _("Nhập lại mật khẩu mới")
