# The two commands of the README:  make run  (install and start the app)
#                                  make test (install and run the whole test suite)
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint format package package-windows test-windows screenshots translations bench bench-all clean
.PHONY: package-linux test-linux-compat

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m compileall -q hearing_helper  # bytecode: the first start compiles nothing
	touch $(STAMP)

run: $(STAMP)
	@tools/system_deps.sh run
	$(PY) -m hearing_helper

# The packaging test builds the PyInstaller bundle (~30 s here) and runs the frozen self-test:
# always in CI (CI=true, set by .ci/run and by CI services), locally with PACKAGING=1.
test: $(STAMP)
	@tools/system_deps.sh test
	$(PY) -m pytest -q
	@if [ "$${CI:-}" = true ] || [ "$${PACKAGING:-}" = 1 ]; then \
		echo "== packaging test (builds dist bundle in a temp dir)"; \
		$(PY) -m pytest -q -m packaging; \
	fi

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy hearing_helper tests  # strict ([tool.mypy] in pyproject.toml)
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

translations: $(STAMP)
	$(PY) tools/i18n.py update

screenshots: $(STAMP)
	@tools/system_deps.sh test
	$(PY) tools/screenshots.py

package: $(STAMP)
	@tools/system_deps.sh package
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec
	dist/HearingHelper/hearing-helper-cli --data-dir build/self-test-data --self-test

# Windows programs + MSI, built here with a Windows CPython under Wine 10 (a Debian 13 root cached
# in /var/cache/hearing-helper, made on first use), then installed and used under Wine. Needs root.
# README, "Packaging": what they do and how long they take.
package-windows: $(STAMP)
	@tools/system_deps.sh windows
	$(PY) tools/packaging/windows/build.py

test-windows: $(STAMP)
	@tools/system_deps.sh windows
	$(PY) tools/packaging/windows/wine_test.py

# 信创 desks (UOS, Kylin; README "信创 desks"): bundle + .deb built in a Debian 11 root (glibc
# 2.31), ARM64 under qemu; roots cached in /var/cache/hearing-helper/roots. Needs root.
# ARCH=x86_64 or arm64; without ARCH both, one after the other.
LINUX_ARCHES = $(or $(ARCH),x86_64 arm64)
package-linux:
	@tools/system_deps.sh linux
	for arch in $(LINUX_ARCHES); do python3 tools/packaging/linux/debian11.py package --arch $$arch || exit 1; done

test-linux-compat:
	@tools/system_deps.sh linux
	for arch in $(LINUX_ARCHES); do python3 tools/packaging/linux/debian11.py test --arch $$arch || exit 1; done

# Issue 23's table, every row beside its baseline, in one run (~15 min here; BENCH=--quick for a
# check run, BENCH=--full for 1M/2M records). bench-all runs each benchmark's own report.
bench: $(STAMP)
	@tools/system_deps.sh test
	$(PY) benchmarks/bench_table.py $(BENCH)

bench-all: $(STAMP)
	@tools/system_deps.sh test
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf build dist build-windows dist-windows
