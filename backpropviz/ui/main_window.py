"""The main window: network in the middle, controls on the left, inspector and data on the right."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QCheckBox, QComboBox, QFrame,
                               QHBoxLayout, QLabel, QLineEdit, QMainWindow, QMenu, QMessageBox,
                               QProgressBar, QScrollArea, QSizePolicy, QSplitter, QTabWidget,
                               QToolButton, QVBoxLayout, QWidget)

from .. import i18n
from ..i18n import localized
from ..choices import OPTIMIZERS
from ..explain import fmt
from ..engine import EngineError, OptimizerConfig
from ..engine.warmup import defer
from . import i18n as ui_i18n
from .dataset_picker import DatasetPicker
from .files import MODEL_SUFFIXES, FileActions
from .image_views import ImageViews
from .runs_view import Timeline
from .inspector import Inspector
from .lazy import LazyPage
from .network_view import NetworkView
from .panels import BuilderPanel, PhaseStrip, StepPanel, phase_name
from .data_plot import DataPlot
from .history_plots import TrainingPlots
from .state import AppState
from .training import TrainingController, TrainPanel
from .worker import KernelWarmup

ZOOM_STEP = 1.15
MIN_ZOOM, MAX_ZOOM = 0.6, 3.0
_BASE_FONT: QFont | None = None       # the application's font before any zoom


class LessonNote(QFrame):
    """A lesson's one-paragraph note over the network, dismissable."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setStyleSheet("LessonNote { background: #fff8dc; border: 1px solid #e0c97f; "
                           "border-radius: 4px; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        self.close_button = close
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        lay.addWidget(self.text, 1)
        lay.addWidget(close, 0, Qt.AlignTop)
        self.lesson = None
        self.hide()

    def show_lesson(self, lesson) -> None:
        self.lesson = lesson
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        self.close_button.setToolTip(QCoreApplication.translate(
            "LessonNote", "hide this note (File > Examples opens the lesson again)"))
        if self.lesson is not None:
            title = QCoreApplication.translate("lessons", self.lesson.title)
            note = QCoreApplication.translate("lessons", self.lesson.note)
            self.text.setText(f"<b>{title}.</b> {note}")

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _gradient_panel(state: AppState) -> QWidget:
    from .gradient_views import GradientPanel
    return GradientPanel(state)


def _runs_view(state: AppState) -> QWidget:
    from .runs_view import RunsView
    return RunsView(state)


class MainWindow(QMainWindow):
    def __init__(self, state: AppState, warm: bool = True, settings: QSettings | None = None):
        super().__init__()
        self.state = state
        self.settings = settings
        self.zoom = 1.0
        self._splitters_restored = False
        self.setAcceptDrops(True)
        self.setWindowTitle("backpropviz")
        self.resize(1440, 900)

        self.network_view = NetworkView(state)
        self.phase_strip = PhaseStrip(state)
        self.inspector = Inspector(state)
        self.data_plot = DataPlot(state)
        self.builder = BuilderPanel(state)
        self.step_panel = StepPanel(state)
        self.training = TrainingController(state, self)
        self.train_panel = TrainPanel(state, self.training)
        self.training_plots = TrainingPlots(state)
        plots = self.training_plots
        self.files = FileActions(self, state, settings, pictures={
            "network": lambda: self.network_view, "loss": lambda: plots.loss_plot,
            "accuracy": lambda: plots.acc_plot, "gradients": lambda: plots.grad_plot,
            "data": lambda: self.data_plot})
        self.files.lesson_opened.connect(self._on_lesson_opened)
        state.undo.changed.connect(self._on_undo_changed)
        self.data_picker = DatasetPicker(state, self.files)

        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(4, 4, 4, 4)
        left_lay.addWidget(self.data_picker)
        left_lay.addWidget(self.step_panel)
        left_lay.addWidget(self.train_panel)
        left_lay.addWidget(self.builder)
        left_lay.addStretch(1)
        # the controls scroll (never sideways) when the screen is short; the splitter handle
        # or View > Controls hides them
        self.controls = QScrollArea()
        self.controls.setWidget(left)
        self.controls.setWidgetResizable(True)
        self.controls.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.controls.setFrameShape(QFrame.NoFrame)
        self._fit_controls_width()
        self.network_view.setMinimumSize(280, 200)      # the layout, not the view, sets the room

        center = QWidget()
        c_lay = QVBoxLayout(center)
        c_lay.setContentsMargins(0, 0, 0, 0)
        strip_row = QHBoxLayout()
        self.phase_title = QLabel()
        self.phase_title.setStyleSheet("font-weight: bold;")
        strip_row.addWidget(self.phase_title)
        # a long cycle (many layers) scrolls sideways rather than widening the window
        strip_scroll = QScrollArea()
        strip_scroll.setWidget(self.phase_strip)
        strip_scroll.setWidgetResizable(True)
        strip_scroll.setFrameShape(QFrame.NoFrame)
        strip_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        strip_scroll.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        strip_scroll.setFixedHeight(self.phase_strip.sizeHint().height()
                                    + strip_scroll.horizontalScrollBar().sizeHint().height())
        self.strip_scroll = strip_scroll
        strip_row.addWidget(strip_scroll, 1)
        self.maps_box = QCheckBox()
        self.maps_box.setChecked(True)
        self.maps_box.toggled.connect(self.network_view.set_show_maps)
        strip_row.addWidget(self.maps_box)
        self.lesson_note = LessonNote()
        center_split = QSplitter(Qt.Vertical)
        center_split.addWidget(self.network_view)
        center_split.addWidget(self.training_plots)
        center_split.setStretchFactor(0, 3)
        center_split.setStretchFactor(1, 2)
        center_split.setCollapsible(0, False)
        c_lay.addWidget(center_split, 1)
        self.timeline = Timeline(state, self.training)
        c_lay.addWidget(self.timeline)

        right = QSplitter(Qt.Vertical)
        # the inspector's numbers and the gradient seen as a slope share the top right
        self.right_tabs = QTabWidget()
        self.right_tabs.setUsesScrollButtons(True)
        self.right_tabs.setDocumentMode(True)       # no frame: not a pixel wider than the inspector
        self.right_tabs.addTab(self.inspector, "")
        self.gradient_page = LazyPage(lambda: _gradient_panel(state))
        self.right_tabs.addTab(self.gradient_page, "")
        self.runs_page = LazyPage(lambda: _runs_view(state))
        self.right_tabs.addTab(self.runs_page, "")
        right.addWidget(self.right_tabs)
        # the data plot, and for image data the weight pictures, confusion and mistakes, as tabs
        self.image_views = ImageViews(state, self.data_plot)
        right.addWidget(self.image_views)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        self.side = right
        self.splitters = {"center": center_split, "right": right}

        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.controls)
        split.addWidget(center)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setCollapsible(1, False)
        self.splitters["main"] = split
        # the phase strip and a lesson's note span the whole width: on a 1024 px projector
        # the centre column alone is too narrow for a cycle's buttons or a paragraph
        central = QWidget()
        top = QVBoxLayout(central)
        top.setContentsMargins(4, 4, 4, 0)
        top.setSpacing(4)
        top.addLayout(strip_row)
        top.addWidget(self.lesson_note)
        top.addWidget(split, 1)
        self.setCentralWidget(central)
        self._fit_splitters(1440, 900)

        for spin in self.findChildren(QAbstractSpinBox):
            spin.setKeyboardTracking(False)         # take what is typed on Enter, not mid-number
        self.phase_label = QLabel()
        self.statusBar().addPermanentWidget(self.phase_label)
        self.retranslate()
        self.zoom_in_plus = QShortcut(QKeySequence("Ctrl++"), self)       # Ctrl+= with Shift
        self.zoom_in_plus.activated.connect(lambda: self.set_zoom(self.zoom * ZOOM_STEP))

        state.message.connect(lambda text: self.statusBar().showMessage(localized(text), 8000))
        state.stepped.connect(self._on_stepped)
        state.trained.connect(self._on_stepped)
        state.sample_changed.connect(self._on_stepped)     # a test image picked among mistakes

        self.warmup = None
        if warm and not state.ready:
            # Paint first: until the kernels are ready the window steps with their NumPy twin
            # (the same numbers), and they load in a thread started once the window has painted.
            defer()
            state.start_stepping()
            # short: on a 1024 px screen a longer one ran under the phase and the progress bar
            # (whose tooltip says it all)
            self.statusBar().showMessage(self.tr(
                "Compiling the kernels (first start only); all but training works meanwhile."))
            self.warmup = KernelWarmup(self)
            self.warmup.ready.connect(self._on_kernels_ready)
            self.warmup.failed.connect(self._on_kernels_failed)
            self.warmup.progress.connect(self._on_warmup_progress)
            # while the kernels compile, everything but training can be used
            self.warmup_bar = QProgressBar()
            self.warmup_bar.setMaximumWidth(220)
            self.warmup_bar.setRange(0, 0)            # busy until the first stage reports
            self._warmup_tooltip()
            self.statusBar().addPermanentWidget(self.warmup_bar)
            self.network_view.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Paint and self.warmup is not None and \
                watched is self.network_view.viewport():
            # the first paint is under way: the warm-up starts once it is on the screen
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._start_warmup)    # (cancelled if the window goes)
        return super().eventFilter(watched, event)

    def _start_warmup(self) -> None:
        # a window closed meanwhile starts nothing: closeEvent waits only for a running warm-up
        if self.warmup is not None and self.isVisible() and not self.warmup.isRunning() \
                and not self.warmup.isFinished():
            self.warmup.start()

    @property
    def gradient_panel(self):
        """The Gradient tab's views (built when first shown or asked for)."""
        return self.gradient_page.content()

    def pictures_pending(self) -> bool:
        """Whether a picture is still being computed in the background (the Gradient tab's
        landscape and its optimiser race): a screenshot waits for it."""
        panel = self.gradient_page.built()
        return panel is not None and panel.landscape.busy

    @property
    def runs_view(self):
        """The Runs tab (built when first shown or asked for)."""
        return self.runs_page.content()

    def _warmup_tooltip(self) -> None:
        if getattr(self, "warmup_bar", None) is not None:
            self.warmup_bar.setToolTip(self.tr(
                "Compiling the kernels (first start only, about half a minute): build the "
                "network, load data and step meanwhile; training waits."))

    def _drop_warmup_bar(self) -> None:
        """The indicator goes once the kernels are ready (or could not be made)."""
        if getattr(self, "warmup_bar", None) is not None:
            self.statusBar().removeWidget(self.warmup_bar)
            self.warmup_bar.setParent(None)          # out of the window at once
            self.warmup_bar.deleteLater()
            self.warmup_bar = None

    def _on_warmup_progress(self, done: int, total: int, stage: str) -> None:
        if self.warmup_bar is None:
            return
        self.warmup_bar.setRange(0, total)
        self.warmup_bar.setValue(done)
        if stage:
            self.warmup_bar.setFormat(self.tr("compiling: {stage}").format(
                stage=QCoreApplication.translate("warmup", stage)))

    def _on_kernels_failed(self, message: str) -> None:
        self._drop_warmup_bar()
        self.statusBar().showMessage(message)

    def _on_kernels_ready(self, seconds: float) -> None:
        self._drop_warmup_bar()
        self.state.set_ready()
        self.statusBar().showMessage(self.tr("Ready ({seconds} s to prepare the kernels). "
                                             "Press → to step forward.").format(
            seconds=f"{seconds:.1f}"), 6000)

    # --- language ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Every text of the window in the current language. Called at start and on each
        LanguageChange; the menus are built afresh (their actions belong to them)."""
        self.phase_title.setText(self.tr("Phase"))
        self._warmup_tooltip()
        for k, (title, tip) in enumerate((
                (self.tr("Inspector"), self.tr("every number of the stepped sample, worked out")),
                (self.tr("Gradient"), self.tr("the loss along a weight, the landscape over two, "
                                              "a neuron's graph and its activation")),
                (self.tr("Runs"), self.tr("every training run of this window: compare their "
                                          "curves, open their weights again")))):
            self.right_tabs.setTabText(k, title)
            self.right_tabs.setTabToolTip(k, tip)
        self.maps_box.setText(self.tr("Neuron maps"))
        self.maps_box.setToolTip(self.tr("while training 2-D data, each neuron shows its output "
                                         "over the input plane (hidden again when the weights "
                                         "change otherwise)"))
        self._build_menus()
        self._on_stepped()
        self.statusBar().clearMessage()          # a message of the other language

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, lang: str) -> None:
        """Speak ``lang`` now (every view retranslates) and next time."""
        ui_i18n.set_language(lang)
        if self.settings is not None:
            self.settings.setValue(ui_i18n.SETTINGS_KEY, lang)

    # --- menus -------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        for old in bar.findChildren(QMenu, options=Qt.FindDirectChildrenOnly):
            old.setParent(None)               # with their actions: the language changed
            old.deleteLater()
        bar.clear()
        file_menu = bar.addMenu(self.tr("&File"))
        self.files.build_menu(file_menu)
        quit_action = QAction(self.tr("&Quit"), file_menu)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.file_menu = file_menu
        self.edit_menu = self._menu(self.tr("&Edit"), (
            (self.tr("&Undo"), "Ctrl+Z", self.undo),
            (self.tr("&Redo"), "Ctrl+Shift+Z", self.redo)))
        self.undo_action, self.redo_action = self.edit_menu.actions()
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self._on_undo_changed()
        self.step_menu = self._menu(self.tr("&Step"), (
            (self.tr("&Next phase"), "Right", self.state.next_phase),
            (self.tr("&Previous phase"), "Left", self.state.prev_phase),
            (self.tr("&Random sample"), "Ctrl+R", lambda: self.state.random_sample())))
        self.train_menu = self._menu(self.tr("&Train"), (
            (self.tr("&Train / pause"), "Space", self.training.toggle),
            (self.tr("One &minibatch"), "S", self.training.one_batch),
            (self.tr("One &epoch"), "E", self.training.one_epoch),
            (self.tr("&Reset the weights"), "R", self.training.reset)))
        self.view_menu = bar.addMenu(self.tr("&View"))
        lang_menu = self.view_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(lang_menu)
        self.language_actions = {}
        for code, name in i18n.LANGUAGES.items():      # each language in its own words
            a = QAction(name, lang_menu, checkable=True)
            a.setChecked(code == ui_i18n.language())
            a.setData(code)
            a.triggered.connect(lambda _=False, code=code: self.set_language(code))
            group.addAction(a)
            lang_menu.addAction(a)
            self.language_actions[code] = a
        self.view_menu.addSeparator()
        for text, key, slot in ((self.tr("Zoom &in"), "Ctrl+=", lambda: self.set_zoom(self.zoom * ZOOM_STEP)),
                                (self.tr("Zoom &out"), "Ctrl+-", lambda: self.set_zoom(self.zoom / ZOOM_STEP)),
                                (self.tr("&Reset zoom"), "Ctrl+0", lambda: self.set_zoom(1.0))):
            a = QAction(text, self.view_menu)
            a.setShortcut(QKeySequence(key))
            a.triggered.connect(slot)
            self.view_menu.addAction(a)
        self.view_menu.addSeparator()
        for text, widget in ((self.tr("&Controls"), self.controls),
                             (self.tr("&Inspector and data"), self.side),
                             (self.tr("&History plots"), self.training_plots)):
            a = QAction(text, self.view_menu, checkable=True, checked=not widget.isHidden())
            a.toggled.connect(widget.setVisible)
            self.view_menu.addAction(a)
        help_menu = bar.addMenu(self.tr("&Help"))
        keys = QAction(self.tr("&Keyboard shortcuts"), help_menu)
        keys.setShortcut(QKeySequence("F1"))
        keys.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys)
        self.guide_action = QAction(self.tr("&Guide"), help_menu)
        self.guide_action.setShortcut(QKeySequence("Shift+F1"))
        self.guide_action.triggered.connect(self.show_guide)
        help_menu.addAction(self.guide_action)
        self.help_menu = help_menu

    def _menu(self, title: str, items):
        """A menu of (text, key, slot) actions whose keys work anywhere in the window."""
        menu = self.menuBar().addMenu(title)
        for text, key, slot in items:
            a = QAction(text, menu)
            a.setShortcut(QKeySequence(key))
            a.setShortcutContext(Qt.WindowShortcut)
            a.triggered.connect(slot)
            menu.addAction(a)
        return menu

    def show_guide(self) -> None:
        """Help > Guide: a page on reading the pictures, beside the window (not modal)."""
        from .guide import GuideDialog
        if getattr(self, "guide", None) is None:
            self.guide = GuideDialog(self)
        self.guide.show()
        self.guide.raise_()

    def undo(self) -> None:
        """Undo the last data, network or weight change (training pauses first, so that the
        network it had trained is part of what can be redone)."""
        self.training.pause()
        label = self.state.undo.undo_label()
        if self.state.undo.undo():
            self.statusBar().showMessage(self.tr("Undone: {what}  (Ctrl+Shift+Z redoes it)").format(
                what=QCoreApplication.translate("undo", label)), 6000)

    def redo(self) -> None:
        self.training.pause()
        label = self.state.undo.redo_label()
        if self.state.undo.redo():
            self.statusBar().showMessage(self.tr("Redone: {what}").format(
                what=QCoreApplication.translate("undo", label)), 6000)

    def _on_undo_changed(self) -> None:
        u = self.state.undo
        self.undo_action.setEnabled(u.can_undo)
        self.undo_action.setText(self.tr("&Undo {what}").format(
            what=QCoreApplication.translate("undo", u.undo_label())) if u.can_undo else self.tr("&Undo"))
        self.redo_action.setEnabled(u.can_redo)
        self.redo_action.setText(self.tr("&Redo {what}").format(
            what=QCoreApplication.translate("undo", u.redo_label())) if u.can_redo else self.tr("&Redo"))

    def _fit_controls_width(self) -> None:
        """The controls never scroll sideways: their column is as wide as their widest row in
        the fonts of now (a presentation zoom widens it; it cut "Random" and "Recent" off)."""
        zoom = getattr(self, "zoom", 1.0)
        self.controls.setMaximumWidth(int(420 * max(zoom, 1.0)))
        self.controls.setMinimumWidth(self.controls.widget().minimumSizeHint().width()
                                      + self.controls.verticalScrollBar().sizeHint().width())

    def _fit_splitters(self, width: int, height: int) -> None:
        """Share the width: the controls and the inspector column keep a readable width, the
        network takes the rest; the history plots get about 40% of the centre's height."""
        left = max(self.controls.minimumWidth(), min(360, int(0.22 * width)))
        right = max(250, min(460, int(0.26 * width)))
        self.splitters["main"].setSizes([left, max(300, width - left - right), right])
        self.splitters["center"].setSizes([int(0.6 * height), int(0.4 * height)])
        self.splitters["right"].setSizes([int(0.55 * height), int(0.45 * height)])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._splitters_restored:
            self._fit_splitters(event.size().width(), event.size().height())

    # --- zoom for projectors: every font, the network view with them ----------------------------
    def set_zoom(self, zoom: float) -> None:
        """Scale every font of the app (and the network view) by ``zoom`` (1 = the system's)."""
        global _BASE_FONT
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, round(zoom, 3)))
        app = QApplication.instance()
        if _BASE_FONT is None:
            _BASE_FONT = QFont(app.font())
        font = QFont(_BASE_FONT)
        font.setPointSizeF(_BASE_FONT.pointSizeF() * zoom)
        self.zoom = zoom
        app.setFont(font)
        self.network_view.set_zoom(zoom)
        QTimer.singleShot(0, self, self._fit_controls_width)   # once the fonts have reached them
        if self.settings is not None:
            self.settings.setValue("view/zoom", zoom)
        self.statusBar().showMessage(self.tr("Zoom {percent}").format(percent=f"{zoom:.0%}"), 2000)

    # --- keys: a field being edited keeps its keys; Enter and Escape hand them back ------------
    def keyPressEvent(self, event) -> None:
        """Enter and Escape in a number or text field (the field has taken what was typed)
        move the focus to the network, where Space and the arrows step and train again."""
        focus = QApplication.focusWidget()
        if event.key() in (Qt.Key_Escape, Qt.Key_Return, Qt.Key_Enter) and \
                isinstance(focus, (QAbstractSpinBox, QLineEdit, QComboBox)) and self.isAncestorOf(focus):
            self.network_view.setFocus(Qt.OtherFocusReason)
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_lesson_opened(self, lesson) -> None:
        self.lesson_note.show_lesson(lesson)
        if lesson.show == "optimizer_race":
            L = self.state.net.n_layers
            self.right_tabs.setCurrentWidget(self.gradient_page)
            self.gradient_panel.show_view(self.gradient_panel.landscape)
            self.gradient_panel.landscape.x_param = (L, 0, 0)
            self.state.select_parameter(L, 0, 1)
            self.gradient_panel.landscape.compute(race=True)
        elif lesson.show == "weights":
            self.image_views.setCurrentWidget(self.image_views.weights)

    # --- drag and drop: a data file or a model onto the window ---------------------------------------
    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = event.mimeData().urls()[0].toLocalFile()
        if Path(path).suffix.lower() in MODEL_SUFFIXES:
            self.files.open_model(path)
        else:
            self.files.open_data(path)
        event.acceptProposedAction()

    # --- what the window remembers ----------------------------------------------------------------
    def restore_settings(self) -> None:
        s = self.settings
        if s is None:
            return
        geo = s.value("window/geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        for name, split in self.splitters.items():
            val = s.value(f"window/split_{name}")
            if val is not None:
                self._splitters_restored |= split.restoreState(val)
        try:
            zoom = float(s.value("view/zoom", 1.0))
        except (TypeError, ValueError):
            zoom = 1.0
        if zoom != 1.0:
            self.set_zoom(zoom)
        opt = s.value("train/optimizer")
        if opt in OPTIMIZERS:
            try:
                self.state.set_optimizer(OptimizerConfig(str(opt), lr=float(s.value("train/lr"))),
                                         int(s.value("train/batch")))
            except (TypeError, ValueError, EngineError):
                pass
        try:
            self.state.set_step_lr(float(s.value("step/lr", self.state.step_lr)))
        except (TypeError, ValueError, EngineError):
            pass

    def save_settings(self) -> None:
        s = self.settings
        if s is None:
            return
        s.setValue("window/geometry", self.saveGeometry())
        for name, split in self.splitters.items():
            s.setValue(f"window/split_{name}", split.saveState())
        s.setValue("train/optimizer", self.state.optimizer.name)
        s.setValue("train/lr", self.state.optimizer.lr)
        s.setValue("train/batch", self.state.batch)
        s.setValue("step/lr", self.state.step_lr)
        s.sync()

    def shortcuts(self) -> list[tuple[str, str]]:
        """(key, what it does) for every menu action that has a key, read off the actions."""
        rows = []

        def walk(menu):
            for a in menu.actions():
                if a.menu() is not None:
                    walk(a.menu())
                elif not a.shortcut().isEmpty():
                    rows.append((a.shortcut().toString(QKeySequence.NativeText),
                                 a.text().replace("&", "").rstrip("…")))
        for top in self.menuBar().actions():
            if top.menu() is not None:
                walk(top.menu())
        return rows

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>&nbsp;&nbsp;{html.escape(v)}</td></tr>"
                       for k, v in self.shortcuts())
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), f"<table>{rows}</table>")

    def _on_stepped(self) -> None:
        st = self.state.stepper
        if st is None:
            self.phase_label.setText(self.tr("preparing…"))
            return
        f = self.state.frame
        if self.state.training and f is not None:
            test = (self.tr("   test loss {loss}").format(loss=f"{f.test_loss:.4g}")
                    if f.test_loss == f.test_loss else "")
            self.phase_label.setText(
                self.tr("training: epoch {epoch}   step {step}   train loss {loss}").format(
                    epoch=f.epoch, step=f"{f.step:,}", loss=f"{f.train_loss:.4g}") + test +
                self.tr("   {speed} samples/s").format(speed=f"{f.samples_per_second:,.0f}"))
            return
        # nine digits here, where there is room: enough to tell Mazur's 0.291027774 from the
        # article's misprinted 0.291027924 (the drawing and the inspector keep six)
        loss = self.tr("   loss {loss}").format(loss=fmt(st.loss, 9)) if st.loss is not None else ""
        where = (self.tr("test sample {index}   phase: {phase}") if self.state.sample_part == "test"
                 else self.tr("sample {index}   phase: {phase}"))
        self.phase_label.setText(where.format(index=self.state.sample_index,
                                              phase=phase_name(st.phase)) + loss)

    def closeEvent(self, event) -> None:
        self.training.pause()
        self.save_settings()
        if self.warmup is not None and self.warmup.isRunning():
            self.warmup.wait(30000)
        super().closeEvent(event)
