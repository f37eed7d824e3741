"""Importers: other roadmap tools' YAML turned into Outcomes files (`outcomes import`)."""
