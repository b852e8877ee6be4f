"""The maths of backpropviz: NumPy and Numba only, never Qt."""
from . import _cache  # noqa: F401  (first: holds this version's kernel cache directory)
from .errors import EngineError, ModelFileError
from .network import Network
from . import memory  # noqa: F401  (re-exported for callers)
from .optim import OptimizerConfig

__all__ = ["Network", "OptimizerConfig", "EngineError", "ModelFileError"]
