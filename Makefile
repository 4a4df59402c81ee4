# scanpack: `make demo` starts the kiosk on the embedded demo store; `make test` runs
# the whole suite; `make lint` runs ruff and mypy. Each makes .venv when it is missing.
# `make demo` first installs the Debian packages the kiosk needs at run time, `make test`
# those and the ones the tests add (as root, when they are missing; otherwise they say
# in one line what to install, and stop).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

# What the kiosk and its tools need from Debian at run time. Qt's xcb platform plugin
# (Qt 6.5+ refuses to start without libxcb-cursor0) and its offscreen one; EGL/GL,
# fontconfig, D-Bus and GLib for QtGui; QtMultimedia links libpulse and QtNetwork
# (GSSAPI), its FFmpeg plugin links Xrandr and loads PipeWire and VA-API when present
# (it warns without them); QtPrintSupport's CUPS plugin links libcups and the `cups`
# printer back-end runs `lp`; pyzbar loads libzbar; labels, the demo sheet and the
# offscreen platform draw with DejaVu. tests/test_system_libraries.py fails when a
# library these load comes from a package that is neither here nor pulled in by one.
RUNTIME_PACKAGES := libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 \
	libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxkbcommon-x11-0 \
	libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core \
	libpulse0 libpipewire-0.3-0 libva2 libva-drm2 libva-x11-2 libxrandr2 \
	libgssapi-krb5-2 libcups2 cups-client libzbar0
# What only the tests add: a PostgreSQL server, CUPS with a PDF queue, an X server (Xvfb)
# and the tools that read and resize its screen from outside (xwininfo, xrandr).
TEST_PACKAGES := postgresql cups printer-driver-cups-pdf xvfb x11-utils x11-xserver-utils
# `python3 -m venv` needs ensurepip, which Debian ships apart (python3-venv); asked for
# only while there is no .venv yet and this Python lacks it.
VENV_PACKAGES = $(if $(wildcard $(PY)),,$(shell $(PYTHON) -c 'import ensurepip' \
	>/dev/null 2>&1 || echo $(notdir $(PYTHON))-venv))

.PHONY: demo test venv runtime-deps system-deps bench lint translations clean

demo: runtime-deps venv
	$(VENV)/bin/scanpack --demo

test: system-deps venv
	$(PY) -m pytest

bench: venv
	$(PY) -m benchmarks

lint: $(VENV)/.lint-installed
	$(VENV)/bin/ruff check app ui tests benchmarks
	$(VENV)/bin/ruff format --check app ui tests benchmarks
	$(VENV)/bin/mypy

# The catalogues: every ui/ string, and the templates app/ keeps as data (marked with
# app.catalogue.QT_TRANSLATE_NOOP), into resources/translations/scanpack_<lang>.ts (kept
# translations stay, obsolete ones are dropped), then compiled to the .qm the kiosk loads.
# A new language: add its code to LANGUAGES and run `make translations` (README).
LANGUAGES := es
TRANSLATIONS := resources/translations
LUPDATE := $(VENV)/bin/pyside6-lupdate
LRELEASE := $(VENV)/bin/pyside6-lrelease

translations: venv
	mkdir -p $(TRANSLATIONS)
	sources="$$(find ui -name '*.py' | sort) $$(grep -rlF --include='*.py' 'QT_TRANSLATE_NOOP' app \
		| grep -v '^app/catalogue.py$$' | sort)"; \
	for lang in $(LANGUAGES); do \
		$(LUPDATE) -no-obsolete -locations relative -target-language $$lang $$sources \
			-ts $(TRANSLATIONS)/scanpack_$$lang.ts && \
		$(LRELEASE) $(TRANSLATIONS)/scanpack_$$lang.ts -qm $(TRANSLATIONS)/scanpack_$$lang.qm \
			|| exit 1; \
	done

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.lint-installed: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test,lint]'
	touch $@

# $(call debian-packages,PACKAGES,TARGET): as root, install what PACKAGES lacks; otherwise
# say in one line what to install and how, and fail: a kiosk started without them stops
# at its first window, camera frame, sound or label instead, further from the cause.
# A package counts as present when it, or an installed package providing it, is installed
# (Ubuntu's 64-bit-time libraries, e.g. libglib2.0-0t64, provide the Debian names).
define debian-packages
	@command -v dpkg-query >/dev/null 2>&1 || { \
		echo "scanpack: not a Debian system: install the equivalents of $(strip $(1)) by hand"; exit 0; }; \
	present=" $$(dpkg-query -W -f='$${db:Status-Status} $${Package} $${Provides}\n' 2>/dev/null \
		| awk '$$1 == "installed" { $$1 = ""; gsub(/\([^)]*\)|,|:[a-z0-9]+/, " "); print }' \
		| tr -s ' \n' '  ') "; \
	missing=$$(for p in $(1); do case "$$present" in *" $$p "*) ;; *) printf '%s ' $$p;; esac; done); \
	missing=$${missing% }; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
		echo "scanpack: 'make $(2)' needs the Debian packages $$missing; install them with: sudo apt-get install --no-install-recommends $$missing"; \
		exit 1; \
	fi; \
	echo "installing Debian packages: $$missing"; \
	apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing
endef

runtime-deps:
	$(call debian-packages,$(RUNTIME_PACKAGES) $(VENV_PACKAGES),demo)

system-deps:
	$(call debian-packages,$(RUNTIME_PACKAGES) $(TEST_PACKAGES) $(VENV_PACKAGES),test)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
