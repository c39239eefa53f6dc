"""Bounds of one logged session, shared by the parsers and the buttons that carry an entry."""

from __future__ import annotations

# More than 600 minutes (10 hours, a long day's hike) in one go is taken for a typo (product
# decision; 5 hours was too short for the mountain hikes people report).
MAX_MINUTES = 600
