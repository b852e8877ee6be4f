# backpropviz: two commands set everything up.
#   make run    create .venv, install, warm the Numba cache, open the window
#   make test   the same with the test extra, then the whole test suite (offscreen Qt), then
#               the wheel as users install it, run from another folder (make wheel-check)
#   make bench  training throughput against plain NumPy and PyTorch (CPU)
#   make i18n   collect the window's texts into resources/i18n/*.ts, then compile them (.qm)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
QT_DEBS := libegl1 libgl1 libdbus-1-3 libfontconfig1 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0
# Chinese text needs a CJK font (Debian's Noto CJK); without one it shows as boxes.
CJK_DEBS := fonts-noto-cjk
TS := resources/i18n/backpropviz_zh_CN.ts
QM := $(TS:.ts=.qm)
# The CPU build of PyTorch for the benchmark only (never a dependency): its version is defined
# once, in backpropviz/choices.py.
TORCH_VERSION := $(shell sed -n 's/^TORCH_VERSION = "\(.*\)"/\1/p' backpropviz/choices.py)

# Fashion-MNIST as Debian packages it, for the tests and the benchmark that need real data.
FASHION_MNIST := /usr/share/datasets/fashion-mnist

.PHONY: run test bench warmup qt-libs i18n wheel-check fashion-mnist clean

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
	fi; \
	if command -v dpkg-query >/dev/null && ! dpkg-query -W -f='$${Status}' $(CJK_DEBS) 2>/dev/null | grep -q "ok installed"; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing a font for Chinese text ($(CJK_DEBS))"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(CJK_DEBS) >/dev/null; \
	  else \
	    echo "Chinese text needs a CJK font; run: sudo apt-get install $(CJK_DEBS)"; \
	  fi; \
	fi

# The window's translations: lupdate collects every tr()/translate() text of the package into
# the .ts (new texts arrive unfinished: translate them, e.g. in pyside6-linguist); lrelease
# compiles the .ts into the .qm the window loads. Tests fail while a text is untranslated.
i18n: $(VENV)/.installed
	$(VENV)/bin/pyside6-lupdate $$(find backpropviz -name '*.py' | sort) -locations none -no-obsolete -ts $(TS)
	$(VENV)/bin/pyside6-lrelease $(TS) -qm $(QM)

$(QM): $(TS) | $(VENV)/.installed
	$(VENV)/bin/pyside6-lrelease -silent $(TS) -qm $(QM)

# Tests that need it skip (with the reason) when it cannot be installed.
fashion-mnist:
	@if [ ! -e $(FASHION_MNIST)/train-images-idx3-ubyte.gz ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Fashion-MNIST (dataset-fashion-mnist)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      dataset-fashion-mnist >/dev/null) || echo "dataset-fashion-mnist could not be installed"; \
	  else \
	    echo "Fashion-MNIST is missing (sudo apt-get install dataset-fashion-mnist): its tests skip"; \
	  fi; \
	fi

warmup: $(VENV)/.installed
	$(PY) -m backpropviz warmup

run: $(VENV)/.installed qt-libs $(QM) warmup
	$(PY) app.py

test: $(VENV)/.installed-test qt-libs $(QM) fashion-mnist
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q
	@$(MAKE) --no-print-directory wheel-check

# The package as users install it: build a wheel, install it into a venv of its own and run it
# from another folder, so that nothing can come from this checkout (the bundled data sets must
# come from the wheel). The venv is made afresh whenever pyproject.toml changes (so on every
# clean checkout, as on CI) and its dependencies come from pip's cache; the wheel is built and
# reinstalled every time. Its Numba cache is a scratch folder, so nothing touches .venv's.
WHEEL_VENV := $(VENV)-wheel
# named after pyproject.toml's content, not its date: a rebase that rewrites the file unchanged
# keeps the venv
WHEEL_STAMP := $(WHEEL_VENV)/.created-$(shell cksum < pyproject.toml | cut -d' ' -f1)
$(WHEEL_STAMP):
	rm -rf $(WHEEL_VENV)
	$(PYTHON) -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/python -m pip install --quiet --upgrade pip
	touch $@

wheel-check: $(WHEEL_STAMP) $(QM) | $(PY)
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	rm -rf build; \
	$(PIP) wheel --quiet --no-deps --wheel-dir "$$tmp/dist" . ; \
	$(WHEEL_VENV)/bin/python -m pip uninstall --quiet --yes backpropviz 2>/dev/null || true; \
	$(WHEEL_VENV)/bin/python -m pip install --quiet "$$tmp"/dist/backpropviz-*.whl; \
	bpv="$(CURDIR)/$(WHEEL_VENV)/bin/backpropviz"; cd "$$tmp"; \
	export NUMBA_CACHE_DIR="$$tmp/numba"; \
	echo "wheel-check: $$($$bpv --version) installed from a wheel, run from $$tmp"; \
	$$bpv train --data builtin:iris --epochs 1 >/dev/null; \
	$$bpv train --data builtin:digits --epochs 1 >/dev/null; \
	QT_QPA_PLATFORM=offscreen $$bpv gui --data builtin:digits --screenshot "$$tmp/x.png" >/dev/null; \
	test -s "$$tmp/x.png"; \
	echo "wheel-check: train on builtin:iris and builtin:digits and the window's screenshot work"

bench: $(VENV)/.installed qt-libs $(QM) fashion-mnist
	@$(PY) -c "import torch" 2>/dev/null || $(PIP) install --quiet "torch==$(TORCH_VERSION)" \
	  || echo "PyTorch $(TORCH_VERSION) (CPU) could not be installed: its row will be missing"
	QT_QPA_PLATFORM=offscreen $(PY) -m backpropviz bench

clean:
	rm -rf $(VENV) $(WHEEL_VENV) build *.egg-info .pytest_cache $(QM)
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
