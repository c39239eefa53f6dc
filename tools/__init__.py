"""Developer tools that do not ship in the wheel: evaluations on labelled sets, the sources list."""
