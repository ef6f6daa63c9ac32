"""How much memory a conversion's worker may use, and what running out of it looks like: the
cap each worker sets on itself (``RLIMIT_AS``), its default for ``-j N``, and the one line that
reports a conversion stopped for its memory use, whichever way it ended (run/isolate.py)."""

from __future__ import annotations

import contextlib
import os

from wres_convert.errors import ConversionError

EXIT_OUT_OF_MEMORY = 71  # a worker that ran out of memory outside any job
_MIB = 1024 * 1024
MIN_MEMORY = 512 * _MIB  # a worker starts at ~60 MB of address space and samples peak at ~120 MB
MAX_DEFAULT_MEMORY = 2048 * _MIB  # no return needs more; beyond this a file is hostile or broken


def too_much_memory(limit: int | None) -> ConversionError:
    """The one line for a conversion stopped for its memory use."""
    amount = f"more than {limit // _MIB} MB of memory" if limit else "more memory than there was"
    return ConversionError(
        "too-much-memory",
        f"the conversion needed {amount} and was stopped",
        "check the file; raise the limit with --max-memory MB",
    )


def caused_by_memory(exc: BaseException) -> bool:
    """A MemoryError, or an error a reader raised because of one (its cause or context)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, MemoryError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def total_memory() -> int | None:
    """The machine's memory in bytes, or the container's limit (cgroup) if that is smaller."""
    sizes = []
    with contextlib.suppress(ValueError, OSError, AttributeError):
        sizes.append(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        with contextlib.suppress(ValueError, OSError), open(path) as fh:
            sizes.append(int(fh.read().strip()))  # "max": no limit, skipped by ValueError
    sizes = [n for n in sizes if n > 0]
    return min(sizes) if sizes else None


def default_memory_limit(jobs: int) -> int:
    """Bytes of address space one worker may use when running ``jobs`` at once: three quarters of
    the machine shared among them, so -j N never asks for more than there is, kept between
    ``MIN_MEMORY`` (every real return fits with room to spare) and ``MAX_DEFAULT_MEMORY``."""
    total = total_memory()
    if total is None:
        return MAX_DEFAULT_MEMORY
    share = total * 3 // 4 // max(1, jobs)
    return max(MIN_MEMORY, min(MAX_DEFAULT_MEMORY, share))


def limit_memory(memory: int) -> None:
    """Cap this process's address space; never above a hard limit someone else set."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def died(status: int, max_rss_kb: int, memory: int | None) -> BaseException:
    """Why a worker that vanished mid-job did: killed for its memory use (the kernel's OOM killer,
    or PDFium aborting when an allocation failed under the cap, after growing to at least half the
    cap), or a crash, which is a bug to report."""
    code = os.waitstatus_to_exitcode(status)
    if code == EXIT_OUT_OF_MEMORY or (code < 0 and memory and max_rss_kb * 1024 >= memory // 2):
        return too_much_memory(memory)
    return RuntimeError(f"the conversion process ended unexpectedly ({code})")
