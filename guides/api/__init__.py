"""``/api/v1/`` endpoints of guides and participation: guides, campaigns, nominations and topic
templates, the improvement plan and recognition, gathered in one router (mapping/api/root.py)."""

from ninja import Router

from . import campaigns, guides, nominations, plan, recognition

router = Router()
for part in (guides, campaigns, nominations, plan, recognition):
    router.add_router("", part.router)
