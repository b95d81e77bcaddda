from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    name = "benchmarks"
    label = "eventcal_benchmarks"
    verbose_name = "wagtail-eventcal benchmarks"
    default_auto_field = "django.db.models.BigAutoField"
