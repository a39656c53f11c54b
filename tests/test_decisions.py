"""The normaliser's decisions, one table each (krnews.normalise.decisions.STEPS): sentences written for
these tests, what each step decides for their money, and which rule it names in the record's `why`."""
import json

import pytest

import krnews
from krnews.normalise.decisions import STEPS
from krnews.writers import Writer


def records(text, published="2024-03-12"):
    return krnews.extract(text, published=published).records


def by_amount(text, published="2024-03-12"):
    return {r.amount_text: r for r in records(text, published)}


def test_the_steps_run_in_the_documented_order():
    assert [step.name for step in STEPS] == ["commitment", "owner", "funding_type", "year", "parties", "initiative"]


# --- 1. Commitment: is someone deciding to put this money into something? -------------------------

COMMITMENT = [
    # (text, amount, is a record)
    ("경북도는 국고보조금 1조5천863억원 등 모두 4조2천423억원의 내년도 국고예산을 정부에 신청했다고 밝혔다.", "1조5천863억원", False),
    ("경북도는 국고보조금 1조5천863억원 등 모두 4조2천423억원의 내년도 국고예산을 정부에 신청했다고 밝혔다.", "4조2천423억원", False),
    ("각 부처는 내년 예산으로 298조원을 요구했다.", "298조원", False),
    ("신규 국고 건의 사업은 모두 3건으로 △체육관 건립(200억 원) △하천 정비(131억 원) 등이 포함됐다.", "200억 원", False),
    ("인천시는 내년 국비 확보 목표액을 4조5000억원으로 잡았다.", "4조5000억원", False),
    # a list sentence right after a request goes on about the request
    ("제주도는 내년 1조6119억원의 국비를 신청했다. 회계별로는 일반국고사업 1조1078억원, 기금사업 2226억원이다.", "2226억원", False),
    # money striven for (확보에 나섰다, 확보에 총력, 확보할 경우) is not secured, nor the lists that follow,
    # even past a sentence without money
    ("서천군이 국도비 6640억 확보에 나섰다. 이날 71개 중점 사업이 선정됐다. 주요사업으로는 △국가습지복원(131억) 등이다.",
     "131억", False),
    ("군은 중점 예산 3090억원을 확보할 경우 국도비 예산이 늘어날 것으로 전망된다.", "3090억원", False),
    ("서천군이 국도비 확보에 나섰다. 군은 올해 국비 131억원을 확보했다.", "131억원", True),
    # a headline drops the particle (확보 나서, 확보 총력), and the list after it is still striven for
    ("서천군, 국도비 6640억 확보 나서\n\n주요사업으로는 △국가습지복원(131억) 등이다.", "131억", False),
    ("함평군, 내년 국비 5675억 확보 총력\n\n군은 현안사업 42건을 점검했다.", "5675억", False),
    ("함평군, 국비 100억 확보…도로 공사 나서\n\n군은 올해 도로 공사를 시작한다.", "100억", True),
    # its own verb commits money even in a sentence that ends by asking
    ("군은 국비 100억원을 확보했으며 추가로 50억원을 신청했다.", "100억원", True),
    ("군은 국비 100억원을 확보했으며 추가로 50억원을 신청했다.", "50억원", False),
    # asking for approval of a budget is no request for money
    ("평창군은 총 1천965억원 규모의 추경예산안에 대해 군의회에 승인을 요청했다.", "1천965억원", True),
    # an application mentioned on the way (신청한 이래) does not frame the sentence
    ("제주도는 국비 59억원을 포함해 총 73억원의 사업을 유치해 국비를 신청한 이래 최대 성과라고 설명했다.", "59억원", True),
    # a request word inside the name the money is given as (도 재정건의사업으로) says nothing of it
    ("군은 도 재정건의사업으로 전광판 교체 5억 원, 파크골프장 3억 원을 확보했다.", "5억 원", True),
    # a sentence that commits money ends the run of a request
    ("시는 국비 500억원을 신청했다. 시는 또 자체 예산 30억원을 편성했다.", "30억원", True),
    ("경기도는 올해 AI 산업에 120억원을 투입한다.", "120억원", True),
    # the starting point of a change is a record of its own year when one is written with it
    ("재정경제부 예산은 올해 6조3천29억원에서 11조5천3백억원으로 82.9% 증액됐다.", "6조3천29억원", True),
    ("재정경제부 예산은 5조원에서 6조원으로 늘었다.", "5조원", False),
    ("한빛전자는 지난해 매출 4200억원을 기록했다.", "4200억원", False),
    # a difference said after a list word or 각각, and a mark passed, are no money committed
    ("기계연구원 48억, 원자력연구소 45억 원 등이 줄었다.", "45억 원", False),
    ("두 기관 예산은 각각 836억 원, 593억 원으로 76억 원, 66억 원이 각각 늘었다.", "66억 원", False),
    # … and so is each amount of a list that ends in a difference, also when its items carry asides
    ("전년대비 ▲배전계획사업에서 619억원(증가율 13.80%) ▲배전보강사업에서 790억원(9.95%)이 각각 늘어났다.", "619억원", False),
    ("기계연구원 48억, 원자력연구소 45억 원 등이 줄었다.", "48억", False),
    ("두 기관 예산은 836억 원, 593억 원으로 각각 76억 원, 66억 원이 늘었다.", "76억 원", False),
    ("두 기관 예산은 836억 원, 593억 원으로 각각 76억 원, 66억 원이 늘었다.", "836억 원", True),
    # … not when the list goes on to the figure it changes
    ("군은 추경예산안 6,930억 원을 편성했다. 일반회계는 434억 원 증가한 6,085억 원, 특별회계는 51억 원이 증가한 845억 원 규모다.",
     "6,085억 원", True),
    ("인천시 최초로 국비 6조 원을 넘어섰다.", "6조 원", False),
    ("공공기금 조성규모가 2백조원에 육박하게 된다.", "2백조원", False),
    ("교육재정교부금은 1조3백67억원이나 줄어들었다.", "1조3백67억원", False),
    # … also with 더 between them, or said as a finite verb (확대됐으며, 많다)
    ("내년 예산은 올해 발표된 1조 3235억 원에서 1774억 원이 더 늘어난 규모다.", "1774억 원", False),
    ("한빛공사는 하반기 투자를 8천5백억원 더 늘린다.", "8천5백억원", False),
    ("창업기업 투자보조금이 300억원 확대됐으며 지급 방식도 바뀐다.", "300억원", False),
    ("한빛시 예산안은 이웃 시 예산안(1조5천60억원)보다 590억원 많다.", "590억원", False),
    ("창업기업 투자보조금은 300억원으로 확대됐다.", "300억원", True),
    ("시는 청년 창업에 300억원을 더 투입한다.", "300억원", True),
    ("경상북도는 4조8561억원을 확보해 올해(4조1496억원)보다 17%(7065억원)나 늘었다.", "7065억원", False),
    ("군은 농가에 평당 5만원을 지원한다.", "5만원", False),
    ("지난해 실적 448억원보다 121억원 모자란 액수다.", "121억원", False),
    ("공사는 올해 예산을 지난해보다 143억원을 줄였다.", "143억원", False),
    # right after what it is compared with, a figure is the difference; said with 으로, the result
    ("문체부 관광 예산은 1조3000억원이다. 이는 2023년 대비 814억원, 6.6% 증가한 규모다.", "814억원", False),
    ("일반회계는 1조1604억원으로 전년 대비 863억원(8%), 특별회계는 5727억원이다.", "863억원", False),
    ("국회는 당초 정부안인 7조5천877억원보다 2천620억원의 예산을 증액했다.", "2천620억원", False),
    ("특별회계는 올해 예산 128억900만원보다 126억8800만원으로 0.95% 감소한 규모이다.", "126억8800만원", True),
    ("도는 전년 대비 10% 늘어난 500억원을 편성했다.", "500억원", True),
    # … and so is a figure right after the change it is named as (증액 529억 원), not one a change led to
    ("해수부 예산은 국회 심의에서 증액 529억 원, 감액 250억 원으로 확정됐다.", "529억 원", False),
    ("해수부 예산은 국회 심의에서 증액 529억 원, 감액 250억 원으로 확정됐다.", "250억 원", False),
    ("해수부는 국회에서 증액된 529억 원을 항만 개발에 투입한다.", "529억 원", True),
    # a word of no money that an aim follows names what the money is for, not what it is
    ("한빛군 세출예산은 농민 소득 증대를 위한 농업 분야가 896억원으로 가장 많다.", "896억원", True),
    ("한빛군 세출예산은 주민편익 증진과 복지 향상을 위한 사회복지 분야가 1,035억원으로 가장 많다.", "1,035억원", True),
    ("한빛군의 추경 예산은 태풍 피해 복구 120억원 등이다.", "120억원", True),
    ("한빛군은 스마트팜 조성에 50억원을 투입한다. 연간 300억원의 소득 증대 효과가 기대된다.", "300억원", False),
    ("태풍 피해액은 120억원으로 집계됐다.", "120억원", False),
    ("한빛군은 태풍 피해 120억원을 입었다.", "120억원", False),
    # a list with no cue word of its own takes the paragraph's kind of money, past a sentence of a
    # difference or a figure compared with, not past money that is no initiative (적자)
    ("한빛시는 내년 예산 2천억원을 편성했다. 올해보다 100억원 늘었다. 주요 사업은 △순환도로 50억원 △공원 30억원 등이다.", "50억원", True),
    ("한빛시는 체육시설 조성에 100억원을 투입했다. 체육시설들은 올해 12억원의 적자를 기록했다. 시설별로는 종합경기장 5억원, 체육관 3억원 등이다.",
     "5억원", False),
    # a bound of the figure right after it is no money; a bound of a contract is (over 1조원)
    ("관광분야에 처음 1조원이 넘는 1조466억원의 예산을 편성했다.", "1조원", False),
    ("대우조선해양이 컨테이너선으로 1조원이 넘는 계약을 따냈다.", "1조원", True),
    ("두 기관 예산은 각각 836억 원, 593억 원으로 76억 원, 66억 원이 각각 늘었다.", "593억 원", True),
    # salaries, pay rates and the revenue side of a budget are no initiative
    ("병 봉급을 병장 기준 40만6천원으로 인상한다.", "40만6천원", False),
    ("주요 세입은 국·도비보조금 16억 원과 세외수입 3억 원 등이다.", "16억 원", False),
    ("시는 인건비를 제외한 사업비 300억원을 투입한다.", "300억원", True),
    # taxes collected, benefits expected, share prices; an approximation may stand before the money's own noun
    ("서울시는 지난해 7조1,086억원의 지방세를 거둬들였다.", "7조1,086억원", False),
    ("통행시간 단축으로 연간 200억원의 사회적 편익이 기대된다.", "200억원", False),
    ("한빛건설은 이번 계약으로 올해 540억원 가량의 매출이 발생한다.", "540억원", False),
    ("한빛소재는 10.5% 오른 2,035원에 거래를 마쳤다.", "2,035원", False),
    ("한빛소재는 신주 1,875만주(주당 발행가 3,200원)를 600억 원에 인수한다.", "3,200원", False),  # an issue price
    ("한빛소재는 회사채 600억 원을 발행한다.", "600억 원", True),
    ("시는 지방세 등 자체 재원으로 300억원을 투입한다.", "300억원", True),
    # a topic naming the revenue side frames its own sentence, and only that one
    ("주요 재원은 지방세수입 6125억 원, 국도비보조금 8708억 원 등이다.", "8708억 원", False),
    ("주요 재원은 지방세수입 6125억 원 등이다. 주요 사업은 복지관 건립비 30억 원 등이다.", "30억 원", True),
    ("시는 세입·세출 예산 1조2000억원을 편성했다.", "1조2000억원", True),
    # bulleted items without commas are one list: the words before it and its predicate speak for each
    ("추경예산에 반영된 주요사업으로 △센터 건립 4억 원 △유지보수 사업 10억 원 △교육관 신축 7억 원이다.", "10억 원", True),
    ("주요 세입은 △지방세 10억 원 △세외수입 44억 원 등이다.", "44억 원", False),
    # orders won so far (수주 실적) and an order target are no contract; an order is
    ("대우조선해양은 올들어 총 32척, 53억7000만 달러(약 5조9400억원) 상당의 수주 실적을 올렸다.", "5조9400억원", False),
    ("이는 연간 목표 수주액인 45억7000만 달러의 56.2%에 해당한다.", "45억7000만 달러", False),
    ("대우조선해양은 선주로부터 4천억 원에 LNG 운반선 2척을 수주했다.", "4천억 원", True),
    # a cue word inside a longer one of the other kind is part of it: 연금 in 출연금, 보증 in 보증금
    ("기보는 국민은행의 특별출연금 90억원으로 협약보증을 지원한다.", "90억원", True),
    ("공단은 올해 국민연금 90억원을 더 지급했다.", "90억원", False),
    ("가람시는 올해 특별출연금으로 추진하는 지역 상생 협력 프로그램과 청년 창업 체계의 세부 사업은 가 사업(140억원), "
     "나 사업(37억원) 등이다.", "37억원", True),  # … also where the sentence's cue is read, far from the amount
    ("한빛전자는 임대 보증금 5억원을 냈다.", "5억원", False),
    # a round figure with 대 names a bracket (2000억 원대를 기록), unless a noun it sizes follows; a monthly rate
    ("금산군 살림규모가 2년 연속 2000억 원대를 기록하게 됐다.", "2000억 원", False),
    ("도의 예산은 처음으로 8조원대에 들어섰다.", "8조원", False),
    ("인천시는 산업단지 조성에 1000억원대 사업비가 들 것으로 보고 있다.", "1000억원", True),
    ("정부는 내년 연구개발 예산으로 1조 574억 원대를 배정했다.", "1조 574억 원", True),
    ("이들은 월 40만∼50만원을 받고 일하게 된다.", "40만∼50만원", False),
    ("시는 참여 농가에 매월 20만원을 지원한다.", "20만원", False),
    ("시는 지난 3월 40억원을 투입했다.", "40억원", True),
    # a rate per unit, also spaced or with an aside between unit and 당
    ("군은 논·밭 구분없이 ㎡ 당 100원 기준으로 농자재 구입비를 지원한다.", "100원", False),
    ("내년에 57억원의 예산을 배정, ㏊(3천평)당 52만4천원을 보조해준다.", "52만4천원", False),
    ("내년에 57억원의 예산을 배정, ㏊(3천평)당 52만4천원을 보조해준다.", "57억원", True),
    ("더불어민주당 30억원 증액안이 통과됐다. 군은 올해 30억원을 투입한다.", "30억원", True),
    # a bound that classes what the noun after it names is no money (100억원 이상 공사는); the money is when
    # a cue word or the size word follows (100억원 이상 투입, 200억원 이상 규모의)
    ("공사는 올해 3000억원을 투입한다. 100억 원 이상 공사는 총 20건에 이른다.", "100억 원", False),
    ("시는 사업비 3000억원을 투입한다. 이 가운데 20억원이상 들어가는 사업은 10건이다.", "20억원", False),
    ("시는 도로에 100억원 이상 투입했다.", "100억원", True),
    ("시는 200억원 이상 규모의 펀드를 조성한다.", "200억원", True),
    # a share price with its move in a ticker aside is no money; the deal beside it is
    ("소화기 제조업체 이엔플러스 (3,340원 ▼80 -2.34%)는 약 120억원에 바른전자 주식을 취득했다.", "3,340원", False),
    ("소화기 제조업체 이엔플러스 (3,340원 ▼80 -2.34%)는 약 120억원에 바른전자 주식을 취득했다.", "120억원", True),
    # a change named as such (증액분, 감소분, 삭감액) is no money of its own; the figure it changes is
    ("교육청은 식품비 1169억(증액분 277억)을 편성했다.", "277억", False),
    ("교육청은 식품비 1169억(증액분 277억)을 편성했다.", "1169억", True),
    ("주요 증액 내용은 △신규 연구개발 사업 증액분 774억원 등이다.", "774억원", False),
    # buying a company or its shares puts money into it; a tax on buying (취득세) and purchases of goods do not
    ("한빛홀딩스는 한빛푸드 지분 100%를 230억원에 인수한다고 공시했다.", "230억원", True),
    ("한빛전자는 한빛USA 주식 3만주를 4279억원에 추가 취득한다.", "4279억원", True),
    ("군은 취득세 230억원을 거뒀다.", "230억원", False),
    ("한빛마트의 상품 매입 140억원은 지난해보다 줄었다.", "140억원", False),
    ("시는 부지 매입비 140억원을 반영했다.", "140억원", True),  # … a budget's line for buying land is spending
    # a request verb closed by a connective ending belongs to the clause before; the amount's own noun decides
    ("구는 사업 예산을 편성했다. 방범 CCTV 사업이 세 동에서 요구돼 7,000만원의 사업비가 편성된다.", "7,000만원", True),
    ("구는 사업 예산을 편성했다. 세 동이 요구한 7,000만원의 사업비는 다음 해로 미뤄졌다.", "7,000만원", False),
]


@pytest.mark.parametrize("text,amount,expected", COMMITMENT)
def test_commitment(text, amount, expected):
    assert (amount in by_amount(text)) is expected


# --- 2. Owner: whose money is it? ------------------------------------------------------------------

OWNER = [
    # (text, amount, org, rule)
    ("광주시는 올해 AI 사업에 200억원을 투입한다.", "200억원", "광주광역시", "topic of the clause"),
    ("광주시는 AI 사업을 추진한다. 올해 200억원을 투입한다.", "200억원", "광주광역시", "acted in an earlier sentence"),
    # a noun phrase that is a body's topic does not run across a conjunction (…충북도 ends a name, 도 is no particle)
    ("단양군이 지난해 정부 및 충북도 공모사업에서 988억 원의 국·도비를 확보했다. 군은 올해 1503억원의 사업비를 확보했다고 밝혔다.",
     "988억 원", "충청북도 단양군", "subject of the clause"),
    ("충주시 예산도 100억원 늘어난 500억원이다.", "500억원", "충청북도 충주시", "topic of the clause"),
    # a legal-form mark and an aside may stand between a company and its particle
    ("천안시는 기업 3곳과 협약을 맺었다. 장비를 만드는 한빛세미㈜(대표 김한빛)는 100억원을 들여 공장을 옮긴다.", "100억원",
     "한빛세미", "topic of the clause"),
    ("함안군은 기업들과 협약을 맺었다. 한빛비료㈜는 농공단지에 45억원을 투자한다.", "45억원", "한빛비료", "topic of the clause"),
    # in an article that names no body, a budget is the state's (not money of any kind)
    ("연구개발(R&D) 예산은 내년 26조 5천억 원 규모로 편성됐다.", "26조 5천억 원", "정부", "a budget no body is named for"),
    ("광주시는 예산을 늘렸다. 복지 예산은 300억원으로 편성됐다.", "300억원", "광주광역시", "acted in an earlier sentence"),
    ("새 공장에 300억원이 투입된다.", "300억원", None, "no organisation"),
    # a body acting after the amount acts on it only in the same clause (not after 줄었고, in the next one)
    ("SK텔레콤의 설비투자는 지난해 2조7420억 원으로 줄었고, 같은 기간 KT는 3조2000억 원으로 줄었다.", "2조7420억 원",
     "SK텔레콤", "owns the sentence's opening noun"),
    ("올해 설비투자에 2조7420억 원을 쓰는 KT는 5G망을 넓힌다.", "2조7420억 원", "KT", "acts later in the sentence"),
    # a listed body names its amount also with its stock code between, or with the amount in brackets
    ("펀드는 기업은행(600억원), 신한은행(400억원)의 출자금으로 조성된다.", "400억원", "신한은행", "names the amount's list item"),
    ("이밖에 한국가스공사(036460) 1조5000억원, 지역난방공사 5000억원을 투자한다.", "1조5000억원", "한국가스공사",
     "names the amount's list item"),
    ("한국가스공사(사장 김민수) 등은 올해 1조5000억원을 투자한다.", "1조5000억원", "한국가스공사", "topic of the clause"),
    # a press release's source body owns the money no one else acts on; a body that acts comes first
    ("29일 함평군에 따르면 올해 공모사업 22건에 선정됐다. 세부적으로 국비 749억원, 도비 102억원이다.", "749억원",
     "전라남도 함평군", "the body the article has its facts from"),
    ("29일 함평군에 따르면 전남도는 공모사업을 선정했다. 세부적으로 국비 749억원, 도비 102억원이다.", "749억원",
     "전라남도", "acted in an earlier sentence"),
    ("한빛도는 올해 예산으로 300억원을 투입한다.", "300억원", None, "no organisation"),  # a body in no list is named
    # money no body in the text acts on belongs to the body the article names first (its headline, its lead);
    # a party (that cannot fund) is no such body
    ("양양군 인구가 처음으로 3만명을 넘었다. 도로 정비사업에 11억원이 책정됐다.", "11억원", "강원특별자치도 양양군",
     "first named in the article"),
    ("양양군 예산이 처음으로 3천억원을 넘었다. 도로 정비사업에 11억원이 책정됐다.", "11억원", "강원특별자치도 양양군",
     "first to act in the article"),  # … whose budget it names
    ("더불어민주당은 논평을 냈다. 도로 정비사업에 11억원이 책정됐다.", "11억원", None, "no organisation"),
    # a body in no list that the story keeps opening its sentences with
    ("한빛특수강은 공장 증축에 423억을 투자하기로 했다고 공시했다. 한빛특수강은 생산능력을 늘린다.", "423억", "한빛특수강",
     "topic of the clause"),
    ("경기도는 예산을 늘렸다. 시는 올해 30억원을 편성했다.", "30억원", "경기도", "acted in an earlier sentence"),
    ("삼성전자와 SK하이닉스는 각각 360조원, 120조원을 투자한다.", "120조원", "SK하이닉스", "given its own amount by 각각"),
    ("총사업비 1000억 원 가운데 나머지 800억 원은 양양군의 몫이다.", "800억 원", "강원특별자치도 양양군", "the money is said to be its share"),
    ("기보는 기업은행의 지원금 25억원을 재원으로 협약보증을 공급한다.", "25억원", "IBK기업은행",
     "owns the money's noun (X의 출연금)"),
    ("기보는 국민은행의 출연금 90억원을 재원으로 1800억원 규모의 협약보증을 지원한다.", "1800억원", "기술보증기금",
     "topic of the clause"),
    ("문화체육부는 새 국립중앙박물관의 총사업비를 3천6백억원으로 산정했다.", "3천6백억원", "문화체육부",
     "topic of the clause"),  # what a facility costs is no money the facility puts in
    ("산업통상자원부 4조1444억원, 중소벤처기업부 2조원이 배정됐다.", "2조원", "중소벤처기업부", "names the amount's list item"),
    # a body named in brackets with the amount's item runs it (and an acronym in brackets names its body)
    ("정부는 내년 예산안을 확정했다. 환경호르몬 실태조사(환경부)에 15억원, 영향조사(식품의약품안전처)에 10억원이 배정된다.", "10억원",
     "식품의약품안전처", "named in brackets with the amount's item"),
    ("공기업별 투자액은 한국토지주택공사(LH) 10조5천억원, 한국도로공사 6조8천억원 등이다.", "10조5천억원", "한국토지주택공사",
     "named in brackets with the amount's item"),
    ("정부는 내년 예산안을 확정했다. 실태조사(올해 시작)에 15억원이 배정된다.", "15억원", "정부", "acted in an earlier sentence"),
    # a body opening a bulleted item is that item's (▶, △, ▲ …; not the · that joins names)
    ("기획예산처는 계속사업을 발표했다. 주요 계속사업은 △신용보증기금 지원 1조원 △호남선 전철화사업 4350억원 등이다.", "4350억원",
     "기획예산처", "acted in an earlier sentence"),  # … and of no later item
    ("충북도는 특별교부세 120억원을 확보했다. 시·군 몫은 ▶청주시 도로개설 등 4건 35억원 ▶충주시 진입도로 10억원 등이다.", "10억원",
     "충청북도 충주시", "heads the amount's list item"),
    # … unless a topic stands between that body and the amount (a subject there may be its partner)
    ("보금자리주택, 신도시, 세종시 사업을 주도하는 LH는 공공기관 중 가장 많은 31조4000억원을 투자한다.", "31조4000억원",
     "한국토지주택공사", "topic of the clause"),
    ("삼성전자가 360조원, LG와 현대중공업이 각각 21조원을 투자한다.", "21조원", "LG그룹", "heads the amount's list item"),
    ("삼성전자·현대자동차·SK하이닉스 등 16개 대기업이 28조원 규모의 투자를 하겠다고 발표했다.", "28조원", "16개 대기업",
     "subject of the clause"),
    # the first to act in an article may be the body whose budget it names first (환경부 예산을), before
    # another acts (정부가 …); a legislature that passes it is no such body
    ("국회는 8일 내년도 환경부 예산 및 기금을 7조원으로 확정했다. 부문별로는 ▶상하수도 2조원 ▶수질 4천억원이다. "
     "당초 정부가 72억원을 배정했다.", "2조원", "환경부", "first to act in the article"),
    ("국회는 8일 예산안을 확정했다. 상하수도에 2조원이 배정됐다. 당초 정부가 72억원을 배정했다.", "2조원", "정부",
     "first to act in the article"),
    # a body heading a section (▽충남도〓…, ▲국토부 = …) is who the section is about; a body that only
    # owns a noun (충남도 몫) or speaks (국토부 관계자:) is not
    ("대전시는 예산을 편성했다. ▽충남도〓일반회계 예산으로 1조2063억원을 편성했다. 특별회계로는 3319억원을 편성했다.",
     "3319억원", "충청남도", "acted in an earlier sentence"),
    ("대전시는 예산을 편성했다. 이 중 충남도 몫 1조2063억원을 편성했다. 특별회계로는 3319억원을 편성했다.",
     "3319억원", "대전광역시", "acted in an earlier sentence"),
    ("정부는 예산을 편성했다. ▲국토부 = 20조원을 배정했다. 도로에 5조원을 쓴다.", "5조원", "국토교통부", "acted in an earlier sentence"),
    ("정부는 예산을 편성했다. 국토부 관계자: 도로에 5조원을 쓴다.", "5조원", "정부", "acted in an earlier sentence"),
    # a subject after a clause ending (…짓고, B가) acts in its own clause; one inside a clause that
    # describes a noun (교육청이 요청한) does not
    ("이밖에 국방부는 329억원을 들여 군인아파트를 짓고, 춘천교육청이 24억원을 들여 초등학교를 짓는다.", "24억원",
     "춘천교육청", "subject of the clause"),
    ("국방부는 교육청이 요청한 학교에 24억원을 들인다.", "24억원", "국방부", "topic of the clause"),
    # an aside about the organisation between it and its particle
    ("전남 담양군(군수 최형식)은 내년 국비 1000억 원을 확보했다.", "1000억 원", "전라남도 담양군", "topic of the clause"),
    ("담양군(군수 최형식)은 국비 1000억원을 확보했다. 주요 사업은 정원문화원 건립(사업비 196억 원) 등이다.", "196억 원", "전라남도 담양군",
     "acted in an earlier sentence"),
    # a 시·도 named by its bare name as the topic is its government
    ("정부 예산이 확정됐다. 울산은 28.2% 증가한 3조2715억원을 확보했다.", "3조2715억원", "울산광역시", "topic of the clause"),
    ("정부 예산이 확정됐다. 부산은 7조755억원을 확보했다.", "7조755억원", "부산광역시", "topic of the clause"),
    # the owner of the clause's topic noun phrase is whose money it is, and who the text goes on about
    ("울산시에 따르면 국회를 통과한 2009년도 울산시의 국가예산은 총 2조 4,703억원으로 나타났다.", "2조 4,703억원",
     "울산광역시", "owns the clause's topic"),
    ("울산시의 국가예산은 2조원으로 나타났다. 주요사업별로는 울산 과학기술대학교 교육인프라 구축사업비 400억원 등이 확보됐다.",
     "400억원", "울산광역시", "acted in an earlier sentence"),
    # not the owner of an object or of a noun that is not the topic
    ("부산시는 경기도의 국가예산을 분석해 200억원을 투입한다.", "200억원", "부산광역시", "topic of the clause"),
    # a subject before the sentence's topic acts in a clause describing that topic, not in the text
    ("경북도는 국비 12조원을 확보했다. 매년 행정안전부에서 지자체에 교부하는 지방교부세는 제외한 수치다. "
     "산불피해지 벌채 200억원 등을 확보했다.", "200억원", "경상북도", "acted in an earlier sentence"),
    ("경북도는 국비 12조원을 확보했다. 행정안전부가 재난 예산을 늘렸다. 산불피해지 벌채 200억원을 배정했다.",
     "200억원", "행정안전부", "acted in an earlier sentence"),
    # the outlet of a dateline is not who acts
    ("[담양=아시아경제 호남취재본부 김육봉 기자] 내년 국비 1000억 원이 반영됐다.", "1000억 원", None, "no organisation"),
    # the size of a budget the legislature passes is the state's money, not the topic's
    ("강릉시는 국회가 최종 의결한 607조원 규모의 2022년도 예산안에 강릉시 관련 국비 4,698억원이 반영됐다고 밝혔다.", "607조원",
     "정부", "a budget the legislature passes is the state's"),
    ("강릉시는 국회가 최종 의결한 607조원 규모의 2022년도 예산안에 강릉시 관련 국비 4,698억원이 반영됐다고 밝혔다.", "4,698억원",
     "강원특별자치도 강릉시", "topic of the clause"),
    # a national budget that no body is named for is the government's
    ("국방예산은 6.9% 늘었다. ▲ 전력 유지에 10조9천913억원을 배정했다.", "10조9천913억원", "정부",
     "the national budget the article is about"),
]


def test_a_body_no_one_named_has_no_mention():
    record = by_amount("국방예산은 6.9% 늘었다. ▲ 전력 유지에 10조9천913억원을 배정했다.")["10조9천913억원"]
    assert (record.org, record.org_mention) == ("정부", None)
    assert by_amount("▲ 전력 유지에 10조원을 배정했다.")["10조원"].org is None  # no national budget named


def test_a_bare_region_is_no_government_unless_it_is_the_topic():
    found = by_amount("경기가 위축되자 정부는 10조원의 추경을 편성했다. 서울에 50억원을 들여 센터를 짓는다.")
    assert found["10조원"].org == "정부"
    assert found["50억원"].org == "정부"


@pytest.mark.parametrize("text,amount,org,rule", OWNER)
def test_owner(text, amount, org, rule):
    record = by_amount(text)[amount]
    assert record.org == org
    assert record.why["org"].rule == rule


# --- 3. Funding type -------------------------------------------------------------------------------

FUNDING_TYPE = [
    # (text, amount, funding type, rule)
    ("서울시 강남구는 국비 39억원을 확보했다.", "39억원", "grant", "public money of a higher level"),
    ("양양군은 군비 195억원을 들여 도서관을 짓는다.", "195억원", "budget", "the government's own public money"),
    ("부산시는 올해 1200억원을 들여 센터를 건립한다.", "1200억원", "project_cost", "a government's money builds a facility"),
    ("부산시는 올해 데이터 산업에 300억원을 투입한다.", "300억원", "budget", "a government's spending"),
    ("한빛전자는 올해 반도체 공장에 3조원을 투자한다.", "3조원", "investment", "cue word"),
    ("정부는 모태펀드에 5000억원을 출자한다.", "5000억원", "investment", "cue word"),
    # an expenditure line named X비 (지역개발비, 건립비) is a line of a budget, not a project's cost; 총사업비 is one
    ("대구시는 내년도 예산을 9천8백69억원으로 편성했다. 부문별로는 지역개발비가 1천5백19억원, 사회복지비 9백12억원 등이다.",
     "1천5백19억원", "budget", "cue word"),
    ("부산시는 총사업비 1200억원을 들여 센터를 건립한다.", "1200억원", "project_cost", "cue word"),
    ("한빛홀딩스는 한빛푸드 지분을 230억원에 인수한다.", "230억원", "investment", "cue word"),
    ("시는 부지 매입비 140억원을 반영했다.", "140억원", "budget", "cue word"),
    # money set in a budget (책정) is budget, also for a facility it builds
    ("새만금청은 남북2축도로 사업에 21억원, 박물관 건립에 5억원이 책정됐다고 밝혔다.", "5억원", "budget", "cue word"),
    ("부산시는 박물관 건립에 5억원을 들인다.", "5억원", "project_cost", "a government's money builds a facility"),
    # the national budget a local government receives, named as the topic or right before the amount
    ("울산시의 2009년도 국가예산은 총 2조 4,703억원으로 나타났다.", "2조 4,703억원", "grant", "public money of a higher level"),
    ("광주광역시는 내년도 국비지원 예산이 2조5380억원에 달한다고 밝혔다.", "2조5380억원", "grant", "public money of a higher level"),
    ("담양군은 내년 국비예산 1000억 원을 확보했다.", "1000억 원", "grant", "public money of a higher level"),
    # … and the same words said of the state are its own budget
    ("기획재정부는 내년 정부 예산이 600조원이라고 밝혔다.", "600조원", "budget", "the government's own public money"),
    # the first item's own noun (총사업비) is that item's: the list's topic (국비) speaks for the others
    ("담양군의 주요 국비 사업은 ▲정원문화원 건립사업(총사업비 196억 원) ▲취수원 개발(111억 원) ▲쌀유통사업(105억 원) 등이다.",
     "111억 원", "grant", "public money of a higher level"),
    ("담양군의 주요 국비 사업은 ▲정원문화원 건립사업(총사업비 196억 원) ▲취수원 개발(111억 원) ▲쌀유통사업(105억 원) 등이다.",
     "196억 원", "project_cost", "cue word"),
]


@pytest.mark.parametrize("text,amount,funding_type,rule", FUNDING_TYPE)
def test_funding_type(text, amount, funding_type, rule):
    record = by_amount(text)[amount]
    assert record.funding_type == funding_type
    assert record.why["funding_type"].rule == rule


# --- 4. Year or period ----------------------------------------------------------------------------

YEAR = [
    # (text, amount, (year, start, end), rule, words)
    ("경기도는 AI 사업에 올해 120억원을 투입한다.", "120억원", (2024, None, None), "written right before the amount", "올해"),
    ("경기도는 올해 AI 사업에 120억원을 투입한다.", "120억원", (2024, None, None), "named in the amount's sentence", "올해"),
    ("경기도는 2025년까지 물류센터에 800억원을 들인다.", "800억원", (None, None, 2025), "named in the amount's sentence", "2025년까지"),
    ("경기도는 내년 예산을 짠다. 이 가운데 AI 사업에 120억원이 배정됐다.", "120억원", (2025, None, None),
     "the year the text is about, from an earlier sentence", "내년"),
    ("경기도는 AI 사업에 120억원을 투입한다.", "120억원", (2024, None, None), "the publication year: the money is acted on now", "2024-03-12"),
    # a year compared with through a figure that is no money is no year the text is about
    ("시는 내년 예산 5천억원을 편성했다. 재정자립도는 지난해 52.5%보다 3.1%p 낮은 49.4%다. 도로부문은 서부대로 50억원 등이다.", "50억원",
     (2025, None, None), "the year the text is about, from an earlier sentence", "내년"),
    ("시는 내년 예산 5천억원을 편성했다. 재정자립도는 지난해 52.5%였다. 도로부문은 서부대로 50억원 등이다.", "50억원",
     (2023, None, None), "the year the text is about, from an earlier sentence", "지난해"),
    # where no year is ever written, a budget's lines in an article whose money was acted on now are of
    # that year too; shares of a project's whole cost and money of an undated paragraph are not
    ("제주시는 예산 300억원을 편성했다. 주요 세출 내역은 감귤원 폐원 13억원, 마라도 정비사업 11억원 등이다.", "13억원",
     (2024, None, None), "the publication year: the article's money is acted on now", "2024-03-12"),
    ("주요 세출 내역은 감귤원 폐원 13억원, 마라도 정비사업 11억원 등이다.", "13억원", (None, None, None), "no year stated or implied", ""),
    ("제주시는 예산 300억원을 편성했다. 복지관은 국비 28억원, 시비 11억원 등 모두 39억원의 사업비가 투입될 예정이다.", "28억원",
     (None, None, None), "no year stated or implied", ""),
    # buying, handing out and spending money are acts too (인수, 교부, 집행, 지급)
    ("한빛그룹은 한빛식품 지분 100%를 230억원에 인수한다고 23일 공시했다.", "230억원", (2024, None, None),
     "the publication year: the money is acted on now", "2024-03-12"),
    ("충북도는 시·군 특별조정교부금 290억 원을 집행한다.", "290억 원", (2024, None, None),
     "the publication year: the money is acted on now", "2024-03-12"),
    ("한빛그룹의 한빛식품 투자 규모는 230억원 수준이다.", "230억원", (None, None, None), "no year stated or implied", ""),
    ("추정사업비는 4582억 원이며 2027년 준공 예정이다.", "4582억 원", (None, None, 2027), "the year the project is completed", "2027년"),
    # what a project costs in all spans its years: no year but a period or a completion year …
    ("시는 올해 복지관을 짓는다. 복지관은 국비 28억원 등 모두 39억원의 사업비가 투입될 예정이다.", "39억원",
     (None, None, None), "no year stated or implied", ""),
    ("시는 올해 사업을 시작했다. 330억원이 소요되는 종합사회복지관을 조성한다.", "330억원", (None, None, None),
     "no year stated or implied", ""),
    ("시는 올해 사업을 시작했다. 총사업비 1200억원을 들여 센터를 건립한다.", "1200억원", (None, None, None),
     "no year stated or implied", ""),
    # … while a cost line of a year's budget is that year's
    ("강원도는 올해 추경예산안을 편성했다. 주요 사업비는 올림픽 홍보 449억원, 경관 개선 53억원이다.", "53억원",
     (2024, None, None), "the year the text is about, from an earlier sentence", "올해"),
    ("도공은 올해 고속도로를 짓는다. 신설노선은 인천-안산 (올해 사업비 2천4백38억원), 대구-춘천 (사업비 1천3백91억원)이다.",
     "1천3백91억원", (2024, None, None), "the year the text is about, from an earlier sentence", "올해"),
]


# a figure given for comparison keeps its year to itself: 올해(…)보다, 2008년도 …에 비해
COMPARED = ("경상북도는 내년 국비를 확보했다. 경상북도는 4조8561억원을 확보해 올해(4조1496억원)보다 17% 늘었다.",
            "울산시의 2009년도 국가예산은 2008년도 1조4,686억원에 비해 1조 17억원이 증가한 총 2조 4,703억원이다. "
            "또 산업단지 진입도로 개설 525억원이 확보됐다.")
YEAR += [
    (COMPARED[0], "4조1496억원", (2020, None, None), "written right before the amount", "올해"),
    (COMPARED[0], "4조8561억원", (2021, None, None), "the year the text is about, from an earlier sentence", "내년"),
    (COMPARED[1], "1조4,686억원", (2008, None, None), "written right before the amount", "2008년도"),
    (COMPARED[1], "525억원", (2009, None, None), "the year the text is about, from an earlier sentence", "2009년도"),
    # money set against a year, with none of its own and none the text is about, is the next year's;
    # the year the text is about wins (a budget for next year compared loosely with 지난해)
    ("한빛연구원은 지난해 대비 182억 원이 늘어난 1108억 원의 예산을 받았다.", "1108억 원", (2024, None, None),
     "the year after the one its sentence compares it with", "지난해"),
    ("군은 올해보다 68억원 증가한 3385억원 규모의 예산안을 편성했다.", "3385억원", (2025, None, None),
     "the year after the one its sentence compares it with", "올해"),
    # … also when the comparison is said after the figure
    ("한빛연구원은 예산 836억 원으로 지난해 대비 76억 원이 늘었다.", "836억 원", (2024, None, None),
     "the year after the one its sentence compares it with", "지난해"),
    # the compared year may head a noun phrase that holds the compared figure in an aside
    ("대전시는 올해 예산(1조1131억원)보다 19.5% 늘어난 1조3299억원을 편성했다.", "1조3299억원", (2025, None, None),
     "the year after the one its sentence compares it with", "올해"),
    ("대전시는 올해 예산(1조1131억원)보다 19.5% 늘어난 1조3299억원을 편성했다.", "1조1131억원", (2024, None, None),
     "written right before the amount", "올해"),
    ("군은 내년도 예산안을 짰다. 예산안은 지난해 대비 611억 증가한 3조1330억원이다.", "3조1330억원", (2025, None, None),
     "the year the text is about, from an earlier sentence", "내년도"),
    # the compared figure's year may head the noun phrase naming it
    ("음성군은 2019년도 제2회 추경예산안을 올해 1회 추가경정예산 6,445억 원보다 485억 원 늘어난 6,931억 원 규모로 편성했다.",
     "6,931억 원", (2019, None, None), "named in the amount's sentence", "2019년도"),
    ("음성군은 2019년도 제2회 추경예산안을 올해 1회 추가경정예산 6,445억 원보다 485억 원 늘어난 6,931억 원 규모로 편성했다.",
     "6,445억 원", (2024, None, None), "written right before the amount", "올해"),
    # the figure a change starts from keeps its year; the figure it changes to takes the text's year
    ("정부는 내년 예산안을 확정했다. 국방부 예산은 올해 6조원에서 7조원으로 늘었다.", "6조원", (2024, None, None),
     "written right before the amount", "올해"),
    ("정부는 내년 예산안을 확정했다. 국방부 예산은 올해 6조원에서 7조원으로 늘었다.", "7조원", (2025, None, None),
     "the year the text is about, from an earlier sentence", "내년"),
    # a year compared against after a short noun phrase (올해 예산 대비) or continued from (올해에 이어) is not
    # the year the text is about, nor is the year of a figure a change starts from, for later sentences
    ("정부는 내년 예산안을 짰다. R&D 예산은 올해 예산 대비 5% 줄었다. 부는 새 사업에 98억원을 투입한다.", "98억원",
     (2025, None, None), "the year the text is about, from an earlier sentence", "내년"),
    ("문화부는 내년 예산안을 확정했다. 예산 2조2천억원으로 편성됐으며, 올해에 이어 한류 사업에 비중을 높였다.", "2조2천억원",
     (2025, None, None), "the year the text is about, from an earlier sentence", "내년"),
    ("정부는 내년 예산안을 확정했다. 청와대 예산은 올해 685억원에서 702억원으로 늘었다. 복지부 예산은 3조원이다.", "3조원",
     (2025, None, None), "the year the text is about, from an earlier sentence", "내년"),
    # a supplementary budget is compared with the budget of the same year it amends
    ("강원도는 추경예산안을 냈다. 추경 예산안 규모는 2천2억원으로 올해 기정예산 5조944억원보다 3.93% 증가했다.", "2천2억원",
     (2024, None, None), "a supplementary budget is for the year it is published in", "2024-03-12"),
    ("강원도는 추경예산안을 냈다. 추경 예산안 규모는 2천2억원으로 올해 기정예산 5조944억원보다 3.93% 증가했다. "
     "주요 사업비는 홍보 449억원이다.", "449억원", (2024, None, None), "the year the text is about, from an earlier sentence", "2024-03-12"),
    # a year within the period the text is about, said without money, does not change it; a year outside does
    ("공사가 향후 5년간 3조 원을 투입한다. 사장은 2024년을 원년으로 삼겠다고 밝혔다. 공사는 갑천에 5958억 원을 투입한다.",
     "5958억 원", (None, 2024, 2028), "the year the text is about, from an earlier sentence", "향후 5년간"),
    ("공사가 향후 5년간 3조 원을 투입한다. 사장은 2030년에는 흑자를 내겠다고 밝혔다. 공사는 갑천에 5958억 원을 투입한다.",
     "5958억 원", (2030, None, None), "the year the text is about, from an earlier sentence", "2030년"),
    # the year of the supplementary budget the text is about dates the items listed after it
    ("강릉시가 제1회 추가경정예산안을 제출했다. 추경예산안은 총 1조 6080억 원 규모다. 주요 사업에는 공원화 26억 원, 터미널 조성 6.6억 원 등이 포함됐다.",
     "6.6억 원", (2024, None, None), "the year the text is about, from an earlier sentence", "2024-03-12"),
    # the year the text is about is said of the sentence's acting body, not of a body named for one item
    ("정부는 내년 예산안을 확정했다. 실태조사(환경부)에 15억원이 배정된다. 문화예술계에 10억원을 배정했다.", "10억원",
     (2025, None, None), "the year the text is about, from an earlier sentence", "내년"),
    # money compared with this year's is not this year's, even when acted on now by another body
    ("강원도의 내년 국비 확보액은 7조원이다. 경상북도는 4조8561억원을 확보해 올해(4조1496억원)보다 17% 늘었다.", "4조8561억원",
     (2025, None, None), "the year the text is about, from an earlier sentence", "내년"),
    ("강원도의 내년 국비 확보액은 7조원이다. 경상북도는 4조8561억원을 확보했다.", "4조8561억원",
     (2024, None, None), "the publication year: the money is acted on now", "2024-03-12"),
    # … also when a change word, not 으로, leads to the figure it goes to
    ("한빛그룹은 올해 투자를 늘린다. 시설투자는 지난해 3조8천억원에서 8천억원 늘어난 4조6천억원이다.", "4조6천억원",
     (2024, None, None), "the year the text is about, from an earlier sentence", "올해"),
    ("한빛그룹은 올해 투자를 늘린다. 시설투자는 지난해 3조8천억원에서 8천억원 늘어난 4조6천억원이다.", "3조8천억원",
     (2023, None, None), "written right before the amount", "지난해"),
    # … not money taken out of a figure (에서 with no figure it goes to)
    ("군은 올해 예산 100억원에서 20억원을 청년 사업에 배정했다.", "20억원", (2024, None, None),
     "named in the amount's sentence", "올해"),
]


@pytest.mark.parametrize("text,amount,expected,rule,words", YEAR)
def test_year(text, amount, expected, rule, words):
    record = by_amount(text, published="2020-09-14" if text in COMPARED else "2024-03-12")[amount]
    assert (record.year, record.year_start, record.year_end) == expected
    assert (record.why["year"].rule, record.why["year"].words) == (rule, words)


def test_a_supplementary_budget_is_for_the_year_it_is_published_in():
    record = by_amount("강릉시가 제1회 추가경정예산안을 시의회에 제출했다. 추경예산안은 총 1조 6080억 원 규모다.")["1조 6080억 원"]
    assert record.year == 2024
    assert record.why["year"].rule == "a supplementary budget is for the year it is published in"
    # … unless the sentence dates its money itself
    other = by_amount("올해 추경 때 200억 원을 확보하면 620억 원의 사업비가 확보된다.")["620억 원"]
    assert (other.year, other.why["year"].rule) == (2024, "named in the amount's sentence")


def test_a_record_without_any_year_says_so():
    record = by_amount("경기도는 AI 사업에 120억원을 투입한다.", published=None)["120억원"]
    assert record.year is None and record.why["year"].rule == "no year stated or implied"


# --- 5. Parties: given or received, and by whom ----------------------------------------------------

PARTIES = [
    # (text, amount, org, role, recipient, rule of org)
    ("대전시는 국토교통부로부터 200억원을 지원받는다.", "200억원", "국토교통부", "funder", "대전광역시", "named as the giver"),
    ("요진건설은 한국토지주택공사와 1378억원 규모의 공사 계약을 맺었다.", "1378억원", "한국토지주택공사", "funder", "요진건설",
     "the contract's client"),
    ("양양군은 민자 1조원을 유치해 리조트를 짓는다.", "1조원", "민간", "funder", None, "another funder's share named before the amount"),
    ("전남도는 국비 300억원을 확보했다.", "300억원", "전라남도", "recipient", None, "topic of the clause"),
]


@pytest.mark.parametrize("text,amount,org,role,recipient,rule", PARTIES)
def test_parties(text, amount, org, role, recipient, rule):
    record = by_amount(text)[amount]
    assert (record.org, record.org_role, record.recipient) == (org, role, recipient)
    assert record.why["org"].rule == rule


# --- --explain ---------------------------------------------------------------------------------------

def test_every_record_explains_its_organisation_year_and_funding_type():
    text = ("부산시는 올해 AI·데이터 분야에 1,214억 원을 투입한다. 시는 국비 300억원을 확보했다. "
            "또 2028년까지 공공데이터통합센터를 짓는 데 총사업비 900억원이 든다.")
    found = records(text)
    assert len(found) == 3
    for record in found:
        assert {"org", "year", "funding_type"} <= set(record.why)
        assert all(reason.rule for reason in record.why.values())


def test_explain_writes_why_beside_each_record(tmp_path):
    import io

    out = io.StringIO()
    writer = Writer(out, "records", "jsonl", explain=True)
    writer.write(krnews.extract("광주시는 올해 AI 사업에 200억원을 투입한다.", published="2020-01-15"))
    row = json.loads(out.getvalue())
    assert row["why"]["org"] == {"step": "owner", "rule": "topic of the clause", "words": "광주시"}
    plain = io.StringIO()
    Writer(plain, "records", "jsonl").write(krnews.extract("광주시는 올해 AI 사업에 200억원을 투입한다.", published="2020-01-15"))
    assert "why" not in json.loads(plain.getvalue())


# --- one record per money ------------------------------------------------------------------------

def test_equal_amounts_of_one_list_are_different_money():
    found = records("봉화군은 공모사업 3건에 선정돼 물야면 거점육성사업 40억원, 명호면 거점육성사업 40억원, "
                    "석포면 마을조성사업 40억원을 확보했다.")
    assert [(r.amount_text, r.year) for r in found] == [("40억원", 2024)] * 3


def test_the_same_money_in_the_headline_and_the_body_is_one_record():
    text = "봉화군, 공모사업 145억원 확보\n\n봉화군은 공모사업에 선정돼 145억원을 확보했다."
    assert [r.amount_text for r in krnews.extract(text, published="2024-03-12").records] == ["145억원"]


def test_the_telling_of_one_money_that_gives_its_year_dates_it():
    # undated: the headline's 내년 gives no year, the body's 2018년도 does
    text = ("식품비 1169억 등 내년 총예산안 4조 9769억\n\n경남도교육청은 내년 무상급식을 확대하는 예산을 편성했다.\n\n"
            "교육청은 2018년도 세입·세출예산안 4조 9769억 원을 편성해 10일 경남도의회에 제출한다.")
    [record] = [r for r in krnews.extract(text).records if r.amount_krw == 4_976_900_000_000]
    assert (record.year, record.year_mention) == (2018, "2018년도")


@pytest.mark.parametrize("headline, body, kept", [
    ("문화부, 한류사업 3천억 확보", "문화부는 내년 한류 예산으로 3천190억원을 편성했다.", ["3천190억원"]),  # rounded
    ("조선사, 1조1천억 수주", "대우조선해양은 1조836억원 규모의 계약을 따냈다.", ["1조836억원"]),
    ("문화부, 한류사업 3천억 확보", "문화부는 내년 한류 예산으로 3천900억원을 편성했다.", ["3천억", "3천900억원"]),  # no rounding
    ("문화부, 한류사업 3천190억 확보", "문화부는 내년 한류 예산으로 3천억원을 편성했다.", ["3천억원"]),  # the body rounds
])
def test_a_headline_may_round_the_bodys_figure(headline, body, kept):
    found = krnews.extract(f"{headline}\n\n{body}", published="2024-03-12").records
    assert [r.amount_text for r in found] == kept


def test_the_shares_of_a_project_cost_take_no_publication_year():
    found = by_amount("총 사업비 430억원은 국민체육진흥기금 120억원, 도비 114억원, 군비 196억원으로 확보했다.")
    assert found["120억원"].year is None and found["196억원"].year is None


# --- shares: one amount given to each of several items (씩, 각각) ----------------------------------

SHARES = [
    # (text, [(org, initiative) of each record])
    ("충북도는 결과를 발표했다. 이외 청주 유원지 조성사업, 충주 호암지 명소화사업, 단양 경관조명 설치사업은 기타 사업으로 분류해 각각 10억 원을 지원한다.",
     [("충청북도", "청주 유원지 조성사업"), ("충청북도", "충주 호암지 명소화사업"), ("충청북도", "단양 경관조명 설치사업")]),
    ("옥천군의 창업농 사관학교와 증평군의 농촌 조성 사업 등 우수 사업은 40억 원씩 지원받는다.",
     [("충청북도 옥천군", "옥천군의 창업농 사관학교"), ("충청북도 옥천군", "증평군의 농촌 조성 사업")]),
    ("삼성전자와 LG전자가 각각 1조원을 투자한다.", [("삼성전자", None), ("LG전자", None)]),
    # one body's yearly amount, and amounts given respectively, are one record per amount
    ("시는 올해 10억원씩 3년간 투입한다.", [(None, None)]),
    ("삼성전자와 SK하이닉스는 각각 360조원, 120조원을 투자한다.", [("삼성전자", None), ("SK하이닉스", None)]),
]


@pytest.mark.parametrize("text,expected", SHARES)
def test_an_amount_given_to_each_item_is_a_record_per_item(text, expected):
    records = krnews.extract(text, published="2024-03-12").records
    assert [(r.org, r.initiative) for r in records] == expected


@pytest.mark.parametrize("text, kept", [
    # money in another currency restated in won is one record, in won
    ("삼성은 70억달러(약 7조5000억원)를 투자한다.", ["7조5000억원"]),
    ("대우건설은 총 27억 5000만 달러(한화 약 3조 1000억원) 규모의 공사를 수주했다.", ["3조 1000억원"]),
    ("풍산은 소전 2천5백만달러어치(3백40억원상당)를 수주했다.", ["3백40억원"]),
    ("대우조선해양의 올해 선박 수주는 4억 달러 우리 돈 4,300여억 원이다.", ["4,300여억 원"]),
    # two bodies' money, one in each currency, is two records
    ("삼성은 70억달러를 투자하고 LG는 5000억원을 투자한다.", ["70억달러", "5000억원"]),
])
def test_money_restated_in_won_is_one_record(text, kept):
    assert [r.amount_text for r in records(text)] == kept
