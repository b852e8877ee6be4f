"""Files the program reads: the bundled data sets (datasets/) and the window's translations
(i18n/). Installed, this folder is the package ``backpropviz._resources``; the program finds it
with importlib.resources."""
