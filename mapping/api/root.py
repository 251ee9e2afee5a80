"""The NinjaAPI instance serving /api/v1/ (placeholder until routers land)."""

from ninja import NinjaAPI

api = NinjaAPI(title="Urban-Life Map API", version="1")
