"""Guide HTML, made safe with nh3 (the Ammonia sanitiser): what authors may write, and what survives.

Kept: paragraphs, headings of a step (h3, h4), lists, emphasis, quotes, tables,
figures with captions, line breaks, links and images. Everything else is
dropped — ``script``, ``style``, ``iframe`` and the like with their content,
unknown tags keeping their text — and so is every attribute not listed here,
among them all event handlers (``onerror``, ``onclick``…) and ``style``.

Links keep http(s), mailto and tel addresses and the site's own paths
(``javascript:`` and ``data:`` are removed) and get ``rel="noopener noreferrer
nofollow"``. Images are kept only from this site (``/media/…`` uploads of the
guide image library or ``/static/…``): a picture from another host would
tell that host who reads the guide, and city intranets cannot reach it
anyway. ``check_guide_html`` says so to the author before the save, so
nothing is silently lost; ``clean_guide_html`` is the rule itself, applied
when a guide is saved and again whenever it is shown.
"""

import re
from html.parser import HTMLParser

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

TAGS = {
    "p", "br", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "u", "mark", "small", "blockquote",
    "a", "img", "figure", "figcaption", "table", "caption", "thead", "tbody", "tr", "th", "td", "hr", "code",
    "kbd", "aside", "span", "dl", "dt", "dd",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "width", "height", "title", "loading"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
CALLOUTS = {"aside": {"tip", "warning", "note"}, "p": {"tip", "warning", "note"}}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
LOCAL_PATH = re.compile(r"^/[\w\-./%]+$")


def max_chars():
    return settings.GUIDE_STEP_MAX_CHARS


def _keep_local_images(element, attribute, value):
    if element == "img" and attribute == "src" and not _is_local_image(value):
        return None
    return value


def _is_local_image(src):
    local = tuple(f"/{url.strip('/')}/" for url in (settings.MEDIA_URL, settings.STATIC_URL))
    return src.startswith(local) and ".." not in src and bool(LOCAL_PATH.match(src))


def clean_guide_html(html):
    """The guide HTML ``html`` with only the allowed tags, attributes, link addresses and local images."""
    return nh3.clean(
        html or "",
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=_keep_local_images,
        allowed_classes=CALLOUTS,
        url_schemes=LINK_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def safe_guide_html(html):
    """Cleaned HTML, marked safe for a template (the only way guide HTML reaches a page)."""
    return mark_safe(clean_guide_html(html))  # noqa: S308  (cleaned by nh3 just above)


class _ImageSources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs).get("src") or "")


def check_guide_html(html):
    """ValidationError when the author's HTML is too long or shows an image that would be removed."""
    if len(html) > max_chars():
        raise ValidationError(
            _("A step may hold at most %(limit)s characters (this one has %(count)s)."),
            params={"limit": f"{max_chars():,}", "count": f"{len(html):,}"},
            code="too_long",
        )
    parser = _ImageSources()
    parser.feed(html)
    foreign = [src for src in parser.sources if not _is_local_image(src)]
    if foreign:
        raise ValidationError(
            _("Images must come from the guide image library (upload them first): %(sources)s"),
            params={"sources": ", ".join(source[:80] or "?" for source in foreign[:3])},
            code="foreign_image",
        )
