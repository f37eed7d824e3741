"""Rendering: pure functions from the `Roadmap` to pages, charts, diagrams and JSON."""
