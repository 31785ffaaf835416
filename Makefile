# derm1m-build. `make demo` builds the offline demo dataset; `make test` runs the test suite.
PYTHON ?= python3
OUT ?= demo-out
BUILD ?= $(OUT)/build
EXECUTOR ?= local
WORKERS ?= 2
DEMO_PORT ?= 0
RECIPE ?= stages/demo.toml
FULL_RECIPE ?= stages/derm1m.toml
STAMP := .install.stamp
# the demo needs only the core install (+ the ray extra for EXECUTOR=ray); NO_INSTALL=1 skips installing
DEMO_STAMP := .install-demo-$(EXECUTOR).stamp
DEMO_EXTRAS := $(if $(filter ray,$(EXECUTOR)),[ray],)
DEMO_DEPS := $(if $(NO_INSTALL),,$(DEMO_STAMP))
CORPUS_STAMP := $(OUT)/corpus/.generated
CORPUS_CODE := $(wildcard derm1m_build/demo/*.py derm1m_build/demo/data/*/* derm1m_build/pmc/demo.py derm1m_build/video/synth.py)

.PHONY: install demo corpus test test-fast rebuild verify bench clean report-check

# everything: the ml extra (torch first, pinned), Ray, OCR and the test tools. pip shows its progress.
$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m pip install "torch==2.13.0"
	$(PYTHON) -m pip install -e ".[ml,ray,ocr,test]"
	$(PYTHON) -m pip install --no-deps "rapidocr_onnxruntime==1.4.4"
	touch $(STAMP)

# the core install: what the CPU demo needs (no torch, transformers or Ray)
$(DEMO_STAMP): pyproject.toml setup.py
	$(PYTHON) -m pip install -e ".$(DEMO_EXTRAS)"
	touch $(DEMO_STAMP)

install: $(STAMP)

# the corpus is generated once (again only when its generator changes): a second `make demo` writes nothing
$(CORPUS_STAMP): $(CORPUS_CODE) | $(DEMO_DEPS)
	$(PYTHON) -m derm1m_build demo-corpus $(OUT)/corpus
	touch $(CORPUS_STAMP)

corpus: $(CORPUS_STAMP)

demo: $(DEMO_DEPS) $(CORPUS_STAMP)
	$(PYTHON) -m derm1m_build.demo.serve $(OUT)/corpus --port $(DEMO_PORT) -- \
	  $(PYTHON) -m derm1m_build run --recipe $(RECIPE) --out $(BUILD) --workers $(WORKERS) --executor $(EXECUTOR)
	$(PYTHON) -m derm1m_build verify $(BUILD)
	@echo "dataset: $(BUILD)/dataset"
	@echo "report:  $(BUILD)/dataset/report.html"

# --dist loadscope: each test module runs on one worker, so its module-scoped fixtures (a built corpus, a
# harvested cache) are built once, not once per worker. One OpenMP / BLAS thread per worker: the two workers
# already fill 2 cores, and each library's own pool on top of them spins against the other worker (~12 % of
# the model tests' wall time).
test: $(STAMP)
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 $(PYTHON) -m pytest -q -n 2 --dist loadscope --timeout 600

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

verify: $(DEMO_DEPS)
	$(PYTHON) -m derm1m_build verify $(BUILD)

bench: $(STAMP)
	$(PYTHON) -m benchmarks.run_all

clean:
	rm -rf $(OUT) .bench .install-demo-*.stamp
