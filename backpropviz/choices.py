"""The names a person can choose from, with no heavy imports (the command line's --help and
the window's menus both list them)."""

HIDDEN_ACTIVATIONS = ("tanh", "sigmoid", "relu", "leaky_relu", "linear")
OUTPUTS = ("auto", "sigmoid", "softmax", "linear")
LOSSES = ("auto", "mse", "half_sse", "bce", "cross_entropy")
#: how the engine draws first weights; "auto" (in INITS) picks one per activation, and
#: "normal" takes its standard deviation as normal:SIGMA
INIT_NAMES = ("xavier", "he", "uniform", "normal", "zeros")
INIT_KINDS = ("auto", *INIT_NAMES)
#: the initialisations menus offer (normal:1 is Nielsen's classic choice, normal:0.01 cs231n's)
INITS = ("auto", "xavier", "he", "uniform", "normal:1", "normal:0.01", "zeros")
#: how the command line's help names them
INIT_SYNTAX = "auto, xavier, he, uniform, normal:SIGMA, zeros"
#: learning-rate schedules, applied per epoch (PyTorch's StepLR, ExponentialLR, CosineAnnealingLR)
LR_SCHEDULE_KINDS = ("constant", "step", "exp", "cosine")
LR_SCHEDULE_SYNTAX = "constant, step:EPOCHS:FACTOR, exp:GAMMA, cosine:EPOCHS"
#: the optimisers, in the order of their kernel codes (engine/optim.py)
OPTIMIZERS = ("sgd", "momentum", "adam")
TASKS = ("auto", "classification", "regression")
#: where ``gui --step`` stops the first sample's cycle (engine/stepper.py Stepper.run_to)
STEP_STOPS = ("forward", "backward", "full")
#: a learning rate that works for each optimiser on the built-in examples
LR_DEFAULTS = {"sgd": 0.1, "momentum": 0.05, "adam": 0.01}

#: the CPU build of PyTorch that ``make bench`` installs to compare with (never a dependency);
#: the Makefile reads it from here
TORCH_VERSION = "2.13.0"
