from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# Only http(s): a `javascript:` or `data:` link on a public page would be an XSS vector.
validate_http_url = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address that starts with http:// or https://."),
)
