"""``/api/v1/twin/``: buildings, study areas, scenarios and their edits, comparison, exports and imports.

Everything but a building's attributes is for planners and admins. Edits of
a scenario need ``If-Match`` with the scenario's ETag (428 without, 412 when
stale) and answer with the new one.
"""

from ninja import Router

from . import buildings, imports, scenarios, study_areas

router = Router(tags=["digital twin"])
router.add_router("", buildings.router)
router.add_router("", study_areas.router)
router.add_router("", scenarios.router)
router.add_router("", imports.router)
