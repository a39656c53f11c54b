"""`krnews report` drawn by a real browser (headless Chromium) at 1280 px: no sideways scrolling, every table
within the page, evidence sentences in a readable column (no cell squeezed to a syllable), hangul drawn
with a font that has it (not as empty boxes). Skipped where no Chromium or no Korean font is installed."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest

pytest.importorskip("plotly", reason="the report needs the krnews[report] extra (plotly)")

import lxml.html  # noqa: E402
import sample_store  # noqa: E402

from krnews.cli import main  # noqa: E402
from krnews.consolidation.store import KeepCurrent  # noqa: E402
from krnews.models import Article, Document, InitiativeRecord  # noqa: E402
from krnews.store import Store  # noqa: E402

BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)
WIDTH = 1280
LONG_SENTENCE = ("강원특별자치도는 지난 3일 국회가 최종 의결한 2022년도 예산안에 도와 관련된 국비가 반영되었다고 밝혔으며, "
                 "관광거점도시 조성사업과 문화도시 조성사업, 지능형교통체계 구축사업, 노후 상수관망 정비사업 등 "
                 "주요 국비확보 사업에 모두 2조7406억원이 배정돼 지역 현안 해결에 탄력이 붙을 것으로 기대된다고 설명했다.")

MEASURE = """
<script>
window.addEventListener("load", function () { setTimeout(function () {
  function pixels(text) {  // the syllable drawn in the page's font: boxes (no glyph) look all alike
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = 40;
    var context = canvas.getContext("2d");
    context.font = "32px " + getComputedStyle(document.body).fontFamily;
    context.fillText(text, 2, 32);
    return Array.from(context.getImageData(0, 0, 40, 40).data).join(",");
  }
  var cells = Array.from(document.querySelectorAll("#largest-table td.sentence, #largest-table td.name"));
  var body = document.body.getBoundingClientRect();
  document.body.setAttribute("data-layout", JSON.stringify({
    scrollWidth: document.documentElement.scrollWidth,
    bodyRight: body.right,
    tableRights: Array.from(document.querySelectorAll("table")).map(function (t) { return t.getBoundingClientRect().right; }),
    sentenceWidths: Array.from(document.querySelectorAll("#largest-table td.sentence")).map(function (c) { return c.getBoundingClientRect().width; }),
    narrowestCell: Math.min.apply(null, cells.map(function (c) { return c.getBoundingClientRect().width; })),
    hangulDrawn: pixels("가") !== pixels("각") && pixels("가") !== pixels("\\u0378")
  }));
}, 300); });
</script>
"""


def _korean_font() -> bool:
    try:
        found = subprocess.run(["fc-list", ":lang=ko"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(found.strip())


@pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (apt-get install chromium)")
@pytest.mark.skipif(not _korean_font(), reason="no font with hangul installed (fonts-nanum or fonts-noto-cjk)")
def test_report_lays_out_within_1280px_with_readable_sentences_and_hangul(tmp_path):
    db = str(tmp_path / "store.sqlite")
    long_doc = Document(
        article=Article(doc_id="long", text=LONG_SENTENCE, url="https://news.example.kr/long", outlet="아주 긴 이름의 지역 신문사",
                        title="강원도 국비 2조7406억원 확보", published=dt.date(2021, 12, 6)),
        records=[InitiativeRecord(record_id="long1", doc_id="long", org="강원특별자치도", org_mention="강원도",
                                  org_type="local_gov", amount_krw=2_7406 * 10**8, amount_text="2조7406억원",
                                  amount=2_7406 * 10**8, funding_type="budget", year=2022,
                                  initiative="관광거점도시 조성사업과 문화도시 조성사업 등 주요 국비확보 사업",
                                  sentence=LONG_SENTENCE, amount_start=LONG_SENTENCE.index("2조7406억원"),
                                  url="https://news.example.kr/long", outlet="아주 긴 이름의 지역 신문사",
                                  published=dt.date(2021, 12, 6))])
    with Store.open(db) as store:
        initiatives = KeepCurrent(store)
        for document in [*sample_store.documents(), long_doc]:
            store.save_document(document)
            initiatives.saved()
        initiatives.finish()
    out = tmp_path / "report.html"
    assert main(["report", "--db", db, "--out", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu", f"--window-size={WIDTH},900",
                          "--virtual-time-budget=10000", "--dump-dom", out.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    layout = json.loads(lxml.html.fromstring(dom).xpath("//body/@data-layout")[0])
    assert layout["scrollWidth"] <= WIDTH  # no sideways scrolling
    assert all(right <= layout["bodyRight"] + 1 for right in layout["tableRights"])
    assert min(layout["sentenceWidths"]) >= 250  # a column of sentences, not of syllables
    assert layout["narrowestCell"] >= 80  # organisation and initiative names at least a word wide
    assert layout["hangulDrawn"]  # 가 and 각 drawn as two glyphs, not as the same empty box
