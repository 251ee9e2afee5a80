"""``manage.py`` commands that import and export files."""
