"""The names the rest of the house imports from the data layer."""
import backpropviz.data


def test_public_api_names():
    for name in ("DatasetError", "Dataset", "load_dataset", "list_builtins", "read_table",
                 "TableInfo"):
        assert hasattr(backpropviz.data, name), name
