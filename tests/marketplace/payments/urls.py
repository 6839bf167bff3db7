"""The site's URLs plus a stand-in for the orders admin (see conftest.producer_admin_urls)."""

from django.http import HttpResponse
from django.urls import include, path

from ocop.urls import urlpatterns as site


def sub_order_stand_in(request, pk):
    return HttpResponse(str(pk))


orders_admin = ([path("<int:pk>/", sub_order_stand_in, name="detail")], "marketplace_orders")

urlpatterns = [path("test-orders-admin/", include(orders_admin)), *site]
