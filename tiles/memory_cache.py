"""A small per-process LRU of gzipped tiles in front of the shared cache (Redis).

Tile cache keys name the source revision, so an entry can never become stale:
a write moves the revision and with it the key. Keeping the hottest tiles in
the worker's own memory saves the round trip to Redis on every warm request.
The size is bounded in bytes (``TILE_MEMORY_CACHE_BYTES``, 0 turns it off).
"""

import threading
from collections import OrderedDict


class MemoryTileCache:
    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self._entries = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            body = self._entries.get(key)
            if body is not None:
                self._entries.move_to_end(key)
            return body

    def set(self, key, body):
        if len(body) > self.max_bytes:
            return
        with self._lock:
            previous = self._entries.pop(key, None)
            self._bytes -= len(previous) if previous is not None else 0
            self._entries[key] = body
            self._bytes += len(body)
            while self._bytes > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= len(evicted)

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._bytes = 0
