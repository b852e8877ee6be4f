"""The window: the only part of backpropviz that imports PySide6 or pyqtgraph."""
