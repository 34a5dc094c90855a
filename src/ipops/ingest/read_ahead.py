"""Read and map a file in a second process while this one writes: imports use both cores.

Reading + mapping (encoding, profiles, numbers, dates, names, addresses) is about half of an
import's CPU time and the database writes the other half; both are pure Python, so threads would
share one core. A forked child re-opens the same source, maps rows and sends them over a bounded
queue in chunks, so memory stays flat however large the file. The parent still owns every write
and commit: a killed child or parent leaves whole batches, as without read-ahead.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ipops.ingest.readers.base import FileRejected, ReadItem
from ipops.ingest.sources import open_source

_CHUNK = 500  # items per queue message: amortises pickling and locking
_QUEUE_CHUNKS = 8  # chunks in flight: bounds the memory the child can run ahead by
_DONE = "done"
_FAILED = "failed"


def _produce(out: Any, path: Path, profile: str | None, mapping_file: Path | None) -> None:
    """Child process: stream the mapped items of `path` to `out`, then say how it ended."""
    chunk: list[ReadItem] = []
    try:
        for item in open_source(path, profile=profile, mapping_file=mapping_file).items:
            chunk.append(item)
            if len(chunk) >= _CHUNK:
                out.put(chunk)
                chunk = []
        out.put(chunk)
        out.put(_DONE)
    except FileRejected as exc:
        # the items read before a file breaks mid-way are imported, as without read-ahead
        out.put(chunk)
        out.put((_FAILED, str(exc)))
    except BaseException as exc:  # noqa: BLE001 - any crash must reach the parent, not hang it
        out.put((_FAILED, f"读取文件时出错：{exc.__class__.__name__}: {exc}"))


def read_ahead(path: Path, *, profile: str | None = None, mapping_file: Path | None = None) -> Iterator[ReadItem]:
    """The items `open_source(path).items` would give, produced by a forked child process.

    Call it after `open_source` has accepted the file in this process (so format errors are
    reported before any work starts). Raises FileRejected if the child meets a bad file part-way.
    """
    ctx = multiprocessing.get_context("fork")
    channel = ctx.Queue(maxsize=_QUEUE_CHUNKS)
    child = ctx.Process(target=_produce, args=(channel, path, profile, mapping_file), daemon=True)
    child.start()
    try:
        yield from _drain(channel, child)
    finally:
        if child.is_alive():
            child.terminate()
        child.join()


def _drain(channel: Any, child: Any) -> Iterator[ReadItem]:
    while True:
        try:
            message = channel.get(timeout=5)
        except queue.Empty:
            if not child.is_alive():
                raise FileRejected("读取进程意外退出，导入未完成；已提交的批次保留，可重新导入。") from None
            continue
        if message == _DONE:
            return
        if isinstance(message, tuple) and message[0] == _FAILED:
            raise FileRejected(message[1])
        yield from message
