"""Serving a tile: the cache, ETag / If-None-Match, Cache-Control, gzip and 204 for empty tiles.

A tile's cache key names everything its bytes depend on (source revision,
visibility class, blurring grid, filters, z/x/y), so the ETag is derived from
the key alone: a matching ``If-None-Match`` is answered 304 without rendering
or a cache lookup, and a write (which moves the revision) can never be
answered with a stale tile. Tiles are cached gzipped — in the worker's memory
and in the shared cache — and unzipped only for the rare client that does not
accept gzip.
"""

import gzip
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from .memory_cache import MemoryTileCache

memory_cache = MemoryTileCache(settings.TILE_MEMORY_CACHE_BYTES)
MVT_CONTENT_TYPE = "application/vnd.mapbox-vector-tile"
CACHE_SECONDS = 24 * 3600
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE_PUBLIC = "public, max-age=0, must-revalidate"
REVALIDATE_PRIVATE = "private, max-age=0, must-revalidate"


def etag_for(cache_key):
    return '"' + hashlib.sha256(cache_key.encode()).hexdigest()[:32] + '"'


def cache_control(*, public, pinned):
    """``pinned``: the URL names the current revision (``?v=``), so its content never changes."""
    if not public:
        return REVALIDATE_PRIVATE
    return IMMUTABLE if pinned else REVALIDATE_PUBLIC


def _matches(request, etag):
    header = request.headers.get("If-None-Match", "")
    return header.strip() == "*" or etag in (part.strip().removeprefix("W/") for part in header.split(","))


def _compressed(cache_key, render):
    body = memory_cache.get(cache_key)
    if body is not None:
        return body
    body = cache.get(cache_key)
    if body is None:
        tile = render()
        body = gzip.compress(tile, compresslevel=3, mtime=0) if tile else b""
        cache.set(cache_key, body, CACHE_SECONDS)
    memory_cache.set(cache_key, body)
    return body


def tile_response(request, cache_key, render, *, public, pinned=False):
    etag = etag_for(cache_key)
    headers = {"ETag": etag, "Cache-Control": cache_control(public=public, pinned=pinned)}
    if _matches(request, etag):
        response = HttpResponse(status=304, headers=headers)
    else:
        body = _compressed(cache_key, render)
        response = _body_response(request, body, headers)
    patch_vary_headers(response, ["Accept-Encoding"] if public else ["Accept-Encoding", "Cookie", "Authorization"])
    return response


def _body_response(request, body, headers):
    if not body:
        return HttpResponse(status=204, headers=headers)
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        return HttpResponse(body, content_type=MVT_CONTENT_TYPE, headers={**headers, "Content-Encoding": "gzip"})
    return HttpResponse(gzip.decompress(body), content_type=MVT_CONTENT_TYPE, headers=headers)
