"""The `outcomes` console script: the CLI's imports with the cyclic collector paused.

Importing the CLI builds the format's pydantic models and allocates about 200,000
objects that live as long as the process, none of them garbage cycles; the collector
walked them over and over while they were created: 12-15 ms of the 0.47 s that
`outcomes validate` takes at 1,000 hypotheses (what pre-commit and CI pay on every
commit). `freeze` moves what was imported out of the collector's sight at once.
"""

from __future__ import annotations

import gc


def run() -> None:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        from outcomes.adapters.cli import run as run_command
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
    run_command()
