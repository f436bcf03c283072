# IVIG triage assistant. `make run` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPACY_PIPELINE := build/spacy_ivig/meta.json
MODEL := models/ivig-assistant.tar.gz
TRAINING_FILES := $(shell find data -name '*.yml') config.yml domain.yml
WEB_STAMP := web/node_modules/.installed
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Nothing a patient says leaves the machine: Rasa's telemetry is off everywhere.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: help install train run shell test lint validate unit stories integration eval eval-ablation nlu-cv clean
.PHONY: web web-unit browser load fuzz bench bench-smoke staff-user

help:
	@echo "make run    install what is missing, train if needed, start the assistant"
	@echo "make test   install what is missing and run the whole test suite"
	@echo "make shell  talk to the assistant in the terminal (developers)"
	@echo "make train  train the model if data or config changed"
	@echo "make eval   safety evaluation on tests/eval/labelled_messages.yml"

$(STAMP): requirements.txt requirements-dev.txt constraints.txt scripts/find_python.sh
	@PY=$$(scripts/find_python.sh) || exit 1; \
	  if [ ! -x $(BIN)/python ]; then echo "creating $(VENV) with $$PY"; $$PY -m venv $(VENV) || exit 1; fi
	$(BIN)/python -m pip install --quiet --upgrade "pip<24" wheel
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt -c constraints.txt
	$(BIN)/rasa telemetry disable >/dev/null 2>&1 || true
	@touch $@

install: $(STAMP)

# The project's spaCy pipeline, built from spaCy's packages (no model download).
$(SPACY_PIPELINE): $(STAMP) $(wildcard clinical/*.py) components/spacy_pipeline.py
	$(BIN)/python -m components.spacy_pipeline build/spacy_ivig

$(MODEL): $(STAMP) $(SPACY_PIPELINE) $(TRAINING_FILES) components/red_flag_detector.py $(wildcard clinical/*.py)
	@mkdir -p models
	@start=$$(date +%s); \
	$(BIN)/rasa train --fixed-model-name ivig-assistant --out models --force || exit 1; \
	echo "training took $$(( $$(date +%s) - start ))s"
	@touch $@

train: $(MODEL)

run: $(MODEL) $(WEB_STAMP)
	@mkdir -p -m 0700 var
	$(BIN)/python -m tools.run

# Care team accounts of the staff inbox (store/staff_cli.py), e.g.
#   make staff-user ARGS="add nora --role nurse --name Nora"   (prints a generated password)
#   make staff-user ARGS="disable nora"      make staff-user ARGS="list"
staff-user: $(STAMP)
	@mkdir -p -m 0700 var
	$(BIN)/python -m store.staff_cli $(or $(ARGS),list)

# Talks to `make run` if it is up, else starts private servers on free ports with temporary
# databases (tools/shell.py). SHELL_ARGS="--own" always starts private ones.
shell: $(MODEL)
	$(BIN)/python -m tools.shell $(SHELL_ARGS)

# One lint target for every package.
lint: $(STAMP)
	$(BIN)/ruff check actions clinical components store jobs rasa_addons web tools settings.py tests

validate: $(STAMP) $(SPACY_PIPELINE)
	$(BIN)/rasa data validate

# tests/web runs in web-unit (it needs web/node_modules), so every test runs once in `make test`.
unit: $(STAMP) $(SPACY_PIPELINE)
	$(BIN)/python -m pytest tests --ignore=tests/web -m "not integration and not browser and not load and not fuzz" -q

stories: $(MODEL)
	$(BIN)/rasa test core -m $(MODEL) --stories tests/test_stories.yml --fail-on-prediction-errors --out results/stories

integration: $(MODEL)
	$(BIN)/python -m pytest tests -m integration -q

# 50 concurrent conversations of 20 messages through the REST channel.
load: $(MODEL)
	$(BIN)/python -m pytest tests/load -m load -q

# Over 1,000 malformed and odd inputs at the REST and socket.io channels.
fuzz: $(MODEL)
	$(BIN)/python -m pytest tests/fuzz -m fuzz -q

test: lint validate unit stories integration web-unit browser load fuzz bench-smoke

# The dev messages and conversations (tests/eval/dev2/ to dev7/: dev sets written later by
# helpers who had not seen the lexicon), and the blind sets (tests/eval/blind/, never tuned
# on) when they exist. EVAL_ARGS="--check-goals" fails on a missed safety goal.
EVAL_SETS := tests/eval/labelled_messages.yml \
	$(foreach dev,dev2 dev3 dev4 dev5 dev6 dev7 dev8,tests/eval/$(dev)/messages.yml) \
	$(wildcard tests/eval/blind/messages.yml) \
	tests/eval/conversations.yml \
	$(foreach dev,dev2 dev3 dev4 dev5 dev6 dev7 dev8,tests/eval/$(dev)/conversations.yml) \
	$(wildcard tests/eval/blind/conversations.yml)

eval: $(MODEL)
	$(BIN)/python -m tools.evaluate $(addprefix --set ,$(EVAL_SETS)) $(EVAL_ARGS)

# The same evaluation, plus a model trained without the red-flag layer, side by side.
eval-ablation: $(MODEL)
	$(BIN)/python -m tools.evaluate --ablation $(addprefix --set ,$(EVAL_SETS)) $(EVAL_ARGS)

# Cross-validation of the intent classifier (results in results/nlu-cv/).
nlu-cv: $(STAMP) $(SPACY_PIPELINE)
	$(BIN)/rasa test nlu --nlu data/nlu --config config.yml --cross-validation --folds 3 --out results/nlu-cv

clean:
	rm -rf build models results var .pytest_cache

# ---------------------------------------------------------------- web (widget, staff inbox)

# socket.io-client for the widget and chart.js for the staff analytics page, from the npm
# registry, exactly as web/package-lock.json says.
$(WEB_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

web: $(WEB_STAMP)

# Debian's Chromium drives the browser tests (Playwright never downloads a browser here).
$(CHROMIUM):
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium

web-unit: $(STAMP) $(WEB_STAMP)
	$(BIN)/python -m pytest tests/web -q

browser: $(MODEL) $(WEB_STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest tests/browser -m browser -q

# ---------------------------------------------------------------- benchmark (tools/bench.py)
.PHONY: bench bench-smoke

# Benchmarks the trained model as it is (trained only when it is missing), served as `make run`
# serves it (SQLite, file lock store, SANIC_WORKERS workers, default 2), then a stock Rasa
# pipeline (configs/stock.yml) on the same data; results and the goals of issue #11 in
# results/bench.{json,md}. BENCH_ARGS="--lock-store redis" shares Redis instead;
# BENCH_ARGS="--stock-phases saturation --skip-our-training" is a shorter run.
bench: $(STAMP)
	@[ -f $(MODEL) ] || $(MAKE) train
	$(BIN)/python -m tools.bench $(BENCH_ARGS)

# A smoke run for CI: tiny durations, no training, no stock model.
bench-smoke: $(STAMP)
	@[ -f $(MODEL) ] || $(MAKE) train
	$(BIN)/python -m tools.bench --quick $(BENCH_ARGS)
