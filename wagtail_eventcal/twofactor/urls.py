from django.urls import path

from . import views

app_name = "eventcal_two_factor"
urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
    path("set-up/", views.SetUpView.as_view(), name="set_up"),
    path("recovery-codes/", views.RecoveryCodesView.as_view(), name="recovery_codes"),
    path("turn-off/", views.TurnOffView.as_view(), name="turn_off"),
]
