from django.urls import path

from ..integers import ID
from .views import DelegateEventView, DelegationIndexView, RevokeDelegationView

app_name = "wagtail_eventcal_delegations"
urlpatterns = [
    path("", DelegationIndexView.as_view(), name="index"),
    path(f"event/<{ID}:event_id>/add/", DelegateEventView.as_view(), name="add"),
    path(f"<{ID}:pk>/revoke/", RevokeDelegationView.as_view(), name="revoke"),
]
