"""What each role's admin offers (menus, dashboard, the 403 page): nothing
that answers 403 is shown, and what is refused says why and what to do.
May import ``workflow``, ``delegation`` and ``organizations`` (whose screens
it shows or hides) and the top-level helpers; never ``public`` or ``feeds``."""
