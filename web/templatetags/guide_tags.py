"""Template tags of the guides and participation pages.

``{{ html|guide_html }}`` is the only way guide HTML reaches a page: cleaned
with nh3 (guides/sanitise.py) and then marked safe. ``{% guide_help "photos" %}``
is the editor's contextual help link to the guide step answering that place.
``{% recognition_enabled as on %}`` says whether points and badges may show.
"""

from django import template

from guides import recognition
from guides.models import EditorTopic
from guides.sanitise import safe_guide_html

register = template.Library()


@register.filter
def guide_html(html):
    return safe_guide_html(html)


@register.inclusion_tag("web/guides/_help_link.html")
def guide_help(topic):
    return {"topic": EditorTopic(topic)}


@register.simple_tag
def recognition_enabled():
    return recognition.enabled()
