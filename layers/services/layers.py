"""Create layers and change their categories without orphaning the features that use them."""

from django.db import transaction

from mapping.errors import Conflict, InvalidInput

from ..categories import default_categories
from ..models import Category, Layer


def set_categories(layer, categories):
    """Make ``layer``'s categories exactly ``categories`` (dicts), matched by key.

    A category that features still use cannot be removed: that is a conflict,
    reported with the number of features, and nothing changes.
    """
    keys = [category["key"] for category in categories]
    if not keys:
        raise InvalidInput("A layer needs at least one category.")
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise InvalidInput(f"Category keys must be unique; repeated: {', '.join(duplicates)}.")
    wanted = {category["key"]: category for category in categories}
    doomed = layer.categories.exclude(key__in=wanted)
    in_use = [(c.key, c.features.count()) for c in doomed if c.features.exists()]
    if in_use:
        details = ", ".join(f"'{key}' ({count} features)" for key, count in in_use)
        raise Conflict(f"Categories still in use cannot be removed: {details}. Move those features first.")
    doomed.delete()
    for order, (key, category) in enumerate(wanted.items()):
        fields = {name: value for name, value in category.items() if name != "key"}
        Category.objects.update_or_create(layer=layer, key=key, defaults={**fields, "order": order})


@transaction.atomic
def create_layer(map_, data):
    categories = data.pop("categories", None)
    if categories is None:
        categories = default_categories(map_.kind)
    layer = Layer(map=map_, **data)
    layer.full_clean(exclude=["map"])
    layer.save()
    set_categories(layer, categories)
    return layer
