"""The recipes' DuckDB queries, compiled by SQLAlchemy and stored (generated: do not edit).

A file recipe (`csv:` / Parquet) runs on DuckDB, which scans 1,000,000 survey rows in
0.15 s of CPU; importing SQLAlchemy to compile the query took 0.17 s more, which put the
recipe at 2.2x a hand-written GROUP BY (bench/run.py --cases recipes; stored, and with
the file read in the query itself, `recipe_sources.file_measurements`, 1.08x). They run
after `WITH raw_rows AS NOT MATERIALIZED (SELECT * FROM read_csv(...))`. These texts are
`load.recipe_queries.duckdb_queries()` verbatim; tests/recipes/test_duckdb_queries.py
fails when they drift, and rewrites this file when run with OUTCOMES_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

# By `recipe/cadence`, over the view `raw_rows` of the file's rows.
QUERIES: dict[str, str] = {
    "adoption/daily": (
        "SELECT CAST(date_trunc('day', raw_rows.date) AS DATE) AS date, "
        "CAST(count(distinct(CASE WHEN raw_rows.active THEN raw_rows.user_id "
        "END)) / CAST(nullif(CAST(count(distinct(raw_rows.user_id)) AS DOUBLE "
        "PRECISION), 0) AS NUMERIC) AS DOUBLE PRECISION) AS value, count(*) AS "
        "rows, sum(CASE WHEN (raw_rows.user_id IS NULL OR raw_rows.active IS "
        "NULL) THEN 1 ELSE 0 END) AS bad \nFROM raw_rows GROUP BY "
        "CAST(date_trunc('day', raw_rows.date) AS DATE) ORDER BY "
        "CAST(date_trunc('day', raw_rows.date) AS DATE)"
    ),
    "adoption/weekly": (
        "SELECT CAST(date_trunc('week', raw_rows.date) AS DATE) AS date, "
        "CAST(count(distinct(CASE WHEN raw_rows.active THEN raw_rows.user_id "
        "END)) / CAST(nullif(CAST(count(distinct(raw_rows.user_id)) AS DOUBLE "
        "PRECISION), 0) AS NUMERIC) AS DOUBLE PRECISION) AS value, count(*) AS "
        "rows, sum(CASE WHEN (raw_rows.user_id IS NULL OR raw_rows.active IS "
        "NULL) THEN 1 ELSE 0 END) AS bad \nFROM raw_rows GROUP BY "
        "CAST(date_trunc('week', raw_rows.date) AS DATE) ORDER BY "
        "CAST(date_trunc('week', raw_rows.date) AS DATE)"
    ),
    "adoption/monthly": (
        "SELECT CAST(date_trunc('month', raw_rows.date) AS DATE) AS date, "
        "CAST(count(distinct(CASE WHEN raw_rows.active THEN raw_rows.user_id "
        "END)) / CAST(nullif(CAST(count(distinct(raw_rows.user_id)) AS DOUBLE "
        "PRECISION), 0) AS NUMERIC) AS DOUBLE PRECISION) AS value, count(*) AS "
        "rows, sum(CASE WHEN (raw_rows.user_id IS NULL OR raw_rows.active IS "
        "NULL) THEN 1 ELSE 0 END) AS bad \nFROM raw_rows GROUP BY "
        "CAST(date_trunc('month', raw_rows.date) AS DATE) ORDER BY "
        "CAST(date_trunc('month', raw_rows.date) AS DATE)"
    ),
    "adoption/quarterly": (
        "SELECT CAST(date_trunc('quarter', raw_rows.date) AS DATE) AS date, "
        "CAST(count(distinct(CASE WHEN raw_rows.active THEN raw_rows.user_id "
        "END)) / CAST(nullif(CAST(count(distinct(raw_rows.user_id)) AS DOUBLE "
        "PRECISION), 0) AS NUMERIC) AS DOUBLE PRECISION) AS value, count(*) AS "
        "rows, sum(CASE WHEN (raw_rows.user_id IS NULL OR raw_rows.active IS "
        "NULL) THEN 1 ELSE 0 END) AS bad \nFROM raw_rows GROUP BY "
        "CAST(date_trunc('quarter', raw_rows.date) AS DATE) ORDER BY "
        "CAST(date_trunc('quarter', raw_rows.date) AS DATE)"
    ),
    "nps/daily": (
        "SELECT CAST(date_trunc('day', raw_rows.date) AS DATE) AS date, "
        "CAST(((sum(CASE WHEN (raw_rows.score >= 9) THEN 1 ELSE 0 END) - "
        "sum(CASE WHEN (raw_rows.score <= 6) THEN 1 ELSE 0 END)) * 100.0) / "
        "CAST(nullif(CAST(count(*) - sum(CASE WHEN (raw_rows.score IS NULL OR "
        "raw_rows.score < 0 OR raw_rows.score > 10) THEN 1 ELSE 0 END) AS "
        "DOUBLE PRECISION), 0) AS NUMERIC) AS DOUBLE PRECISION) AS value, "
        "count(*) AS rows, sum(CASE WHEN (raw_rows.score IS NULL OR "
        "raw_rows.score < 0 OR raw_rows.score > 10) THEN 1 ELSE 0 END) AS bad "
        "\nFROM raw_rows GROUP BY CAST(date_trunc('day', raw_rows.date) AS DATE) "
        "ORDER BY CAST(date_trunc('day', raw_rows.date) AS DATE)"
    ),
    "nps/weekly": (
        "SELECT CAST(date_trunc('week', raw_rows.date) AS DATE) AS date, "
        "CAST(((sum(CASE WHEN (raw_rows.score >= 9) THEN 1 ELSE 0 END) - "
        "sum(CASE WHEN (raw_rows.score <= 6) THEN 1 ELSE 0 END)) * 100.0) / "
        "CAST(nullif(CAST(count(*) - sum(CASE WHEN (raw_rows.score IS NULL OR "
        "raw_rows.score < 0 OR raw_rows.score > 10) THEN 1 ELSE 0 END) AS "
        "DOUBLE PRECISION), 0) AS NUMERIC) AS DOUBLE PRECISION) AS value, "
        "count(*) AS rows, sum(CASE WHEN (raw_rows.score IS NULL OR "
        "raw_rows.score < 0 OR raw_rows.score > 10) THEN 1 ELSE 0 END) AS bad "
        "\nFROM raw_rows GROUP BY CAST(date_trunc('week', raw_rows.date) AS "
        "DATE) ORDER BY CAST(date_trunc('week', raw_rows.date) AS DATE)"
    ),
    "nps/monthly": (
        "SELECT CAST(date_trunc('month', raw_rows.date) AS DATE) AS date, "
        "CAST(((sum(CASE WHEN (raw_rows.score >= 9) THEN 1 ELSE 0 END) - "
        "sum(CASE WHEN (raw_rows.score <= 6) THEN 1 ELSE 0 END)) * 100.0) / "
        "CAST(nullif(CAST(count(*) - sum(CASE WHEN (raw_rows.score IS NULL OR "
        "raw_rows.score < 0 OR raw_rows.score > 10) THEN 1 ELSE 0 END) AS "
        "DOUBLE PRECISION), 0) AS NUMERIC) AS DOUBLE PRECISION) AS value, "
        "count(*) AS rows, sum(CASE WHEN (raw_rows.score IS NULL OR "
        "raw_rows.score < 0 OR raw_rows.score > 10) THEN 1 ELSE 0 END) AS bad "
        "\nFROM raw_rows GROUP BY CAST(date_trunc('month', raw_rows.date) AS "
        "DATE) ORDER BY CAST(date_trunc('month', raw_rows.date) AS DATE)"
    ),
    "nps/quarterly": (
        "SELECT CAST(date_trunc('quarter', raw_rows.date) AS DATE) AS date, "
        "CAST(((sum(CASE WHEN (raw_rows.score >= 9) THEN 1 ELSE 0 END) - "
        "sum(CASE WHEN (raw_rows.score <= 6) THEN 1 ELSE 0 END)) * 100.0) / "
        "CAST(nullif(CAST(count(*) - sum(CASE WHEN (raw_rows.score IS NULL OR "
        "raw_rows.score < 0 OR raw_rows.score > 10) THEN 1 ELSE 0 END) AS "
        "DOUBLE PRECISION), 0) AS NUMERIC) AS DOUBLE PRECISION) AS value, "
        "count(*) AS rows, sum(CASE WHEN (raw_rows.score IS NULL OR "
        "raw_rows.score < 0 OR raw_rows.score > 10) THEN 1 ELSE 0 END) AS bad "
        "\nFROM raw_rows GROUP BY CAST(date_trunc('quarter', raw_rows.date) AS "
        "DATE) ORDER BY CAST(date_trunc('quarter', raw_rows.date) AS DATE)"
    ),
    "csat/daily": (
        "SELECT CAST(date_trunc('day', raw_rows.date) AS DATE) AS date, "
        "CAST(sum(CASE WHEN (raw_rows.score >= 4) THEN 1 ELSE 0 END) / "
        "CAST(nullif(CAST(count(*) - sum(CASE WHEN (raw_rows.score IS NULL OR "
        "raw_rows.score < 1 OR raw_rows.score > 5) THEN 1 ELSE 0 END) AS DOUBLE "
        "PRECISION), 0) AS NUMERIC) AS DOUBLE PRECISION) AS value, count(*) AS "
        "rows, sum(CASE WHEN (raw_rows.score IS NULL OR raw_rows.score < 1 OR "
        "raw_rows.score > 5) THEN 1 ELSE 0 END) AS bad \nFROM raw_rows GROUP BY "
        "CAST(date_trunc('day', raw_rows.date) AS DATE) ORDER BY "
        "CAST(date_trunc('day', raw_rows.date) AS DATE)"
    ),
    "csat/weekly": (
        "SELECT CAST(date_trunc('week', raw_rows.date) AS DATE) AS date, "
        "CAST(sum(CASE WHEN (raw_rows.score >= 4) THEN 1 ELSE 0 END) / "
        "CAST(nullif(CAST(count(*) - sum(CASE WHEN (raw_rows.score IS NULL OR "
        "raw_rows.score < 1 OR raw_rows.score > 5) THEN 1 ELSE 0 END) AS DOUBLE "
        "PRECISION), 0) AS NUMERIC) AS DOUBLE PRECISION) AS value, count(*) AS "
        "rows, sum(CASE WHEN (raw_rows.score IS NULL OR raw_rows.score < 1 OR "
        "raw_rows.score > 5) THEN 1 ELSE 0 END) AS bad \nFROM raw_rows GROUP BY "
        "CAST(date_trunc('week', raw_rows.date) AS DATE) ORDER BY "
        "CAST(date_trunc('week', raw_rows.date) AS DATE)"
    ),
    "csat/monthly": (
        "SELECT CAST(date_trunc('month', raw_rows.date) AS DATE) AS date, "
        "CAST(sum(CASE WHEN (raw_rows.score >= 4) THEN 1 ELSE 0 END) / "
        "CAST(nullif(CAST(count(*) - sum(CASE WHEN (raw_rows.score IS NULL OR "
        "raw_rows.score < 1 OR raw_rows.score > 5) THEN 1 ELSE 0 END) AS DOUBLE "
        "PRECISION), 0) AS NUMERIC) AS DOUBLE PRECISION) AS value, count(*) AS "
        "rows, sum(CASE WHEN (raw_rows.score IS NULL OR raw_rows.score < 1 OR "
        "raw_rows.score > 5) THEN 1 ELSE 0 END) AS bad \nFROM raw_rows GROUP BY "
        "CAST(date_trunc('month', raw_rows.date) AS DATE) ORDER BY "
        "CAST(date_trunc('month', raw_rows.date) AS DATE)"
    ),
    "csat/quarterly": (
        "SELECT CAST(date_trunc('quarter', raw_rows.date) AS DATE) AS date, "
        "CAST(sum(CASE WHEN (raw_rows.score >= 4) THEN 1 ELSE 0 END) / "
        "CAST(nullif(CAST(count(*) - sum(CASE WHEN (raw_rows.score IS NULL OR "
        "raw_rows.score < 1 OR raw_rows.score > 5) THEN 1 ELSE 0 END) AS DOUBLE "
        "PRECISION), 0) AS NUMERIC) AS DOUBLE PRECISION) AS value, count(*) AS "
        "rows, sum(CASE WHEN (raw_rows.score IS NULL OR raw_rows.score < 1 OR "
        "raw_rows.score > 5) THEN 1 ELSE 0 END) AS bad \nFROM raw_rows GROUP BY "
        "CAST(date_trunc('quarter', raw_rows.date) AS DATE) ORDER BY "
        "CAST(date_trunc('quarter', raw_rows.date) AS DATE)"
    ),
    "deployment-frequency/daily": (
        "SELECT CAST(date_trunc('day', raw_rows.deployed_at) AS DATE) AS date, "
        "CAST(CAST(count(*) AS DOUBLE PRECISION) AS DOUBLE PRECISION) AS value, "
        "count(*) AS rows, 0 AS bad \nFROM raw_rows GROUP BY "
        "CAST(date_trunc('day', raw_rows.deployed_at) AS DATE) ORDER BY "
        "CAST(date_trunc('day', raw_rows.deployed_at) AS DATE)"
    ),
    "deployment-frequency/weekly": (
        "SELECT CAST(date_trunc('week', raw_rows.deployed_at) AS DATE) AS date, "
        "CAST(CAST(count(*) AS DOUBLE PRECISION) AS DOUBLE PRECISION) AS value, "
        "count(*) AS rows, 0 AS bad \nFROM raw_rows GROUP BY "
        "CAST(date_trunc('week', raw_rows.deployed_at) AS DATE) ORDER BY "
        "CAST(date_trunc('week', raw_rows.deployed_at) AS DATE)"
    ),
    "deployment-frequency/monthly": (
        "SELECT CAST(date_trunc('month', raw_rows.deployed_at) AS DATE) AS "
        "date, CAST(CAST(count(*) AS DOUBLE PRECISION) AS DOUBLE PRECISION) AS "
        "value, count(*) AS rows, 0 AS bad \nFROM raw_rows GROUP BY "
        "CAST(date_trunc('month', raw_rows.deployed_at) AS DATE) ORDER BY "
        "CAST(date_trunc('month', raw_rows.deployed_at) AS DATE)"
    ),
    "deployment-frequency/quarterly": (
        "SELECT CAST(date_trunc('quarter', raw_rows.deployed_at) AS DATE) AS "
        "date, CAST(CAST(count(*) AS DOUBLE PRECISION) AS DOUBLE PRECISION) AS "
        "value, count(*) AS rows, 0 AS bad \nFROM raw_rows GROUP BY "
        "CAST(date_trunc('quarter', raw_rows.deployed_at) AS DATE) ORDER BY "
        "CAST(date_trunc('quarter', raw_rows.deployed_at) AS DATE)"
    ),
    "lead-time/daily": (
        "SELECT ranked.p AS date, CAST(avg(CASE WHEN (ranked.ok = 1 AND 2 * "
        "ranked.n >= ranked.m AND 2 * ranked.n <= ranked.m + 2) THEN ranked.h "
        "END) AS DOUBLE PRECISION) AS value, count(*) AS rows, sum(CASE WHEN "
        "(ranked.ok = 0) THEN 1 ELSE 0 END) AS bad \nFROM (SELECT spans.p AS p, "
        "spans.h AS h, spans.ok AS ok, row_number() OVER (PARTITION BY spans.p, "
        "spans.ok ORDER BY spans.h) AS n, count(*) OVER (PARTITION BY spans.p, "
        "spans.ok) AS m \nFROM (SELECT CAST(date_trunc('day', "
        "raw_rows.deployed_at) AS DATE) AS p, (EXTRACT(EPOCH FROM "
        "raw_rows.deployed_at) - EXTRACT(EPOCH FROM raw_rows.committed_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) AS h, CASE WHEN ((EXTRACT(EPOCH FROM "
        "raw_rows.deployed_at) - EXTRACT(EPOCH FROM raw_rows.committed_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) IS NOT NULL AND (EXTRACT(EPOCH FROM "
        "raw_rows.deployed_at) - EXTRACT(EPOCH FROM raw_rows.committed_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) >= 0) THEN 1 ELSE 0 END AS ok \nFROM "
        "raw_rows) AS spans) AS ranked GROUP BY ranked.p ORDER BY ranked.p"
    ),
    "lead-time/weekly": (
        "SELECT ranked.p AS date, CAST(avg(CASE WHEN (ranked.ok = 1 AND 2 * "
        "ranked.n >= ranked.m AND 2 * ranked.n <= ranked.m + 2) THEN ranked.h "
        "END) AS DOUBLE PRECISION) AS value, count(*) AS rows, sum(CASE WHEN "
        "(ranked.ok = 0) THEN 1 ELSE 0 END) AS bad \nFROM (SELECT spans.p AS p, "
        "spans.h AS h, spans.ok AS ok, row_number() OVER (PARTITION BY spans.p, "
        "spans.ok ORDER BY spans.h) AS n, count(*) OVER (PARTITION BY spans.p, "
        "spans.ok) AS m \nFROM (SELECT CAST(date_trunc('week', "
        "raw_rows.deployed_at) AS DATE) AS p, (EXTRACT(EPOCH FROM "
        "raw_rows.deployed_at) - EXTRACT(EPOCH FROM raw_rows.committed_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) AS h, CASE WHEN ((EXTRACT(EPOCH FROM "
        "raw_rows.deployed_at) - EXTRACT(EPOCH FROM raw_rows.committed_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) IS NOT NULL AND (EXTRACT(EPOCH FROM "
        "raw_rows.deployed_at) - EXTRACT(EPOCH FROM raw_rows.committed_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) >= 0) THEN 1 ELSE 0 END AS ok \nFROM "
        "raw_rows) AS spans) AS ranked GROUP BY ranked.p ORDER BY ranked.p"
    ),
    "lead-time/monthly": (
        "SELECT ranked.p AS date, CAST(avg(CASE WHEN (ranked.ok = 1 AND 2 * "
        "ranked.n >= ranked.m AND 2 * ranked.n <= ranked.m + 2) THEN ranked.h "
        "END) AS DOUBLE PRECISION) AS value, count(*) AS rows, sum(CASE WHEN "
        "(ranked.ok = 0) THEN 1 ELSE 0 END) AS bad \nFROM (SELECT spans.p AS p, "
        "spans.h AS h, spans.ok AS ok, row_number() OVER (PARTITION BY spans.p, "
        "spans.ok ORDER BY spans.h) AS n, count(*) OVER (PARTITION BY spans.p, "
        "spans.ok) AS m \nFROM (SELECT CAST(date_trunc('month', "
        "raw_rows.deployed_at) AS DATE) AS p, (EXTRACT(EPOCH FROM "
        "raw_rows.deployed_at) - EXTRACT(EPOCH FROM raw_rows.committed_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) AS h, CASE WHEN ((EXTRACT(EPOCH FROM "
        "raw_rows.deployed_at) - EXTRACT(EPOCH FROM raw_rows.committed_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) IS NOT NULL AND (EXTRACT(EPOCH FROM "
        "raw_rows.deployed_at) - EXTRACT(EPOCH FROM raw_rows.committed_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) >= 0) THEN 1 ELSE 0 END AS ok \nFROM "
        "raw_rows) AS spans) AS ranked GROUP BY ranked.p ORDER BY ranked.p"
    ),
    "lead-time/quarterly": (
        "SELECT ranked.p AS date, CAST(avg(CASE WHEN (ranked.ok = 1 AND 2 * "
        "ranked.n >= ranked.m AND 2 * ranked.n <= ranked.m + 2) THEN ranked.h "
        "END) AS DOUBLE PRECISION) AS value, count(*) AS rows, sum(CASE WHEN "
        "(ranked.ok = 0) THEN 1 ELSE 0 END) AS bad \nFROM (SELECT spans.p AS p, "
        "spans.h AS h, spans.ok AS ok, row_number() OVER (PARTITION BY spans.p, "
        "spans.ok ORDER BY spans.h) AS n, count(*) OVER (PARTITION BY spans.p, "
        "spans.ok) AS m \nFROM (SELECT CAST(date_trunc('quarter', "
        "raw_rows.deployed_at) AS DATE) AS p, (EXTRACT(EPOCH FROM "
        "raw_rows.deployed_at) - EXTRACT(EPOCH FROM raw_rows.committed_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) AS h, CASE WHEN ((EXTRACT(EPOCH FROM "
        "raw_rows.deployed_at) - EXTRACT(EPOCH FROM raw_rows.committed_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) IS NOT NULL AND (EXTRACT(EPOCH FROM "
        "raw_rows.deployed_at) - EXTRACT(EPOCH FROM raw_rows.committed_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) >= 0) THEN 1 ELSE 0 END AS ok \nFROM "
        "raw_rows) AS spans) AS ranked GROUP BY ranked.p ORDER BY ranked.p"
    ),
    "change-failure-rate/daily": (
        "SELECT CAST(date_trunc('day', raw_rows.deployed_at) AS DATE) AS date, "
        "CAST(sum(CASE WHEN raw_rows.caused_incident THEN 1 ELSE 0 END) / "
        "CAST(nullif(CAST(count(*) - sum(CASE WHEN (raw_rows.caused_incident IS "
        "NULL) THEN 1 ELSE 0 END) AS DOUBLE PRECISION), 0) AS NUMERIC) AS "
        "DOUBLE PRECISION) AS value, count(*) AS rows, sum(CASE WHEN "
        "(raw_rows.caused_incident IS NULL) THEN 1 ELSE 0 END) AS bad \nFROM "
        "raw_rows GROUP BY CAST(date_trunc('day', raw_rows.deployed_at) AS "
        "DATE) ORDER BY CAST(date_trunc('day', raw_rows.deployed_at) AS DATE)"
    ),
    "change-failure-rate/weekly": (
        "SELECT CAST(date_trunc('week', raw_rows.deployed_at) AS DATE) AS date, "
        "CAST(sum(CASE WHEN raw_rows.caused_incident THEN 1 ELSE 0 END) / "
        "CAST(nullif(CAST(count(*) - sum(CASE WHEN (raw_rows.caused_incident IS "
        "NULL) THEN 1 ELSE 0 END) AS DOUBLE PRECISION), 0) AS NUMERIC) AS "
        "DOUBLE PRECISION) AS value, count(*) AS rows, sum(CASE WHEN "
        "(raw_rows.caused_incident IS NULL) THEN 1 ELSE 0 END) AS bad \nFROM "
        "raw_rows GROUP BY CAST(date_trunc('week', raw_rows.deployed_at) AS "
        "DATE) ORDER BY CAST(date_trunc('week', raw_rows.deployed_at) AS DATE)"
    ),
    "change-failure-rate/monthly": (
        "SELECT CAST(date_trunc('month', raw_rows.deployed_at) AS DATE) AS "
        "date, CAST(sum(CASE WHEN raw_rows.caused_incident THEN 1 ELSE 0 END) / "
        "CAST(nullif(CAST(count(*) - sum(CASE WHEN (raw_rows.caused_incident IS "
        "NULL) THEN 1 ELSE 0 END) AS DOUBLE PRECISION), 0) AS NUMERIC) AS "
        "DOUBLE PRECISION) AS value, count(*) AS rows, sum(CASE WHEN "
        "(raw_rows.caused_incident IS NULL) THEN 1 ELSE 0 END) AS bad \nFROM "
        "raw_rows GROUP BY CAST(date_trunc('month', raw_rows.deployed_at) AS "
        "DATE) ORDER BY CAST(date_trunc('month', raw_rows.deployed_at) AS DATE)"
    ),
    "change-failure-rate/quarterly": (
        "SELECT CAST(date_trunc('quarter', raw_rows.deployed_at) AS DATE) AS "
        "date, CAST(sum(CASE WHEN raw_rows.caused_incident THEN 1 ELSE 0 END) / "
        "CAST(nullif(CAST(count(*) - sum(CASE WHEN (raw_rows.caused_incident IS "
        "NULL) THEN 1 ELSE 0 END) AS DOUBLE PRECISION), 0) AS NUMERIC) AS "
        "DOUBLE PRECISION) AS value, count(*) AS rows, sum(CASE WHEN "
        "(raw_rows.caused_incident IS NULL) THEN 1 ELSE 0 END) AS bad \nFROM "
        "raw_rows GROUP BY CAST(date_trunc('quarter', raw_rows.deployed_at) AS "
        "DATE) ORDER BY CAST(date_trunc('quarter', raw_rows.deployed_at) AS "
        "DATE)"
    ),
    "time-to-restore/daily": (
        "SELECT ranked.p AS date, CAST(avg(CASE WHEN (ranked.ok = 1 AND 2 * "
        "ranked.n >= ranked.m AND 2 * ranked.n <= ranked.m + 2) THEN ranked.h "
        "END) AS DOUBLE PRECISION) AS value, count(*) AS rows, sum(CASE WHEN "
        "(ranked.ok = 0) THEN 1 ELSE 0 END) AS bad \nFROM (SELECT spans.p AS p, "
        "spans.h AS h, spans.ok AS ok, row_number() OVER (PARTITION BY spans.p, "
        "spans.ok ORDER BY spans.h) AS n, count(*) OVER (PARTITION BY spans.p, "
        "spans.ok) AS m \nFROM (SELECT CAST(date_trunc('day', "
        "raw_rows.started_at) AS DATE) AS p, (EXTRACT(EPOCH FROM "
        "raw_rows.resolved_at) - EXTRACT(EPOCH FROM raw_rows.started_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) AS h, CASE WHEN ((EXTRACT(EPOCH FROM "
        "raw_rows.resolved_at) - EXTRACT(EPOCH FROM raw_rows.started_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) IS NOT NULL AND (EXTRACT(EPOCH FROM "
        "raw_rows.resolved_at) - EXTRACT(EPOCH FROM raw_rows.started_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) >= 0) THEN 1 ELSE 0 END AS ok \nFROM "
        "raw_rows \nWHERE raw_rows.resolved_at IS NOT NULL) AS spans) AS ranked "
        "GROUP BY ranked.p ORDER BY ranked.p"
    ),
    "time-to-restore/weekly": (
        "SELECT ranked.p AS date, CAST(avg(CASE WHEN (ranked.ok = 1 AND 2 * "
        "ranked.n >= ranked.m AND 2 * ranked.n <= ranked.m + 2) THEN ranked.h "
        "END) AS DOUBLE PRECISION) AS value, count(*) AS rows, sum(CASE WHEN "
        "(ranked.ok = 0) THEN 1 ELSE 0 END) AS bad \nFROM (SELECT spans.p AS p, "
        "spans.h AS h, spans.ok AS ok, row_number() OVER (PARTITION BY spans.p, "
        "spans.ok ORDER BY spans.h) AS n, count(*) OVER (PARTITION BY spans.p, "
        "spans.ok) AS m \nFROM (SELECT CAST(date_trunc('week', "
        "raw_rows.started_at) AS DATE) AS p, (EXTRACT(EPOCH FROM "
        "raw_rows.resolved_at) - EXTRACT(EPOCH FROM raw_rows.started_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) AS h, CASE WHEN ((EXTRACT(EPOCH FROM "
        "raw_rows.resolved_at) - EXTRACT(EPOCH FROM raw_rows.started_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) IS NOT NULL AND (EXTRACT(EPOCH FROM "
        "raw_rows.resolved_at) - EXTRACT(EPOCH FROM raw_rows.started_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) >= 0) THEN 1 ELSE 0 END AS ok \nFROM "
        "raw_rows \nWHERE raw_rows.resolved_at IS NOT NULL) AS spans) AS ranked "
        "GROUP BY ranked.p ORDER BY ranked.p"
    ),
    "time-to-restore/monthly": (
        "SELECT ranked.p AS date, CAST(avg(CASE WHEN (ranked.ok = 1 AND 2 * "
        "ranked.n >= ranked.m AND 2 * ranked.n <= ranked.m + 2) THEN ranked.h "
        "END) AS DOUBLE PRECISION) AS value, count(*) AS rows, sum(CASE WHEN "
        "(ranked.ok = 0) THEN 1 ELSE 0 END) AS bad \nFROM (SELECT spans.p AS p, "
        "spans.h AS h, spans.ok AS ok, row_number() OVER (PARTITION BY spans.p, "
        "spans.ok ORDER BY spans.h) AS n, count(*) OVER (PARTITION BY spans.p, "
        "spans.ok) AS m \nFROM (SELECT CAST(date_trunc('month', "
        "raw_rows.started_at) AS DATE) AS p, (EXTRACT(EPOCH FROM "
        "raw_rows.resolved_at) - EXTRACT(EPOCH FROM raw_rows.started_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) AS h, CASE WHEN ((EXTRACT(EPOCH FROM "
        "raw_rows.resolved_at) - EXTRACT(EPOCH FROM raw_rows.started_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) IS NOT NULL AND (EXTRACT(EPOCH FROM "
        "raw_rows.resolved_at) - EXTRACT(EPOCH FROM raw_rows.started_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) >= 0) THEN 1 ELSE 0 END AS ok \nFROM "
        "raw_rows \nWHERE raw_rows.resolved_at IS NOT NULL) AS spans) AS ranked "
        "GROUP BY ranked.p ORDER BY ranked.p"
    ),
    "time-to-restore/quarterly": (
        "SELECT ranked.p AS date, CAST(avg(CASE WHEN (ranked.ok = 1 AND 2 * "
        "ranked.n >= ranked.m AND 2 * ranked.n <= ranked.m + 2) THEN ranked.h "
        "END) AS DOUBLE PRECISION) AS value, count(*) AS rows, sum(CASE WHEN "
        "(ranked.ok = 0) THEN 1 ELSE 0 END) AS bad \nFROM (SELECT spans.p AS p, "
        "spans.h AS h, spans.ok AS ok, row_number() OVER (PARTITION BY spans.p, "
        "spans.ok ORDER BY spans.h) AS n, count(*) OVER (PARTITION BY spans.p, "
        "spans.ok) AS m \nFROM (SELECT CAST(date_trunc('quarter', "
        "raw_rows.started_at) AS DATE) AS p, (EXTRACT(EPOCH FROM "
        "raw_rows.resolved_at) - EXTRACT(EPOCH FROM raw_rows.started_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) AS h, CASE WHEN ((EXTRACT(EPOCH FROM "
        "raw_rows.resolved_at) - EXTRACT(EPOCH FROM raw_rows.started_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) IS NOT NULL AND (EXTRACT(EPOCH FROM "
        "raw_rows.resolved_at) - EXTRACT(EPOCH FROM raw_rows.started_at)) / "
        "CAST(3600.0 AS DOUBLE PRECISION) >= 0) THEN 1 ELSE 0 END AS ok \nFROM "
        "raw_rows \nWHERE raw_rows.resolved_at IS NOT NULL) AS spans) AS ranked "
        "GROUP BY ranked.p ORDER BY ranked.p"
    ),
}
