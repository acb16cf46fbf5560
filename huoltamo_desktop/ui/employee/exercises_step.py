"""Exercises: suggested for the weakest areas first; each with a private reflection."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from huoltamo_desktop.domain.employee import suggested_exercises
from huoltamo_desktop.domain.employee_content import content
from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.i18n import _, ngettext, pick
from huoltamo_desktop.services import employee as emp
from huoltamo_desktop.services.employee_access import PersonKey
from huoltamo_desktop.ui.context import AppContext
from huoltamo_desktop.ui.employee.texts import heading, wrapped

KEY_ROLE = Qt.ItemDataRole.UserRole


class ExercisesStep(QWidget):
    def __init__(self, ctx: AppContext, key: PersonKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.key = key
        self.setObjectName("ExercisesStep")
        self.current_key: str | None = None
        self.saved: dict[str, emp.Reflection] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(_("Exercises"), self))
        self.intro = wrapped("", self, object_name="exercises_intro")
        layout.addWidget(self.intro)
        split = QSplitter(self)
        self.list = QListWidget(split)
        self.list.setObjectName("exercise_list")
        self.list.setMinimumWidth(240)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self._switch)
        detail = QWidget(split)
        d = QVBoxLayout(detail)
        self.title = heading("", detail, 13)
        self.title.setObjectName("exercise_title")
        self.meta = wrapped("", detail)
        self.instructions = wrapped("", detail, object_name="exercise_instructions")
        self.prompt = wrapped("", detail, object_name="exercise_prompt")
        self.prompt.setStyleSheet("font-style: italic;")
        self.reflection = QPlainTextEdit(detail)
        self.reflection.setObjectName("exercise_reflection")
        self.reflection.setTabChangesFocus(True)
        self.reflection_label = QLabel(_("&My reflection (only you can read this)"), detail)
        self.reflection_label.setBuddy(self.reflection)
        self.done = QCheckBox(_("I have done this e&xercise"), detail)
        self.done.setObjectName("exercise_done")
        self.save_button = QPushButton(_("&Save my reflection"), detail)
        self.save_button.setObjectName("exercise_save")
        self.save_button.clicked.connect(self.save)
        self.status = wrapped("", detail, object_name="exercise_status")
        for w in (self.title, self.meta, self.instructions, self.prompt, self.reflection_label):
            d.addWidget(w)
        d.addWidget(self.reflection, 1)
        row = QHBoxLayout()
        row.addWidget(self.done)
        row.addStretch(1)
        row.addWidget(self.save_button)
        d.addLayout(row)
        d.addWidget(self.status)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        self.refresh()

    def refresh(self, *, prefer_suggestion: bool = False) -> None:
        """Reload; ``prefer_suggestion`` selects the first suggested exercise (after a new assessment)."""
        self.save_if_changed()
        with self.ctx.session() as session:
            summary = emp.latest_summary(session, key=self.key)
            self.saved = emp.reflections(session, key=self.key)
        c = content()
        suggested = suggested_exercises(summary.scores, c) if summary else []
        if summary is None:
            self.intro.setText(
                _(
                    "Do the self-assessment first and you get exercises suggested for you. "
                    "You can also pick any exercise below."
                )
            )
        else:
            self.intro.setText(
                _(
                    "The first exercises are suggested for the areas you want to develop. Take one at a time: "
                    "do it during the coming weeks and write a few lines about it. Your reflections are never "
                    "shown to your manager."
                )
            )
        keep = self.current_key
        self.list.blockSignals(True)
        self.list.clear()

        def add_header(text: str) -> None:
            item = QListWidgetItem(text)
            font = QFont()
            font.setBold(True)
            item.setFont(font)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setForeground(self.palette().windowText())
            self.list.addItem(item)

        def add(exercise_key: str) -> None:
            ex = c.exercise(exercise_key)
            if ex is None:
                return
            mark = "✓ " if exercise_key in self.saved and self.saved[exercise_key].done else ""
            item = QListWidgetItem(mark + pick(ex.title))
            item.setData(KEY_ROLE, ex.key)
            self.list.addItem(item)

        if suggested:
            add_header(_("Suggested for you"))
            for k in suggested:
                add(k)
        for area in c.areas:
            rest = [e.key for e in c.exercises_for(area.key) if e.key not in suggested]
            if rest:
                add_header(pick(area.title))
                for k in rest:
                    add(k)
        self.list.blockSignals(False)
        target = suggested[0] if suggested and (prefer_suggestion or keep is None) else keep
        self._select(target)

    def _select(self, exercise_key: str | None) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(KEY_ROLE) and (
                exercise_key is None or item.data(KEY_ROLE) == exercise_key
            ):
                self.list.setCurrentItem(item)
                return

    def _switch(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if self.current_key is not None and self._dirty():
            self.save()
        key = current.data(KEY_ROLE) if current is not None else None
        self.current_key = key
        ex = content().exercise(key) if key else None
        self.status.clear()
        if ex is None:
            for w in (self.title, self.meta, self.instructions, self.prompt):
                w.clear()
            self.reflection.clear()
            return
        self.title.setText(pick(ex.title))
        self.meta.setText(
            ngettext("{area} · about {n} minute", "{area} · about {n} minutes", ex.minutes).format(
                area=emp.area_title(ex.area), n=ex.minutes
            )
        )
        self.instructions.setText(pick(ex.instructions))
        self.prompt.setText(pick(ex.reflection_prompt))
        saved = self.saved.get(ex.key)
        self.reflection.setPlainText(saved.text if saved else "")
        self.done.setChecked(bool(saved and saved.done))

    def _dirty(self) -> bool:
        if self.current_key is None:
            return False
        saved = self.saved.get(self.current_key)
        text, done = self.reflection.toPlainText(), self.done.isChecked()
        if saved is None:
            return bool(text.strip()) or done
        return saved.text != text or saved.done != done

    def save(self) -> bool:
        if self.current_key is None:
            return True
        try:
            with self.ctx.session() as session:
                self.saved[self.current_key] = emp.save_reflection(
                    session,
                    key=self.key,
                    exercise_key=self.current_key,
                    text=self.reflection.toPlainText(),
                    done=self.done.isChecked(),
                )
        except UserError as exc:
            self.status.setText(str(exc))
            return False
        self.status.setText(_("Saved. Only you can read your reflection."))
        item = self.list.currentItem()
        ex = content().exercise(self.current_key)
        if item is not None and ex is not None:
            item.setText(("✓ " if self.done.isChecked() else "") + pick(ex.title))
        return True

    def save_if_changed(self) -> None:
        if self._dirty():
            self.save()
