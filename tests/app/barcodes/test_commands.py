"""Command barcodes: a fixed set, printable as Code 128, never mistaken for a code."""

from __future__ import annotations

import re

import pytest

from app.config import Settings
from app.domain.commands import (
    MAX_QTY,
    PREFIX,
    Command,
    CommandError,
    CommandName,
    all_commands,
    is_command,
    parse_command,
)
from app.domain.events import ShortReason
from app.domain.model import SKU_PATTERN


@pytest.mark.parametrize("command", all_commands(), ids=lambda c: c.text)
def test_every_command_reads_back_from_its_own_text(command: Command) -> None:
    assert is_command(command.text)
    assert parse_command(command.text) == command


def test_the_sheet_has_every_command_once() -> None:
    texts = [c.text for c in all_commands()]
    assert len(texts) == len(set(texts))
    assert {c.name for c in all_commands()} == set(CommandName)
    assert {c.reason for c in all_commands() if c.reason} == set(ShortReason)


@pytest.mark.parametrize("command", all_commands(), ids=lambda c: c.text)
def test_command_text_is_code128_printable_and_matches_no_code_format(command: Command) -> None:
    text = command.text
    assert all(32 < ord(ch) < 127 for ch in text)  # Code 128 set B, no spaces
    assert text.startswith(PREFIX)
    assert not SKU_PATTERN.fullmatch(text)
    settings = Settings()
    for pattern in (
        settings.bin_pattern,
        settings.tote_pattern,
        settings.order_pattern,
        settings.badge_pattern,
    ):
        assert not re.fullmatch(pattern, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#CMD:CONFIRM", Command(CommandName.CONFIRM)),
        ("#cmd:confirm", Command(CommandName.CONFIRM)),
        ("  #CMD:UNDO \n", Command(CommandName.UNDO)),
        ("#CMD:START-PICK", Command(CommandName.START_PICK)),
        ("#CMD:QTY:1", Command(CommandName.QTY, qty=1)),
        ("#CMD:QTY:0012", Command(CommandName.QTY, qty=12)),
        ("#CMD:QTY:9999", Command(CommandName.QTY, qty=9999)),
        ("#CMD:SHORT", Command(CommandName.SHORT)),
        ("#CMD:short:not-found", Command(CommandName.SHORT, reason=ShortReason.NOT_FOUND)),
    ],
)
def test_commands_are_read_case_insensitively(text: str, expected: Command) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("#CMD:", "unknown_command"),
        ("#CMD:FLY", "unknown_command"),
        ("#CMD:CONFIRM:2", "unknown_command"),
        ("#CMD:SHORT:LOST", "unknown_command"),
        ("#CMD:QTY", "bad_command_qty"),
        ("#CMD:QTY:", "bad_command_qty"),
        ("#CMD:QTY:0", "bad_command_qty"),
        ("#CMD:QTY:10000", "bad_command_qty"),
        ("#CMD:QTY:-1", "bad_command_qty"),
        ("#CMD:QTY:1.5", "bad_command_qty"),
        ("#CMD:QTY:\u0663", "bad_command_qty"),  # an Arabic-Indic three: not ASCII
        ("#CMD:QTY:\u00b2", "bad_command_qty"),  # superscript two: isdigit() but no int()
    ],
)
def test_a_bad_command_is_an_error_with_a_code(text: str, code: str) -> None:
    with pytest.raises(CommandError) as caught:
        parse_command(text)
    assert caught.value.code == code


@pytest.mark.parametrize("text", ["CMD:CONFIRM", "#CMD", "SKU-10001", "", "# CMD:UNDO"])
def test_only_the_prefix_makes_a_command(text: str) -> None:
    assert not is_command(text)


def test_command_values_are_checked() -> None:
    with pytest.raises(ValueError, match="QTY"):
        Command(CommandName.QTY)
    with pytest.raises(ValueError, match="QTY"):
        Command(CommandName.CONFIRM, qty=2)
    with pytest.raises(ValueError, match="1-9999"):
        Command(CommandName.QTY, qty=MAX_QTY + 1)
    with pytest.raises(ValueError, match="reason"):
        Command(CommandName.UNDO, reason=ShortReason.DAMAGED)
