"""What an import needs to know of the layer it writes into, as plain data (built from a ``Layer`` by
``imports.importing``), so the mapping and the plan stay pure and testable without a database."""

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class CategorySpec:
    key: str
    label_ko: str
    label_en: str = ""


@dataclass(frozen=True)
class LayerSpec:
    geometry_kinds: tuple  # "Point", "LineString", "Polygon"
    categories: tuple  # CategorySpec, in the layer's order
    fields: tuple = ()  # the layer's extra field definitions (dicts), as in Layer.fields
    extent: tuple | None = None  # (min lon, min lat, max lon, max lat), or None for anywhere
    max_vertices: int = 10_000
    name: str = ""
    title_max: int = 200  # the lengths of Feature.title and .summary (imports.importing passes the model's)
    summary_max: int = 4000
    field_text_max: int = 2000  # layers.extra_fields.MAX_TEXT

    def category(self, key):
        return self._by_key.get(key)

    @cached_property
    def _by_key(self):
        return {category.key: category for category in self.categories}

    @property
    def default_category(self):
        other = self.category("other")
        return other.key if other else self.categories[0].key
