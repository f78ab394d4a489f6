# The commands the README shows. `make test` is what CI runs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install dev example test lint docs bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip uv

install: $(BIN)/python
	$(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python -e .
	@# An editable install is not byte-compiled; do it once so start-up stays fast even where
	@# PYTHONDONTWRITEBYTECODE is set.
	$(BIN)/python -m compileall -q replylint

dev: $(BIN)/python
	$(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python -e '.[dev]'
	$(BIN)/python -m compileall -q replylint

example: install
	@echo "== a draft with typical mistakes (exit code 1: findings) =="
	$(BIN)/replylint check --as-of 2026-11-25 examples/draft.md || true
	@echo "== the same reply written to the rubric (exit code 0) =="
	$(BIN)/replylint check --as-of 2026-11-25 examples/reply.md

lint: dev
	$(BIN)/ruff check replylint tests benchmarks
	$(BIN)/ruff format --check replylint tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

docs: install
	$(BIN)/python -m replylint.docgen docs

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
