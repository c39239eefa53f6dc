"""Typed callback data for inline buttons: one small codec for every button family.

Telegram sends a button's `callback_data` back when it is tapped, and the Bot API allows 1–64
bytes of it (Bot API, `InlineKeyboardButton.callback_data`: "Data to be sent in a callback
query to the bot when the button is pressed, 1-64 bytes"). A family of buttons is declared once,
as a class with a prefix and typed fields (in the spirit of aiogram's `CallbackData`), and that
class both builds the data and reads it back:

    class PainButton(CallbackData, prefix="pain"):
        rating: int

    PainButton(7).pack()              # "pain:7"
    PainButton.parse("pain:7")        # PainButton(rating=7)
    PainButton.parse("pain:x")        # None: not this family's data
    PainButton.pattern                # the regex for PTB's CallbackQueryHandler

The packed form is the prefix and then each field, joined by ":". A prefix may itself contain
":" ("tri:ask"); a family without fields packs to its prefix alone ("sb:start").
Fields are `str` (anything but ":"; may be empty), `int` (decimal), `bool` ("1" / "0") or an
`Enum` (its value). Trailing fields may be optional (`X | None = None`): None is left out, so
`tri:y` and `tri:y:q_fever` are one family. A class is a frozen dataclass; a `__post_init__`
that raises ValueError makes such data not parse (e.g. a rating outside 0–10).

`pack()` raises `CallbackDataError` (a ValueError) when a field contains ":" or the data would
exceed the 64 bytes (UTF-8). `parse()` returns None for anything that is not the family's data
(wrong prefix or field count, a bad int, an unknown enum value, a failed check), so forged or
garbled data can never crash a handler; `unpack()` raises `CallbackDataError` instead.
`pattern` is a regex that matches exactly the strings `parse` can read (before any
`__post_init__` check), so a handler registered with it never sees another family's data.
A family declared with `repeatable=True` (the menu, reading a myth) may be pressed again on
purpose; for every other family a second press of the same button on the same message is
the same request, and the turn drops it (`is_repeatable`).
"""

from __future__ import annotations

import dataclasses
import re
import types
from enum import Enum
from typing import Any, ClassVar, Self, Union, dataclass_transform, get_args, get_origin
from typing import get_type_hints as _type_hints

MAX_BYTES = 64  # Bot API: InlineKeyboardButton.callback_data, 1-64 bytes
SEPARATOR = ":"
_RESERVED = frozenset({"prefix", "pattern", "pack", "parse", "unpack", "repeatable"})


# Every family declared, in order (for `is_repeatable`).
_FAMILIES: list[type[CallbackData]] = []


class CallbackDataError(ValueError):
    """Data that cannot be packed (too long, a ":" in a field) or is not the family's."""


@dataclasses.dataclass(frozen=True)
class _Field:
    name: str
    kind: type  # str, int, bool or an Enum subclass
    optional: bool
    members: tuple[tuple[str, Enum], ...] = ()  # an Enum's members by their packed text

    @property
    def regex(self) -> str:
        if self.kind is bool:
            return "1|0"
        if self.members:
            return "|".join(re.escape(text) for text, _ in self.members)
        if self.kind is int:
            return "-?[0-9]+"
        return "[^:]*"

    def encode(self, owner: str, value: object) -> str:
        if self.kind is bool:
            if isinstance(value, bool):
                return "1" if value else "0"
        elif self.members:
            if isinstance(value, self.kind) and isinstance(value, Enum):
                return str(value.value)
        elif self.kind is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return str(value)
        elif isinstance(value, str):
            return value
        raise CallbackDataError(
            f"{owner}.{self.name} must be {self.kind.__name__}, not {type(value).__name__}"
        )

    def decode(self, text: str) -> Any:
        if self.kind is bool:
            return text == "1"
        if self.members:
            return dict(self.members)[text]
        if self.kind is int:
            return int(text)
        return text


def _field(owner: str, name: str, hint: Any) -> _Field:
    """The field's codec; TypeError for a type the codec does not support."""
    optional = False
    if get_origin(hint) in (Union, types.UnionType):
        members = [arg for arg in get_args(hint) if arg is not type(None)]
        optional = len(members) < len(get_args(hint))
        if len(members) != 1:
            raise TypeError(f"{owner}.{name}: only `X | None` unions are supported")
        hint = members[0]
    if not isinstance(hint, type) or not issubclass(hint, str | int | bool | Enum):
        raise TypeError(f"{owner}.{name}: a field is str, int, bool or an Enum, not {hint!r}")
    if not issubclass(hint, Enum):
        return _Field(name, hint, optional)
    enum_members: list[Enum] = list(hint)
    texts = [str(member.value) for member in enum_members]
    if not texts or len(set(texts)) != len(texts) or any(not t or SEPARATOR in t for t in texts):
        raise TypeError(f"{owner}.{name}: enum values must be distinct, non-empty, without ':'")
    return _Field(name, hint, optional, tuple(zip(texts, enum_members, strict=True)))


@dataclass_transform(frozen_default=True)
class CallbackData:
    """Base of a button family; subclass it with `prefix=` and annotated fields (see above).

    Declaring a family raises TypeError (at import) for an empty prefix, an unsupported field
    type, a reserved field name, or an optional field that does not default to None or comes
    before a required one.
    """

    prefix: ClassVar[str]
    pattern: ClassVar[str]  # for PTB: `CallbackQueryHandler(callback, pattern=X.pattern)`
    # False (the default): a second press of the same button on the same message is the same
    # request and does nothing (`bot.handlers.common.open_turn`). True for buttons people
    # press again on purpose (the menu, a myth to read again): only a double tap is dropped.
    repeatable: ClassVar[bool]
    _fields: ClassVar[tuple[_Field, ...]]
    _regex: ClassVar[re.Pattern[str]]

    def __init_subclass__(cls, *, prefix: str, repeatable: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not prefix or "" in prefix.split(SEPARATOR):
            raise TypeError(f"{cls.__name__}: the prefix must be non-empty words joined by ':'")
        dataclasses.dataclass(frozen=True)(cls)
        hints = _type_hints(cls)
        fields: list[_Field] = []
        for item in dataclasses.fields(cls):  # type: ignore[arg-type]
            if item.name in _RESERVED:
                raise TypeError(f"{cls.__name__}: {item.name!r} is a reserved name")
            field = _field(cls.__name__, item.name, hints[item.name])
            if field.optional and item.default is not None:
                raise TypeError(f"{cls.__name__}.{item.name}: an optional field defaults to None")
            if fields and fields[-1].optional and not field.optional:
                raise TypeError(f"{cls.__name__}.{item.name}: optional fields come last")
            fields.append(field)
        required = "".join(f":({f.regex})" for f in fields if not f.optional)
        optional_part = ""
        for f in reversed([f for f in fields if f.optional]):
            optional_part = f"(?::({f.regex}){optional_part})?"
        cls.prefix = prefix
        cls.repeatable = repeatable
        cls._fields = tuple(fields)
        cls.pattern = f"^{re.escape(prefix)}{required}{optional_part}\\Z"
        cls._regex = re.compile(cls.pattern)
        _FAMILIES.append(cls)

    def pack(self) -> str:
        """The packed string ("prefix:field:…"), at most MAX_BYTES (64) UTF-8 bytes.

        Raises CallbackDataError when a field has the wrong type or holds ":", an optional field
        is set after one left None, or the data is not UTF-8-encodable or exceeds 64 bytes.
        """
        owner = type(self).__name__
        parts = [self.prefix]
        left_out: str | None = None
        for field in self._fields:
            value = getattr(self, field.name)
            if value is None and field.optional:
                left_out = left_out or field.name
                continue
            if left_out is not None:
                raise CallbackDataError(f"{owner}.{field.name} is set, but {left_out} is None")
            text = field.encode(owner, value)
            if SEPARATOR in text:
                raise CallbackDataError(f"{owner}.{field.name} contains {SEPARATOR!r}: {text!r}")
            parts.append(text)
        data = SEPARATOR.join(parts)
        try:
            size = len(data.encode("utf-8"))
        except UnicodeEncodeError as error:
            raise CallbackDataError(f"{owner}: not encodable as UTF-8: {data!r}") from error
        if size > MAX_BYTES:
            raise CallbackDataError(
                f"{owner}: callback data is {size} bytes, Telegram allows {MAX_BYTES}: {data!r}"
            )
        return data

    @classmethod
    def unpack(cls, data: str) -> Self:
        """The typed value of `data`; CallbackDataError if it is not this family's data."""
        match = cls._regex.match(data)
        if match is None:
            raise CallbackDataError(f"not {cls.__name__} data: {data!r}")
        values = {
            field.name: None if text is None else field.decode(text)
            for field, text in zip(cls._fields, match.groups(), strict=True)
        }
        try:
            return cls(**values)
        except (TypeError, ValueError) as error:
            raise CallbackDataError(f"invalid {cls.__name__} data: {data!r} ({error})") from error

    @classmethod
    def parse(cls, data: str | None) -> Self | None:
        """The typed value of `data`, or None for anything that is not this family's data."""
        if data is None:
            return None
        try:
            return cls.unpack(data)
        except CallbackDataError:
            return None


def parse_any(data: str | None, *families: type[CallbackData]) -> CallbackData | None:
    """The first of `families` that reads `data` (families are disjoint), else None.

    Made for `match`: `case CheckButton(code=code): …`, `case None: <expired button>`."""
    for family in families:
        value = family.parse(data)
        if value is not None:
            return value
    return None


def is_repeatable(data: str | None) -> bool:
    """True when `data` is of a family declared `repeatable=True` (see `CallbackData`)."""
    return any(family.repeatable and family.parse(data) is not None for family in _FAMILIES)


def pattern_of(*families: type[CallbackData]) -> str:
    """One regex for a handler of several families (PTB's CallbackQueryHandler `pattern`)."""
    return "|".join(f"(?:{family.pattern})" for family in families)
