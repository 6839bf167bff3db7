"""Cart URLs, mounted at /gio-hang/."""

from django.urls import path

from marketplace import views

app_name = "marketplace"

urlpatterns = [
    path("", views.cart, name="cart"),
    path("them/", views.cart_add, name="cart_add"),
    path("cap-nhat/", views.cart_update, name="cart_update"),
    path("xoa/", views.cart_remove, name="cart_remove"),
]
