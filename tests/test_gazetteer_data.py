"""The organisation gazetteer (data/orgs): coverage, seed short forms, and the build's guarantees."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from krnews.data import DATA_DIR

ORGS_DIR = DATA_DIR / "orgs"
BUILD_SCRIPT = DATA_DIR / "build_gazetteer.py"


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def patterns() -> list[dict]:
    return _read_jsonl(ORGS_DIR / "patterns.jsonl")


@pytest.fixture(scope="module")
def pattern_to_id(patterns) -> dict[str, str]:
    return {p["pattern"]: p["id"] for p in patterns}


@pytest.fixture(scope="module")
def organisations() -> dict[str, dict]:
    return {o["id"]: o for o in _read_jsonl(ORGS_DIR / "organisations.jsonl")}


def _run_build(sources: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BUILD_SCRIPT), "--sources", str(sources), "--out", str(out)],
                          capture_output=True, text=True, timeout=60)


def _sido(organisations) -> set[str]:
    return {o["id"] for o in organisations.values() if o["org_type"] == "local_gov" and o["parent"] is None}


def test_seventeen_sido(organisations):
    sido = _sido(organisations)
    assert len(sido) == 17
    assert {"서울특별시", "세종특별자치시", "강원특별자치도", "전북특별자치도", "제주특별자치도"} <= sido
    assert not {"강원도", "전라북도"} & sido  # old names are aliases, not separate 시·도


def test_226_sigungu_each_under_a_sido(organisations):
    sido = _sido(organisations)
    under_sido = [o for o in organisations.values() if o["org_type"] == "local_gov" and o["parent"] in sido]
    autonomous = [o for o in under_sido if o["source"] == "local_sigungu"]
    assert len(autonomous) == 226
    assert all(o["id"].startswith(o["parent"] + " ") for o in autonomous)
    per_sido = Counter(o["parent"] for o in autonomous)
    assert per_sido["서울특별시"] == 25 and per_sido["경기도"] == 31 and per_sido["대구광역시"] == 9
    assert "세종특별자치시" not in per_sido
    # the only other local governments under a 시·도 are 제주's two 행정시 and former 시·군 (merged away)
    current = [o for o in under_sido if o["source"] != "local_former"]
    assert {o["id"] for o in current} - {o["id"] for o in autonomous} == {"제주특별자치도 제주시", "제주특별자치도 서귀포시"}


def test_education_offices_one_per_sido(organisations):
    offices = [o for o in organisations.values() if o["org_type"] == "education_office"]
    assert sorted(o["parent"] for o in offices) == sorted(_sido(organisations))


@pytest.mark.parametrize("alias, canonical", [
    ("서울시", "서울특별시"),
    ("서울시청", "서울특별시"),
    ("광주시", "광주광역시"),
    ("경기 광주시", "경기도 광주시"),
    ("경기도 광주시", "경기도 광주시"),
    ("강원도", "강원특별자치도"),
    ("전라북도", "전북특별자치도"),
    ("서울시교육청", "서울특별시교육청"),
    ("과기정통부", "과학기술정보통신부"),
    ("과기부", "과학기술정보통신부"),
    ("산업부", "산업통상자원부"),
    ("중기부", "중소벤처기업부"),
    ("국토부", "국토교통부"),
    ("행안부", "행정안전부"),
    ("기재부", "기획재정부"),
    ("고용부", "고용노동부"),
    ("미래부", "미래창조과학부"),
    ("지경부", "지식경제부"),
    ("방통위", "방송통신위원회"),
    ("수원시", "경기도 수원시"),
    ("수원시청", "경기도 수원시"),
    ("부산 중구", "부산광역시 중구"),
    ("부산시 중구", "부산광역시 중구"),
    ("부산광역시 중구청", "부산광역시 중구"),
    ("강원 고성군", "강원특별자치도 고성군"),
    ("경남 고성군", "경상남도 고성군"),
    ("한전", "한국전력공사"),
    ("LH", "한국토지주택공사"),
    ("KIST", "한국과학기술연구원"),
    ("포스텍", "포항공과대학교"),
    ("현대차", "현대자동차"),
    ("유엔", "유엔"),
])
def test_seed_forms_map_to_their_organisation(pattern_to_id, alias, canonical):
    assert pattern_to_id.get(alias) == canonical


# -- parties, media, sport, companies, foreign governments, courts: the categories and their short forms --

@pytest.mark.parametrize("alias, canonical, org_type", [
    ("더불어민주당", "더불어민주당", "party"),
    ("민주당", "더불어민주당", "party"),
    ("더민주", "더불어민주당", "party"),
    ("새정치연합", "더불어민주당", "party"),
    ("국민의힘", "국민의힘", "party"),
    ("한국당", "자유한국당", "party"),
    ("새누리당", "새누리당", "party"),
    ("민자당", "민주자유당", "party"),
    ("조국혁신당", "조국혁신당", "party"),
    ("공화당", "미국 공화당", "party"),
    ("자민당", "일본 자유민주당", "party"),
    ("노동당", "조선노동당", "party"),
    ("MBC", "문화방송", "media"),
    ("JTBC", "JTBC", "media"),
    ("연합뉴스", "연합뉴스", "media"),
    ("한겨레", "한겨레신문", "media"),
    ("매경", "매일경제신문", "media"),
    ("NYT", "뉴욕타임스", "media"),
    ("로이터통신", "로이터", "media"),
    ("신화통신", "신화통신", "media"),
    ("KBS 2TV", "한국방송공사", "public_agency"),
    ("KBO", "한국야구위원회", "sports"),
    ("넥센", "키움 히어로즈", "sports"),
    ("SK 와이번스", "SSG 랜더스", "sports"),
    ("KIA", "KIA 타이거즈", "sports"),
    ("kt", "kt wiz", "sports"),
    ("전북 현대", "전북 현대 모터스", "sports"),
    ("KB스타즈", "청주 KB스타즈", "sports"),
    ("맨유", "맨체스터 유나이티드", "sports"),
    ("FIFA", "국제축구연맹", "sports"),
    ("IOC", "국제올림픽위원회", "sports"),
    ("대한체육회", "대한체육회", "sports"),
    ("쌍용차", "KG모빌리티", "company"),
    ("모비스", "현대모비스", "company"),
    ("다음카카오", "카카오", "company"),
    ("폴크스바겐", "폭스바겐", "company"),
    ("한진해운", "한진해운", "company"),
    ("골드만삭스", "골드만삭스", "company"),
    ("백악관", "백악관", "foreign_gov"),
    ("국무부", "미국 국무부", "foreign_gov"),
    ("미 국방부", "미국 국방부", "foreign_gov"),
    ("연준", "연방준비제도", "foreign_gov"),
    ("일본 정부", "일본 정부", "foreign_gov"),
    ("IS", "이슬람국가", "armed_group"),
    ("유엔 안보리", "유엔 안전보장이사회", "international"),
    ("헌재", "헌법재판소", "judiciary"),
    ("서울중앙지법", "서울중앙지방법원", "judiciary"),
    ("대검", "대검찰청", "central_gov"),
    ("서울중앙지검", "서울중앙지방검찰청", "central_gov"),
    ("합참", "합동참모본부", "central_gov"),
    ("박근혜 정부", "정부", "central_gov"),
    ("보사부", "보건사회부", "central_gov"),
    ("하버드대", "하버드대학교", "university"),
    ("전교조", "전국교직원노동조합", "association"),
    ("소녀시대", "소녀시대", "entertainment"),
    ("EXO", "엑소", "entertainment"),
])
def test_category_forms_map_to_their_organisation_and_type(pattern_to_id, organisations, alias, canonical, org_type):
    assert pattern_to_id.get(alias) == canonical
    assert organisations[canonical]["org_type"] == org_type


def test_the_ten_kbo_clubs_are_sports_organisations(organisations):
    clubs = {"삼성 라이온즈", "두산 베어스", "LG 트윈스", "KIA 타이거즈", "롯데 자이언츠", "한화 이글스",
             "SSG 랜더스", "키움 히어로즈", "NC 다이노스", "kt wiz"}
    assert {organisations[c]["org_type"] for c in clubs} == {"sports"}


@pytest.mark.parametrize("name, owner", [
    ("국방부", "국방부"),  # Korea's; the US one is "미 국방부"
    ("외교부", "외교부"),  # the Chinese one is "중국 외교부"
    ("재무부", "재무부"),  # Korea's 1948-1994 ministry; the US Treasury is "미 재무부"
    ("삼성", "삼성그룹"),  # a club's group name stays the group
    ("LG", "LG그룹"),
])
def test_names_shared_with_foreign_or_sport_bodies_stay_with_the_korean_one(pattern_to_id, name, owner):
    assert pattern_to_id[name] == owner


@pytest.mark.parametrize("word", [
    "현대", "한국", "조선", "미래", "우리", "국민", "민주", "다음", "신화", "연합", "중앙", "동아", "경향",  # words
    "미", "북", "한미", "남북", "일본", "미국",  # countries and their abbreviations are places
    "이슬람 국가", "공산당", "육군", "상무", "프로야구", "메이저리그", "트위터",  # generic or several bodies
    "트윈스", "자이언츠", "히어로즈", "피츠버그", "바르셀로나", "전북",  # shared nicknames, cities
    "대상", "자라", "동원", "지리", "피치", "한독", "보령", "AP", "HP", "EA", "교통대", "빅히트",  # brand vs word
    "빅뱅", "신화", "카라", "하이라이트", "아이브", "마쓰다",  # group names that are words or surnames
])
def test_ambiguous_words_are_not_patterns(pattern_to_id, word):
    assert word not in pattern_to_id


@pytest.mark.parametrize("sentence, expected", [
    ("더불어민주당은 예산안을 단독 처리했다.", [("더불어민주당", "party")]),
    ("미 국방부와 국방부가 협의했다.", [("미국 국방부", "foreign_gov"), ("국방부", "central_gov")]),
    ("넥센은 KIA를 꺾었다.", [("키움 히어로즈", "sports"), ("KIA 타이거즈", "sports")]),
    ("쌍용차 노조가 파업했다.", [("KG모빌리티 노조", "company")]),  # a union is a unit of its company
    ("연준의 금리 인상으로 한미 금리차가 벌어졌다.", [("연방준비제도", "foreign_gov")]),
    ("교통대란이 일어나지 않았다.", []),
    ("현대 미술의 흐름을 다룬 책이다.", []),
])
def test_matcher_finds_the_new_categories_in_running_text(sentence, expected):
    from krnews.nlp.orgs import org_matcher

    assert [(o.canonical, o.org_type) for o in org_matcher().find(sentence)] == expected


# -- listed and unlisted companies, finance, foreign companies, hospitals and schools, civil society --

@pytest.mark.parametrize("alias, canonical, org_type", [
    ("요기요", "위대한상상", "company"),
    ("한화토탈", "한화토탈에너지스", "company"),
    ("레고켐바이오", "리가켐바이오사이언스", "company"),
    ("수협은행", "Sh수협은행", "company"),
    ("업비트", "두나무", "company"),
    ("이베스트투자증권", "LS증권", "company"),
    ("신협", "신용협동조합중앙회", "association"),
    ("램리서치", "램리서치", "company"),
    ("신일본제철", "일본제철", "company"),
    ("서울대병원", "서울대학교병원", "hospital"),
    ("고대안암병원", "고려대학교 안암병원", "hospital"),
    ("춘천교대", "춘천교육대학교", "university"),
    ("납세자연맹", "한국납세자연맹", "association"),
    ("전장연", "전국장애인차별철폐연대", "association"),
    ("정대협", "정의기억연대", "association"),
])
def test_second_lists_map_their_forms(pattern_to_id, organisations, alias, canonical, org_type):
    assert pattern_to_id.get(alias) == canonical
    assert organisations[canonical]["org_type"] == org_type


@pytest.mark.parametrize("word", [
    "비보", "오포", "세가", "왕이", "루시드", "콘티넨탈", "탈레스", "다케다", "머크",  # foreign: words, places, people
    "PMI", "RTX", "CVS", "MSC", "E1", "SG",  # acronyms that are common terms
    "타다", "당근", "웨이브", "대교", "동서", "삼양", "팔도", "서한", "세방", "파수", "삼호", "애경", "유진",
    "악사", "증권금융", "신천지", "YMCA", "보이스카우트", "순복음교회",
    "세브란스", "아산병원", "고대병원", "성모병원", "백병원", "UCL", "정관장",  # shared by several bodies
])
def test_second_lists_leave_out_ambiguous_words(pattern_to_id, word):
    assert word not in pattern_to_id


@pytest.mark.parametrize("sentence, expected", [
    ("요기요와 쿠팡이츠가 배민을 추격했다.",
     [("위대한상상", "company"), ("쿠팡이츠", "company"), ("우아한형제들", "company")]),
    ("서울대병원과 세브란스병원 교수들이 모였다.", [("서울대학교병원", "hospital"), ("세브란스병원", "hospital")]),
    ("한국납세자연맹은 메리츠화재와 램리서치를 비판했다.",
     [("한국납세자연맹", "association"), ("메리츠화재", "company"), ("램리서치", "company")]),
    ("비보가 전해지자 버스를 타다가 멈췄다.", []),
    ("RTX 4090 품귀에 E1 등급 자재도 동났다.", []),
    ("동서 화합을 외친 팔도 사나이들이 신천지를 찾았다.", []),
])
def test_matcher_finds_the_second_lists_in_running_text(sentence, expected):
    from krnews.nlp.orgs import org_matcher

    assert [(o.canonical, o.org_type) for o in org_matcher().find(sentence)] == expected


@pytest.mark.parametrize("ambiguous", ["중구", "동구", "서구", "남구", "북구", "강서구", "고성군", "중구청", "동구청"])
def test_ambiguous_bare_sigungu_are_not_patterns(pattern_to_id, ambiguous):
    assert ambiguous not in pattern_to_id


@pytest.mark.parametrize("place", ["서울", "경기", "광주", "부산", "제주", "수도권", "수원", "강남", "현대"])
def test_bare_places_and_ambiguous_words_are_not_patterns(pattern_to_id, place):
    assert place not in pattern_to_id


def test_every_pattern_names_exactly_one_known_organisation(patterns, organisations):
    names = [p["pattern"] for p in patterns]
    assert len(names) == len(set(names))
    assert {p["label"] for p in patterns} == {"ORG"}
    assert {p["id"] for p in patterns} == set(organisations)


def test_organisations_and_patterns_agree(pattern_to_id, organisations):
    for org in organisations.values():
        assert pattern_to_id[org["id"]] == org["id"]
        assert all(pattern_to_id[alias] == org["id"] for alias in org["aliases"]), org["id"]
        assert org["parent"] is None or org["parent"] in organisations
    assert sum(len(o["aliases"]) + 1 for o in organisations.values()) == len(pattern_to_id)


def test_built_files_are_up_to_date_with_sources(tmp_path):
    result = _run_build(ORGS_DIR / "sources", tmp_path)
    assert result.returncode == 0, result.stderr
    for name in ("patterns.jsonl", "organisations.jsonl"):
        assert (tmp_path / name).read_bytes() == (ORGS_DIR / name).read_bytes(), (
            f"{name} is stale: run python data/build_gazetteer.py")


# -- the build's checks, on small sources written here -------------------------------------------

HEADER = "# source: test\n"


def _sources(tmp_path: Path, files: dict[str, str]) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    for name, body in files.items():
        (sources / name).write_text(HEADER + body, encoding="utf-8")
    return sources


def test_build_fails_naming_the_line_when_an_alias_names_two_organisations(tmp_path):
    sources = _sources(tmp_path, {
        "a.tsv": "산업통상자원부\tcentral_gov\t산업부\n",
        "b.tsv": "산업자원부\tcentral_gov\t산자부\n산업연구부\tcentral_gov\t연구부|산업부\n",
    })
    result = _run_build(sources, tmp_path / "out")
    assert result.returncode == 1
    assert "b.tsv:3" in result.stderr and "'산업부'" in result.stderr and "a.tsv:2" in result.stderr
    assert not (tmp_path / "out" / "patterns.jsonl").exists()


@pytest.mark.parametrize("line, reason", [
    ("국토교통부\tministry\t국토부\n", "unknown org_type"),
    ("국세청\tcentral_gov\t\t기획재정부\n", "parent"),
    ("서울\tlocal_gov\n", "place"),
    ("국토교통부\n", "columns"),
    ("국토교통부\tcentral_gov\t국토부| 국토\n", "stray spaces"),
])
def test_build_rejects_malformed_rows(tmp_path, line, reason):
    sources = _sources(tmp_path, {"places.tsv": "서울\n", "a.tsv": line})
    result = _run_build(sources, tmp_path / "out")
    assert result.returncode == 1
    assert "a.tsv:2" in result.stderr and reason in result.stderr


def test_build_drops_place_aliases_and_derives_local_forms(tmp_path):
    sources = _sources(tmp_path, {
        "places.tsv": "부산\t부산광역시\n울산\t울산광역시\n",
        "sido.tsv": "부산광역시\tlocal_gov\t부산시|부산|부산시청\n울산광역시\tlocal_gov\t울산시\n",
        "sigungu.tsv": ("부산광역시 중구\tlocal_gov\t\t부산광역시\n울산광역시 중구\tlocal_gov\t\t울산광역시\n"
                        "부산광역시 기장군\tlocal_gov\t\t부산광역시\n"),
    })
    result = _run_build(sources, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "sido.tsv:2: dropped alias '부산'" in result.stderr
    table = {p["pattern"]: p["id"] for p in _read_jsonl(tmp_path / "out" / "patterns.jsonl")}
    assert table["부산 중구"] == table["부산시 중구청"] == "부산광역시 중구"
    assert table["울산 중구"] == "울산광역시 중구"
    assert table["기장군"] == table["기장군청"] == "부산광역시 기장군"
    assert not {"부산", "중구", "중구청", "기장", "부산시청 중구"} & set(table)


def test_every_organisation_type_the_extractor_gives_has_a_korean_label():
    import json

    from krnews.data import DATA_DIR

    labels = json.loads((DATA_DIR / "datasette" / "labels.json").read_text(encoding="utf-8"))["org_type"]
    rules = json.loads((DATA_DIR / "nlp" / "orgs.json").read_text(encoding="utf-8"))
    given = {json.loads(line).get("org_type") for line in (DATA_DIR / "orgs" / "organisations.jsonl").open(encoding="utf-8")}
    given |= set(rules["suffixes"].values()) | set(rules["unit_suffixes"].values()) | set(rules["company_marks"].values())
    assert sorted(t for t in given - {None} if t not in labels) == []


def test_build_adds_the_spaced_form_of_a_latin_head_unless_another_owns_it(tmp_path):
    sources = _sources(tmp_path, {"a.tsv": "KB누리은행\tcompany\n한빛카드\tcompany\tHB 누리은행|HB누리은행\n"})
    result = _run_build(sources, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    owners = {p["pattern"]: p["id"] for p in _read_jsonl(tmp_path / "out" / "patterns.jsonl")}
    assert owners["KB 누리은행"] == "KB누리은행"
    assert owners["HB 누리은행"] == "한빛카드"  # already written spaced: kept as it is
    assert "한빛 카드" not in owners  # no Latin head, no spaced form


@pytest.mark.parametrize("former", ["북제주군", "남제주군", "청원군", "마산시", "진해시"])
def test_local_governments_merged_away_are_still_named(pattern_to_id, former):
    assert pattern_to_id[former].endswith(" " + former)
