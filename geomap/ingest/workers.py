"""Killable worker processes with a time budget per task, that die with their parent.

:class:`BudgetPool` runs ``work(batch) -> list of results`` in forked processes (they
inherit whatever the parent has loaded: the spaCy pipeline, the gazetteer). Rules:

* **Time budget**: a batch of *n* items may take ``seconds + n * slack`` seconds of
  the worker's CPU time (read from ``/proc`` on Linux, so a machine loaded by other
  work does not fail articles; wall-clock time where ``/proc`` is missing), at most
  :data:`WALL_FACTOR` times that in wall-clock time, and no more than its budget in
  wall-clock time without using any CPU (a worker stuck waiting). A
  batch over its budget has its worker killed (``SIGKILL``); each of its items is then
  tried alone with ``seconds``; an item alone over budget becomes
  ``on_failure(item, "too slow: ...")`` and the run goes on with a fresh worker.
* **Memory budget**: a worker whose private memory grows by more than ``memory_mb``
  while on one batch (read from ``/proc/<pid>/smaps_rollup`` on Linux) is killed the
  same way, the item alone becoming ``on_failure(item, "too large: ...")``.
* **A worker that dies** (killed by the OS for memory, a crash in C code) is handled
  the same way: its batch is retried item by item, and the item that kills a worker
  alone is recorded as ``on_failure(item, "worker died ...")``.
* **Workers die with their parent**: on Linux each worker asks the kernel for
  ``SIGKILL`` when its parent dies (``prctl(PR_SET_PDEATHSIG)``); everywhere, a worker
  also exits when the pipe to its parent closes. A ``kill -9`` of the parent thus
  leaves no orphan holding memory or file locks.
* Results come back in the order of the batches.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
#: A batch may take this many times its CPU budget in wall-clock time (a machine shared
#: with other work gives a worker a fraction of a core).
WALL_FACTOR = 20.0
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of process *pid* (Linux ``/proc``), None elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return None


def die_with_parent(parent_pid: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux); exit at once
    when the parent is already gone."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no libc with prctl: the pipe still tells us
            pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def private_mb(pid: int) -> float | None:
    """Private (unshared) memory of process *pid* in MB (Linux), None elsewhere."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            kb = sum(int(line.split()[1]) for line in fh
                     if line.startswith((b"Private_Clean:", b"Private_Dirty:")))
        return kb / 1024
    except (OSError, IndexError, ValueError):
        return None


def _serve(conn: Connection, work: Callable[[list[Any]], list[Any]], parent_pid: int) -> None:
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            os._exit(0)
        if batch is None:
            os._exit(0)
        try:
            reply: tuple[str, object] = ("ok", work(batch))
        except BaseException as error:
            reply = ("error", f"{type(error).__name__}: {error}")
        try:
            conn.send(reply)
        except Exception as error:  # an unpicklable result
            conn.send(("error", f"{type(error).__name__}: {error}"))


@dataclass
class _Task:
    seq: int
    items: list[Any]
    part: int | None = None  # index inside batch *seq* when retried alone


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: _Task | None = None
    budget: float = 0.0
    started_cpu: float | None = None
    started: float = 0.0
    started_mb: float | None = None

    def over_memory(self, limit_mb: float | None) -> bool:
        """True when the worker's private memory grew by more than *limit_mb* on this task."""
        if not limit_mb or self.started_mb is None:
            return False
        now = private_mb(self.process.pid)
        return now is not None and now - self.started_mb > limit_mb

    last_cpu: float | None = None
    last_progress: float = 0.0

    def over_budget(self) -> bool:
        """True when the current task used up its CPU budget, its wall-clock cap, or
        used no CPU at all for ``budget`` seconds (stuck waiting)."""
        clock = time.monotonic()
        if clock - self.started > WALL_FACTOR * self.budget:
            return True
        now = cpu_seconds(self.process.pid) if self.started_cpu is not None else None
        if now is None:
            return clock - self.started > self.budget
        if now != self.last_cpu:
            self.last_cpu, self.last_progress = now, clock
        elif clock - self.last_progress > self.budget:
            return True
        return now - self.started_cpu > self.budget


@dataclass
class BudgetPool:
    """Forked workers running *work* on batches, each batch under a time budget.

    ``on_failure(item, reason)`` turns an item that failed alone into a result.
    """

    work: Callable[[list[Any]], list[Any]]
    on_failure: Callable[[Any, str], Any]
    processes: int = 1
    seconds: float = 20.0
    slack: float = 0.5
    memory_mb: float | None = None
    _workers: list[_Worker] = field(default_factory=list)

    def _spawn(self) -> _Worker:
        context = multiprocessing.get_context("fork")
        parent_end, child_end = context.Pipe()
        process = context.Process(target=_serve, args=(child_end, self.work, os.getpid()),
                                  daemon=True)
        # a daemonic process (a Dask worker) may not start children; ours die with it
        config = multiprocessing.current_process()._config  # type: ignore[attr-defined]
        daemonic = config.pop("daemon", None)
        try:
            process.start()
        finally:
            if daemonic is not None:
                config["daemon"] = daemonic
        child_end.close()
        worker = _Worker(process, parent_end)
        self._workers.append(worker)
        return worker

    def _kill(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        self._workers.remove(worker)

    def close(self) -> None:
        """Stop every worker (politely, then with SIGKILL)."""
        for worker in list(self._workers):
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in list(self._workers):
            worker.process.join(2)
            self._kill(worker)

    def map(self, batches: Iterable[list[Any]]) -> Iterator[list[Any]]:
        """The results of each batch, in order; see the module docstring."""
        source = iter(batches)
        queue: deque[_Task] = deque()
        done: dict[int, list[Any]] = {}
        partial: dict[int, list[Any]] = {}
        exhausted = False
        seq = next_out = 0
        try:
            for _ in range(max(1, self.processes)):
                self._spawn()
            while True:
                for worker in self._workers:
                    if worker.task is not None:
                        continue
                    if not queue and not exhausted:
                        batch = next(source, None)
                        if batch is None:
                            exhausted = True
                        else:
                            queue.append(_Task(seq, list(batch)))
                            seq += 1
                    if not queue:
                        break
                    task = queue.popleft()
                    worker.task = task
                    worker.budget = self.seconds + \
                        (self.slack * len(task.items) if len(task.items) > 1 else 0.0)
                    worker.started_cpu = cpu_seconds(worker.process.pid)
                    worker.started = worker.last_progress = time.monotonic()
                    worker.last_cpu = worker.started_cpu
                    worker.started_mb = private_mb(worker.process.pid) if self.memory_mb \
                        else None
                    with contextlib.suppress(OSError):  # a dead worker: its sentinel says so
                        worker.conn.send(task.items)
                busy = [w for w in self._workers if w.task is not None]
                if not busy and exhausted and not queue:
                    break
                timeout = min(0.25, min(w.budget for w in busy))
                ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                                 timeout))
                for worker in busy:
                    task = worker.task
                    assert task is not None
                    reason = None
                    if worker.conn in ready:
                        try:
                            status, value = worker.conn.recv()
                        except (EOFError, OSError):
                            status, value = "died", None
                        if status == "ok":
                            worker.task = None
                            self._finish(task, value, done, partial)
                            continue
                        if status == "error" and len(task.items) == 1:
                            worker.task = None
                            self._finish(task, [self.on_failure(task.items[0],
                                                                f"analysis failed: {value}")],
                                         done, partial)
                            continue
                        reason = f"worker failed: {value}" if status == "error" else None
                    if reason is None and worker.process.sentinel in ready:
                        worker.process.join(1)
                        code = worker.process.exitcode
                        reason = ("worker died (killed by signal "
                                  f"{-code}, out of memory?)" if code and code < 0 else
                                  f"worker died (exit code {code})")
                    elif reason is None and worker.over_memory(self.memory_mb):
                        reason = f"too large: analysis needed over {self.memory_mb:g} MB"
                    elif reason is None and worker.over_budget():
                        reason = f"too slow: analysis took over {worker.budget:g} s"
                    if reason is None:
                        continue
                    self._kill(worker)
                    self._spawn()
                    if len(task.items) == 1:
                        log.info("%s", reason)
                        self._finish(task, [self.on_failure(task.items[0], reason)],
                                     done, partial)
                    else:  # find the culprit: every item of the batch alone
                        log.info("batch %d: %s; retrying its %d articles one by one",
                                 task.seq, reason, len(task.items))
                        partial[task.seq] = [None] * len(task.items)
                        queue.extendleft(reversed([_Task(task.seq, [item], part)
                                                   for part, item in enumerate(task.items)]))
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
        finally:
            self.close()

    @staticmethod
    def _finish(task: _Task, results: list[Any], done: dict[int, list[Any]],
                partial: dict[int, list[Any]]) -> None:
        if task.part is None:
            done[task.seq] = results
            return
        slots = partial[task.seq]
        slots[task.part] = results[0]
        if all(slot is not None for slot in slots):
            done[task.seq] = partial.pop(task.seq)
