"""Station settings: a form built from ``app.config.Settings``, validated before saving.

Each dataclass field becomes one editor, titled by its ``title`` metadata: text fields
a line edit (the station token hidden, with a Show button), numbers a spin box held
to the field's ``low``/``high`` range. Save runs ``Settings.validate()`` and lists
every problem in the screen's one message area, in plain words
(``ui.screens.settings_text``), and marks the fields; nothing is saved while there is
one. Save and Cancel stay at the top, above the message, wherever the form is
scrolled to.

Who is logged in matters (``set_user``): the code patterns (regular expressions) and
the station token are for the admin role only. For anyone else they are not on the
form at all (not hidden text that a Show button or a screen reader could reveal: the
editors are emptied) and are saved as they were.

A scan while the screen is shown says what the code is ("Scanner test: read
“A-01-01-1”: that is bin A-01-01-1."), so that an admin can test a scanner's set-up.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Sequence, Set
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.config import InvalidSettingsError, Problem, Settings
from app.domain.model import Role, User
from app.domain.scan import BadgeScan, CommandScan, Scan
from ui.i18n import available_languages, follow_language, language_name
from ui.scanner.pipeline import ScanPipeline, ScansWhileShown, Tone, Verdict, scan_message
from ui.screens.settings_text import SettingsWords
from ui.tasks import TaskRunner
from ui.theme import TOUCH_GAP_PX, set_style_property
from ui.widgets.key_capture import KeyCapture
from ui.widgets.message import MessageLabel

SaveSettings = Callable[[Settings], None]
SECRET_FIELDS = frozenset({"token"})
ADMIN_FIELDS = frozenset({*SECRET_FIELDS, *Settings.regex_fields()})
"""Shown to the admin role only."""
# Long values (URLs, tokens, paths) get the form's full width; the rest go two a row.
WIDE_FIELDS = frozenset({"server_url", "station", "token", "ca_bundle"})
Editor = QLineEdit | QSpinBox | QDoubleSpinBox | QComboBox
CHOICE_FIELDS = frozenset({"language"})
"""Fields chosen from a list (the languages with a catalogue), not typed."""

# The field titles are data in app.config (no Qt there); listed here so that lupdate
# puts them in the catalogue. A test checks that this list follows the registry.
FIELD_TITLES = (
    QT_TRANSLATE_NOOP("SettingsScreen", "Order store URL"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Station name"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Station token"),
    QT_TRANSLATE_NOOP("SettingsScreen", "CA bundle (PEM file, empty = system CAs)"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Station language (a person's own at log-in)"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Sync every (s)"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Network timeout (s)"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Log out after idle (s)"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Pick cart: most totes"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Supervisor: a station is silent after (min)"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Scanner: max gap between keys (ms)"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Scanner: shortest code"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Scanner: prefix"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Scanner: suffix"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Scanner: stand-in for GS (FNC1)"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Key: Short"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Key: Skip"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Key: Undo"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Key: Quantity"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Key: Next"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Key: Confirm"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Serial scanner: port (empty = none)"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Serial scanner: baud rate"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Serial scanner: end of code (CR, LF, CRLF, TAB)"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Scale: port (empty = none)"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Scale: baud rate"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Scale: steady within (g)"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Scale: steady for (ms)"),
    QT_TRANSLATE_NOOP("SettingsScreen", "SSCC: GS1 company prefix (7-10 digits)"),
    QT_TRANSLATE_NOOP("SettingsScreen", "SSCC: extension digit"),
    QT_TRANSLATE_NOOP("SettingsScreen", "SSCC: station number (1-999, one per station)"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Codes: bin pattern"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Codes: tote pattern"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Codes: order pattern"),
    QT_TRANSLATE_NOOP("SettingsScreen", "Codes: badge pattern"),
)


class SettingsScreen(QWidget):
    """Edit, validate and save the station's settings.

    ``save`` runs on the task runner's database lane (it writes and fsyncs a file); it
    may raise ``OSError``, which is shown, and the form keeps what was typed.

    Signals:
        saved(object): the ``Settings`` just saved.
        cancelled(): the operator left without saving.
    """

    saved = Signal(object)
    cancelled = Signal()

    def __init__(
        self,
        settings: Settings,
        save: SaveSettings,
        tasks: TaskRunner,
        pipeline: ScanPipeline | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsScreen")
        self._settings = settings
        self._save = save
        self._tasks = tasks
        self._pipeline = pipeline
        self._saving: Settings | None = None
        self._user: User | None = None
        self.editors: dict[str, Editor] = {}
        self.labels: dict[str, QLabel] = {}
        self.rows: dict[str, QWidget] = {}
        """The widget holding each field's editor (with its Show button)."""
        self._problems: list[str] = []
        self._problem_list: list[Problem] = []
        self.words = SettingsWords(self)
        self.scans = ScansWhileShown(self, pipeline, self._on_pipeline_scanned)

        self.title = title = QLabel(self)
        title.setObjectName("screenTitle")

        body = QWidget()
        body.setObjectName("settingsFormBody")
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 16, 0)
        grid.setHorizontalSpacing(TOUCH_GAP_PX)
        grid.setVerticalSpacing(14)  # field, its caption, the next field: 12 mm apart
        row, column = 0, 0
        for field in dataclasses.fields(Settings):
            label = QLabel(body)
            label.setObjectName("fieldLabel")
            label.setWordWrap(True)
            editor, widget = self._make_editor(field, body)
            label.setBuddy(editor)
            editor.setObjectName(f"field_{field.name}")
            span = 2 if field.name in WIDE_FIELDS else 1
            if column + span > 2:
                row, column = row + 2, 0
            grid.addWidget(label, row, column, 1, span, Qt.AlignmentFlag.AlignBottom)
            grid.addWidget(widget, row + 1, column, 1, span)
            self.editors[field.name] = editor
            self.labels[field.name] = label
            self.rows[field.name] = widget
            column += span
            if column >= 2:
                row, column = row + 2, 0
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(grid.rowCount(), 1)

        scroll = QScrollArea(self)
        scroll.setObjectName("settingsForm")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)

        self.message = MessageLabel(self, lines=4)

        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setProperty("kind", "secondary")
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)

        header = QHBoxLayout()
        header.setSpacing(TOUCH_GAP_PX)
        header.addWidget(title, 1)
        header.addWidget(self.cancel_button)
        header.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(16)
        layout.addLayout(header)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        self.retranslate()
        follow_language(self)
        self.set_user(None)

    def retranslate(self) -> None:
        """Say everything again in the language now in force (problems shown too)."""
        self.title.setText(self.tr("Settings"))
        for field in dataclasses.fields(Settings):
            label = self.labels[field.name]
            label.setText(self._title(field))
            self.editors[field.name].setAccessibleName(label.text())
        for button in self.findChildren(QPushButton):
            if button.property("target") is not None:
                button.setText(self.tr("Hide") if button.isChecked() else self.tr("Show"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.save_button.setText(self.tr("Saving…") if self._saving else self.tr("Save"))
        if self._problem_list:
            self._show_problems(self._problem_list)

    @property
    def user(self) -> User | None:
        """Who the form is shown to."""
        return self._user

    @property
    def admin(self) -> bool:
        """Whether the admin-only fields are on the form."""
        return self._user is not None and self._user.can(Role.ADMIN)

    def set_user(self, user: User | None) -> None:
        """Show the form to ``user`` (``None``: nobody; the admin-only fields are off)
        and fill it again from the settings in force."""
        self._user = user
        admin = self.admin
        for name in ADMIN_FIELDS:
            self.labels[name].setVisible(admin)
            self.rows[name].setVisible(admin)
        show = self.findChild(QPushButton, "show_token")
        if isinstance(show, QPushButton):
            show.setChecked(False)
        self.load(self._settings)

    def load(self, settings: Settings) -> None:
        """Fill the form with ``settings`` and clear any problem shown."""
        self._settings = settings
        admin = self.admin
        for field in dataclasses.fields(Settings):
            editor = self.editors[field.name]
            value = getattr(settings, field.name)
            if isinstance(editor, QLineEdit):
                # Off the form, a secret is not even in the editor's memory.
                editor.setText(str(value) if admin or field.name not in ADMIN_FIELDS else "")
            elif isinstance(editor, QComboBox):
                if editor.findData(value) < 0:  # set in the file, no catalogue here
                    editor.addItem(language_name(str(value)), value)
                editor.setCurrentIndex(editor.findData(value))
            else:
                editor.setValue(value)
        self._show_problems([])
        self.message.clear_message()
        self._set_busy(False)

    def values(self) -> Settings:
        """The settings as the form holds them (not validated); the fields not on the
        form keep their values."""
        changes: dict[str, Any] = {}
        admin = self.admin
        for field in dataclasses.fields(Settings):
            if field.name in ADMIN_FIELDS and not admin:
                continue
            editor = self.editors[field.name]
            if isinstance(editor, QLineEdit):
                text = editor.text()
                changes[field.name] = text if field.name in SECRET_FIELDS else text.strip()
            elif isinstance(editor, QComboBox):
                changes[field.name] = str(editor.currentData())
            else:
                changes[field.name] = editor.value()
        return dataclasses.replace(self._settings, **changes)

    def problem_texts(self) -> list[str]:
        """The problems the message lists (empty when the form was fine)."""
        return list(self._problems)

    def _title(self, field: dataclasses.Field[object]) -> str:
        # Titles are data in app.config; FIELD_TITLES puts them in the catalogue.
        return self.tr(str(field.metadata.get("title", field.name)))

    def _make_editor(
        self, field: dataclasses.Field[object], parent: QWidget
    ) -> tuple[Editor, QWidget]:
        low, high = field.metadata.get("low"), field.metadata.get("high")
        default = field.default
        if isinstance(default, bool) or not isinstance(default, int | float | str):
            raise TypeError(f"no editor for setting {field.name} of type {type(default)}")
        if field.name in CHOICE_FIELDS:
            combo = QComboBox(parent)
            for code in available_languages():
                combo.addItem(language_name(code), code)  # each in its own words
            return combo, combo
        if field.metadata.get("key"):
            capture = KeyCapture(parent)
            return capture, capture
        if isinstance(default, str):
            line = QLineEdit(parent)
            if field.name not in SECRET_FIELDS:
                return line, line
            line.setEchoMode(QLineEdit.EchoMode.Password)
            holder = QWidget(parent)
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(TOUCH_GAP_PX)
            show = QPushButton(holder)
            show.setObjectName(f"show_{field.name}")
            show.setProperty("kind", "secondary")
            show.setCheckable(True)
            show.setMinimumWidth(120)
            show.toggled.connect(self._on_show_toggled)
            show.setProperty("target", field.name)
            row.addWidget(line, 1)
            row.addWidget(show)
            return line, holder
        spin: QSpinBox | QDoubleSpinBox
        if isinstance(default, float):
            spin = QDoubleSpinBox(parent)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setRange(float(low if low is not None else 0), float(high or 1e9))
        else:
            spin = QSpinBox(parent)
            spin.setRange(int(low if low is not None else 0), int(high or 2_000_000_000))
        spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.PlusMinus)
        spin.setAlignment(Qt.AlignmentFlag.AlignCenter)  # between minus and plus
        spin.setAccelerated(True)
        return spin, spin

    def _show_problems(self, problems: Sequence[Problem]) -> None:
        self._problem_list = list(problems)
        self._show_problem_texts(
            [self.words.problem(p) for p in problems], {p.field for p in problems}
        )

    def _show_problem_texts(self, texts: Sequence[str], fields: Set[str]) -> None:
        self._problems = list(texts)
        for name, editor in self.editors.items():
            set_style_property(editor, "invalid", name in fields)
        if texts:
            heading = self.tr("Not saved. Please fix:")
            self.message.show_message("error", "\n".join([heading, *texts]))

    def _set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.save_button.setText(self.tr("Saving…") if busy else self.tr("Save"))

    @Slot(bool)
    def _on_show_toggled(self, shown: bool) -> None:
        button = self.sender()
        if not isinstance(button, QPushButton):
            return
        editor = self.editors[str(button.property("target"))]
        if isinstance(editor, QLineEdit):
            mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
            editor.setEchoMode(mode)
        button.setText(self.tr("Hide") if shown else self.tr("Show"))

    @Slot()
    def _on_save_button_clicked(self) -> None:
        if self._saving is not None:
            return
        candidate = self.values()
        problems = candidate.validate()
        self._show_problems(problems)
        if problems:
            return
        self.message.show_message("info", self.tr("Saving the settings…"))
        self._saving = candidate
        self._set_busy(True)
        save = self._save
        self._tasks.run_db(
            lambda: save(candidate),
            on_done=self._on_save_finished,
            on_error=self._on_save_failed,
            name="save settings",
        )

    @Slot(object)
    def _on_save_finished(self, _result: object) -> None:
        saved, self._saving = self._saving, None
        self._set_busy(False)
        if saved is None:
            return
        self._settings = saved
        self.message.show_message("ok", self.tr("Settings saved."))
        self.saved.emit(saved)

    @Slot(object)
    def _on_save_failed(self, exc: BaseException) -> None:
        self._saving = None
        self._set_busy(False)
        if isinstance(exc, OSError):
            reason = exc.strerror or str(exc) or type(exc).__name__
            if exc.filename:
                reason = f"{reason} ({exc.filename})"
            self.message.show_message(
                "error", self.tr("Could not save settings: {reason}").format(reason=reason)
            )
        elif isinstance(exc, InvalidSettingsError):
            self._show_problems(exc.problems)
        elif isinstance(exc, ValueError):
            self._show_problem_texts([str(exc)], set())
        else:
            self.message.show_message("error", self.tr("Could not save settings."))
            sys.excepthook(type(exc), exc, exc.__traceback__)

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        self.load(self._settings)
        self.cancelled.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        # A revealed token goes back under its dots when the screen is left.
        show = self.findChild(QPushButton, "show_token")
        if isinstance(show, QPushButton) and show.isChecked():
            show.setChecked(False)
        super().hideEvent(event)

    @Slot(object)
    def _on_pipeline_scanned(self, scan: Scan) -> None:
        pipeline = self._pipeline
        assert pipeline is not None
        text = self.words.scanner_test(scan, scan_message(scan))
        self.message.show_message("info" if scan.ok else "error", text)
        if not isinstance(scan, BadgeScan | CommandScan):
            # A badge or a command: the window's own answer (log in, log out) stands.
            pipeline.respond(Verdict(Tone.GOOD if scan.ok else Tone.WRONG, text, scan))
