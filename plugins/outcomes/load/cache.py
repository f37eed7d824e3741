"""Parsed YAML files, validated contents and CSV measurements, cached by their bytes.

Used by `project.load` so that a `mkdocs serve` rebuild parses and validates only the
files that changed (see `outcomes.generations`). Keys are the file's path and a BLAKE2
digest of its bytes: a file whose bytes did not change gives back the very same objects
as in the last build, which the model cache (`outcomes.pipeline`) and the chart cache
(`outcomes.render.cache`) recognise by identity. Measurements read from a database never
pass through here: they stay live on every build.

Cached values are shared between builds, so nothing downstream may mutate them (the
schema models are frozen; documents and measurement lists are only read).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from pydantic import BaseModel

from outcomes.diagnostics import Diagnostic
from outcomes.generations import GenerationCache, digest, enabled
from outcomes.load.measurements import Measurement
from outcomes.load.measurements import read_measurements as _read_measurements
from outcomes.parse.yaml_reader import YamlDocument
from outcomes.parse.yaml_reader import read_yaml as _read_yaml
from outcomes.schema.errors import validate_document as _validate_document

V = TypeVar("V")
_Parsed = tuple[YamlDocument | None, list[Diagnostic]]
_Validated = tuple[BaseModel | None, list[Diagnostic]]
_Series = tuple[list[Measurement], list[Diagnostic]]

_YAML: GenerationCache[_Parsed] = GenerationCache("yaml files")
_VALID: GenerationCache[_Validated] = GenerationCache("validated files")
_CSV: GenerationCache[_Series] = GenerationCache("measurement files")
# The key of every document handed out, by identity, so validation can be keyed by it.
_DOCUMENT_KEYS: GenerationCache[tuple[YamlDocument, Hashable]] = GenerationCache("documents")


def read_yaml(raw: bytes, path: str) -> _Parsed:
    """`yaml_reader.read_yaml`, cached by path and bytes."""
    if not enabled():
        return _read_yaml(raw, path)
    key = (path, digest(raw))
    found = _memo(_YAML, key, lambda: _read_yaml(raw, path))
    document = found[0]
    if document is not None:
        _DOCUMENT_KEYS.put(id(document), (document, key))
    return found


def validate_document(document: YamlDocument, model: type[BaseModel]) -> _Validated:
    """`schema.errors.validate_document`, cached for documents that came from the cache."""
    known = _DOCUMENT_KEYS.get(id(document)) if enabled() else None
    if known is None or known[0] is not document:
        return _validate_document(document, model)
    return _memo(_VALID, (known[1], model), lambda: _validate_document(document, model))


def read_measurements(raw: bytes, path: str) -> _Series:
    """`measurements.read_measurements` of a CSV file, cached by path and bytes."""
    if not enabled():
        return _read_measurements(raw, path)
    return _memo(_CSV, (path, digest(raw)), lambda: _read_measurements(raw, path))


def _memo(cache: GenerationCache[V], key: Hashable, compute: Callable[[], V]) -> V:
    """The value cached under `key`, computed and stored on a miss."""
    found = cache.get(key)
    return cache.put(key, compute()) if found is None else found
