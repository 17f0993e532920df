# Translink: `make run` serves the demo institute, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint check serve-production clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installed markers: re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(BIN)/activate $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

# The compiled similarity scan (translink/matching/engine/scan.c, loaded through ctypes).
SCAN := translink/matching/engine/libtranslink_scan.so
$(SCAN): translink/matching/engine/scan.c translink/matching/engine/kernel.py $(VENV)/.installed
	$(BIN)/python -m translink.matching.engine.build_scan

run: $(VENV)/.installed
	mkdir -p var
	@$(MAKE) --no-print-directory $(SCAN) || echo "The similarity scan was not built (see above; apt-get install gcc): matching reads its vectors in float32, slower."
	DEBUG=1 $(BIN)/python manage.py migrate --no-input -v 0
	DEBUG=1 $(BIN)/python manage.py load_demo
	-@DEBUG=1 $(BIN)/python manage.py rebuild_index --queue
	@echo "Serving Translink at http://$(HOST):$(PORT)/ (Ctrl-C stops it)."
	@echo "The matching index builds in the background (progress: /matching/index/, log: var/worker.log)."
	@DEBUG=1 $(BIN)/python manage.py db_worker >var/worker.log 2>&1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-test $(SCAN)
	@test -x /usr/bin/chromium || { echo "The browser tests need Debian's chromium: apt-get install chromium"; exit 1; }
	mkdir -p var
	$(BIN)/pytest --create-db

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY=lint-only $(BIN)/mypy translink

clean:
	rm -rf $(VENV) var/static $(SCAN)
