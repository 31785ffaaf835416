"""derm1m-build: build Derm1M-class dermatology image-text corpora, reproducibly."""

__version__ = "0.1.0"
