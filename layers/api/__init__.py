"""API routers for layers, features, photos and history."""
