"""The names a person can choose from, with no heavy imports (the command line's --help and
the window's menus both list them)."""

HIDDEN_ACTIVATIONS = ("tanh", "sigmoid", "relu", "leaky_relu", "linear")
OUTPUTS = ("auto", "sigmoid", "softmax", "linear")
LOSSES = ("auto", "mse", "half_sse", "bce", "cross_entropy")
#: how the engine draws first weights; "auto" (in INITS) picks one per activation
INIT_NAMES = ("xavier", "he", "uniform")
INITS = ("auto", *INIT_NAMES)
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
