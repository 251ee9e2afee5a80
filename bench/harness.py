"""What every HTTP benchmark here needs: a client that cannot stall, peak memory, servers in the background.

The client opens a new TCP connection for every request and sets
``TCP_NODELAY`` on it (``http.client``), so neither Nagle's algorithm nor a
delayed ACK can add ~40 ms to a small response; a fixed number of threads
share one list of URLs, the same for every server measured. Memory is read
from ``/proc`` (``VmRSS`` summed over a process and all its descendants,
sampled every 50 ms) when ``psutil`` is not installed, so a server's workers
are counted with their master. No time is ever asserted: a run returns
numbers, and the caller prints them.
"""

import contextlib
import gzip
import hashlib
import http.client
import os
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

try:  # psutil is optional: /proc says the same on Linux
    import psutil
except ImportError:  # pragma: no cover - depends on the environment
    psutil = None

CLIENT = (
    "http.client, a new TCP connection per request with TCP_NODELAY, Accept-Encoding: gzip; "
    "bodies gunzipped and hashed after the timed pass"
)
RSS_METHOD = (
    "psutil" if psutil else "/proc/<pid>/status VmRSS"
) + ", summed over the process tree, sampled every 50 ms"
SAMPLE_SECONDS = 0.05


# --- memory ------------------------------------------------------------------------------------------------------


def rss_bytes(pid):
    """Resident memory of one process, 0 when it is gone."""
    try:
        if psutil:
            return psutil.Process(pid).memory_info().rss
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return 0
    except Exception:  # psutil.NoSuchProcess and friends  # noqa: BLE001
        return 0
    return 0


def process_tree(root):
    """``root`` and all its descendants."""
    if psutil:
        try:
            process = psutil.Process(root)
            return [root, *(child.pid for child in process.children(recursive=True))]
        except Exception:  # noqa: BLE001
            return [root]
    parents = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                text = stat.read()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: the fields after the last ")" are fixed
        ppid = int(text[text.rindex(")") + 2 :].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(parents.get(pid, ()))
    return tree


class PeakRss:
    """Samples, in a background thread, the summed RSS of some process trees and of this process; keeps the peaks.

    ``roots`` are the server processes (their workers are found again every
    second); ``extra_pids`` are single processes counted as they are (the
    PostgreSQL backends of the raw-query pass).
    """

    def __init__(self, roots=(), extra_pids=()):
        self.roots, self.extra_pids = list(roots), list(extra_pids)
        self.server_peak = 0
        self.self_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        pids, refreshed = [], 0.0
        while True:
            now = time.monotonic()
            if now - refreshed > 1.0:
                pids = [pid for root in self.roots for pid in process_tree(root)] + self.extra_pids
                refreshed = now
            if pids:
                self.server_peak = max(self.server_peak, sum(rss_bytes(pid) for pid in pids))
            self.self_peak = max(self.self_peak, rss_bytes(os.getpid()))
            if self._stop.wait(SAMPLE_SECONDS):
                return

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


# --- results -----------------------------------------------------------------------------------------------------


@dataclass
class Pass:
    """One pass of one server over one list of tiles."""

    name: str
    latencies: list = field(default_factory=list)  # seconds, one per request
    wall: float = 0.0
    wire_bytes: int = 0
    largest: int = 0  # decoded (uncompressed) tile size
    largest_key: object = None
    statuses: dict = field(default_factory=dict)
    digests: dict = field(default_factory=dict)  # request key -> sha1 of the decoded body
    server_rss: int = 0
    bench_rss: int = 0
    note: str = ""

    @property
    def count(self):
        return len(self.latencies)

    @property
    def rate(self):
        return self.count / self.wall if self.wall else 0.0

    def percentile(self, q):
        return float(np.percentile(self.latencies, q)) * 1000 if self.latencies else float("nan")

    @classmethod
    def combined(cls, name, passes):
        """Several passes run one after the other, seen as one (walls add up, peaks are the largest)."""
        total = cls(name)
        for part in passes:
            total.latencies += part.latencies
            total.wall += part.wall
            total.wire_bytes += part.wire_bytes
            if part.largest > total.largest:
                total.largest, total.largest_key = part.largest, part.largest_key
            for status, n in part.statuses.items():
                total.statuses[status] = total.statuses.get(status, 0) + n
            total.digests.update(part.digests)
            total.server_rss = max(total.server_rss, part.server_rss)
            total.bench_rss = max(total.bench_rss, part.bench_rss)
        return total


def run_parallel(items, threads, work, result):
    """Call ``work(item)`` for each item from ``threads`` threads; it returns (key, status, wire, body, seconds).

    ``body`` may be a callable giving the decoded body: decoding and hashing happen after the wall clock
    stops, so the client's own CPU work (gzip, SHA-1) does not slow the pass it measures.
    """
    lock = threading.Lock()
    queue = iter(items)
    errors, outcomes = [], []

    def worker():
        while True:
            with lock:
                item = next(queue, None)
            if item is None:
                return
            try:
                outcome = work(item)
            except Exception as exc:  # noqa: BLE001 - reported in the table, not raised from a thread
                errors.append(f"{item}: {exc!r}")
                with lock:
                    result.statuses["error"] = result.statuses.get("error", 0) + 1
                continue
            with lock:
                outcomes.append(outcome)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    result.wall = time.perf_counter() - started
    for key, status, wire, body, seconds in outcomes:
        body = body() if callable(body) else body
        result.latencies.append(seconds)
        result.wire_bytes += wire
        if len(body) > result.largest:
            result.largest, result.largest_key = len(body), key
        result.statuses[status] = result.statuses.get(status, 0) + 1
        result.digests[key] = hashlib.sha1(body, usedforsecurity=False).hexdigest() if body else ""
    if errors:
        result.note = f"{len(errors)} errors, first: {errors[0]}"
    return result


def http_get(port, path):
    """GET over a fresh TCP_NODELAY connection: (status, wire bytes, decoder of the body, seconds to the last byte).

    The body is decoded (gunzipped) by calling the returned function, after the measurement.
    """
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.connect()
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        body = response.read()
        seconds = time.perf_counter() - started
        encoding = response.getheader("Content-Encoding", "")
    finally:
        connection.close()

    def decoded():
        return gzip.decompress(body) if encoding == "gzip" and body else body

    return response.status, len(body), decoded, seconds


def http_pass(name, port, requests, threads, roots):
    """``requests``: (key, path) pairs. Returns a measured ``Pass``."""
    result = Pass(name)

    def work(request):
        key, path = request
        status, wire, body, seconds = http_get(port, path)
        return key, status, wire, body, seconds

    with PeakRss(roots) as peak:
        run_parallel(requests, threads, work, result)
    result.server_rss, result.bench_rss = peak.server_peak, peak.self_peak
    return result


# --- servers -----------------------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A server command run in its own session (so its workers stop with it), logging to a file."""

    def __init__(self, name, command, *, env, cwd, port, log_dir):
        self.name, self.command, self.env, self.cwd, self.port = name, command, env, cwd, port
        self.log = Path(log_dir) / f"{name}.log"
        self.process = None

    def start(self):
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - a fixed command line built by the benchmark
                self.command, env=self.env, cwd=self.cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        return self

    def wait_ready(self, path, ok=(200, 204, 400, 404), timeout=90):
        """Poll ``path`` until it answers with one of ``ok``; raise with the log's tail if it never does."""
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.tail()}")
            try:
                status, _, decoded, _ = http_get(self.port, path)
                if status in ok:
                    return status, decoded()
                last = f"HTTP {status}: {decoded()[:300]!r}"
            except OSError as exc:
                last = repr(exc)
            time.sleep(0.25)
        raise RuntimeError(f"{self.name} not ready after {timeout} s ({last}):\n{self.tail()}")

    def tail(self, lines=30):
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)  # the session this benchmark started, by its id
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# --- formatting --------------------------------------------------------------------------------------------------


def megabytes(n):
    return f"{n / 1_048_576:.1f} MB" if n else "–"


def kilobytes(n):
    return f"{n / 1024:.1f} KB"


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
