"""`bot.outbox` without a server: how failures are judged, the inline retries, the backoff,
and that a reply survives the trip through the database as JSON."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot import outbox
from bot.outbox import Outgoing, Verdict


class FakeBot:
    """Raises the queued errors, one per call, then succeeds; records the calls."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls: list[tuple[str, dict[str, Any]]] = []

    async def _call(self, method: str, **params: Any) -> None:
        self.calls.append((method, params))
        if self.errors:
            raise self.errors.pop(0)

    async def send_message(self, chat_id: int, text: str, **params: Any) -> None:
        await self._call("sendMessage", chat_id=chat_id, text=text, **params)

    async def edit_message_text(self, text: str, **params: Any) -> None:
        await self._call("editMessageText", text=text, **params)


@pytest.mark.parametrize(
    ("error", "verdict"),
    [
        (BadRequest("Message is not modified: specified new message content …"), Verdict.SENT),
        (BadRequest("Chat not found"), Verdict.FAILED),
        (Forbidden("Forbidden: bot was blocked by the user"), Verdict.BLOCKED),
        (RetryAfter(3), Verdict.RETRY),
        (NetworkError("Bad Gateway (502). Parsing the server response failed"), Verdict.RETRY),
        (TimedOut(), Verdict.RETRY),
        (ValueError("a bug"), Verdict.FAILED),
    ],
)
def test_judge(error: Exception, verdict: Verdict) -> None:
    assert outbox.judge(error).verdict is verdict


def test_judge_keeps_retry_after_and_the_error_class_only() -> None:
    result = outbox.judge(RetryAfter(7))
    assert result.retry_after == 7.0 and result.error == "RetryAfter"


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outbox, "RETRY_DELAYS", (0.0, 0.0, 0.0))


async def test_transient_failures_are_retried_inline() -> None:
    bot = FakeBot(NetworkError("Bad Gateway"), TimedOut(), RetryAfter(0))
    result = await outbox.attempt_with_retries(bot, outbox.message(1, "hi", None))  # type: ignore[arg-type]
    assert result.verdict is Verdict.SENT and len(bot.calls) == 4


async def test_inline_retries_end_and_leave_the_rest_to_the_job() -> None:
    bot = FakeBot(*(NetworkError("Bad Gateway") for _ in range(9)))
    result = await outbox.attempt_with_retries(bot, outbox.message(1, "hi", None))  # type: ignore[arg-type]
    assert result.verdict is Verdict.RETRY and len(bot.calls) == 1 + len(outbox.RETRY_DELAYS)


async def test_a_long_retry_after_is_not_waited_for_inline() -> None:
    bot = FakeBot(RetryAfter(30))
    result = await outbox.attempt_with_retries(bot, outbox.message(1, "hi", None))  # type: ignore[arg-type]
    assert result.verdict is Verdict.RETRY and result.retry_after == 30 and len(bot.calls) == 1


async def test_blocked_and_permanent_errors_are_not_retried() -> None:
    cases = ((Forbidden("blocked"), Verdict.BLOCKED), (BadRequest("x"), Verdict.FAILED))
    for error, verdict in cases:
        bot = FakeBot(error)
        result = await outbox.attempt_with_retries(bot, outbox.message(1, "hi", None))  # type: ignore[arg-type]
        assert result.verdict is verdict and len(bot.calls) == 1


async def test_an_edit_telegram_refuses_becomes_a_new_message() -> None:
    bot = FakeBot(BadRequest("Message can't be edited"))
    result = await outbox.attempt(bot, outbox.edit(1, 42, "page 2", None))  # type: ignore[arg-type]
    assert result.verdict is Verdict.SENT
    assert [method for method, _ in bot.calls] == ["editMessageText", "sendMessage"]
    assert "message_id" not in bot.calls[1][1]


def test_backoff_doubles_up_to_the_cap() -> None:
    waits = [outbox.backoff(attempts) for attempts in range(1, outbox.MAX_ATTEMPTS + 1)]
    assert waits[:3] == [timedelta(seconds=5), timedelta(seconds=10), timedelta(seconds=20)]
    assert max(waits) == outbox.BACKOFF_MAX
    assert timedelta(minutes=50) < sum(waits[:-1], timedelta()) < timedelta(minutes=70)


def test_a_reply_survives_the_database_as_json() -> None:
    replies = [
        outbox.message(5, "Hallo", None),
        outbox.edit(5, 7, "Seite 2/3", None),
        outbox.document(5, "export.json", b'{"a": 1}', "Deine Daten"),
        outbox.photo(5, b"\x89PNG\r\n", None),
    ]
    for reply in replies:
        stored = json.loads(json.dumps(reply.payload()))
        assert Outgoing.from_payload(stored) == reply
