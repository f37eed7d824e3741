"""Editing roadmap files: `outcomes fmt` (canonical layout) and `outcomes new` (scaffolds)."""
