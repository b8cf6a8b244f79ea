# OneWindow — `make help` lists the targets.
# Needs only python3 (3.11) and make: uv is fetched into var/tools/bin when it is not on the PATH.

SHELL := /bin/bash

# A local .env (copy .env.example) configures every target.
ifneq (,$(wildcard .env))
include .env
export
endif
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
# The hall boards' Server-Sent Events are served by an ASGI process (uvicorn) on the next port
# (docs/decisions/0016-queue-live-streams.md); the pages tell the browsers where it is.
STREAM_PORT ?= $(shell echo $$(( $(PORT) + 1 )))
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

UV := $(shell command -v uv 2>/dev/null || echo var/tools/bin/uv)
VENV_PY := .venv/bin/python
MANAGE := $(VENV_PY) manage.py

# The suite runs in pytest-xdist worker processes, each with its own test database
# (test_<name>_gw0, _gw1, ...). "auto" starts one per CPU; TEST_WORKERS=0 runs everything in one
# process. loadgroup hands out tests one by one (no core idles at the end), except those marked
# with one xdist_group, which stay on one worker: the demo-with-cases module loads the county once
# in a module fixture, and split across workers it would load it on each.
TEST_WORKERS ?= auto
XDIST := -n $(TEST_WORKERS) --dist loadgroup
# The browser journeys each load the demo county and drive Chromium against a live server; each
# xdist worker would have its own. Not yet measured in parallel on the shared machine, so they run
# in one process by default; BROWSER_WORKERS=2 tries two workers.
BROWSER_WORKERS ?= 0

.DEFAULT_GOAL := help
.PHONY: help install run serve demo test test-fast test-pg test-browser check-fonts lint fmt check messages vendor bench clean backup restore

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

var/tools/bin/uv:
	@echo "Installing uv $(UV_VERSION) into var/tools/bin ..."
	@$(PYTHON) scripts/bootstrap_uv.py $(UV_VERSION) var/tools/bin

install: $(UV) ## install the locked dependencies into .venv
	@$(UV) sync --frozen --quiet --python $(PYTHON)

run: $(UV) ## install, migrate, load the demo county once, serve on HOST:PORT with the task consumer
	@# Installed with the dependencies compiled to bytecode once: each process started below
	@# would otherwise compile them again where bytecode is not written (PYTHONDONTWRITEBYTECODE).
	@$(UV) sync --frozen --quiet --compile-bytecode --python $(PYTHON)
	@# One Django process migrates, collects static files and loads the demo, each only when
	@# needed (unapplied migrations, changed static sources, no demo county): a second run serves
	@# within seconds.
	@$(MANAGE) prepare_run
	@echo ""
	@echo "OneWindow is starting at http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	@echo "Live hall boards stream from port $(STREAM_PORT)."
	@echo ""
	@# The task consumer (huey) runs beside gunicorn and gets SIGTERM (graceful) when gunicorn
	@# exits, whether by Ctrl+C, a kill of make, a crash or a busy port. gunicorn runs in the
	@# background too, so `wait` returns at once on a signal, which the trap passes on to it.
	@# The live streams (queue boards) run in one uvicorn process beside them: an open board
	@# costs a coroutine there, never a gunicorn thread. It stops with gunicorn, like huey.
	@$(MANAGE) run_huey & consumer=$$!; \
	.venv/bin/uvicorn config.asgi:application --host $(HOST) --port $(STREAM_PORT) \
		--log-level warning --no-access-log & streams=$$!; \
	QUEUE_STREAM_PORT=$(STREAM_PORT) .venv/bin/gunicorn -c config/gunicorn.py config.wsgi \
		--bind $(HOST):$(PORT) --workers $(WORKERS) --threads 4 --worker-class gthread \
		--access-logfile - --log-level warning & server=$$!; \
	trap 'kill -TERM $$server 2>/dev/null' INT TERM HUP; \
	trap 'kill -TERM $$consumer $$streams 2>/dev/null; wait $$consumer $$streams 2>/dev/null' EXIT; \
	status=0; while kill -0 $$server 2>/dev/null; do wait $$server; status=$$?; done; \
	exit $$status

serve: ## serve without the install and demo steps
	@exec .venv/bin/gunicorn -c config/gunicorn.py config.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--threads 4 --worker-class gthread --access-logfile -

demo: install ## load the demo county into the configured database
	@$(MANAGE) migrate --noinput -v0
	@$(MANAGE) load_demo

test: install check-fonts ## install and run the whole suite (SQLite, then the browser journeys), then ruff
	@$(VENV_PY) -m pytest -m "not browser" -q $(XDIST)
	@if [ "$${BROWSER_TESTS:-1}" = "0" ]; then echo "browser journeys skipped (BROWSER_TESTS=0)"; \
	elif [ -x /usr/bin/chromium ]; then $(MAKE) --no-print-directory test-browser; \
	else echo "browser journeys skipped: /usr/bin/chromium is missing (apt-get install chromium)"; fi
	@$(MAKE) --no-print-directory lint

test-pg: install ## run the suite against PostgreSQL (DATABASE_URL=postgres://...)
	@$(VENV_PY) -m pytest -m "not browser" -q --create-db $(XDIST)

test-browser: install check-fonts ## Playwright journeys on Debian's Chromium (/usr/bin/chromium)
	@DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV_PY) -m pytest -m browser -q \
		-n $(BROWSER_WORKERS) --dist worksteal

# The PDF tests (guides, formal documents) need a Chinese font: without one WeasyPrint draws empty
# boxes and the text checks fail far from the cause. Say so before the suite starts.
check-fonts:
	@fc-list :lang=zh family 2>/dev/null | grep -q . || { \
		echo ""; \
		echo "*** No Chinese (CJK) font is installed: the PDF tests will fail."; \
		echo "*** Install one with: sudo apt-get install fonts-noto-cjk   (.ci/run does it itself)"; \
		echo ""; }

lint: install ## ruff lint + format check, import layers (.importlinter), mypy type check, migrations in step with models
	@.venv/bin/ruff check .
	@.venv/bin/ruff format --check .
	@.venv/bin/lint-imports --no-logo --cache-dir var/cache/import-linter
	@.venv/bin/mypy
	@$(MANAGE) makemigrations --check --dry-run

fmt: install ## format and autofix
	@.venv/bin/ruff format .
	@.venv/bin/ruff check --fix .

messages: install ## extract and compile translations (needs gettext)
	@$(MANAGE) makemessages -l zh_Hans --no-obsolete --ignore=.venv --ignore=var --ignore=scripts --ignore=bench
	@$(MANAGE) compilemessages --ignore=.venv --ignore=var

bench: install ## run the benchmarks (see docs/benchmarks.md); DATABASE_URL picks the engine
	@$(VENV_PY) bench/catalog_search.py

backup: install ## back up the database and stored files (BACKUP=file.tar.gz; default var/backups/)
	@$(MANAGE) backup $(if $(BACKUP),--output "$(BACKUP)")

restore: install ## restore BACKUP=file.tar.gz into a fresh database and storage, then verify the audit chain
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/onewindow-....tar.gz"; exit 2; }
	@$(MANAGE) restore "$(BACKUP)"

vendor: ## re-fetch the pinned front-end assets from npm
	@bash scripts/vendor-assets.sh

clean: ## remove the local database, static build and virtualenvs
	rm -rf var .venv
