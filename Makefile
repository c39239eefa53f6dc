# Every target installs what it needs into .venv on first use: `make demo` and `make test`
# are all the set-up a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
POSTGRES_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5432/test
# pytest-xdist workers: most of an end-to-end test is waiting for the bot's answers, so more
# processes than cores overlap well. Tests marked `serial` (kills, restarts, timing under load)
# run afterwards, alone, as they would on a quiet machine.
TEST_WORKERS ?= 3
PYTEST := $(BIN)/python -m pytest -q -p no:cacheprovider

.PHONY: install demo run migrate test test-postgres lint format bench profile clean

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)  ## chat with the bot in this terminal (no token, no network)
	$(BIN)/python -m bot chat

run: $(STAMP)  ## run the bot for real (needs TELEGRAM_BOT_TOKEN in .env)
	$(BIN)/python -m bot run

migrate: $(STAMP)
	$(BIN)/python -m bot migrate

test: $(STAMP)  ## the whole suite on SQLite (PostgreSQL tests run when TEST_DATABASE_URL is set)
	$(PYTEST) -n $(TEST_WORKERS) -m "not serial"
	$(PYTEST) -m serial

test-postgres: $(STAMP)  ## the whole suite again on PostgreSQL
	TEST_DATABASE_URL=$(POSTGRES_URL) $(PYTEST) -n $(TEST_WORKERS) -m "not serial"
	TEST_DATABASE_URL=$(POSTGRES_URL) $(PYTEST) -m serial

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The pytest benchmarks, then updates/s of the real bot as a ratio to an echo bot
# (benchmarks/throughput.py), then reminder fan-out, memory, start-up and the dispatcher
# tick with 100,000 users (benchmarks/scale.py); on PostgreSQL too when TEST_DATABASE_URL is set.
bench: $(STAMP)  ## performance goals live here, never in timed tests
	$(BIN)/python -m pytest -q -p no:cacheprovider benchmarks --benchmark-only
	$(BIN)/python -m benchmarks.throughput
	$(BIN)/python -m benchmarks.scale

profile: $(STAMP)  ## the throughput scenario under pyinstrument: benchmarks/results/profile.*
	$(BIN)/python -m benchmarks.throughput --profile

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
