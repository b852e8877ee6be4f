"""Open the backpropviz window: python app.py"""
from backpropviz.cli import main

raise SystemExit(main(["gui"]))
