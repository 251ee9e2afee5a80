"""The NinjaAPI instance serving /api/v1/: authentication, error format and the routers.

Routers of outer apps are added by dotted path, so this core module does not
import them at load time.
"""

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from mapping.errors import ServiceError

from .errors import install_error_handlers
from .security import AUTH


class ReadableJSONRenderer(JSONRenderer):
    """Hangul stays Hangul in responses (UTF-8), instead of \\uXXXX escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Urban-Life Map API (도시 생활 지도)",
    version="1",
    description="Theme maps, layers and features of Urban-Life Map. Write operations need "
    "`Authorization: Bearer <token>` from `POST /auth/token`, or a session with CSRF.",
    auth=AUTH,
    renderer=ReadableJSONRenderer(),
    urls_namespace="api-v1",
    docs_url="/docs",
)
install_error_handlers(api, ServiceError)
api.add_router("/auth", "mapping.api.auth.router")
api.add_router("/maps", "mapping.api.maps.router")
api.add_router("", "layers.api.layers.router")
api.add_router("", "layers.api.features.router")
api.add_router("", "layers.api.photos.router")
api.add_router("", "layers.api.history.router")
api.add_router("", "layers.api.votes.router")
api.add_router("", "layers.api.notifications.router")
api.add_router("", "layers.api.moderation.router")
api.add_router("", "layers.api.review.router")
api.add_router("", "layers.api.comments.router")
api.add_router("", "imports.api.router")
api.add_router("/twin", "digital_twin.api.router")
api.add_router("/simulations", "digital_twin.simulations.api.router")
api.add_router("", "guides.api.router")
