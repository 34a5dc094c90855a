# IPOps — the two commands: `make run` (platform on SQLite + bundled data) and `make test` (everything).
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test setup system-deps lint bench clean

run: setup
	$(BIN)/ipops serve

test: setup system-deps
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

# Python env (re-made when pyproject.toml changes) + browser assets from npm (the script is a quick
# no-op unless package-lock.json changed or a vendor file is missing).
setup: $(STAMP)
	bash scripts/web-assets.sh

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

system-deps:
	bash scripts/system-deps.sh

bench: setup
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) var build *.egg-info node_modules src/ipops/web/static/vendor
