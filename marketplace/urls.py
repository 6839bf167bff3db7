"""Cart and checkout at /gio-hang/, orders at /don-hang/ (see ocop/urls.py)."""

from django.urls import path

from marketplace import stripe_webhooks, views

app_name = "marketplace"

urlpatterns = [
    path("gio-hang/", views.cart, name="cart"),
    path("gio-hang/them/", views.cart_add, name="cart_add"),
    path("gio-hang/them-tour/", views.cart_add_seats, name="cart_add_seats"),
    path("gio-hang/cap-nhat/", views.cart_update, name="cart_update"),
    path("gio-hang/xoa/", views.cart_remove, name="cart_remove"),
    path("gio-hang/thanh-toan/", views.checkout_page, name="checkout"),
    path("don-hang/tra-cuu/", views.find_order, name="find_order"),
    path("don-hang/<str:token>/", views.order_page, name="order"),
    path("don-hang/<str:token>/thanh-toan/", views.payment_page, name="payment"),
    path("don-hang/<str:token>/thanh-toan/ket-qua/", views.payment_return, name="payment_return"),
    path("stripe/webhook/", stripe_webhooks.stripe_webhook, name="stripe_webhook"),
]
