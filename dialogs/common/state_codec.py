"""Dialog states as JSON, in one place: `dump(state) -> dict` and `load(kind, data) -> state`.

The states are frozen dataclasses next to their dialogs; pydantic reads their field types (one
cached `TypeAdapter` per state type), so no state writes or parses its own JSON. What the bot
stores, in `dialog_states.state` unless noted (the shapes predate this module and are pinned by
`tests/dialogs/common/test_state_codec.py`, so rows already in users' databases still load):

- `TriageState` ("triage"): {"language": "de", "answers": [["q_saddle", "yes"|"no"|"unsure"],
  …], "outcome": <Outcome> | null}
- `Outcome` (also `triage_results.answers`, kind "redflags"): {"level": "emergency" … "none",
  "flags": [<red flag id>, …], "answers": [[<question id>, <answer>], …]}
- `StartBackState` ("startback"): {"language": "de", "answers": [0, 1, …], "result":
  <StartBackResult> | null}
- `StartBackResult` (also `triage_results.answers`, kind "startback"): {"answers": [9 ints],
  "total": 7, "distress": 4, "risk": "low"|"medium"|"high"}
- `QuizState` ("quiz"): {"order": [<entry id>, …], "position": 2, "correct": 1, "finished": false}
- `PlanState` ("plan"): {"step": "days"|"time"|"tz", "days": [0, 2, 4], "at": "18:30" | null,
  "tz": "Europe/Berlin"}
- `GuidedRoutineState` ("session", the guided routine): {"guided": {"routine": "gentle", "step":
  2, "step_started": <time>, "status": "running"|"finished"|"stopped"}}
- `CrisisState` ("crisis"): {"since": <time>, "who": "self"|"other"}
- `AskState` ("ask"): {"flag": <red flag id>, "who": "self"|"other"}

Enums are stored as their values, tuples as lists. A time (`IsoDatetime`) is an aware datetime
(the bot's clock gives aware UTC) stored as `datetime.isoformat()`, e.g.
"2026-01-05T17:00:00+00:00"; it loads with its offset kept. Keys a state does not know (the
"_paused" dialog an interruption keeps, see `bot.handlers.common.Turn.interrupt`) are ignored
when loading; a field missing from an older row takes the dataclass default.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import AwareDatetime, PlainSerializer, TypeAdapter

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

S = TypeVar("S")

# An aware datetime, stored as `isoformat()` ("…+00:00", as the bot always wrote it, not
# pydantic's "…Z"). A naive one does not load: its instant is unknown.
IsoDatetime = Annotated[
    AwareDatetime, PlainSerializer(datetime.isoformat, return_type=str, when_used="json")
]

_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(kind: type[S]) -> TypeAdapter[S]:
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    return adapter


def dump(state: DataclassInstance) -> dict[str, Any]:
    """The JSON-ready dict of a state (only str, int, bool, None, lists and dicts inside)."""
    data: dict[str, Any] = _adapter(type(state)).dump_python(state, mode="json")
    return data


def load(kind: type[S], data: object) -> S:
    """The `kind` state stored as `data` (a dict as `dump` made it).

    Raises pydantic.ValidationError – a ValueError – on a damaged row: not a dict, a missing
    required field, a wrong type, an unknown enum value, a naive time or a state that breaks
    its own rule (e.g. a quiz with more right answers than answers). `Turn.open_dialog` and the
    guided-routine tick take that for "no such dialog", so a corrupt row never crashes a chat.
    """
    return _adapter(kind).validate_python(data)
