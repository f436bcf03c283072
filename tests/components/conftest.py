"""Fixtures of the unit tests of the spaCy layer."""

import pytest

from components.spacy_pipeline import PIPELINE_DIR, build_pipeline, load_pipeline


@pytest.fixture(scope="session")
def nlp():
    """The saved pipeline is what Rasa loads; build it if `make train` has not yet."""
    if not (PIPELINE_DIR / "meta.json").exists():
        build_pipeline().to_disk(PIPELINE_DIR)
    return load_pipeline()
