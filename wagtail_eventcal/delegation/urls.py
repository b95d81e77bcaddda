from django.urls import path

from .views import DelegateEventView, DelegationIndexView, RevokeDelegationView

app_name = "wagtail_eventcal_delegations"
urlpatterns = [
    path("", DelegationIndexView.as_view(), name="index"),
    path("event/<int:event_id>/add/", DelegateEventView.as_view(), name="add"),
    path("<int:pk>/revoke/", RevokeDelegationView.as_view(), name="revoke"),
]
