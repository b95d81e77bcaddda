"""What each role's admin offers (menus, dashboard, the 403 page): nothing
that answers 403 is shown, and what is refused says why and what to do."""
