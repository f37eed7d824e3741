"""A one-line title per problem code, for the rules of SARIF output (code-scanning alert titles).

The full text of each code (example, fix) is docs/reference/problem-codes.md; the package
does not ship the docs, so the titles live here. tests/cli/test_formats.py fails when a
documented code has no title or a title names a code the page does not document.
"""

from __future__ import annotations

TITLES: dict[str, str] = {
    "yaml-syntax": "The file is not valid YAML.",
    "yaml-duplicate-key": "A key appears twice in one mapping.",
    "yaml-anchor": "YAML anchors, aliases and merge keys are not allowed.",
    "yaml-tag": "YAML tags are not allowed.",
    "yaml-directive": "A %YAML or %TAG directive is not allowed.",
    "yaml-multiple-documents": "The file holds more than one YAML document.",
    "yaml-key": "A mapping key is a list or a mapping.",
    "yaml-too-deep": "Values are nested too deep.",
    "yaml-too-large": "The file holds too many values.",
    "file-empty": "The file is empty.",
    "file-encoding": "The file is not UTF-8 text.",
    "file-too-large": "A YAML file is too large.",
    "file-unreadable": "A roadmap file cannot be read.",
    "too-many-files": "A folder holds too many YAML files.",
    "no-roadmap": "The project has no roadmap/, journeys/ or okrs/ folder.",
    "unknown-kind": "A file under okrs/ is not KPIs, teams or an OKR period.",
    "unknown-field": "A key the format does not have.",
    "missing-field": "A required field is missing.",
    "wrong-type": "A value of the wrong type.",
    "invalid-choice": "A value outside the allowed choices.",
    "invalid-format": "Text that does not have the required shape.",
    "invalid-date": "A date that is not YYYY-MM-DD or does not exist.",
    "date-order": "Dates in the wrong order.",
    "not-finite": "A number that is not finite.",
    "out-of-range": "A number outside its range.",
    "too-long": "A text longer than its limit.",
    "empty-value": "An empty text where one is needed.",
    "invalid-link": "A link that is neither an http(s) URL nor a relative link.",
    "invalid-source": "A KPI source names both csv and sql, or neither.",
    "invalid-value": "A value the schema refuses.",
    "unknown-reference": "An id that names nothing.",
    "duplicate-id": "Two entities of one kind share an id.",
    "target-direction": "A target on the wrong side of its baseline.",
    "kill-direction": "A kill value on the wrong side of `expect`.",
    "interval-order": "A readout interval with its bounds swapped.",
    "csv-header": "A measurements CSV has the wrong header.",
    "csv-columns": "A CSV row has the wrong number of cells.",
    "csv-date": "A CSV row's date is not a real YYYY-MM-DD date.",
    "csv-value": "A CSV row's value is not a finite number.",
    "csv-duplicate-date": "Two CSV rows have the same date.",
    "csv-syntax": "The CSV cannot be read on from this row.",
    "csv-too-large": "A measurements file is too large.",
    "csv-too-many-rows": "A measurements file has too many rows.",
    "csv-missing": "A KPI has no measurements file.",
    "unsafe-path": "A path that could read outside the project.",
    "sql-env-missing": "The environment variable with the database URL is not set.",
    "sql-url": "The database URL is not one Outcomes can use.",
    "sql-driver-missing": "The database driver is not installed.",
    "sql-unreachable": "The database did not answer.",
    "sql-auth": "The database refused the connection.",
    "sql-timeout": "The KPI query ran too long and was stopped.",
    "sql-read-only": "The KPI query tried to change data.",
    "sql-permission": "The database user may not read what the query uses.",
    "sql-query": "The database refused the KPI query.",
    "sql-columns": "The query result has no date or no value column.",
    "sql-date": "A query row's date is missing or not a date.",
    "sql-value": "A query row's value is not a finite number.",
    "sql-duplicate-date": "Two query rows have the same date.",
    "sql-too-many-rows": "The KPI query returned too many rows.",
    "kpi-stale": "The KPI's newest value is older than twice its cadence.",
    "status-contradicted": "A hypothesis status the data contradicts.",
    "hypothesis-overdue": "A tested hypothesis is overdue for a decision.",
    "diagram-failed": "Graphviz could not draw a diagram.",
    "zensical-ignores-plugin": "Zensical builds the site and skips the outcomes plugin.",
    "fmt-unsafe": "Formatting would have changed a value, so the file was left as it was.",
}


def title(code: str) -> str:
    """The code's title; a code added without one still gets a readable title."""
    return TITLES.get(code, f"Problem {code}.")
