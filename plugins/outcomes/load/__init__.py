"""Reading the project's files: discovery, validation against the schema, measurements from CSV and SQL."""
