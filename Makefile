.PHONY: test lint check bench golden screenshots

test:
	python -m pytest

lint:
	ruff check .
	ruff format --check src
	mypy

check: lint
	sos-assistant check
	python -m pytest

bench:
	python benchmarks/run_all.py

golden:  # rewrite the golden transcripts and maps after a deliberate content change
	python -m tests.golden_support

screenshots:  # rebuild docs/images/*.svg after changing what a screen shows
	python docs/screenshots.py
