# Two commands: `make run` and `make test`. Each bootstraps .venv on a machine that
# has only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint format bench clean ralph-venv

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m lms.run

# Tests never need a real secret; one is made up when none is given (production refuses that).
test: export SECRET_KEY := $(or $(SECRET_KEY),test-$(shell od -An -N16 -tx1 /dev/urandom | tr -d ' \n'))
test: $(STAMP)
	$(BIN)/python manage.py compile_translations
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python bench/module_page.py

# Ralph (an LRS) in a venv of its own, for the forwarding integration tests and benchmark.
ralph-venv: var/ralph-venv/.installed-stamp
var/ralph-venv/.installed-stamp:
	test -x var/ralph-venv/bin/python || $(PYTHON) -m venv var/ralph-venv
	var/ralph-venv/bin/python -m pip install --quiet --upgrade pip
	var/ralph-venv/bin/python -m pip install --quiet "ralph-malph[cli,lrs]>=5.1,<5.2" requests
	touch $@

clean:
	rm -rf $(VENV) var
