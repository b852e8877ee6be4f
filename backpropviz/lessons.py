"""Ready-made lessons that open with one click: data, network, training settings and a note.

Each lesson's note makes claims a student can see in the window (a loss that stalls, gradients
that vanish, a run that blows up); ``tests/test_lessons.py`` trains each set-up and checks them.
No Qt here: the window's Examples menu lists ``LESSONS`` and opens ``get(key)``; titles and
notes are English, marked for translation and translated where they are shown ("lessons").
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .data import Dataset, DatasetError, dataset_from_arrays, load_dataset
from .data.errors import message
from .data.idx import HOW_TO_GET
from .engine import EngineError, Network
from .i18n import QT_TRANSLATE_NOOP
from .recipe import Architecture, check_fits

#: Matt Mazur, "A Step by Step Backpropagation Example" (mattmazur.com, 2015): inputs i1, i2,
#: hidden h1, h2, outputs o1, o2; his w1..w4 are the hidden weights row by row, w5..w8 the
#: output weights, b1 and b2 one bias per layer.
MAZUR_INPUT = (0.05, 0.10)
MAZUR_TARGET = (0.01, 0.99)
MAZUR_MODEL = {
    "format": "backpropviz.model", "version": 1, "loss": "half_sse",
    "layers": [{"activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]],
                "bias": [0.35, 0.35]},
               {"activation": "sigmoid", "weights": [[0.40, 0.45], [0.50, 0.55]],
                "bias": [0.60, 0.60]}],
    "input_names": ["i1", "i2"], "output_names": ["o1", "o2"],
}


@dataclass(frozen=True)
class Lesson:
    """One lesson: what to load, what to build, how to train, and what to look for.

    data: "builtin:NAME" loaded with ``data_kwargs`` (n, noise, test_fraction, seed), or "" when
    the lesson makes its own data with ``make_data``. model: fixed weights in the model-file
    format, else the network is ``architecture.build(dataset)``. lr, batch and schedule are the
    Train panel's settings, step_lr the learning rate of the single-sample stepper; train_biases
    False keeps every bias fixed in both (the Train panel's "Train biases" switch); speed the
    pace training opens at (minibatch steps a second; 0: full speed), slow enough to watch
    what the note describes. show: a view the window opens with the lesson ("optimizer_race":
    the loss landscape over the output neuron's first two weights with sgd, momentum and adam
    racing on it; "weights": the first layer's weights as pictures).
    """
    key: str
    title: str
    note: str
    data: str
    architecture: Architecture
    optimizer: str
    lr: float
    batch: int
    step_lr: float = 0.5
    train_biases: bool = True
    speed: float = 50.0
    #: the Train panel's learning-rate schedule (engine/schedule.py)
    schedule: str = "constant"
    model: dict | None = None
    data_kwargs: dict = field(default_factory=dict)
    make_data: Callable[[], Dataset] | None = field(default=None, repr=False, compare=False)
    show: str = ""

    def dataset(self) -> Dataset:
        """The lesson's data set (DatasetError if it cannot be made)."""
        if self.data:
            return load_dataset(self.data, **self.data_kwargs)
        if self.make_data is None:
            raise EngineError(QT_TRANSLATE_NOOP("engine", "lesson {key} names no data"),
                              key=repr(self.key))
        return self.make_data()

    def network(self, dataset: Dataset) -> Network:
        """The lesson's network for ``dataset``: its fixed weights if it has them, else fresh
        weights from the architecture (EngineError if the sizes do not fit)."""
        if self.model is None:
            return self.architecture.build(dataset)
        net = Network.from_dict(self.model)
        try:
            check_fits(net, dataset)
        except EngineError as e:
            raise EngineError(QT_TRANSLATE_NOOP("engine", "lesson {key}: {problem}"),
                              key=repr(self.key), problem=e) from None
        if net.input_names is None:
            net.input_names = list(dataset.feature_names)
        if net.normalization is None:
            net.normalization = dataset.normalization_dict()
        return net


def _mazur_sample() -> Dataset:
    """Mazur's one sample as a regression data set, in raw units (not standardised)."""
    return dataset_from_arrays("Mazur's example", [MAZUR_INPUT], [MAZUR_TARGET],
                               task="regression", feature_names=["i1", "i2"],
                               target_names=["o1", "o2"], standardize=False)


# where the classic lesson looks for its data: Debian's Fashion-MNIST, then MNIST beside it
CLASSIC_FOLDERS = ("/usr/share/datasets/fashion-mnist", "/usr/share/datasets/mnist")


def _classic_data() -> Dataset:
    """Fashion-MNIST (or MNIST) from the first of CLASSIC_FOLDERS that holds the four files;
    a DatasetError telling how to get them otherwise."""
    for folder in CLASSIC_FOLDERS:
        if Path(folder, "train-images-idx3-ubyte.gz").exists() or \
                Path(folder, "train-images-idx3-ubyte").exists():
            return load_dataset(folder)
    raise DatasetError(QT_TRANSLATE_NOOP("data", "The classic lesson needs MNIST or Fashion-MNIST in "
                                         "{folder}; {how}; or open a folder of the four files with "
                                         "File > Open data folder"),
                       folder=CLASSIC_FOLDERS[0], how=message(HOW_TO_GET))


LESSONS: list[Lesson] = [
    Lesson(
        key="worked-example",
        title=QT_TRANSLATE_NOOP("lessons", "Worked example: a 2-2-2 network by hand"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "Matt Mazur's \"A Step by Step Backpropagation Example\": two inputs, two sigmoid "
            "hidden neurons, two sigmoid outputs, one sample x = (0.05, 0.10) with target "
            "(0.01, 0.99), loss ½ Σ (a − t)² and η = 0.5. The weights are small enough for a "
            "pencil. Step through one cycle with the Right arrow and check every number by hand "
            "or against the article: the loss is 0.298371, and after the update w5 (o1's weight "
            "from h1) is 0.358916 and w1 (h1's weight from i1) is 0.149781. The article keeps "
            "the biases fixed, so Train biases is off here: step on into the second pass "
            "and its loss is 0.291027774 (the status bar shows it to nine digits), the "
            "article's \"down to 0.291027924\" (its last digits are a known typo; with biases "
            "trained it would be 0.280471). File › Export › "
            "Worked example writes all of it as a handout. Then train: the loss of this one "
            "sample falls towards 0."),
        data="",
        architecture=Architecture([2], ["sigmoid"], output="sigmoid", loss="half_sse"),
        optimizer="sgd", lr=0.5, batch=1, step_lr=0.5, train_biases=False, speed=5.0,
        model=MAZUR_MODEL,
        make_data=_mazur_sample),
    Lesson(
        key="xor",
        title=QT_TRANSLATE_NOOP("lessons", "XOR needs a hidden layer"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "This network has no hidden layer: its boundary is one straight line, and no "
            "straight line puts XOR's opposite corners together. Press Space to train: the loss "
            "stalls near ln 2 ≈ 0.69 and the accuracy near 50%, however long you wait. Now add a "
            "hidden layer of 4 tanh neurons in the Network panel and train again: within a few "
            "hundred steps the boundary bends around the four quadrants and the training "
            "accuracy reaches 100%."),
        data="builtin:xor",
        architecture=Architecture([], []),
        optimizer="adam", lr=0.05, batch=8, step_lr=0.5,
        data_kwargs={"n": 100, "noise": 0.0}),
    Lesson(
        key="vanishing-sigmoid",
        title=QT_TRANSLATE_NOOP("lessons", "Vanishing gradients: 8 sigmoid layers against 8 ReLU "
                                           "layers (sigmoid)"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "Eight hidden layers of 8 sigmoid neurons on the circle data. Press Space to train "
            "and watch the gradient-norm plot (log scale, one curve per layer): layer 1's "
            "gradient is tens of thousands of times smaller than the output layer's, because "
            "each sigmoid passes back at most a quarter of the gradient it receives, and the "
            "loss hardly moves from 0.69. Then open the ReLU version of this lesson: the same "
            "network with ReLU keeps its gradients the same size in every layer and learns the "
            "circle in a few hundred steps."),
        data="builtin:circle",
        architecture=Architecture([8] * 8, ["sigmoid"] * 8),
        optimizer="sgd", lr=0.1, batch=32, step_lr=0.1),
    Lesson(
        key="vanishing-relu",
        title=QT_TRANSLATE_NOOP("lessons", "Vanishing gradients: 8 sigmoid layers against 8 ReLU "
                                           "layers (ReLU)"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "The same eight hidden layers of 8 neurons as the sigmoid version, now with ReLU "
            "(and He initialisation). Press Space to train and watch the gradient-norm plot: "
            "every layer's gradient stays about the same size, since a ReLU passes the gradient "
            "back unchanged wherever it is active, and the loss falls within a few hundred "
            "steps as the network learns the circle. Compare with the sigmoid version, whose "
            "first layers hardly learn at all."),
        data="builtin:circle",
        architecture=Architecture([8] * 8, ["relu"] * 8),
        optimizer="sgd", lr=0.1, batch=32, step_lr=0.1),
    Lesson(
        key="learning-rate",
        title=QT_TRANSLATE_NOOP("lessons", "Too large a learning rate"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "Fitting a plane, y = 1.5 x1 − 0.75 x2, with 4 tanh neurons and a linear output, "
            "by plain SGD with learning rate 1 — ten times the usual 0.1. Press Space to train: "
            "every step overshoots the minimum by more than the last, and within ten steps the "
            "loss has grown a thousandfold: training stops there, puts back the weights from "
            "before the loss ran away, and says so. Press R for fresh weights, set the learning "
            "rate to 0.1 in the Train panel and train again: the loss falls to the noise level "
            "(about 0.01) within a few hundred steps."),
        data="builtin:plane",
        architecture=Architecture([4], ["tanh"]),
        optimizer="sgd", lr=1.0, batch=16, step_lr=0.1),
    Lesson(
        key="digits",
        title=QT_TRANSLATE_NOOP("lessons", "Digits: 64-32-10 on real handwriting"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "1797 handwritten digits, each 8×8 pixels, 64 inputs; 32 ReLU neurons and 10 "
            "softmax outputs, one per digit, trained with Adam. Press Space: after one epoch "
            "over the 1438 training images the network already recognises over 90% of the 359 "
            "test images it has never seen, and about 96% after a few more. Step one sample "
            "through to see which pixels push which output up."),
        data="builtin:digits",
        architecture=Architecture([32], ["relu"]),
        optimizer="adam", lr=0.01, batch=32, step_lr=0.1, speed=20.0),
    Lesson(
        key="optimizer-race",
        title=QT_TRANSLATE_NOOP("lessons", "Optimiser race: sgd, momentum and adam on one landscape"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "Two gaussian clouds, a 2-3-1 tanh network. The Gradient tab shows the training "
            "loss over the output neuron's first two weights, everything else fixed, and three "
            "paths from the same start: each optimiser trains only these two weights for 150 "
            "steps at the same learning rate, 0.05. Plain SGD steps in proportion to the slope "
            "and is still far from the bottom (loss about 0.21); momentum gathers speed along "
            "the valley and gets lowest (about 0.04); Adam's first step moves each weight by "
            "exactly the learning rate, whatever the slope, and it ends near 0.07. Click another "
            "connection, or Pin as x axis and click a second one, then Race the optimisers "
            "again on that plane."),
        data="builtin:gaussians",
        architecture=Architecture([3], ["tanh"]),
        optimizer="sgd", lr=0.05, batch=16, step_lr=0.1, show="optimizer_race"),
    Lesson(
        key="classic",
        title=QT_TRANSLATE_NOOP("lessons", "The classic: 784-128-10 on (Fashion-)MNIST"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "The job most courses start from: 60,000 training images of 28×28 pixels, 784 "
            "inputs, 128 ReLU neurons and 10 softmax outputs, Adam with learning rate 0.001 and "
            "batches of 32 (Fashion-MNIST's ten kinds of clothing, or MNIST's digits). Press "
            "Space and watch the Weights tab, lower right: each first-layer neuron's 784 "
            "weights drawn as a picture keep much of their random start's grain, while broad "
            "orange and blue regions, what the neuron looks for, grow in; point at one to see it "
            "large. After 10 epochs about 88% of Fashion-MNIST's 10,000 test images are "
            "classified right. The Confusion tab shows which classes are mixed up; click a "
            "picture in the Mistakes tab to step that image through the network."),
        data="",
        architecture=Architecture([128], ["relu"]),
        optimizer="adam", lr=0.001, batch=32, step_lr=0.01, speed=50.0,
        make_data=_classic_data, show="weights"),
    Lesson(
        key="deep-plain",
        title=QT_TRANSLATE_NOOP("lessons", "Deep networks: plain, residual, batch norm (plain)"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "Twenty hidden layers of 8 sigmoid neurons on the circle data, trained with Adam. "
            "Press Space and watch the gradient-norm plot: layer 1's gradient is more than ten "
            "billion times smaller than the output layer's, since every sigmoid passes back at "
            "most a quarter of what it receives, twenty times over; the loss stays at 0.69 "
            "and the boundary never forms. Open the residual and the batch-norm versions of "
            "this lesson: the same twenty layers learn the circle."),
        data="builtin:circle",
        architecture=Architecture([8] * 20, ["sigmoid"] * 20),
        optimizer="adam", lr=0.01, batch=32, step_lr=0.1),
    Lesson(
        key="deep-residual",
        title=QT_TRANSLATE_NOOP("lessons", "Deep networks: plain, residual, batch norm (residual)"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "The same twenty sigmoid layers, each (but the first, whose 2 inputs are not 8) "
            "with a skip: a = σ(z) + the layer's input. Backward, every skip hands the "
            "gradient down unchanged beside the path through the layer, so layer 1's gradient "
            "stays within a hundred times of the output layer's instead of vanishing, and the "
            "loss falls below 0.1 within 600 steps. Step one sample backward to see the two "
            "paths and their sum in the inspector."),
        data="builtin:circle",
        architecture=Architecture([8] * 20, ["sigmoid"] * 20, residual=True),
        optimizer="adam", lr=0.01, batch=32, step_lr=0.1),
    Lesson(
        key="deep-batchnorm",
        title=QT_TRANSLATE_NOOP("lessons", "Deep networks: plain, residual, batch norm (batch norm)"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "The same twenty sigmoid layers, each batch-normalised: z is scaled to mean 0 and "
            "variance 1 over the minibatch before γ and β, so every sigmoid works near its "
            "steep middle. Layer 1's gradient is about as large as the output layer's, and "
            "the loss falls below 0.35 within 600 steps. Stepping a sample steps a small "
            "minibatch with it: the inspector shows μ, σ² and how each sample's δ depends on "
            "the others'."),
        data="builtin:circle",
        architecture=Architecture([8] * 20, ["sigmoid"] * 20, batch_norm=True),
        optimizer="adam", lr=0.01, batch=32, step_lr=0.1),
    Lesson(
        key="lr-constant",
        title=QT_TRANSLATE_NOOP("lessons", "Learning-rate decay (a rate too large to settle)"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "A sine curve fitted by 16 tanh neurons with plain SGD at learning rate 0.5: large "
            "enough to learn fast, too large to settle. Press Space and watch the loss: after "
            "a quick fall it keeps jumping up and down between epochs, never resting at the "
            "bottom. Open the step-decay version: the same start, with the rate cut to 0.3 "
            "times itself every 10 epochs."),
        data="builtin:sine",
        architecture=Architecture([16], ["tanh"]),
        optimizer="sgd", lr=0.5, batch=16, step_lr=0.1),
    Lesson(
        key="lr-step",
        title=QT_TRANSLATE_NOOP("lessons", "Learning-rate decay (step decay)"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "The same sine fit at learning rate 0.5, with the schedule step:10:0.3: every 10 "
            "epochs the rate is multiplied by 0.3 (0.5, 0.15, 0.045, ...). The early epochs "
            "learn as fast as before; after the first cut the jumping stops and the loss "
            "settles near 0.03, below where the constant rate kept bouncing. The Train panel "
            "shows the current rate as η now."),
        data="builtin:sine",
        architecture=Architecture([16], ["tanh"]),
        optimizer="sgd", lr=0.5, batch=16, step_lr=0.1, schedule="step:10:0.3"),
    Lesson(
        key="init-zeros",
        title=QT_TRANSLATE_NOOP("lessons", "Initialisation matters (zeros)"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "Twelve hidden layers of 32 tanh neurons, every weight and bias starting at 0. "
            "Every hidden neuron computes the same thing, receives the same gradient (here: "
            "none, since the zero weights above pass nothing back) and so stays identical to "
            "its neighbours: the view shows every neuron of a layer with the same colour, "
            "the loss stays at ln 2 ≈ 0.69 and nothing is ever learned. Symmetry must be "
            "broken by random starting weights."),
        data="builtin:circle",
        architecture=Architecture([32] * 12, ["tanh"] * 12, init="zeros"),
        optimizer="sgd", lr=0.05, batch=32, step_lr=0.1),
    Lesson(
        key="init-normal",
        title=QT_TRANSLATE_NOOP("lessons", "Initialisation matters (N(0, 1), too large)"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "The same twelve tanh layers with weights drawn from N(0, 1), Nielsen's classic "
            "choice. With 32 inputs a neuron's z has a standard deviation near 6, so about "
            "half of all hidden neurons start saturated at ±1 (the view shows them at full "
            "colour), the starting loss is about twice ln 2, and after 600 steps the network "
            "is still no better than a coin toss. Open the xavier version."),
        data="builtin:circle",
        architecture=Architecture([32] * 12, ["tanh"] * 12, init="normal:1"),
        optimizer="sgd", lr=0.05, batch=32, step_lr=0.1),
    Lesson(
        key="init-xavier",
        title=QT_TRANSLATE_NOOP("lessons", "Initialisation matters (xavier)"),
        note=QT_TRANSLATE_NOOP(
            "lessons",
            "The same twelve tanh layers with xavier's weights, U(−r, r) with r = √(6 / "
            "(n_in + n_out)): each layer keeps the size of its signal, no neuron starts "
            "saturated, and within 600 steps the loss falls below 0.1 and the boundary "
            "circles the inner class."),
        data="builtin:circle",
        architecture=Architecture([32] * 12, ["tanh"] * 12, init="xavier"),
        optimizer="sgd", lr=0.05, batch=32, step_lr=0.1),
]


def get(key: str) -> Lesson:
    """A copy of the lesson called ``key`` (so the window may edit its architecture freely);
    KeyError naming the known keys otherwise."""
    for lesson in LESSONS:
        if lesson.key == key:
            return copy.deepcopy(lesson)
    raise KeyError(f"no lesson {key!r}; the lessons are {', '.join(x.key for x in LESSONS)}")
