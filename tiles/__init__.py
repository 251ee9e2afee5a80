"""Vector tiles (MVT), TileJSON and MapLibre style documents served from PostGIS."""
