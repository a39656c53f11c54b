"""Throughput of the pipeline, measured in one run on the same inputs (`krnews bench`,
`python benchmarks/run.py`).

For each page set (the real pages in ../shared/data/pages when present, and the bundled samples in
data/samples), repeated to at least `min_pages` pages, in one process on one core:
HTML -> records pages/s (parse, article, NLP, normalise; nothing stored), trafilatura.extract
pages/s on the same pages (when the `bench` extra is installed), NLP-stage characters/s
(`krnews.nlp.language.analyse` over the article texts) and text -> records characters/s; then
HTML -> records with 1..N worker processes (the runner, as `krnews extract` runs; wall time), and
the peak resident memory of this process and of the largest worker. Single-process rates are per
second of CPU time of this process, the best of three runs (as timeit advises: other load on the
machine only ever slows a run down).
"""
from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from krnews.data import DATA_DIR
from krnews.scrapers import parse_html

from .extraction import process
from .inputs import read_inputs
from .nlp.language import analyse, get_nlp
from .runner import run_articles, worker_context

RUNS = 3  # each figure is the best of this many runs

TARGET_RATIO = 5.0  # HTML -> records pages/s over trafilatura.extract pages/s, on the real pages
TARGET_NLP_CHARS = 500_000
TARGET_RSS_MB = 500


@dataclass
class PageSet:
    name: str
    unique: list[bytes]
    real: bool  # real news pages, on which the speed ratio is judged (not the tiny bundled samples)
    pages: list[bytes] = field(default_factory=list)

    def repeat_to(self, minimum: int) -> "PageSet":
        copies = -(-minimum // len(self.unique))
        self.pages = (self.unique * copies)[: max(minimum, len(self.unique))]
        return self


@dataclass
class Result:
    name: str
    pages: int
    records_per_s: float
    trafilatura_per_s: float | None
    nlp_chars_per_s: float
    text_chars_per_s: float
    records: int
    real: bool


def default_pages_dir() -> Path:
    """../shared/data/pages beside the repository (or beside the working directory)."""
    for root in (Path(__file__).resolve().parents[2], Path.cwd().parent):
        if (root / "shared" / "data" / "pages").is_dir():
            return root / "shared" / "data" / "pages"
    return Path(__file__).resolve().parents[2] / "shared" / "data" / "pages"


def sample_pages() -> list[bytes]:
    """The HTML among the bundled samples: the two pages and the corpus documents given as HTML."""
    samples = DATA_DIR / "samples"
    pages = [path.read_bytes() for path in sorted(samples.glob("*.html"))]
    with open(samples / "samples.jsonl", encoding="utf-8") as lines:
        pages += [doc["html"].encode("utf-8") for doc in map(json.loads, lines) if doc.get("html")]
    return pages


def page_sets(pages_dir: Path, min_pages: int, say: Callable[[str], None]) -> list[PageSet]:
    sets = []
    real = sorted(pages_dir.glob("*.html")) if pages_dir.is_dir() else []
    if real:
        sets.append(PageSet(f"real pages ({len(real)})", [p.read_bytes() for p in real], True).repeat_to(min_pages))
    else:
        say(f"skipping the real pages: {pages_dir} is absent (it is ../shared/data/pages beside the repository)")
    samples = sample_pages()
    sets.append(PageSet(f"samples ({len(samples)})", samples, False).repeat_to(min_pages))
    return sets


def rate(count: float, work: Callable[[], object], clock: Callable[[], float] = time.process_time, runs: int = RUNS) -> float:
    """count per second of `work`, the best of `runs` runs. Single-process figures use this process's
    CPU time; runs with workers pass time.perf_counter (wall time)."""
    best = float("inf")
    for _ in range(runs):
        started = clock()
        work()
        best = min(best, clock() - started)
    return count / best


def measure(page_set: PageSet, trafilatura) -> Result:
    for page in page_set.unique:  # warm-up: the NLP and every lazily built table are loaded
        process(parse_html(page))
    pages = page_set.pages
    documents: list = []

    def html_to_records() -> None:
        documents[:] = [process(parse_html(page)) for page in pages]

    per_s = rate(len(pages), html_to_records)
    articles = [document.article for document in documents]
    chars = sum(len(article.text) for article in articles)
    nlp = rate(chars, lambda: [analyse(article.text, article.published) for article in articles])
    text = rate(chars, lambda: [process(article) for article in articles])
    traf = rate(len(pages), lambda: [trafilatura.extract(page) for page in pages]) if trafilatura else None
    records = sum(len(document.records) for document in documents)
    return Result(page_set.name, len(pages), per_s, traf, nlp, text, records, page_set.real)


def measure_workers(page_set: PageSet, counts: list[int]) -> tuple[dict[int, float], dict[int, float]]:
    """HTML -> records as `krnews extract DIR --workers N` runs it: the pages written to files, which
    the runner's workers read, parse and process. Beside it, for each N > 1, the machine's ceiling:
    N forked processes started together, each on a fixed 1/N of the files, with no pool between them,
    so what the pool loses to coordination shows apart from what the cores lose to each other."""
    speeds, ceilings = {}, {}
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for number, page in enumerate(page_set.pages):
            files.append(Path(folder) / f"{number:05d}.html")
            files[-1].write_bytes(page)
        for workers in counts:
            speeds[workers] = rate(len(files), lambda: list(run_articles(read_inputs([folder]), workers)), time.perf_counter)
            if workers > 1:
                ceilings[workers] = rate(len(files), lambda: _independent_processes(files, workers), time.perf_counter)
    return speeds, ceilings


def _independent_processes(files: list[Path], count: int) -> None:
    context = worker_context()  # as the pool's workers start
    shares = [files[start::count] for start in range(count)]
    processes = [context.Process(target=_process_files, args=(share,)) for share in shares]
    for process_ in processes:
        process_.start()
    for process_ in processes:
        process_.join()


def _process_files(files: list[Path]) -> None:
    for _ in run_articles(read_inputs([str(path) for path in files]), 1):
        pass


def peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def run(pages_dir: Path, min_pages: int, worker_counts: list[int], out=sys.stdout) -> int:
    def say(line: str) -> None:
        print(line, file=out, flush=True)

    try:
        import trafilatura  # optional: the bench extra, only for the comparison column
    except ImportError:
        trafilatura = None
        say("trafilatura is not installed (pip install 'krnews[bench]'): its column is left empty")
    get_nlp()
    sets = page_sets(pages_dir, min_pages, say)
    # The krnews figures first, trafilatura after, so the peak memory below is krnews' alone.
    results = [measure(page_set, None) for page_set in sets]
    main_rss = peak_rss_mb(resource.RUSAGE_SELF)
    speeds, ceilings = measure_workers(sets[0], worker_counts)
    worker_rss = peak_rss_mb(resource.RUSAGE_CHILDREN)
    if trafilatura is not None:
        for result, page_set in zip(results, sets):
            result.trafilatura_per_s = rate(len(page_set.pages), lambda: [trafilatura.extract(p) for p in page_set.pages])
    _print_table(results, say)
    say("")
    base = speeds.get(1)
    for workers, speed in speeds.items():
        gain = f"  ({speed / base:.2f}x)" if base and workers != 1 else ""
        say(f"HTML -> records, {sets[0].name}, {workers} worker(s): {speed:,.0f} pages/s wall time{gain}")
        if workers in ceilings and base:
            say(f"  ceiling on this machine: {workers} independent processes, each on 1/{workers} of the files: "
                f"{ceilings[workers]:,.0f} pages/s ({ceilings[workers] / base:.2f}x)")
    say(f"peak RSS: {main_rss:,.0f} MB this process (one worker's work), {worker_rss:,.0f} MB largest worker process")
    say("")
    _print_targets(results, main_rss, worker_rss, say)
    return 0


def _print_table(results: list[Result], say) -> None:
    headers = ["page set", "pages", "records", "HTML->records p/s", "trafilatura p/s", "ratio", "NLP chars/s", "text->records chars/s"]
    rows = [headers]
    for r in results:
        ratio = f"{r.records_per_s / r.trafilatura_per_s:.1f}x" if r.trafilatura_per_s else "-"
        traf = f"{r.trafilatura_per_s:,.1f}" if r.trafilatura_per_s else "-"
        rows.append([r.name, str(r.pages), str(r.records), f"{r.records_per_s:,.0f}", traf, ratio,
                     f"{r.nlp_chars_per_s:,.0f}", f"{r.text_chars_per_s:,.0f}"])
    widths = [max(len(row[i]) for row in rows) for i in range(len(headers))]
    for index, row in enumerate(rows):
        say("  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            say("  ".join("-" * w for w in widths))


def _print_targets(results: list[Result], main_rss: float, worker_rss: float, say) -> None:
    def mark(ok: bool) -> str:
        return "met" if ok else "NOT met"

    # A bundled sample is a tiny page that trafilatura reads in ~2 ms, while its money-dense text
    # alone needs about as long in the NLP stage: the ratio is a target on real pages only.
    ratios = [r.records_per_s / r.trafilatura_per_s for r in results if r.trafilatura_per_s and r.real]
    if ratios:
        say(f"target HTML->records >= {TARGET_RATIO:g}x trafilatura on real pages: {mark(min(ratios) >= TARGET_RATIO)} "
            f"({min(ratios):.1f}x)")
    lowest_nlp = min(r.nlp_chars_per_s for r in results)
    say(f"target NLP >= {TARGET_NLP_CHARS:,} chars/s: {mark(lowest_nlp >= TARGET_NLP_CHARS)} (lowest {lowest_nlp:,.0f})")
    peak = max(main_rss, worker_rss)
    say(f"target peak RSS <= {TARGET_RSS_MB} MB per worker: {mark(peak <= TARGET_RSS_MB)} ({peak:,.0f} MB)")
