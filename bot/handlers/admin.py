"""Housekeeping and the admins' view: pruning old update ids, and `/stats` for ADMIN_IDS.

`/stats` shows only aggregate counts – never anything about a single person – and is answered
only for the ids in ADMIN_IDS; for everyone else it is an unknown command.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import func, select
from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes, filters

from bot.handlers.common import Context, turn
from bot.services import services
from bot.storage.models import ExerciseSession, Plan, TriageResult, User
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
    async with turn(update, context) as t:
        week_ago = t.now - timedelta(days=7)
        count = t.session.scalar
        t.say(
            Message(
                "admin-stats",
                {
                    "users": await count(select(func.count()).select_from(User)) or 0,
                    "active": await count(select(func.count()).where(User.active.is_(True))) or 0,
                    "plans": await count(select(func.count()).select_from(Plan)) or 0,
                    "sessions": await count(
                        select(func.count()).where(ExerciseSession.done_at >= week_ago)
                    )
                    or 0,
                    "checks": await count(select(func.count()).where(TriageResult.at >= week_ago))
                    or 0,
                },
            )
        )


def register(application: Application) -> None:
    admins = services(application).settings.admin_ids
    if admins:
        only_admins = filters.User(user_id=list(admins)) & filters.ChatType.PRIVATE
        application.add_handler(CommandHandler("stats", on_stats, only_admins))


async def start_housekeeping(application: Application) -> None:
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            prune, interval=PRUNE_EVERY, first=timedelta(minutes=1), name="prune-updates"
        )
