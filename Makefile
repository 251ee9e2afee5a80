# The two commands: `make demo` and `make test`. Both run the idempotent bootstrap first.
SHELL := /bin/bash
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PASSWORD ?= urbanlife-demo
export DEMO_PASSWORD

.PHONY: demo test bootstrap serve worker lint format

demo:
	scripts/bootstrap.sh --demo
	@echo
	@echo "Urban-Life Map: http://$(HOST):$(PORT)/   API docs: http://$(HOST):$(PORT)/api/v1/docs"
	@echo "Demo accounts (password: $(DEMO_PASSWORD)):"
	@echo "  demo-resident, demo-reviewer (중구 11140), demo-staff, demo-planner, demo-admin"
	@echo
	scripts/serve.sh $(HOST) $(PORT)

test: bootstrap
	$(PY) -m ruff check .
	$(PY) -m pytest $(PYTEST_ARGS)

bootstrap:
	scripts/bootstrap.sh

serve:
	$(PY) manage.py runserver $(HOST):$(PORT)

worker:
	$(PY) manage.py db_worker

lint:
	$(PY) -m ruff check .

format:
	$(PY) -m ruff format . && $(PY) -m ruff check --fix .
