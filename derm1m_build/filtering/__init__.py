"""Image filtering back-ends, quality checks, perceptual hashing and duplicate clustering."""
