"""Format v1 as pydantic models, one per kind of file."""
