"""Steps shared by the browser tests."""


def log_in(page, username, password="pw"):
    """Sign in through the admin's login form."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    return page
