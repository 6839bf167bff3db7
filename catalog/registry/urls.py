from django.urls import path

from . import views

app_name = "catalog_registry"
urlpatterns = [
    path("", views.RunListView.as_view(), name="runs"),
    path("new/", views.NewRunView.as_view(), name="new"),
    path("<int:pk>/", views.RunDetailView.as_view(), name="run"),
    path("<int:pk>/apply/", views.ApplyRunView.as_view(), name="apply"),
    path("<int:pk>/problems.csv", views.ProblemsCsvView.as_view(), name="problems_csv"),
    path("review/", views.ReviewListView.as_view(), name="review"),
]
