"""Project core: settings, root URLs, districts, accounts and roles, theme maps."""
