"""The versioned JSON API (Django Ninja) and its routers."""
