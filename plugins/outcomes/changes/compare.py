"""Comparing two snapshots: entities added, removed and changed, field by field."""

from __future__ import annotations

from dataclasses import dataclass, field

from outcomes.changes.snapshot import KINDS, Entity, Fields, Snapshot, Unreadable, Value


@dataclass(frozen=True)
class Change:
    """One difference in an entity.

    A tracked field: `field` with `old` and `new`. A part (an outcome, a step, a key
    result) added or removed: `part` and `part_id`, `field` None, and the part's fields
    as `new` (added) or `old` (removed). A field of a part: all of them. `field` "other"
    (nothing else set): something outside the tracked fields was edited.
    """

    field: str | None
    old: Value | Fields = None
    new: Value | Fields = None
    part: str | None = None
    part_id: str | None = None


@dataclass(frozen=True)
class Changed:
    entity: Entity  # the head side
    changes: list[Change]


@dataclass
class KindChanges:
    added: list[Entity] = field(default_factory=list)
    removed: list[Entity] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class Side:
    """A compared side: the revision as given and its commit id; both None: the working tree."""

    revision: str | None
    commit: str | None


@dataclass(frozen=True)
class MeasurementChanges:
    """A KPI's measurement rows added, changed (date, old, new) and removed, by date."""

    kpi: str
    added: list[tuple[str, float]]
    changed: list[tuple[str, float, float]]
    removed: list[tuple[str, float]]


@dataclass
class RoadmapDiff:
    """Everything `outcomes diff` reports; `notes` name files that could not be compared."""

    kinds: dict[str, KindChanges]
    unreadable_base: list[Unreadable]
    unreadable_head: list[Unreadable]
    skipped: list[str] = field(default_factory=list)  # files left out of a revision
    base: Side = field(default_factory=lambda: Side(None, None))
    head: Side = field(default_factory=lambda: Side(None, None))
    measurements: list[MeasurementChanges] = field(default_factory=list)  # by KPI id
    units: dict[str, str] = field(default_factory=dict)  # KPI id -> unit (head, else base)

    @property
    def has_changes(self) -> bool:
        return any(self.kinds.values())


def compare(base: Snapshot, head: Snapshot) -> RoadmapDiff:
    """What changed from `base` to `head`, every list sorted by id.

    An entity whose file could not be read on the other side is neither added nor
    removed: its file's problem is reported instead.
    """
    broken_base = {u.path for u in base.unreadable}
    broken_head = {u.path for u in head.unreadable}
    kinds: dict[str, KindChanges] = {}
    for kind in KINDS:
        old, new = base.entities[kind], head.entities[kind]
        result = KindChanges()
        for ident in sorted(new.keys() - old.keys()):
            if new[ident].path not in broken_base:
                result.added.append(new[ident])
        for ident in sorted(old.keys() - new.keys()):
            if old[ident].path not in broken_head:
                result.removed.append(old[ident])
        for ident in sorted(old.keys() & new.keys()):
            changes = _entity_changes(old[ident], new[ident])
            if changes:
                result.changed.append(Changed(new[ident], changes))
        kinds[kind] = result
    diff = RoadmapDiff(kinds, base.unreadable, head.unreadable)
    diff.units = {**base.units, **head.units}
    diff.measurements = _measurement_changes(base, head)
    return diff


def _measurement_changes(base: Snapshot, head: Snapshot) -> list[MeasurementChanges]:
    """Rows of KPIs measured on both sides; a KPI new or gone is reported as such."""
    found: list[MeasurementChanges] = []
    for kpi in sorted(base.measurements.keys() & head.measurements.keys()):
        old, new = base.measurements[kpi], head.measurements[kpi]
        if old == new:
            continue
        added = [(d, new[d]) for d in sorted(new.keys() - old.keys())]
        removed = [(d, old[d]) for d in sorted(old.keys() - new.keys())]
        changed = [(d, old[d], new[d]) for d in sorted(old.keys() & new.keys()) if old[d] != new[d]]
        found.append(MeasurementChanges(kpi, added, changed, removed))
    return found


def _field_changes(old: Fields, new: Fields) -> list[tuple[str, Value, Value]]:
    names = [*old, *(name for name in new if name not in old)]
    return [(n, old.get(n), new.get(n)) for n in names if old.get(n) != new.get(n)]


def _entity_changes(old: Entity, new: Entity) -> list[Change]:
    changes = [Change(name, a, b) for name, a, b in _field_changes(old.fields, new.fields)]
    for part in [*old.parts, *(p for p in new.parts if p not in old.parts)]:
        before, after = old.parts.get(part, {}), new.parts.get(part, {})
        for ident in sorted(before.keys() - after.keys()):
            changes.append(Change(None, old=before[ident], part=part, part_id=ident))
        for ident in sorted(after.keys() - before.keys()):
            changes.append(Change(None, new=after[ident], part=part, part_id=ident))
        for ident in sorted(before.keys() & after.keys()):
            for name, a, b in _field_changes(before[ident], after[ident]):
                changes.append(Change(name, a, b, part, ident))
    if not changes and old.digest != new.digest:
        changes.append(Change("other"))
    return changes
