"""The firm's rhythm of conversations and its own wording of the templates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huoltamo_desktop.domain.errors import UserError
from huoltamo_desktop.domain.people import CAREER_STAGE_LABELS, CareerStage
from huoltamo_desktop.i18n import LANGUAGES, _, language_name
from huoltamo_desktop.services import conversations as service
from huoltamo_desktop.ui.context import AppContext, Change
from huoltamo_desktop.ui.conversations.models import bold_font
from huoltamo_desktop.ui.seats.versioned_save import VersionedSave
from huoltamo_desktop.ui.widgets.forms import error_label, fill_combo

KEY_ROLE = Qt.ItemDataRole.UserRole
TOPIC_ROLE = Qt.ItemDataRole.UserRole + 1


class RhythmBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(_("Rhythm of conversations"), parent)
        self.ctx = ctx
        self.saving: VersionedSave[dict[str, int]] = VersionedSave(
            self,
            ctx,
            labels=lambda: {str(k): service.kind_name(k) for k in service.RHYTHM_KINDS},
            display=self._display,
        )
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "How often each person should have each kind of conversation. The next date of each person "
                "follows from their last conversation of that kind, or from their start date. Any one-to-one "
                "conversation also counts as a check-in."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for kind in service.RHYTHM_KINDS:
            spin = QSpinBox(self)
            spin.setObjectName(f"rhythm_{kind}")
            spin.setRange(0, 60)
            spin.setSpecialValueText(_("not on a rhythm"))
            spin.setSuffix(" " + _("months"))
            spin.setMaximumWidth(180)
            self.spins[str(kind)] = spin
            form.addRow(service.kind_name(kind), spin)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.save_button = QPushButton(_("Save the &rhythm"), self)
        self.save_button.setObjectName("save_rhythm")
        self.status = QLabel(self)
        row.addWidget(self.save_button)
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        self.save_button.clicked.connect(self.save)

    def refresh(self) -> None:
        with self.ctx.session() as s:
            rhythm = service.get_rhythm(s)
        for kind, spin in self.spins.items():
            spin.setValue(rhythm.get(kind, 0))
        self.saving.read(version=None, values=self._months())
        self.status.setText("")

    def _months(self) -> dict[str, int]:
        return {k: spin.value() for k, spin in self.spins.items()}

    def _display(self, name: str, value: object) -> str:
        spin = self.spins.get(name)
        if spin is not None and value == 0:
            return spin.specialValueText()
        return f"{value}{spin.suffix() if spin is not None else ''}"

    def save(self) -> None:
        def op(
            s: Session, months: dict[str, int], _version: int | None, base: dict[str, int] | None
        ) -> bool:
            service.set_rhythm(s, months=months, base=base)
            return True

        try:
            saved = self.saving.save_now(self._months(), op=op, changes=(Change.CONVERSATIONS,))
        except UserError as exc:
            self.status.setText(str(exc))
            return
        if saved:
            self.refresh()  # what is saved now, the other's kinds included
            self.status.setText(_("Saved."))


class TemplateEditor(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(_("Topics and questions"), parent)
        self.ctx = ctx
        self.saving: VersionedSave[dict[str, str]] = VersionedSave(self, ctx, labels=self._labels)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Change the wording to suit your firm, hide questions you do not use, or add your own. "
                "Texts you have not changed follow the app's updates."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        top = QHBoxLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("template_kind")
        fill_combo(self.kind, [(service.kind_name(k), k) for k in service.kind_keys()])
        kind_label = QLabel(_("Kin&d"), self)
        kind_label.setBuddy(self.kind)
        top.addWidget(kind_label)
        top.addWidget(self.kind)
        top.addStretch(1)
        layout.addLayout(top)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.tree = QTreeWidget(splitter)
        self.tree.setObjectName("template_tree")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        right = QWidget(splitter)
        form = QFormLayout(right)
        self.what = QLabel(right)
        self.what.setWordWrap(True)
        self.what.setStyleSheet("font-weight: bold;")
        form.addRow(self.what)
        self.texts: dict[str, QLineEdit] = {}
        for lang in LANGUAGES:
            edit = QLineEdit(right)
            edit.setObjectName(f"template_text_{lang}")
            edit.setMaxLength(500)
            self.texts[lang] = edit
            form.addRow(language_name(lang), edit)
        self.stage_boxes: dict[str, QCheckBox] = {}
        stages = QHBoxLayout()
        for stage in CareerStage:
            box = QCheckBox(_(CAREER_STAGE_LABELS[stage]), right)
            box.setObjectName(f"template_stage_{stage}")
            self.stage_boxes[str(stage)] = box
            stages.addWidget(box)
        self.stages_label = QLabel(_("For whom (none ticked: everyone)"), right)
        form.addRow(self.stages_label)
        form.addRow(stages)
        self.hidden = QCheckBox(_("&Hide this question in our conversations"), right)
        self.hidden.setObjectName("template_hidden")
        form.addRow(self.hidden)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(_("Save the &wording"), right)
        self.save_button.setObjectName("template_save")
        self.add_button = QPushButton(_("Add your &own question to this topic"), right)
        self.add_button.setObjectName("template_add")
        self.remove_button = QPushButton(_("Remo&ve your question"), right)
        self.remove_button.setObjectName("template_remove")
        for b in (self.save_button, self.add_button, self.remove_button):
            buttons.addWidget(b)
        form.addRow(buttons)
        self.error = error_label(right)
        form.addRow(self.error)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([460, 690])
        layout.addWidget(splitter, 1)
        self._adding = False
        self.kind.currentIndexChanged.connect(self.refresh)
        self.tree.currentItemChanged.connect(self._selected)
        self.save_button.clicked.connect(self._save)
        self.add_button.clicked.connect(self._start_adding)
        self.remove_button.clicked.connect(self._remove)
        self.hidden.toggled.connect(self._hidden_toggled)

    def refresh(self) -> None:
        item = self.tree.currentItem()
        current = item.data(0, KEY_ROLE) if item is not None else None
        with self.ctx.session() as s:
            template = service.template_for(
                s, kind=str(self.kind.currentData()), stage=None, everything=True
            )
        self._template = template
        self.tree.clear()
        select = None
        for topic in template.topics:
            top = QTreeWidgetItem([topic.title])
            top.setData(0, KEY_ROLE, topic.key)
            top.setData(0, TOPIC_ROLE, topic.key)
            top.setFont(0, bold_font())
            self.tree.addTopLevelItem(top)
            if topic.key == current:
                select = top
            for q in topic.questions:
                text = q.text
                if q.custom_id is not None:
                    text = _("{text} (your own)").format(text=text)
                if q.hidden:
                    text = _("{text} (hidden)").format(text=text)
                item = QTreeWidgetItem([text])
                item.setData(0, KEY_ROLE, q.key)
                item.setData(0, TOPIC_ROLE, topic.key)
                item.setToolTip(0, q.text)
                if q.hidden:
                    item.setForeground(0, QBrush(QColor("#888888")))
                top.addChild(item)
                if q.key == current:
                    select = item
        self.tree.expandAll()
        first = select or self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

    def _find(self, key: str) -> tuple[service.TopicView | None, service.QuestionView | None]:
        for topic in self._template.topics:
            if topic.key == key:
                return topic, None
            for q in topic.questions:
                if q.key == key:
                    return topic, q
        return None, None

    def _selected(self) -> None:
        self._adding = False
        self.error.setVisible(False)
        item = self.tree.currentItem()
        if item is None:
            return
        topic, question = self._find(str(item.data(0, KEY_ROLE)))
        self.hidden.blockSignals(True)
        if question is None and topic is not None:
            self.what.setText(_("Topic title"))
            texts = topic.titles
            self.hidden.setVisible(False)
        elif question is not None:
            self.what.setText(_("Your own question") if question.custom_id else _("Question"))
            texts = question.texts
            self.hidden.setVisible(question.custom_id is None)
            self.hidden.setChecked(question.hidden)
        else:
            return
        self.hidden.blockSignals(False)
        for lang, edit in self.texts.items():
            edit.setText(texts.get(lang, ""))
        custom = question is not None and question.custom_id is not None
        self._show_stages(custom, question.stages if question else [])
        self.remove_button.setVisible(custom)
        self.saving.read(
            version=question.row_version if question is not None else None, values=self._values()
        )

    def _show_stages(self, visible: bool, stages: list[str]) -> None:
        self.stages_label.setVisible(visible)
        for stage, box in self.stage_boxes.items():
            box.setVisible(visible)
            box.setChecked(stage in stages)

    def _start_adding(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        self._adding = True
        topic, _q = self._find(str(item.data(0, TOPIC_ROLE)))
        self.what.setText(_("New question in “{topic}”").format(topic=topic.title if topic else ""))
        for edit in self.texts.values():
            edit.clear()
        self.hidden.setVisible(False)
        self.remove_button.setVisible(False)
        self._show_stages(True, [])
        self.texts["fi"].setFocus()

    def _texts(self) -> dict[str, str]:
        return {lang: edit.text() for lang, edit in self.texts.items()}

    def _stages(self) -> list[str]:
        return [stage for stage, box in self.stage_boxes.items() if box.isChecked()] or ["all"]

    def _values(self) -> dict[str, str]:
        """What the form shows: the texts per language, and a question's career stages."""
        values = {lang: edit.text().strip() for lang, edit in self.texts.items()}
        if not self.stages_label.isHidden():  # shown for the firm's own questions
            values["stages"] = ",".join(self._stages())
        return values

    def _labels(self) -> dict[str, str]:
        labels = {lang: language_name(lang) for lang in LANGUAGES}
        labels["stages"] = self.stages_label.text().replace("&", "")
        return labels

    def _save(self) -> None:
        item = self.tree.currentItem()
        if item is None or self.saving.saving:
            return
        key = str(item.data(0, KEY_ROLE))
        topic_key = str(item.data(0, TOPIC_ROLE))
        adding = self._adding
        _topic, question = self._find(key)

        def save(
            s: Session, data: dict[str, str], version: int | None, base: dict[str, str] | None
        ) -> str:
            texts = {lang: data.get(lang, "") for lang in LANGUAGES}
            stages = [st for st in data.get("stages", "all").split(",") if st] or ["all"]
            if adding:
                row = service.add_custom_question(
                    s, topic_key=topic_key, texts=texts, stages=stages
                )
                return f"custom.{row.id}"
            if question is None:
                service.set_template_text(s, key=key, part="title", texts=texts, base=base)
            elif question.custom_id is not None:
                service.update_custom_question(
                    s,
                    question_id=question.custom_id,
                    texts=texts,
                    stages=stages,
                    expected_version=version,
                    base=base,
                )
            else:
                service.set_template_text(s, key=key, part="text", texts=texts, base=base)
            return key

        def failed(exc: UserError) -> None:
            self.error.setText(str(exc))
            self.error.setVisible(True)

        self.saving.save(
            self._values(),
            op=save,
            changes=(Change.CONVERSATIONS,),
            success=self._saved,
            failure=failed,
        )

    def _saved(self, key: str) -> None:
        self._adding = False
        self.refresh()
        self._select_key(key)

    def _select_key(self, key: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            items = [top] + [top.child(j) for j in range(top.childCount())]
            for it in items:
                if it is not None and it.data(0, KEY_ROLE) == key:
                    self.tree.setCurrentItem(it)
                    return

    def _hidden_toggled(self, hidden: bool) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        with self.ctx.session() as s:
            service.set_question_hidden(s, key=str(item.data(0, KEY_ROLE)), hidden=hidden)
        self.ctx.notify(Change.CONVERSATIONS)
        key = str(item.data(0, KEY_ROLE))
        self.refresh()
        self._select_key(key)

    def _remove(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        _topic, question = self._find(str(item.data(0, KEY_ROLE)))
        if question is None or question.custom_id is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove the question"),
            _("Remove your question “{text}”?").format(text=question.text),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.ctx.session() as s:
            service.delete_custom_question(s, question_id=question.custom_id)
        self.ctx.notify(Change.CONVERSATIONS)
        self.refresh()


class TemplatesPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.rhythm = RhythmBox(ctx, self)
        self.editor = TemplateEditor(ctx, self)
        layout.addWidget(self.rhythm)
        layout.addWidget(self.editor, 1)

    def refresh(self) -> None:
        self.rhythm.refresh()
        self.editor.refresh()
