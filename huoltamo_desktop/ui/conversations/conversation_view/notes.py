"""The Notes step: notes saved as they are typed, private notes kept apart."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _, format_time
from huoltamo_desktop.services import conversations as service
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.conversations.conversation_view.common import (
    AUTOSAVE_MS,
    _blank_icon,
    _check_icon,
    _EditorKeys,
)
from huoltamo_desktop.ui.seats.versioned_save import VersionedSave


class NotesStep(QWidget):
    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._conversation_id = 0
        self._read_only = True
        self._topics: list[service.TopicView] = []
        self._notes: dict[str, str] = {}
        # The note entries each topic showed: a save replaces those (notes are append-only).
        self._shown: dict[str, tuple[int, ...]] = {}
        self._side_by_side: set[str] = set()
        self._private = ""
        self.saving: VersionedSave[service.NotesInput] = VersionedSave(
            self, ctx, labels=lambda: {"private_notes": _("Private notes")}
        )
        self._dirty = False
        self._loading = False
        self._current = -1

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.save)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.topic_list = QListWidget(splitter)
        self.topic_list.setObjectName("topic_list")
        self.topic_list.setMinimumWidth(200)
        self.topic_list.setWordWrap(True)
        self.topic_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right = QWidget(splitter)
        rl = QVBoxLayout(right)
        self.topic_title = QLabel(right)
        self.topic_title.setObjectName("topic_title")
        self.topic_title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.topic_title.setWordWrap(True)
        self.guide = QLabel(right)
        self.guide.setWordWrap(True)
        self.guide.setStyleSheet("color: #444;")
        self.questions = QLabel(right)
        self.questions.setObjectName("topic_questions")
        self.questions.setWordWrap(True)
        self.questions.setTextFormat(Qt.TextFormat.RichText)
        note_label = QLabel(_("&Notes for the summary (both sign these)"), right)
        self.side_by_side = QLabel(
            _(
                "Two people wrote this topic at the same moment, so both texts are here. "
                "Edit them into one if you like."
            ),
            right,
        )
        self.side_by_side.setObjectName("notes_side_by_side")
        self.side_by_side.setWordWrap(True)
        self.side_by_side.setStyleSheet("color: #7a4a00;")
        self.side_by_side.setVisible(False)
        self.note = QPlainTextEdit(right)
        self.note.setObjectName("topic_note")
        self.note.setTabChangesFocus(True)
        note_label.setBuddy(self.note)
        private_label = QLabel(_("&Private notes – only for you, never printed"), right)
        private_label.setObjectName("private_label")
        private_label.setStyleSheet("font-weight: bold; color: #7a4a00;")
        self.private = QPlainTextEdit(right)
        self.private.setObjectName("private_notes")
        self.private.setTabChangesFocus(True)
        self.private.setStyleSheet(
            "QPlainTextEdit { background: #fff6d8; border: 2px dashed #c99a2e; }"
        )
        self.private.setMaximumHeight(110)
        private_label.setBuddy(self.private)
        self.hint = QLabel(
            _(
                "Ctrl+Enter: next topic · Ctrl+Shift+Enter: previous topic · Alt+N: notes · Alt+P: private notes"
            ),
            right,
        )
        self.hint.setStyleSheet("color: #666;")
        self.hint.setWordWrap(True)
        self.status = QLabel(right)
        self.status.setObjectName("autosave_status")
        self.status.setStyleSheet("color: #2d6a4f;")
        for w in (self.topic_title, self.guide, self.questions, note_label, self.side_by_side):
            rl.addWidget(w)
        rl.addWidget(self.note, 3)
        rl.addWidget(private_label)
        rl.addWidget(self.private, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.status)
        rl.addLayout(bottom)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.topic_list.currentRowChanged.connect(self._show_topic)
        self.note.textChanged.connect(self._note_changed)
        self.private.textChanged.connect(self._private_changed)
        self._keys = _EditorKeys(self, self.save, self.move_topic)
        self.note.installEventFilter(self._keys)
        self.private.installEventFilter(self._keys)
        self.topic_list.installEventFilter(self._keys)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.save)

    def load(self, detail: service.ConversationDetail) -> None:
        self.save()
        self._loading = True
        self._conversation_id = detail.id
        self._read_only = detail.is_final or not detail.is_current
        with self.ctx.session() as s:
            template = service.template_for(s, kind=detail.kind, stage=detail.person_stage)
            topics = service.topic_notes(s, conversation_id=detail.id)
        self._topics = template.topics
        self._take(topics)
        self._private = detail.private_notes
        self.saving.read(
            version=detail.row_version, values=service.NotesInput(detail.private_notes)
        )
        self.topic_list.clear()
        for topic in self._topics:
            self.topic_list.addItem(self._topic_item_text(topic))
            self._mark_topic(self.topic_list.count() - 1, topic)
        self.private.setPlainText(self._private)
        self.note.setReadOnly(self._read_only)
        self.private.setReadOnly(self._read_only)
        self.status.setText("")
        self._current = -1
        self._loading = False
        self.topic_list.setCurrentRow(0)

    def _topic_item_text(self, topic: service.TopicView) -> str:
        return topic.title

    def _mark_topic(self, row: int, topic: service.TopicView) -> None:
        """A check mark as the item's icon: a long title then wraps under itself, not under the mark."""
        item = self.topic_list.item(row)
        if item is None:
            return
        done = bool(self._notes.get(topic.key, "").strip())
        item.setIcon(_check_icon() if done else _blank_icon())
        item.setToolTip(_("Notes written") if done else "")

    def _show_topic(self, row: int) -> None:
        if row < 0 or row >= len(self._topics):
            return
        self._current = row
        topic = self._topics[row]
        self._loading = True
        self.topic_title.setText(f"{row + 1}/{len(self._topics)} · {topic.title}")
        self.guide.setText(topic.guide)
        self.questions.setText(
            "<ul>" + "".join(f"<li>{escape(q.text)}</li>" for q in topic.questions) + "</ul>"
        )
        self.note.setPlainText(self._notes.get(topic.key, ""))
        self._show_side_by_side()
        self._loading = False
        self.save()

    def _take(self, topics: dict[str, service.TopicNote]) -> None:
        self._notes = {key: note.text for key, note in topics.items()}
        self._shown = {key: note.entry_ids for key, note in topics.items()}
        self._side_by_side = {key for key, note in topics.items() if note.side_by_side}

    def _show_side_by_side(self) -> None:
        key = self._topics[self._current].key if 0 <= self._current < len(self._topics) else ""
        self.side_by_side.setVisible(key in self._side_by_side)

    def move_topic(self, step: int) -> None:
        row = self.topic_list.currentRow() + step
        if 0 <= row < self.topic_list.count():
            self.topic_list.setCurrentRow(row)
        self.note.setFocus()

    def _note_changed(self) -> None:
        if self._loading or self._read_only or self._current < 0:
            return
        topic = self._topics[self._current]
        self._notes[topic.key] = self.note.toPlainText()
        self._mark_topic(self._current, topic)
        self._mark_dirty()

    def _private_changed(self) -> None:
        if self._loading or self._read_only:
            return
        self._private = self.private.toPlainText()
        self._mark_dirty()

    def _mark_dirty(self) -> None:
        self._dirty = True
        self.status.setText(_("Not saved yet…"))
        self.timer.start()

    def save(self) -> None:
        """Write what is typed to the database (autosave; safe to call at any time)."""
        self.timer.stop()
        if not self._dirty or not self._conversation_id:
            return
        conversation_id, notes, shown = self._conversation_id, dict(self._notes), dict(self._shown)
        private = self._private

        def op(
            s: Session,
            data: service.NotesInput,
            version: int | None,
            base: service.NotesInput | None,
        ) -> service.SavedNotes:
            return service.save_notes(
                s,
                conversation_id=conversation_id,
                notes=notes,
                shown=shown,
                private_notes=data.private_notes,
                expected_version=version,
                base=base,
            )

        self._dirty = False  # a dialog about a clash must not start a second save
        try:
            saved = self.saving.save_now(
                service.NotesInput(private), op=op, changes=(Change.CONVERSATIONS,)
            )
        except UserError as exc:
            self._dirty = True
            self.status.setText(str(exc))
            return
        if saved is None:  # back to editing: what is typed stays, and is saved next time
            self._dirty = True
            return
        self._after_save(saved, notes, private)
        from datetime import datetime

        self.status.setText(_("Saved {time}").format(time=format_time(datetime.now())))
        self.saved.emit()

    def _after_save(self, saved: service.SavedNotes, sent: dict[str, str], private: str) -> None:
        """Take what is stored now (other's entries included), keeping anything typed meanwhile."""
        typed_since = {k: v for k, v in self._notes.items() if sent.get(k) != v}
        self._take(saved.topics)
        self._notes.update(typed_since)  # saved on the next round
        self.saving.read(version=saved.row_version, values=service.NotesInput(saved.private_notes))
        self._loading = True
        if self._private == private and saved.private_notes != private:
            self._private = saved.private_notes  # the user chose the other's private notes
            self.private.setPlainText(saved.private_notes)
        if 0 <= self._current < len(self._topics):
            key = self._topics[self._current].key
            if key not in typed_since and self.note.toPlainText() != self._notes.get(key, ""):
                self.note.setPlainText(self._notes.get(key, ""))
            self._show_side_by_side()
        self._loading = False

    def hideEvent(self, event: QHideEvent) -> None:
        self.save()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save()
        super().closeEvent(event)
