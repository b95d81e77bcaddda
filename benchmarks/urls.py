from django.urls import path
from example_site.urls import urlpatterns as site_urlpatterns

from .baseline import DjangoIcalBaselineFeed

urlpatterns = [
    path("bench/django-ical.ics", DjangoIcalBaselineFeed(), name="bench_django_ical"),
    *site_urlpatterns,
]
