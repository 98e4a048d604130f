# Two commands for a newcomer: `make demo` and `make test` (see README.md).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
HUQUQ := $(VENV)/bin/huquq
STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev
PYTEST_ARGS ?=

.PHONY: extract-messages demo test test-only lint typecheck messages migrate demo-data system-deps browser-deps serve serve-prod bench clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[dev]'
	touch $@ $(STAMP)

# gettext's msgfmt compiles the translations; Debian's chromium drives the browser tests.
system-deps:
	@command -v msgfmt >/dev/null || { echo "installing gettext (apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }

browser-deps:
	@command -v chromium >/dev/null || { echo "installing chromium (apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

messages: system-deps
	$(HUQUQ) languages build-uz-cyrl >/dev/null
	cd huquq && ../$(HUQUQ) compilemessages --ignore=__pycache__ -v 0

migrate:
	$(HUQUQ) migrate --noinput -v 0

demo-data:
	$(HUQUQ) load_demo

demo: $(STAMP) messages migrate demo-data serve

serve:
	@echo "Huquq is at http://127.0.0.1:8000/ru/ (English: /en/). Stop with Ctrl-C."
	DEBUG=true $(HUQUQ) runserver 127.0.0.1:8000

# The production server (gunicorn) on this machine, as docs/deploy.md runs it under systemd.
serve-prod: $(STAMP) messages migrate
	$(HUQUQ) collectstatic --noinput -v 0
	$(HUQUQ) serve --bind 127.0.0.1:8000

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check huquq tests benchmarks tools

# mypy (with django-stubs) on the modules listed under [tool.mypy] in pyproject.toml
typecheck: $(DEV_STAMP)
	$(VENV)/bin/mypy

test: $(DEV_STAMP) messages browser-deps lint typecheck test-only

test-only:
	$(VENV)/bin/pytest -n 2 -q $(PYTEST_ARGS)

bench: $(DEV_STAMP)
	@for script in benchmarks/[!_]*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache .hypothesis

# Refresh the .po catalogues after changing translatable strings: the project's own under huquq/locale,
# each domain app's under huquq/<app>/locale.
LOCALES := -l ru -l ky -l tg -l uz -l en
APPS_WITH_OWN_LOCALE := rules registry cases reports channels monitoring
extract-messages: $(STAMP) system-deps
	cd huquq && ../$(HUQUQ) makemessages $(LOCALES) --no-obsolete --no-location $(foreach app,$(APPS_WITH_OWN_LOCALE),--ignore='$(app)/*')
	for app in $(APPS_WITH_OWN_LOCALE); do \
	  if grep -rqsE "translate|gettext|_\(" huquq/$$app --include=*.py --include=*.html; then \
	    mkdir -p huquq/$$app/locale && (cd huquq/$$app && ../../$(HUQUQ) makemessages $(LOCALES) --no-obsolete --no-location -v 0); fi; done
