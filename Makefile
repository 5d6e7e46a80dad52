# Self-documenting: `make help` lists the targets.
# Every target installs what it needs on first run, into .venv/ and node_modules/.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
SITE   ?= site
NPX    := node_modules/.bin
CSS    := docs/assets/stylesheets/**/*.css

export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help serve build publish rollback check check-data test lint lint-js test-js browser nginx bench clean

help: ## Visa alla kommandon
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-11s %s\n", $$1, $$2}'

serve: check-data ## Visa handboken på http://127.0.0.1:8000 (uppdateras när du sparar)
	SITE_URL=http://$(HOST):$(PORT)/ $(BIN)/mkdocs serve --strict -a $(HOST):$(PORT)

build: check-data node_modules/.package-lock.json ## Bygg den publicerbara webbplatsen till site/ (sätt SITE_URL till den publika adressen)
	$(BIN)/mkdocs build --strict -d $(SITE)

publish: $(VENV)/.site browser node_modules/.package-lock.json ## Bygg, kontrollera och byt ut site/ i ett enda steg (kräver SITE_URL; förra versionen sparas i site.previous/)
	@$(BIN)/python scripts/publish.py --out $(SITE)

rollback: $(VENV)/.site ## Gå tillbaka till den förra publiceringen (byter plats på site/ och site.previous/)
	@$(BIN)/python scripts/publish.py --out $(SITE) --rollback

check: $(VENV)/.site node_modules/.package-lock.json ## Kontrollera allt före ett ändringsförslag: datafilen, sidorna, publicerade id, bygget, länkar och läsbarhet
	$(BIN)/python hooks/check.py

check-data: $(VENV)/.site ## Den snabba delen av make check: datafilen, sidorna och publicerade id, utan att bygga
	$(BIN)/python hooks/check.py --snabb

test: $(VENV)/.dev node_modules/.package-lock.json browser nginx lint-js test-js ## Kör alla tester (installerar allt som behövs, även webbläsaren)
	$(BIN)/python hooks/check.py
	$(BIN)/ruff check hooks tests scripts
	$(BIN)/ruff format --check hooks tests scripts
	$(BIN)/python -m pytest

lint: $(VENV)/.dev node_modules/.package-lock.json ## Rätta kodstil i hooks/, tests/, scripts/, JavaScript och CSS
	$(BIN)/ruff check --fix hooks tests scripts
	$(BIN)/ruff format hooks tests scripts
	$(NPX)/eslint --fix .
	$(NPX)/stylelint --fix "$(CSS)"

lint-js: node_modules/.package-lock.json ## Kontrollera JavaScript (ESLint) och CSS (Stylelint)
	$(NPX)/eslint --max-warnings=0 .
	$(NPX)/stylelint --max-warnings=0 "$(CSS)"

test-js: ## Testa webbläsarkodens rena moduler med Node (node --test, utan webbläsare)
	node --test --test-reporter=spec tests/js/

bench: $(VENV)/.site node_modules/.package-lock.json browser nginx ## Mät byggtid, storlek och Lighthouse (skriver ut siffror)
	$(BIN)/python scripts/bench.py

browser: ## Se till att det finns en Chromium för webbläsartesterna
	@if [ -x /usr/bin/chromium ]; then \
	  echo "Använder /usr/bin/chromium"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  $(BIN)/playwright install chromium; \
	fi

nginx: ## Se till att det finns en nginx för testerna av serverns inställningar i deploy/
	@if [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null; then \
	  echo "Använder $$(command -v nginx || echo /usr/sbin/nginx)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	else \
	  echo "nginx saknas. Installera Debians paket (sudo apt-get install nginx), annars hoppas testerna av deploy/ över."; \
	fi

$(VENV)/.python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' || \
	  { echo "Python 3.11.5 eller nyare behövs (PYTHON=$(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	@touch $@

$(VENV)/.site: requirements.txt $(VENV)/.python
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.site
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

clean: ## Ta bort byggen och installerade verktyg
	rm -rf $(VENV) node_modules $(SITE) .pytest_cache .ruff_cache
