"""The standalone map's own CSS and script, inlined next to Leaflet's (no file is fetched when the map opens).

The script builds every popup, district label and the legend control from DOM
nodes and ``textContent``: titles, summaries and names are never parsed as HTML.
It also makes each feature a keyboard stop (Enter or Space opens its popup).
"""

PAGE_CSS = """
html, body { height: 100%; margin: 0; }
body {
  display: flex; flex-direction: column; color: #1d1d1f; background: #fff;
  font-family: system-ui, -apple-system, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", sans-serif;
}
.ulm-header { order: -1; padding: 0.5rem 1rem; border-bottom: 1px solid #c9ced6; }
.ulm-header h1 { margin: 0; font-size: 1.25rem; line-height: 1.3; }
.folium-map { flex: 1 1 0; min-height: 0; }
.ulm-footer { order: 1; padding: 0.5rem 1rem; border-top: 1px solid #c9ced6; font-size: 0.875rem; color: #3d4450; }
.ulm-footer a { color: #1a4f9c; overflow-wrap: anywhere; }
.leaflet-container { background: #e4e9ef; font: inherit; }
.ulm-district-label {
  background: transparent; border: 0; box-shadow: none; color: #4a5260; font-weight: 600; text-shadow: 0 0 3px #fff;
}
.ulm-district-label::before { display: none; }
.ulm-legend {
  background: #fff; padding: 0.5rem 0.75rem; border-radius: 4px; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.35);
  max-height: 40vh; max-width: 16rem; overflow: auto; font-size: 0.875rem;
}
body > .ulm-legend { position: absolute; visibility: hidden; }  /* until the script moves it into the map */
.ulm-legend h2 { margin: 0 0 0.25rem; font-size: 0.9375rem; }
.ulm-legend h3 { margin: 0.5rem 0 0.25rem; font-size: 0.875rem; }
.ulm-legend ul { list-style: none; margin: 0; padding: 0; }
.ulm-legend li { display: flex; align-items: center; gap: 0.5rem; margin: 0.125rem 0; }
.ulm-swatch { flex: none; width: 0.875rem; height: 0.875rem; border-radius: 50%; border: 2px solid #fff;
  box-shadow: 0 0 0 1px #3d4450; }
.ulm-popup { min-width: 12rem; max-width: 18rem; }
.ulm-popup-title { display: block; font-size: 1rem; margin-bottom: 0.25rem; overflow-wrap: anywhere; }
.ulm-popup dl { display: grid; grid-template-columns: auto 1fr; gap: 0.125rem 0.5rem; margin: 0.25rem 0; }
.ulm-popup dt { color: #3d4450; }
.ulm-popup dd { margin: 0; }
.ulm-popup p { margin: 0.25rem 0; overflow-wrap: anywhere; }
.ulm-popup a { display: inline-flex; align-items: center; min-height: 44px; color: #1a4f9c; }
.leaflet-bar a, .leaflet-touch .leaflet-bar a { width: 44px; height: 44px; line-height: 44px; }
.leaflet-container a.leaflet-popup-close-button { width: 44px; height: 44px; font-size: 24px; line-height: 44px; }
.leaflet-control-layers-overlays label { display: flex; align-items: center; min-height: 44px; }
.leaflet-control-layers-selector { width: 20px; height: 20px; margin: 0 0.5rem 0 0; }
:focus-visible { outline: 3px solid #1a4f9c; outline-offset: 2px; }
path.leaflet-interactive:focus-visible { outline: none; stroke: #1a4f9c; stroke-width: 4px; stroke-opacity: 1; }
"""

PAGE_JS = """
var urbanLifeExport = (function () {
  "use strict";
  var config = JSON.parse(document.getElementById("ulm-export-config").textContent);

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function popupContent(feature) {
    var properties = feature.properties;
    var box = element("div", "ulm-popup");
    box.appendChild(element("strong", "ulm-popup-title", properties.title));
    var facts = element("dl");
    [
      [config.texts.category, properties.category],
      [config.texts.status, properties.status],
      [config.texts.votes, String(properties.votes)],
    ].forEach(function (fact) {
      facts.appendChild(element("dt", null, fact[0]));
      facts.appendChild(element("dd", null, fact[1]));
    });
    box.appendChild(facts);
    if (properties.summary) box.appendChild(element("p", null, properties.summary));
    var link = element("a", null, config.texts.openPage);
    link.href = config.featureUrl.replace("{id}", String(feature.id));
    link.target = "_blank";
    link.rel = "noopener";
    box.appendChild(link);
    return box;
  }

  function paths(layer) {
    if (!layer.getLayers) return [layer.getElement()];
    return layer.getLayers().reduce(function (all, part) { return all.concat(paths(part)); }, []);
  }

  function reachableByKeyboard(feature, layer) {
    paths(layer).forEach(function (path) {
      path.setAttribute("tabindex", "0");
      path.setAttribute("role", "button");
      path.setAttribute("aria-label", feature.properties.title);
      L.DomEvent.on(path, "keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") return;
        L.DomEvent.preventDefault(event);
        layer.openPopup();
        layer.getPopup().getElement().querySelector(".ulm-popup a").focus({preventScroll: true});
      });
    });
  }

  return {
    bindPopup: function (feature, layer) {
      layer.bindPopup(function () { return popupContent(feature); });
      layer.on("add", function () { reachableByKeyboard(feature, layer); });
    },
    labelDistrict: function (feature, layer) {
      layer.bindTooltip(element("span", null, feature.properties.name), {
        permanent: true, direction: "center", className: "ulm-district-label",
      });
    },
    addLegend: function (map) {
      var legend = document.getElementById("ulm-legend");
      var control = L.control({position: "bottomleft"});
      control.onAdd = function () {
        L.DomEvent.disableClickPropagation(legend);
        L.DomEvent.disableScrollPropagation(legend);
        return legend;
      };
      control.addTo(map);
    },
  };
})();
"""
