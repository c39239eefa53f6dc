"""No per-user object lives in memory: a dispatcher tick's peak memory does not grow with users.

The tick works in fixed-size batches straight from SQL, so four times the users must not need
(anywhere near) four times the memory.
"""

from __future__ import annotations

import asyncio
import tracemalloc
from pathlib import Path

from benchmarks.test_bench_reminders import fresh_database, tick_without_sending


def peak_memory_of_a_tick(path: Path, users: int) -> int:
    async def scenario() -> int:
        svc = await fresh_database(path, users)
        tracemalloc.start()
        claimed = await tick_without_sending(svc)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        await svc.db.dispose()
        assert claimed == users
        return peak

    return asyncio.run(scenario())


def test_tick_memory_is_flat_in_the_number_of_users(tmp_path: Path) -> None:
    small = peak_memory_of_a_tick(tmp_path / "small.db", 250)
    large = peak_memory_of_a_tick(tmp_path / "large.db", 1000)
    assert large < small * 1.6, (small, large)
