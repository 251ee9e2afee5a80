"""``{% unread_notifications user as unread %}``: how many notifications the user has not read, for the site's nav."""

from django import template

from layers.services.inbox import unread_count

register = template.Library()


@register.simple_tag
def unread_notifications(user):
    return unread_count(user)
