# backpropviz: two commands set everything up.
#   make run    create .venv, install, warm the Numba cache, open the window
#   make test   the same with the test extra, then the whole test suite (offscreen Qt)
#   make bench  training throughput against plain NumPy and PyTorch (CPU)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
QT_DEBS := libegl1 libgl1 libdbus-1-3 libfontconfig1 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0
# The CPU build of PyTorch that lies on this machine, for the benchmark only (never a dependency).
TORCH_VERSION := 2.13.0

.PHONY: run test bench warmup qt-libs clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Reinstall when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

# Offscreen Qt needs a few system libraries a bare Debian lacks.
qt-libs:
	@missing=""; for lib in libEGL.so.1 libGL.so.1 libdbus-1.so.3 libfontconfig.so.1 libglib-2.0.so.0 libxkbcommon.so.0; do \
	  ldconfig -p | grep -q "$$lib" || missing="$$missing $$lib"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Qt's system libraries ($$missing )"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(QT_DEBS) >/dev/null; \
	  else \
	    echo "Qt needs system libraries that are missing:$$missing"; \
	    echo "run: sudo apt-get install $(QT_DEBS)"; exit 1; \
	  fi; \
	fi

warmup: $(VENV)/.installed
	$(PY) -m backpropviz warmup

run: $(VENV)/.installed qt-libs warmup
	$(PY) app.py

test: $(VENV)/.installed-test qt-libs
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(VENV)/.installed qt-libs
	@$(PY) -c "import torch" 2>/dev/null || $(PIP) install --quiet "torch==$(TORCH_VERSION)" \
	  || echo "PyTorch $(TORCH_VERSION) (CPU) could not be installed: its row will be missing"
	QT_QPA_PLATFORM=offscreen $(PY) -m backpropviz bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
