"""What `outcomes new` can scaffold: kept apart from the scaffolder, so the CLI can list
the kinds in its help without importing the scaffolder and the JSON Schema writer, which
`outcomes validate` would pay for on every commit."""

from __future__ import annotations

KINDS = ("theme", "hypothesis", "kpi", "journey", "okr", "team")
