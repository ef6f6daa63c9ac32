"""What a worker sends back (run/job.py): one file's page is left to the parent, which loads the
templates meanwhile, and renders it as the worker would have; a batch's worker renders the page
and sends the case study without its text, which the parent never reads."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from helpers import SAMPLES
from wres_convert.run.job import JobOutput, Place, conversion_job, rendered
from wres_convert.run.options import Options, PageOptions, ReadOptions, RunOptions
from wres_convert.writers.site import load_site

SAMPLE = SAMPLES / "chesterfield.docx"


def _opts(fmt: str = "html", *, review: bool = False) -> Options:
    return Options(ReadOptions(), PageOptions(load_site(), fmt), RunOptions(None, review=review))


def _job(folder: Path, opts: Options, *, later: bool = False) -> JobOutput:
    return conversion_job(SAMPLE, Place(PurePosixPath(SAMPLE.name), folder=folder), opts, later=later)()


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_a_page_left_to_the_parent_is_the_page_the_worker_makes(tmp_path: Path, fmt: str) -> None:
    opts = _opts(fmt)
    here, later = _job(tmp_path, opts), _job(tmp_path, opts, later=True)
    assert later.text == "" and later.order is not None
    done = rendered(later, opts.page.site)
    assert done.text == here.text and done.order is None and done.target == here.target
    assert rendered(here, opts.page.site) is here  # nothing left to do


def test_a_batch_worker_sends_the_case_study_without_its_text(tmp_path: Path) -> None:
    opts = _opts()
    sent, whole = _job(tmp_path, opts), _job(tmp_path, _opts(review=True)).cs
    cs = sent.cs
    assert sent.text and sent.signature  # the page and its signature are made in the worker
    assert not any(s.blocks for s in cs.sections) and not cs.unpublished and not cs.mapping.answers
    # What the parent reads of it, for the manifest and the warnings, is all there.
    for name in ("organisation", "title", "subtitle", "indicators", "slug", "warnings", "source"):
        assert getattr(cs, name) == getattr(whole, name), name
    assert [s.id for s in cs.sections] == [s.id for s in whole.sections]
    assert cs.contact == whole.contact
    assert any(s.blocks for s in whole.sections) and whole.mapping.answers


def test_a_page_left_to_the_parent_comes_with_its_text_not_its_mapping(tmp_path: Path) -> None:
    cs = _job(tmp_path, _opts(), later=True).cs
    whole = _job(tmp_path, _opts(review=True)).cs
    assert cs.sections == whole.sections and cs.unpublished == whole.unpublished
    assert cs.contact == whole.contact and cs.warnings == whole.warnings
    assert whole.mapping.answers and not cs.mapping.answers  # two thirds of the bytes, not rendered


def test_review_pages_get_the_whole_case_study(tmp_path: Path) -> None:
    cs = _job(tmp_path, _opts(review=True)).cs
    assert any(s.blocks for s in cs.sections) and cs.mapping.answers
