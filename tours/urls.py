from django.urls import path

from . import views

app_name = "tours"

urlpatterns = [
    path("tra-cuu/", views.find_booking, name="find_booking"),
    path("<str:token>/", views.ticket, name="ticket"),
    path("<str:token>/qr.png", views.ticket_qr, name="ticket_qr"),
    path("<str:token>/huy/", views.cancel_booking, name="cancel"),
]
