"""The "Results bundle" source in real Chromium: a zipped bundle through the real uploader shows the
headline of the same comparison made in process (issue 15)."""
from __future__ import annotations

import io
import zipfile

import pytest
from browser_support import chromium_page, read_diff, settle
from convention import convention_csv

from framing.comparison import compare
from framing.inputs.corpus import load_corpus
from framing.results import CompareOptions
from framing.scale.dask_engine import compare_dask, local_cluster

pytestmark = pytest.mark.browser

SIDES = ("democrat", "republican")


@pytest.fixture(scope="module")
def bundle_zip(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundle") / "b"
    with local_cluster(n_workers=2, memory_limit="1GB") as client:
        compare_dask([convention_csv()], CompareOptions(sides=SIDES), columns=("party", "text", "event"),
                     client=client, out_bundle=out)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for path in sorted(out.rglob("*")):
            if path.is_file():
                z.write(path, str(path.relative_to(out)))
    return buffer.getvalue()


def test_uploaded_bundle_zip_shows_the_in_process_headline(server, bundle_zip):
    ref = compare(load_corpus(convention_csv(), side_column="party").strict(), CompareOptions(sides=SIDES))
    with chromium_page() as page:
        page.goto(server.url + "?source=bundle")
        settle(page, server, "Results bundle (.zip)")
        (page.get_by_test_id("stFileUploader").filter(has_text="Results bundle (.zip)")
         .get_by_test_id("stFileUploaderDropzoneInput")
         .set_input_files({"name": "b.zip", "mimeType": "application/zip", "buffer": bundle_zip}))
        # the headline's cosine, as the in-process comparison gives it (a wait that fails if it never shows)
        settle(page, server, "democrat vs republican", "Sentences", f"{ref.overlap.cosine:.3f}")
        assert read_diff(page) == {"Shared": list(ref.descriptor_diff.shared),
                                   "Only democrat": list(ref.descriptor_diff.only_a),
                                   "Only republican": list(ref.descriptor_diff.only_b)}, server.log()
        assert not page.get_by_test_id("stException").count()
