"""`python -m tests.e2e.clocked_bot CLOCK_FILE`: `python -m bot run`, unchanged, except that the
bot's clock (`Services.clock`: every turn, every reminder tick, the outbox's leases) is read from
CLOCK_FILE – an aware ISO instant the test rewrites (atomically) to move time. The clock of a
process that is SIGKILLed and restarted must not start again from the system clock: the file
outlives the process, so every incarnation of the bot reads the same test-controlled time.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from bot import cli, runner
from bot.app import build_application


class FileClock:
    """Reads the instant in `path` on every call (the test moves it with `os.replace`)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(self) -> datetime:
        return datetime.fromisoformat(self.path.read_text())


def main() -> int:
    clock = FileClock(Path(sys.argv[1]))

    def clocked(settings: Any, **options: Any) -> Any:
        return build_application(settings, clock=clock, **options)

    runner.build_application = clocked  # `runner.serve` builds the application by this name
    return cli.main(["run"])


if __name__ == "__main__":
    sys.exit(main())
