"""backpropviz: see backpropagation happen, one layer and one number at a time."""
__version__ = "0.1.0"
