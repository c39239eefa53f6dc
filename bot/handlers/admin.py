"""Housekeeping and the admins' view: pruning old update ids, and `/stats` for ADMIN_IDS.

`/stats` shows only aggregate counts – never anything about a single person – and is answered
only for the ids in ADMIN_IDS; for everyone else it is an unknown command.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import timedelta

from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.handlers.common import Context, open_turn
from bot.outbox import KEEP_FAILED
from bot.services import services
from bot.storage.buttons import prune_presses
from bot.storage.outbox import prune_failed
from bot.storage.stats import stats
from bot.storage.users import prune_processed_updates
from dialogs.common.reply import Message

log = logging.getLogger(__name__)
# Telegram keeps an undelivered update for at most 24 hours (Bot API, "Getting updates"), so
# it cannot come back later than that; a week is a generous margin (product decision).
KEEP_UPDATE_IDS = timedelta(days=7)
PRUNE_EVERY = timedelta(hours=6)  # product decision: the table stays small, the job is cheap


async def prune(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The job: forget update ids and button presses older than KEEP_UPDATE_IDS and replies
    given up longer than `bot.outbox.KEEP_FAILED` ago; a failure is logged, not raised (the
    next run tries again)."""
    svc = services(context.application)
    try:
        async with svc.db.session() as session:
            now = svc.clock()
            await prune_processed_updates(session, now - KEEP_UPDATE_IDS)
            await prune_presses(session, now - KEEP_UPDATE_IDS)
            await prune_failed(session, now - KEEP_FAILED)
    except Exception:
        log.exception("pruning processed updates failed")


async def on_stats(update: Update, context: Context) -> None:
    """`/stats` (routed only for ADMIN_IDS): counts of people, and of the last 7 days' work."""
    async with open_turn(update, context) as turn:
        week = await stats(turn.session, since=turn.now - timedelta(days=7))
        counts = asdict(week)
        counts["sessions"] = counts.pop("exercise_logs")  # the catalogues' $sessions
        turn.say(Message("admin-stats", counts))


async def start_housekeeping(application: Application) -> None:
    """`on_startup`: run `prune` every PRUNE_EVERY, the first time a minute after start."""
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            prune, interval=PRUNE_EVERY, first=timedelta(minutes=1), name="prune-updates"
        )
