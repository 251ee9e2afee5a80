"""``manage.py`` commands of the digital twin."""
