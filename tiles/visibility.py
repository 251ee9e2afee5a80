"""Which features of a layer a requester may see, as SQL parameters and as a cache class.

Two requesters in the same visibility class get byte-identical tiles, so the
class is part of the cache key: ``public`` (anonymous callers and anyone with
no extra rights on the layer, the map's owner and editors included), ``all``
(admins), ``d<ids>`` (reviewers of those districts) and ``u<id>`` (an author
who has unpublished features, or features in sensitive categories, in the
layer: they see those, and see them at their exact place), combined as needed.
The same parameters decide in the tile SQL who sees sensitive features exactly
(``layers.privacy``).
"""

from dataclasses import dataclass

from django.db.models import Q

from layers.models import Feature, FeatureStatus


@dataclass(frozen=True)
class Visibility:
    see_all: bool = False
    user_id: int | None = None
    review_districts: tuple[int, ...] = ()

    @property
    def cache_class(self):
        if self.see_all:
            return "all"
        parts = []
        if self.review_districts:
            parts.append("d" + ".".join(map(str, self.review_districts)))
        if self.user_id is not None:
            parts.append(f"u{self.user_id}")
        return "+".join(parts) or "public"

    @property
    def is_public(self):
        return self.cache_class == "public"

    def sql_params(self):
        return {
            "see_all": self.see_all,
            "user_id": self.user_id,
            "review_districts": list(self.review_districts),
        }


PUBLIC = Visibility()


def visibility_for(user, layer):
    if not user.is_authenticated:
        return PUBLIC
    if user.is_admin:
        return Visibility(see_all=True)
    districts = tuple(sorted(user.review_districts.values_list("pk", flat=True)))
    sees_own_differently = ~Q(status=FeatureStatus.PUBLISHED) | Q(category__sensitive=True)
    has_own = Feature.objects.filter(sees_own_differently, layer_id=layer.pk, author=user).exists()
    return Visibility(user_id=user.pk if has_own else None, review_districts=districts)
