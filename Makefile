# derm1m-build. `make demo` builds the offline demo dataset; `make test` runs the test suite.
PYTHON ?= python3
OUT ?= demo-out
EXECUTOR ?= local
WORKERS ?= 2
RECIPE ?= stages/demo.toml
FULL_RECIPE ?= stages/derm1m.toml
STAMP := .install.stamp

.PHONY: install demo corpus test test-fast rebuild verify bench clean report-check

$(STAMP): pyproject.toml
	$(PYTHON) -m pip install -q "torch==2.13.0"
	$(PYTHON) -m pip install -q -e ".[ml,ray,ocr,test]"
	$(PYTHON) -m pip install -q --no-deps "rapidocr_onnxruntime==1.4.4"
	touch $(STAMP)

install: $(STAMP)

corpus: $(STAMP)
	$(PYTHON) -m derm1m_build demo-corpus $(OUT)/corpus

demo: corpus
	$(PYTHON) -m derm1m_build.demo.serve $(OUT)/corpus -- \
	  $(PYTHON) -m derm1m_build run --recipe $(RECIPE) --out $(OUT)/build --workers $(WORKERS) --executor $(EXECUTOR)
	$(PYTHON) -m derm1m_build verify $(OUT)/build
	@echo "dataset: $(OUT)/build/dataset"
	@echo "report:  $(OUT)/build/dataset/report.html"

test: $(STAMP)
	$(PYTHON) -m pytest -q -n 2 --timeout 600

test-fast: $(STAMP)
	$(PYTHON) -m pytest -q -x -m "not slow and not ray"

# A full-scale rebuild (needs the internet): make rebuild OUT=/data/derm1m [FULL_RECIPE=...] [EXECUTOR=ray]
rebuild: $(STAMP)
	$(PYTHON) -m derm1m_build run --recipe $(FULL_RECIPE) --out $(OUT)/build --workers $(WORKERS) --executor $(EXECUTOR)
	$(PYTHON) -m derm1m_build verify $(OUT)/build

# Open the report in headless Chromium (Debian's chromium + chromium-driver), check every image loads and
# nothing overflows, and keep a full-page screenshot: make report-check; then look at report-check.png
report-check: $(STAMP)
	REPORT_SCREENSHOT=$(CURDIR)/report-check.png $(PYTHON) -m pytest -q -rs tests/test_report_browser.py
	@echo "screenshot: report-check.png"

verify: $(STAMP)
	$(PYTHON) -m derm1m_build verify $(OUT)/build

bench: $(STAMP)
	$(PYTHON) -m benchmarks.run_all

clean:
	rm -rf $(OUT) .bench
