"""The data layer: built-in data sets, file loaders and the Dataset the engine trains on.

Never imports Qt nor ``backpropviz.engine``; every problem surfaces as a one-line DatasetError.
"""
from .builtin import BUILTINS, list_builtins
from .dataset import Dataset, dataset_from_arrays, load_dataset
from .errors import DatasetError
from .loaders import peek_table, read_table
from .table import PREVIEW_ROWS, TableInfo

__all__ = ["BUILTINS", "PREVIEW_ROWS", "Dataset", "DatasetError", "TableInfo", "dataset_from_arrays",
           "list_builtins", "load_dataset", "peek_table", "read_table"]
