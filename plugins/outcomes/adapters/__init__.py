"""Adapters over the core: the command line and the MkDocs plugin. They stay thin."""
