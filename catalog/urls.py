"""Public trace URLs, mounted at /truy-xuat/ (stable: they are printed on labels)."""

from django.urls import path, re_path

from catalog import views

app_name = "catalog"

urlpatterns = [
    path("<slug:trace_code>/", views.trace, name="trace"),
    re_path(r"^(?P<trace_code>[-\w]+)/qr\.(?P<kind>svg|png)$", views.trace_qr, name="trace_qr"),
]
