"""Reading the project's files: discovery, validation, measurements from CSV and SQL."""
