"""The names a person can choose from, with no heavy imports (the command line's --help and
the window's menus both list them)."""

HIDDEN_ACTIVATIONS = ("tanh", "sigmoid", "relu", "leaky_relu", "linear")
OUTPUTS = ("auto", "sigmoid", "softmax", "linear")
LOSSES = ("auto", "mse", "half_sse", "bce", "cross_entropy")
INITS = ("auto", "xavier", "he", "uniform")
OPTIMIZERS = ("sgd", "momentum", "adam")
#: a learning rate that works for each optimiser on the built-in examples
LR_DEFAULTS = {"sgd": 0.1, "momentum": 0.05, "adam": 0.01}
