# The README's commands. Each one makes .venv/ ready first (quietly when it already is).
.PHONY: demo test bench bench-floor bench-start bench-play bench-waveform bench-sample lint setup

setup:
	@scripts/bootstrap

demo: setup
	@.venv/bin/floortui demo

test: setup
	@.venv/bin/python -m pytest -n auto -q -m "not realtime" && .venv/bin/python -m pytest -q -m realtime

bench: setup
	@.venv/bin/python bench/bench_import.py $(ARGS)

bench-floor: setup
	@.venv/bin/python bench/bench_floor.py $(ARGS)

bench-start: setup
	@.venv/bin/python bench/bench_start.py $(ARGS)

bench-play: setup
	@.venv/bin/python bench/bench_play.py $(ARGS)

bench-waveform: setup
	@.venv/bin/python bench/bench_waveform.py $(ARGS)

bench-sample: setup
	@.venv/bin/python bench/bench_sample.py $(ARGS)

lint: setup
	@.venv/bin/ruff check floortui tests bench fixtures && .venv/bin/ruff format --check floortui tests bench fixtures
