"""Caches that live across the builds of one process and keep only what the last build used.

`mkdocs serve` rebuilds the whole site after every edit, in the same process, with new
plugin objects each time (it reloads `mkdocs.yml`, see `mkdocs/commands/serve.py`). The
caches of the core are therefore module-level, and each holds two generations: what the
current build looked up or stored, and what the build before it did. `next_generation()`
(called at the start of every build) drops the older one, so an entry that a build did
not use is gone after the next: many rebuilds never grow memory beyond two builds' worth.

Caching is off until `enable()` is called: a one-shot `mkdocs build` or CLI run reads
every input once, so a cache would only hold memory. The MkDocs plugin enables it when it
serves; tests enable it explicitly.

Hand-written rather than `functools.lru_cache` or `cachetools`: neither bounds a cache by
"what the last run used", and a size bound either thrashes on a large roadmap or keeps
entries nothing needs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")

_ALL: list[GenerationCache[object]] = []
_enabled = False


class GenerationCache(Generic[V]):
    """A dict from keys to values that keeps the entries of the current and the last build."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._current: dict[Hashable, V] = {}
        self._previous: dict[Hashable, V] = {}
        self.hits = 0
        self.misses = 0
        _ALL.append(self)  # type: ignore[arg-type]  # V is only ever read back from its own cache

    def get(self, key: Hashable) -> V | None:
        """The value stored under `key` in this build or the last one (moved to this one)."""
        if not _enabled:
            return None
        found = self._current.get(key)
        if found is None and key in self._previous:
            found = self._previous.pop(key)
            self._current[key] = found
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def stale(self) -> None:
        """The value `get` just found no longer holds: count that lookup as a miss."""
        self.hits -= 1
        self.misses += 1

    def put(self, key: Hashable, value: V) -> V:
        if _enabled:
            self._current[key] = value
        return value

    def __len__(self) -> int:
        return len(self._current) + len(self._previous)

    def _advance(self) -> None:
        self._previous = self._current
        self._current = {}
        self.hits = self.misses = 0

    def _clear(self) -> None:
        self._current, self._previous = {}, {}
        self.hits = self.misses = 0


def digest(data: bytes) -> bytes:
    """The key under which a cache keeps content: a 16-byte BLAKE2 digest of `data`."""
    return hashlib.blake2b(data, digest_size=16).digest()


def enable(on: bool = True) -> None:
    """Turn every cache on (or off, which also empties them)."""
    global _enabled
    _enabled = on
    if not on:
        for cache in _ALL:
            cache._clear()


def enabled() -> bool:
    return _enabled


def next_generation() -> None:
    """A new build starts: forget what the build before the last one used."""
    for cache in _ALL:
        cache._advance()


def stats() -> dict[str, tuple[int, int, int]]:
    """`(hits, misses, entries)` of every cache since the current build started."""
    return {cache.name: (cache.hits, cache.misses, len(cache)) for cache in _ALL}
