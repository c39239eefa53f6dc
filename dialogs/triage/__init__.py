"""Red-flag triage: the safety net over every message, the structured check and STarT Back."""
