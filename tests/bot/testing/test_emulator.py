"""The Bot API emulator drives a real python-telegram-bot Application over loopback HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest
from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.testing.driver import TINY_PNG
from bot.testing.ptb import application_builder, polling
from bot.testing.server import BotApiEmulator
from bot.testing.terminal import format_output, run_terminal_chat

Ctx = ContextTypes.DEFAULT_TYPE
QUIET = 0.1


def _buttons() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Ja", callback_data="yes")],
            [
                InlineKeyboardButton("Nein", callback_data="no"),
                InlineKeyboardButton("Später erinnern", callback_data="later"),
            ],
        ]
    )


async def _start(update: Update, context: Ctx) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(
        "Hast du <b>heute</b> Schmerzen?", parse_mode="HTML", reply_markup=_buttons()
    )


async def _pressed(update: Update, context: Ctx) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(f"Notiert: {query.data}")
    await query.edit_message_text(f"Du hast {query.data} gewählt.")


async def _document(update: Update, context: Ctx) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_document(
        b"%PDF-1.4 plan", filename="plan.pdf", caption="Dein Plan"
    )
    await update.effective_message.reply_photo(TINY_PNG)


async def _slow(update: Update, context: Ctx) -> None:
    """Two messages with a pause longer than any quiet period, like a handler on a busy
    machine waiting for its database."""
    assert update.effective_message is not None
    await update.effective_message.reply_text("Moment …")
    await asyncio.sleep(10 * QUIET)
    await update.effective_message.reply_text("fertig")


async def _keyboard(update: Update, context: Ctx) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(
        "Wie geht's?", reply_markup=ReplyKeyboardMarkup([["Gut", "Schlecht"]])
    )


async def _echo(update: Update, context: Ctx) -> None:
    message = update.effective_message
    assert message is not None
    kind = "edited" if update.edited_message else "echo"
    seen = context.bot_data.setdefault("update_ids", [])
    seen.append(update.update_id)
    await message.reply_text(f"{kind}: {message.text}")


async def _sticker(update: Update, context: Ctx) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text("Schöner Sticker")


async def _incoming_document(update: Update, context: Ctx) -> None:
    message = update.effective_message
    assert message is not None and message.document is not None
    file = await message.document.get_file()
    data = await file.download_as_bytearray()
    await message.reply_text(f"{message.document.file_name}: {bytes(data).decode()}")


def _app(bot_api: BotApiEmulator) -> Application:
    app = application_builder(bot_api).build()
    app.add_handler(CommandHandler("start", _start))
    app.add_handler(CommandHandler("doc", _document))
    app.add_handler(CommandHandler("slow", _slow))
    app.add_handler(CommandHandler("keyboard", _keyboard))
    app.add_handler(CallbackQueryHandler(_pressed))
    app.add_handler(MessageHandler(filters.Sticker.ALL, _sticker))
    app.add_handler(MessageHandler(filters.Document.ALL, _incoming_document))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
    return app


@pytest.fixture
async def app(bot_api: BotApiEmulator) -> AsyncIterator[Application]:
    """A small PTB application (not the real bot of conftest's ``app``) polling ``bot_api``."""
    application = _app(bot_api)
    async with asyncio.timeout(10), polling(application, emulator=bot_api):
        yield application


async def test_replies_wait_until_the_update_is_handled(
    bot_api: BotApiEmulator, app: Application
) -> None:
    anna = bot_api.user("Anna", "de")
    await anna.send("/slow")
    replies = await anna.replies(timeout=5, quiet=QUIET)
    assert [m.text for m in replies] == ["Moment …", "fertig"]


async def test_send_and_replies(bot_api: BotApiEmulator, app: Application) -> None:
    anna = bot_api.user("Anna", "de")
    await anna.send("/start")
    [question] = await anna.replies(timeout=2, quiet=QUIET)
    assert question.text == "Hast du heute Schmerzen?"
    assert question.raw_text == "Hast du <b>heute</b> Schmerzen?"
    assert question.buttons == [["Ja"], ["Nein", "Später erinnern"]]
    assert question.button_data == [["yes"], ["no", "later"]]
    assert question.chat_id == anna.id and question.kind == "message"

    await anna.send("Rücken tut weh")
    assert (await anna.reply(timeout=2, quiet=QUIET)).text == "echo: Rücken tut weh"
    await anna.send_sticker()
    assert (await anna.reply(timeout=2, quiet=QUIET)).text == "Schöner Sticker"
    assert [m.from_bot for m in anna.messages] == [False, True, False, True, False, True]


async def test_group_command_with_bot_username(bot_api: BotApiEmulator, app: Application) -> None:
    ben = bot_api.user("Ben", "en")
    group = bot_api.group("Rücken-Gruppe")
    await ben.send("/start@rueckenwind_bot", chat=group)
    reply = await ben.reply(timeout=2, quiet=QUIET, chat=group)
    assert reply.chat_id == group.id and reply.buttons[0] == ["Ja"]
    assert await ben.replies(timeout=0.2, allow_none=True) == []


async def test_press_edits_and_answers(bot_api: BotApiEmulator, app: Application) -> None:
    anna = bot_api.user()
    await anna.send("/start")
    question = await anna.reply(timeout=2, quiet=QUIET)
    await anna.press("nein")  # case-insensitive
    [edit] = await anna.replies(timeout=2, quiet=QUIET)
    assert edit.edited and edit.kind == "edit" and edit.message_id == question.message_id
    assert edit.text == "Du hast no gewählt." and edit.buttons == []  # keyboard dropped
    assert anna.answers == ["Notiert: no"]
    assert not bot_api.open_callback_queries

    await anna.send("/start")
    await anna.replies(timeout=2, quiet=QUIET)
    await anna.press("erinnern")  # unique substring
    assert (await anna.reply(timeout=2, quiet=QUIET)).text == "Du hast later gewählt."
    await anna.send("/start")
    await anna.replies(timeout=2, quiet=QUIET)
    await anna.press(data="yes")
    assert (await anna.reply(timeout=2, quiet=QUIET)).text == "Du hast yes gewählt."
    with pytest.raises(LookupError, match="no message with inline buttons"):
        await anna.press("Ja")
    await anna.send("/start")
    await anna.replies(timeout=2, quiet=QUIET)
    with pytest.raises(LookupError, match="'Ja', 'Nein', 'Später erinnern'"):
        await anna.press("Vielleicht")


async def test_document_and_photo_bytes_arrive(bot_api: BotApiEmulator, app: Application) -> None:
    anna = bot_api.user()
    await anna.send("/doc")
    document, photo = await anna.replies(timeout=2, quiet=QUIET)
    assert document.document == ("plan.pdf", b"%PDF-1.4 plan")
    assert document.text == "Dein Plan"
    assert photo.photo == TINY_PNG
    assert format_output(document) == "📎 plan.pdf (13 bytes)\nDein Plan"
    assert format_output(photo) == f"🖼 image ({len(TINY_PNG)} bytes)"


async def test_bot_downloads_a_file_the_user_sent(
    bot_api: BotApiEmulator, app: Application
) -> None:
    anna = bot_api.user()
    await anna.send_document(b"Schmerztagebuch", filename="tagebuch.txt")
    assert (await anna.reply(timeout=2, quiet=QUIET)).text == "tagebuch.txt: Schmerztagebuch"


async def test_silence_is_reported_with_api_errors(
    bot_api: BotApiEmulator, app: Application
) -> None:
    anna = bot_api.user()
    await anna.send_voice()  # no handler for voice messages
    assert await anna.replies(timeout=0.2, allow_none=True) == []
    bot_api.fail("sendMessage", 400, description="Bad Request: something odd")
    await anna.send("hallo")
    with pytest.raises(AssertionError, match="sendMessage -> 400 Bad Request: something odd"):
        await anna.replies(timeout=0.5)


async def test_reply_keyboard_tap_and_user_edit(bot_api: BotApiEmulator, app: Application) -> None:
    anna = bot_api.user()
    await anna.send("/keyboard")
    assert (await anna.reply(timeout=2, quiet=QUIET)).reply_keyboard == [["Gut", "Schlecht"]]
    sent = await anna.tap("gut")
    assert (await anna.reply(timeout=2, quiet=QUIET)).text == "echo: Gut"
    assert sent.message_id == anna.last_message_id and sent.update_id == int(sent)
    await anna.edit(sent, "Sehr gut")
    assert (await anna.reply(timeout=2, quiet=QUIET)).text == "edited: Sehr gut"


async def test_commands_stored_per_language(bot_api: BotApiEmulator, app: Application) -> None:
    await app.bot.set_my_commands([BotCommand("start", "Loslegen")], language_code="de")
    await app.bot.set_my_commands([BotCommand("start", "Get started"), BotCommand("help", "Help")])
    assert bot_api.commands("de") == [("start", "Loslegen")]
    assert bot_api.commands() == [("start", "Get started"), ("help", "Help")]
    assert bot_api.commands("fr") == []
    fetched = await app.bot.get_my_commands(language_code="de")
    assert [(c.command, c.description) for c in fetched] == [("start", "Loslegen")]
    await app.bot.delete_my_commands(language_code="de")
    assert bot_api.commands("de") == []
    with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
        await app.bot.set_my_commands([BotCommand("Start!", "x")])


async def test_unknown_method_and_wrong_token(bot_api: BotApiEmulator) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{bot_api.base_url}{bot_api.token}/sendTelepathy") as resp:
            assert resp.status == 404
            assert await resp.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found: method not found",
            }
        async with http.post(f"{bot_api.base_url}123:wrong/getMe") as resp:
            assert resp.status == 401
            assert await resp.json() == {
                "ok": False,
                "error_code": 401,
                "description": "Unauthorized",
            }
        async with http.get(f"{bot_api.base_url}{bot_api.token}/getMe") as resp:
            assert (await resp.json())["result"]["username"] == "rueckenwind_bot"


async def test_injected_429_500_and_raw_body(bot_api: BotApiEmulator, app: Application) -> None:
    anna = bot_api.user()
    bot_api.fail("sendMessage", 429, retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await app.bot.send_message(anna.id, "hi")
    retry = caught.value.retry_after
    assert (retry.total_seconds() if isinstance(retry, dtm.timedelta) else retry) == 7
    bot_api.fail("sendMessage", 500, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError):
            await app.bot.send_message(anna.id, "hi")
    await app.bot.send_message(anna.id, "endlich")
    assert (await anna.reply(timeout=2, quiet=QUIET)).text == "endlich"

    bot_api.fail("sendMessage", 500)
    bot_api.fail("sendMessage", 429, retry_after=2)  # queued behind the 500, not replacing it
    with pytest.raises(NetworkError):
        await app.bot.send_message(anna.id, "hi")
    with pytest.raises(RetryAfter):
        await app.bot.send_message(anna.id, "hi")
    await app.bot.send_message(anna.id, "wieder da")
    assert (await anna.reply(timeout=2, quiet=QUIET)).text == "wieder da"

    bot_api.fail("sendMessage", 429, retry_after=3)
    async with aiohttp.ClientSession() as http:
        url = f"{bot_api.base_url}{bot_api.token}/sendMessage"
        async with http.post(url, data={"chat_id": str(anna.id), "text": "x"}) as resp:
            assert resp.status == 429
            assert await resp.json() == {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 3",
                "parameters": {"retry_after": 3},
            }


async def test_blocked_user_gets_403(bot_api: BotApiEmulator, app: Application) -> None:
    anna = bot_api.user()
    bot_api.block(anna)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await app.bot.send_message(anna.id, "Erinnerung")
    bot_api.unblock(anna)
    await app.bot.send_message(anna.id, "Erinnerung")
    assert (await anna.reply(timeout=2, quiet=QUIET)).text == "Erinnerung"


async def test_telegram_strictness(bot_api: BotApiEmulator, app: Application) -> None:
    anna = bot_api.user()
    sent = await app.bot.send_message(anna.id, "A", reply_markup=_buttons())
    with pytest.raises(BadRequest, match="not modified"):
        await app.bot.edit_message_text("A", anna.id, sent.message_id, reply_markup=_buttons())
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await app.bot.send_message(anna.id, "Schmerz <3 von 10", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await app.bot.send_message(
            anna.id,
            "B",
            reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton("x", callback_data="d" * 65)]]
            ),
        )
    with pytest.raises(BadRequest, match="Chat not found"):
        await app.bot.send_message(999, "niemand")
    await app.bot.delete_message(anna.id, sent.message_id)
    outputs = await anna.replies(timeout=2, quiet=QUIET)
    assert [o.kind for o in outputs] == ["message", "delete"]
    assert anna.messages == []


async def test_redeliver_repeats_the_same_update_id(
    bot_api: BotApiEmulator, app: Application
) -> None:
    anna = bot_api.user()
    update_id = await anna.send("einmal")
    await anna.replies(timeout=2, quiet=QUIET)
    assert bot_api.redeliver(update_id) == update_id
    assert (await anna.reply(timeout=2, quiet=QUIET)).text == "echo: einmal"
    assert app.bot_data["update_ids"] == [update_id, update_id]


async def test_long_poll_offsets_without_ptb(bot_api: BotApiEmulator) -> None:
    anna = bot_api.user()
    url = f"{bot_api.base_url}{bot_api.token}/getUpdates"
    async with aiohttp.ClientSession() as http:
        loop = asyncio.get_running_loop()
        started = loop.time()
        async with http.post(url, data={"timeout": "0.3"}) as resp:
            assert (await resp.json())["result"] == []
        assert loop.time() - started >= 0.25
        waiting = asyncio.create_task(http.post(url, data={"timeout": "5"}))
        await asyncio.sleep(0.05)
        first = await anna.send("hallo")
        async with await asyncio.wait_for(waiting, 2) as resp:
            assert [u["update_id"] for u in (await resp.json())["result"]] == [first]
        second = await anna.send("noch da?")
        async with http.post(url, data={"offset": str(first + 1)}) as resp:
            assert [u["update_id"] for u in (await resp.json())["result"]] == [second]
        assert bot_api.pending_update_count == 1
        older = asyncio.create_task(
            http.post(url, data={"offset": str(second + 1), "timeout": "5"})
        )
        await asyncio.sleep(0.05)
        async with http.post(url, data={"timeout": "0"}) as resp:
            assert (await resp.json())["result"] == []
        async with await asyncio.wait_for(older, 2) as resp:
            assert resp.status == 409
            assert "terminated by other getUpdates" in (await resp.json())["description"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_push_and_secret(bot_api: BotApiEmulator) -> None:
    application = _app(bot_api)
    port = _free_port()
    hook = f"http://127.0.0.1:{port}/hook"
    async with asyncio.timeout(10):
        await application.initialize()
        await application.start()
        assert application.updater is not None
        await application.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="hook",
            webhook_url=hook,
            secret_token="s3cret",
        )
        try:
            anna = bot_api.user()
            await anna.send("per Webhook")
            assert (await anna.reply(timeout=2, quiet=QUIET)).text == "echo: per Webhook"
            info = await application.bot.get_webhook_info()
            assert info.url == hook and info.pending_update_count == 0
            with pytest.raises(Exception, match="webhook is active"):
                await application.bot.get_updates()
            async with (
                aiohttp.ClientSession() as http,
                http.post(
                    hook,
                    json={"update_id": 999},
                    headers={"X-Telegram-Bot-Api-Secret-Token": "nope"},
                ) as resp,
            ):
                assert resp.status == 403
            assert bot_api.webhook_errors == []
            assert bot_api.webhook is not None
            bot_api.webhook["secret_token"] = "falsch"  # the emulator now pushes a wrong secret
            rejected = await anna.send("abgelehnt")
            async with asyncio.timeout(3):
                while not bot_api.webhook_errors:  # three attempts with back-off, then dropped
                    await asyncio.sleep(0.05)
            assert [u for u, _ in bot_api.webhook_errors] == [rejected]
            assert "403" in bot_api.webhook_errors[0][1]
            assert await anna.replies(timeout=0.1, allow_none=True) == []
        finally:
            await application.updater.stop()
            await application.stop()
            await application.shutdown()
    assert bot_api.webhook is not None  # PTB leaves the webhook registered on stop


async def test_terminal_chat_scripted(bot_api: BotApiEmulator, app: Application) -> None:
    anna = bot_api.user()
    await anna.send("/start")  # as `python -m bot chat` does before handing over
    script = iter(["3", "7", "wie geht's", None])
    output: list[str] = []

    async def read_line() -> str | None:
        return next(script)

    async with asyncio.timeout(10):
        await run_terminal_chat(
            bot_api, anna, read_line=read_line, write=output.append, reply_timeout=2, quiet=QUIET
        )
    assert output == [
        "Hast du heute Schmerzen?\n[1] Ja\n[2] Nein  [3] Später erinnern",
        "✏️ Du hast later gewählt.",
        "(no button 7; choose 1–3)",
        "echo: wie geht's",
    ]
