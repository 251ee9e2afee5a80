"""Layers and features: drawing, photos, history, moderation, review workflow."""
