"""The extractor figure sets 28-33 share (benchmarks/pmc/figure_extract.py), checked once by the contract their
tests used to run each on its own copy: archives and PDFs composed here, never a set's."""
from types import SimpleNamespace

from benchmarks.pmc import figure_extract
from frozen_figure_checks import PMC, ExtractorContract


class TestFigureExtract(ExtractorContract):
    def extractor(self):
        """figure_extract's names, with `ANNOTATIONS` (set 32's until a test points it at its own file) and
        `main(argv)` as a set's wrapper has them."""
        ns = SimpleNamespace(**{k: v for k, v in vars(figure_extract).items() if not k.startswith("__")})
        ns.ANNOTATIONS = PMC / "heldout32" / "annotations.json"
        ns.main = lambda argv: figure_extract.main(argv, ns.ANNOTATIONS)
        return ns
