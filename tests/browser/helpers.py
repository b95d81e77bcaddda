"""Steps shared by the browser tests."""


def log_in(page, username, password="pw", language="en"):
    """Sign in through the admin's login form, as a user who chose
    ``language`` for the admin (new accounts get the site's, Japanese)."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.get(username=username)
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    page.goto("/admin/login/")
    page.get_by_label("Username" if language == "en" else "ユーザー名").fill(username)
    page.get_by_label("Password" if language == "en" else "パスワード").fill(password)
    page.get_by_role("button", name="Sign in" if language == "en" else "ログイン").click()
    page.wait_for_url("**/admin/")
    return page
