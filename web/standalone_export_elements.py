"""The folium elements of the standalone map that folium has no ready piece for.

A figure with the page's language and an escaped title; the inlined Leaflet,
page style and page script (instead of folium's CDN links); and the page's
title header, legend and footer. Text goes through Jinja's ``|e`` (HTML) or
``|tojson`` (script), because folium's templates do not escape by themselves.
"""

from branca.element import Figure, MacroElement
from folium.template import Template


class StandaloneFigure(Figure):
    """Folium's figure with ``<html lang>``, an escaped ``<title>`` and the map's script inside ``<body>``."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang|e }}">\n'
        "<head>\n"
        "{{ this.header.render(**kwargs) }}\n"
        "<title>{{ this.title|e }}</title>\n"
        "</head>\n"
        "<body>\n"
        "{{ this.html.render(**kwargs) }}\n"
        "<script>\n"
        "{{ this.script.render(**kwargs) }}\n"
        "</script>\n"
        "</body>\n"
        "</html>\n"
    )

    def __init__(self, title, lang):
        super().__init__(title=title)
        self.lang = lang


class TemplateElement(MacroElement):
    """A macro element whose template reads the keyword arguments it was made with as ``this.<name>``."""

    def __init__(self, **values):
        super().__init__()
        self._name = type(self).__name__
        vars(self).update(values)


class InlineAssets(TemplateElement):
    """Leaflet and the page's own style and script, written into ``<head>`` as text."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.leaflet_css }}</style>
        <script>{{ this.leaflet_js }}</script>
        <style>{{ this.page_css }}</style>
        <script type="application/json" id="ulm-export-config">{{ this.config|tojson }}</script>
        <script>{{ this.page_js }}</script>
        {% endmacro %}
        """
    )


class FitView(TemplateElement):
    """Fit the map to ``bounds`` at once when the page opens (folium's ``fit_bounds`` would animate from its start)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.fitBounds({{ this.bounds|tojson }}, {{ this.options|tojson }});
        {% endmacro %}
        """
    )


class PageChrome(TemplateElement):
    """The title above the map, the legend (moved into a map control) and the footer below it."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <header class="ulm-header"><h1>{{ this.title|e }}</h1></header>
        <section id="ulm-legend" class="ulm-legend" aria-labelledby="ulm-legend-title">
          <h2 id="ulm-legend-title">{{ this.legend_title|e }}</h2>
          {%- for layer in this.layers %}
          <h3>{{ layer.name|e }}</h3>
          <ul>
            {%- for category in layer.categories %}
            <li><span class="ulm-swatch" style="background: {{ category.color|e }}" aria-hidden="true"></span>
              {{- category.label|e }}</li>
            {%- endfor %}
          </ul>
          {%- endfor %}
        </section>
        <footer class="ulm-footer">{{ this.exported|e }} —
          <a href="{{ this.source_url|e }}">{{ this.source_url|e }}</a> · {{ this.count_text|e }}</footer>
        {% endmacro %}

        {% macro script(this, kwargs) %}
            urbanLifeExport.addLegend({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )
