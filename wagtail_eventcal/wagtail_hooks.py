from wagtail.snippets.models import register_snippet

from .viewsets import OrganizationViewSet

register_snippet(OrganizationViewSet)
