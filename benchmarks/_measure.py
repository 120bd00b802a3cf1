"""What the benchmarks share: briefgen's bytecode compiled as an install does, and peak memory.

Peak memory of a command's whole process tree is sampled from /proc.

``ru_maxrss`` of RUSAGE_CHILDREN misses processes that are not waited for by
their parent (a multiprocessing fork server's workers), so this samples the
proportional set size (PSS: shared pages split between the processes sharing
them) of the command and all its descendants every few milliseconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path


def compile_bytecode() -> None:
    """Compile briefgen's modules to ``__pycache__``, as pip does when it installs the wheel.

    Benchmarks run the checkout (``PYTHONPATH=src``); where ``PYTHONDONTWRITEBYTECODE``
    is set (this sandbox sets it), Python would otherwise compile every briefgen module
    on every run, a cost no installed briefgen pays: 165 ms against 146 ms for the
    seed's EPUB here. Python still reads existing bytecode under that variable.
    """
    src = Path(__file__).resolve().parent.parent / "src"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True)


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _proc_kib(pid: int, file: str, field: str) -> int:
    """A ``Field:  N kB`` line of ``/proc/PID/FILE``, in KiB (0 once the process is gone)."""
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kib(pid: int) -> int:
    return _proc_kib(pid, "smaps_rollup", "Pss")


def _hwm_kib(pid: int) -> int:
    """The process's own peak resident set size (VmHWM)."""
    return _proc_kib(pid, "status", "VmHWM")


def _tree(root: int) -> list[int]:
    tree, found, stack = _children(), [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(tree.get(pid, []))
    return found


def tree_pss_kib(root: int) -> int:
    return sum(_pss_kib(pid) for pid in _tree(root))


def peak_memory(
    cmd: list[str], env: Mapping[str, str] | None = None, interval: float = 0.005
) -> tuple[int, int]:
    """Run ``cmd``; return (peak PSS of its whole process tree, largest peak RSS of one process), KiB."""
    proc = subprocess.Popen(
        cmd, env=dict(env or os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    tree_peak = process_peak = 0
    while proc.poll() is None:
        pids = _tree(proc.pid)
        tree_peak = max(tree_peak, sum(_pss_kib(pid) for pid in pids))
        process_peak = max([process_peak, *(_hwm_kib(pid) for pid in pids)])
        time.sleep(interval)
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return tree_peak, process_peak


def peak_memory_kib(cmd: list[str], env: Mapping[str, str] | None = None, interval: float = 0.005) -> int:
    """Run ``cmd``; return the peak PSS (KiB) of its process tree."""
    return peak_memory(cmd, env, interval)[0]
