"""Pages, templates and the front-end bundle."""
