"""Every URL below the Wagtail admin, as an attacker enumerates them (the
URL resolver), for the sweeps of tests/delegation/."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse


def admin_patterns():
    """(view name, pattern) of every URL below the admin, named or not."""
    admin_prefix = reverse("wagtailadmin_home").lstrip("/")

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, route, ns)
            elif isinstance(pattern, URLPattern):
                name = pattern.name
                if name and namespace:
                    name = f"{namespace}:{name}"
                yield name, route

    for name, route in walk(get_resolver().url_patterns, "", None):
        if route.lstrip("^").startswith(admin_prefix):
            yield name, route
