# scanpack: `make demo` starts the kiosk on the embedded demo store; `make test` runs
# the whole suite. Both make .venv when it is missing; `make test` also installs the
# Debian packages the suite needs (when it runs as root and they are missing).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# What the tests need from Debian: a PostgreSQL server, CUPS with a PDF queue, Xvfb,
# zbar for pyzbar, the libraries of Qt's xcb and offscreen platforms, and a font
# (without one the offscreen platform draws boxes); QtMultimedia links libpulse and
# warns without pipewire and VA-API.
APT_PACKAGES := postgresql cups printer-driver-cups-pdf xvfb libzbar0 \
	libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 \
	libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxkbcommon-x11-0 libegl1 libgl1 \
	libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core \
	libpulse0 libpipewire-0.3-0 libva2 libva-drm2 libva-x11-2

.PHONY: demo test venv system-deps bench lint clean

demo: venv
	$(VENV)/bin/scanpack --demo

test: system-deps venv
	$(PY) -m pytest

bench: venv
	$(PY) -m benchmarks

lint: venv
	$(VENV)/bin/ruff check app ui tests benchmarks
	$(VENV)/bin/mypy

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

system-deps:
	@command -v dpkg >/dev/null 2>&1 || { echo "not a Debian system: install $(APT_PACKAGES) by hand"; exit 0; }; \
	missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || printf '%s ' $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
		echo "missing Debian packages: $$missing-- run 'make test' as root or: sudo apt-get install $$missing"; exit 1; \
	fi; \
	echo "installing Debian packages: $$missing"; \
	apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
