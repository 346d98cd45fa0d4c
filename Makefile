# geomap: two commands matter, `make demo` and `make test`. Everything else is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install demo test lint bench gazetteer-data clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m gazetteer.demo
	$(BIN)/python -m geomap.demo out

# pytest exits 5 when it collected no test: that is a failure here, never a pass.
test: $(STAMP)
	$(BIN)/ruff check gazetteer geomap tests benchmarks
	GEOMAP_SHARED=$(SHARED) $(BIN)/python -m pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

lint: $(STAMP)
	$(BIN)/ruff check gazetteer geomap tests benchmarks

bench: $(STAMP)
	GEOMAP_SHARED=$(SHARED) $(BIN)/python benchmarks/run_all.py --out BENCHMARKS.md

# Rebuild the bundled index from the sources (needs ../shared); the result is committed.
gazetteer-data: $(STAMP)
	$(BIN)/python -m gazetteer.build --shared $(SHARED)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache out
