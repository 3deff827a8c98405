"""What the benchmarks share: free ports and the processes a server started."""

from __future__ import annotations

import contextlib
import socket
from pathlib import Path


def free_port() -> int:
    """A port on 127.0.0.1 nobody listens on (all load stays on loopback)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it, from /proc/<pid>/task/*/children."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo += [int(c) for c in (task / "children").read_text().split()]
    return found
