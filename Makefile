.PHONY: test quick lint check bench golden screenshots

test:
	python -m pytest -n auto

quick:  # the quick loop: everything but the long walks and crash trials
	python -m pytest -n auto -m "not slow"

lint:
	ruff check .
	ruff format --check src
	mypy
	lint-imports

check: lint
	sos-assistant check
	python -m pytest -n auto

bench:
	python benchmarks/run_all.py

golden:  # rewrite the golden transcripts and maps after a deliberate content change
	python -m tests.golden_support

screenshots:  # rebuild docs/images/*.svg after changing what a screen shows
	python docs/screenshots.py
