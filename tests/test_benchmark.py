"""`krnews bench` end to end on a few bundled pages: the table, the worker lines with the machine's
ceiling beside them, and the targets. Its figures are not checked: speed lives in benchmarks/."""
import io
import re
import shutil

from krnews.benchmark import run
from krnews.data import DATA_DIR


def test_bench_prints_table_workers_with_their_ceiling_and_targets(tmp_path):
    for page in (DATA_DIR / "samples").glob("*.html"):
        shutil.copy(page, tmp_path)
    out = io.StringIO()

    assert run(tmp_path, 20, [1, 2], out=out) == 0

    text = out.getvalue()
    assert re.search(r"^real pages \(2\)\s+20\s+\d+\s+[\d,]+", text, re.M)
    assert re.search(r"^samples \(3\)\s+20\s+\d+", text, re.M)
    assert re.search(r"1 worker\(s\): [\d,]+ pages/s wall time$", text, re.M)
    assert re.search(r"2 worker\(s\): [\d,]+ pages/s wall time  \(\d\.\d\dx\)$", text, re.M)
    assert re.search(r"ceiling on this machine: 2 independent processes, each on 1/2 of the files: "
                     r"[\d,]+ pages/s \(\d\.\d\dx\)$", text, re.M)
    assert re.search(r"^target HTML->records >= 5x trafilatura on real pages: (met|NOT met) \(\d+\.\dx\)$", text, re.M) \
        or "trafilatura is not installed" in text
    assert "target NLP >= 500,000 chars/s: " in text
