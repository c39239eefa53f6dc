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

from bot.handlers.common import Context, turn
from bot.services import services
from bot.storage.stats import stats
from bot.storage.users import prune_processed_updates
from dialogs.common.reply import Message

log = logging.getLogger(__name__)
# Telegram redelivers an update for at most about a day; a week is a generous margin.
KEEP_UPDATE_IDS = timedelta(days=7)
PRUNE_EVERY = timedelta(hours=6)


async def prune(context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context.application)
    try:
        async with svc.db.session() as session:
            await prune_processed_updates(session, svc.clock() - KEEP_UPDATE_IDS)
    except Exception:
        log.exception("pruning processed updates failed")


async def on_stats(update: Update, context: Context) -> None:
    """`/stats` (routed only for ADMIN_IDS): counts of people, and of the last week's work."""
    async with turn(update, context) as t:
        week = await stats(t.session, since=t.now - timedelta(days=7))
        t.say(Message("admin-stats", asdict(week)))


async def start_housekeeping(application: Application) -> None:
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            prune, interval=PRUNE_EVERY, first=timedelta(minutes=1), name="prune-updates"
        )
