"""Download of a map as one standalone HTML file (folium), which opens with no network.

The file holds only what the requester may see: the map must be visible to
them and its features pass the same visibility rule as the API and the tiles.
"""

from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, gettext, ngettext

from .standalone_export import LeafletAssets, StandaloneMap, Texts, standalone_map_html
from .standalone_export_query import export_contents
from .views import visible_map_or_404

LEAFLET = "web/build/vendor/leaflet/leaflet"


@lru_cache(maxsize=1)
def leaflet_assets():
    def read(suffix):
        path = finders.find(f"{LEAFLET}{suffix}")
        if not path:
            raise ImproperlyConfigured(f"{LEAFLET}{suffix} is missing: build the front-end (npm run build)")
        return Path(path).read_text(encoding="utf-8")

    return LeafletAssets(js=read(".js"), css=read(".css"))


def page_texts():
    return Texts(
        category=gettext("Category"),
        status=gettext("Status"),
        votes=gettext("Agree votes (공감)"),
        open_page=gettext("Open its page on Urban-Life Map"),
        legend=gettext("Legend"),
        exported=gettext("Exported from Urban-Life Map on %(date)s"),
    )


def count_text(shown, total):
    if shown < total:
        return ngettext(
            "the newest %(shown)s of %(total)s feature", "the newest %(shown)s of %(total)s features", total
        ) % {"shown": shown, "total": total}
    return ngettext("%(count)s feature", "%(count)s features", total) % {"count": total}


def feature_url_template(request):
    """The feature page's absolute address with ``{id}`` where the id goes (the page script fills it in)."""
    before, _zero, after = request.build_absolute_uri(reverse("feature-page", args=[0])).rpartition("0")
    return f"{before}{{id}}{after}"


def attachment(slug, map_id):
    """``Content-Disposition`` with the (often Korean) slug per RFC 5987 and an ASCII name for old clients."""
    fallback = slug if slug.isascii() else f"map-{map_id}"
    return f"attachment; filename=\"{fallback}.html\"; filename*=UTF-8''{quote(slug)}.html"


def standalone_html(request, map_id):
    map_ = visible_map_or_404(request, map_id)
    language = get_language()
    contents = export_contents(map_, request.user, language)
    page = StandaloneMap(
        title=map_.title,
        layers=contents.layers,
        features=contents.features,
        basemap=contents.basemap,
        generated_at=timezone.localtime(),
        source_url=request.build_absolute_uri(reverse("map-view", args=[map_.pk])),
        feature_url=feature_url_template(request),
        count_text=count_text(len(contents.features), contents.total),
        language=language,
        texts=page_texts(),
    )
    response = HttpResponse(standalone_map_html(page, leaflet_assets()), content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = attachment(map_.slug, map_.pk)
    patch_cache_control(response, private=True)
    return response
