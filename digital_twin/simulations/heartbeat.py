"""The heartbeat of a running attempt, written by a small companion process while the worker lives.

A kernel call can outlast the stale threshold on a large grid (the shadows of
16 million half-metre cells take minutes on two cores), and numba holds the
interpreter while it computes, so no thread of the worker could write in the
meantime. The companion is a separate process: it writes the attempt's
heartbeat every ``interval`` seconds through its own connection, and stops
when the worker closes its end of the pipe — or dies, which closes it too —
or when the row no longer runs this attempt. A killed worker therefore leaves
a heartbeat that stops moving, and a live one never looks stale.

The module runs as ``python -m digital_twin.simulations.heartbeat`` and
imports neither Django nor the kernels; the connection parameters come on its
standard input (never on the command line, where ``ps`` would show them).
"""

import datetime as dt
import json
import select
import subprocess
import sys

import psycopg

UPDATE = "UPDATE digital_twin_simulationrun SET heartbeat = %s WHERE id = %s AND attempt = %s AND status = 'running'"


class Heartbeat:
    """Starts the companion for one attempt; ``stop`` ends it."""

    def __init__(self, connection_params, run_id, attempt, interval):
        plain = {key: value for key, value in connection_params.items() if type(value) in (str, int)}
        self.process = subprocess.Popen(  # noqa: S603 - this interpreter, this module
            [sys.executable, "-m", __name__, str(run_id), str(attempt), str(interval)], stdin=subprocess.PIPE
        )
        self.process.stdin.write(json.dumps(plain).encode() + b"\n")
        self.process.stdin.flush()

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def beat(run_id, attempt, interval, stream=sys.stdin.buffer):
    """The companion's loop: a heartbeat every ``interval`` seconds until the pipe closes or the row moves on."""
    params = json.loads(stream.readline())
    with psycopg.connect(**params, autocommit=True) as connection:
        while True:
            readable, _, _ = select.select([stream], [], [], interval)
            if readable and not stream.read1(1024):
                return
            written = connection.execute(UPDATE, [dt.datetime.now(dt.UTC), run_id, attempt]).rowcount
            if not written:
                return


if __name__ == "__main__":
    beat(int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]))
