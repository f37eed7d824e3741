"""Reading the project's files: YAML with positions, measurements from CSV."""
