"""Starts the whole-process samples from a small process, so their peak memory is their own.

    python bench/spawner.py    # run by bench/run.py: requests on stdin, replies on stdout

Linux carries the peak resident memory that `wait4` reports for a process (`ru_maxrss`)
over `fork` and `exec` from the memory of the process that forked it: a command started
straight from the benchmark, which by then holds its results (and once held a million
generated survey rows), reported the benchmark's own peak instead of its own. This
process imports little and holds nothing, so what it starts begins near its size
(about 10 MiB); `bench/child.py` reads its own peak from the kernel instead (`VmHWM`).

One JSON request per line: `{"argv": [...], "env": {...}, "stdout": PATH, "stderr": PATH,
"timeout": SECONDS}`; one JSON reply per line: `{"wall": s, "cpu": s, "status": wait
status, "maxrss_kib": KiB}`, the wall time taken here around the process alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time


def run(request: dict[str, object]) -> dict[str, float | int]:
    argv = request["argv"]
    env = request["env"]
    assert isinstance(argv, list) and isinstance(env, dict)
    with open(str(request["stdout"]), "w") as out, open(str(request["stderr"]), "w") as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
        timer = threading.Timer(float(str(request["timeout"])), process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen knows
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "status": status,
        "maxrss_kib": usage.ru_maxrss,
    }


def main() -> int:
    for line in sys.stdin:
        sys.stdout.write(json.dumps(run(json.loads(line))) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
