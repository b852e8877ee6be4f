"""The engine's error types. Each carries a one-line message a user can act on."""


class EngineError(ValueError):
    """A request the engine cannot honour: a bad architecture, hyperparameter or input."""


class ModelFileError(EngineError):
    """A model file or model dict that cannot be read: wrong format, shapes or numbers."""
