# The README's commands. Everything installs itself into .venv on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_ENV := DEBUG=1
PORT ?= 8000
export DATABASE_URL_TESTS ?= postgres://postgres@127.0.0.1:5432/consultation
# Test processes (pytest-xdist): one per core by default; TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto

.PHONY: demo test test-fast lint fmt messages install fonts

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 or run make PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## demo: the site at http://127.0.0.1:$(PORT) (default 8000; make demo PORT=8123) with the 2015 consultation and marked sample content in every instrument (make demo BARE=1: the consultation alone; SQLite under var/)
demo: $(STAMP)
	mkdir -p var
	$(DEMO_ENV) $(BIN)/python manage.py migrate --verbosity 0
	$(DEMO_ENV) $(BIN)/python manage.py demo_setup --port $(PORT)
	@if [ -z "$(BARE)" ]; then $(DEMO_ENV) $(BIN)/python manage.py demo_content; fi
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## test: the whole suite on PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/consultation)
test: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-$(DATABASE_URL_TESTS)} $(BIN)/pytest -n $(TEST_WORKERS)

## test-fast: the suite without the browser journeys
test-fast: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-$(DATABASE_URL_TESTS)} $(BIN)/pytest -n $(TEST_WORKERS) -m "not browser"

lint: $(STAMP)
	mkdir -p var
	$(BIN)/ruff check .
	$(DEMO_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

fmt: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## messages: refresh and compile the lv and en catalogues (needs GNU gettext)
messages: $(STAMP)
	$(DEMO_ENV) $(BIN)/python manage.py makemessages --locale lv --locale en --ignore '.venv/*' --ignore 'var/*' --no-obsolete
	$(DEMO_ENV) $(BIN)/python manage.py compilemessages --ignore '.venv/*'

## fonts: the commitment document's web fonts, subset WOFF2 files of static/fonts/*.ttf (fonttools' pyftsubset)
WEB_FONT_UNICODES := U+0020-007E,U+00A0-017F,U+2010-2027,U+2030-203A,U+20AC,U+2116,U+2122
fonts: $(STAMP)
	for font in DejaVuSerif DejaVuSerif-Bold DejaVuSerif-Italic DejaVuSerif-BoldItalic DejaVuSans DejaVuSans-Bold; do \
	  $(BIN)/pyftsubset static/fonts/$$font.ttf --unicodes="$(WEB_FONT_UNICODES)" --layout-features='kern,liga,clig' \
	    --flavor=woff2 --no-hinting --desubroutinize --output-file=static/fonts/web/$$font.woff2; \
	done
