"""What the site renderer keeps across `mkdocs serve` rebuilds: charts, diagrams, pages.

Every cache here is an `outcomes.generations.GenerationCache` (off unless enabled, and
holding only what the last build used). Keys are *fingerprints*: plain hashable values
computed from what a chart or page is drawn from.

- A list of measurements is fingerprinted by **identity**: the load cache
  (`outcomes.load.cache`) hands back the very same list for a CSV file whose bytes did
  not change, and a changed file, or a list read from a database, is a new object with a
  new token. So SQL measurements are never served from a cache: they are new on every
  build.
- Every other value is fingerprinted by **content**: the model's views, their derived
  figures, lists, dates, numbers, and the validated schema objects (a digest of their
  pickle, computed once per object: an unchanged file gives back the same objects).
  The model is rebuilt whenever any file changes, and its views are then new objects
  with, mostly, the same content.

A page also depends on what its template looks up in the roadmap by id (a KPI's name, a
team's name...). While a page renders, `tracked` hands it a real `Roadmap` whose
entity maps record each lookup (any other field counts as read whole), so a template
sees under `mkdocs serve` exactly the object it sees under `mkdocs build`, methods
included; the cached page is reused only while every lookup still has the same
fingerprint. Wrapping costs one small object per map and page.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import pickle
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from outcomes.generations import GenerationCache, digest
from outcomes.load.measurements import Measurement
from outcomes.model.roadmap import Roadmap

_counter = itertools.count(1)
# A number per object, stable while the object lives in the cache (keyed by id()).
_TOKENS: GenerationCache[tuple[object, int]] = GenerationCache("object tokens")


def token(obj: object) -> int:
    """A number standing for `obj` itself: the same while it is the same object."""
    found = _TOKENS.get(id(obj))
    if found is not None and found[0] is obj:
        return found[1]
    number = next(_counter)
    _TOKENS.put(id(obj), (obj, number))
    return number


# The content digest of every validated object, computed once per object (by id()).
_CONTENT: GenerationCache[tuple[object, bytes]] = GenerationCache("object digests")


def content_digest(obj: BaseModel) -> bytes:
    """A digest of a validated (frozen) schema object's content, once per object.

    By content, not identity: editing one hypothesis makes its whole theme file a new
    object, yet a page or diagram showing another hypothesis of that file is unchanged.
    """
    found = _CONTENT.get(id(obj))
    if found is not None and found[0] is obj:
        return found[1]
    found_digest = digest(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
    _CONTENT.put(id(obj), (obj, found_digest))
    return found_digest


def new_number() -> int:
    """A number never handed out before in this process (names a rendered HTML part)."""
    return next(_counter)


class Fingerprints:
    """Fingerprints of values, computed once per object during one render."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[object, Hashable]] = {}

    def of(self, value: Any) -> Hashable:
        if value is None or isinstance(value, str | int | float | bool | datetime.date):
            return value  # Markup is a str: a chart's placeholder is fingerprinted by it
        memo = self._memo.get(id(value))
        if memo is not None and memo[0] is value:
            return memo[1]
        found = self._compute(value)
        self._memo[id(value)] = (value, found)
        return found

    def _compute(self, value: Any) -> Hashable:
        if isinstance(value, BaseModel):  # validated YAML: frozen
            return ("object", content_digest(value))
        if isinstance(value, list) and value and isinstance(value[0], Measurement):
            return ("series", token(value))
        if isinstance(value, Measurement):
            return tuple(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = dataclasses.fields(value)
            return (type(value).__name__, *(self.of(getattr(value, f.name)) for f in fields))
        if isinstance(value, list | tuple):
            return tuple(self.of(item) for item in value)
        if isinstance(value, Mapping):
            return tuple((key, self.of(item)) for key, item in value.items())
        if callable(value):  # module-level helpers handed to templates
            return ("function", value.__module__, value.__qualname__)
        # Anything else by identity: never wrongly equal, at worst drawn again.
        return ("identity", token(value))


# -- charts and diagrams -----------------------------------------------------------------

# Finished HTML of a chart or diagram and the number that names it in pages.
Part = tuple[str, int]
CHARTS: GenerationCache[Part] = GenerationCache("charts")
DIAGRAMS: GenerationCache[Part] = GenerationCache("diagrams")


def part(cache: GenerationCache[Part], key: Hashable, draw: Callable[[], str]) -> Part:
    """The HTML under `key`, drawn only when no build used it last time."""
    found = cache.get(key)
    if found is None:
        found = cache.put(key, (draw(), new_number()))
    return found


# -- pages and DOT text: rendered with the roadmap lookups they make recorded -----------

_ALL = "*"  # a dependency on a whole collection (the template iterated over it)
Dependency = tuple[str, Hashable]
T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Cached(Generic[T]):
    dependencies: tuple[tuple[Dependency, Hashable], ...]
    value: T


PAGES: GenerationCache[Cached[str]] = GenerationCache("pages")
DOT_TEXT: GenerationCache[Cached[str]] = GenerationCache("dot text")


def reuse(
    store: GenerationCache[Cached[T]],
    key: Hashable | None,
    roadmap: Roadmap,
    prints: Fingerprints,
    compute: Callable[[Roadmap], T],
) -> tuple[T, bool]:
    """`compute(roadmap)`, or its value from the last build when `key` is the same and
    every roadmap entry it looked up still has the same fingerprint; and whether it was.

    `key` None: caching is off, `compute` gets the roadmap itself.
    """
    if key is None:
        return compute(roadmap), False
    found = store.get(key)
    if found is not None:
        if still_valid(roadmap, found, prints):
            return found.value, True
        store.stale()
    watched, dependencies = tracked(roadmap)
    value = compute(watched)
    store.put(key, Cached(dependency_values(roadmap, dependencies, prints), value))
    return value, False


def tracked(roadmap: Roadmap) -> tuple[Roadmap, set[Dependency]]:
    """The same roadmap, its entity maps recording every lookup, and those lookups.

    A field that is not a map of entities (`as_of`, or one added later) is recorded as
    read whole as soon as the page starts, so it can never be missed.
    """
    seen: set[Dependency] = set()
    maps: dict[str, Any] = {}
    for item in dataclasses.fields(roadmap):
        value = getattr(roadmap, item.name)
        if isinstance(value, dict):
            maps[item.name] = _TrackedMap(item.name, value, seen)
        else:
            seen.add((item.name, _ALL))
    return dataclasses.replace(roadmap, **maps), seen


class _TrackedMap(Mapping[str, Any]):
    def __init__(self, name: str, items: Mapping[str, Any], seen: set[Dependency]) -> None:
        self._name, self._items, self._seen = name, items, seen

    def __getitem__(self, key: str) -> Any:
        self._seen.add((self._name, key))
        return self._items[key]

    def __contains__(self, key: object) -> bool:
        self._seen.add((self._name, key))
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        self._seen.add((self._name, _ALL))
        return iter(self._items)

    def __len__(self) -> int:
        self._seen.add((self._name, _ALL))
        return len(self._items)


def dependency_values(
    roadmap: Roadmap, dependencies: set[Dependency], prints: Fingerprints
) -> tuple[tuple[Dependency, Hashable], ...]:
    """Each dependency with the fingerprint of what it names now (absent: a marker)."""
    return tuple((dep, _current(roadmap, dep, prints)) for dep in sorted(dependencies, key=str))


def still_valid(roadmap: Roadmap, cached: Cached[Any], prints: Fingerprints) -> bool:
    return all(_current(roadmap, dep, prints) == value for dep, value in cached.dependencies)


_ABSENT = ("absent",)


def _current(roadmap: Roadmap, dependency: Dependency, prints: Fingerprints) -> Hashable:
    name, key = dependency
    if key == _ALL:
        return prints.of(getattr(roadmap, name))
    items: Mapping[Hashable, Any] = getattr(roadmap, name)
    return prints.of(items[key]) if key in items else _ABSENT
