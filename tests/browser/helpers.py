"""Steps shared by the browser tests."""


def log_in(page, username, password="pw", language="en"):
    """Sign in through the admin's login form, as a user who chose
    ``language`` for the admin (new accounts get the site's, Japanese)."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.get(username=username)
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    return page
