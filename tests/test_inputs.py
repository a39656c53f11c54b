"""Reading inputs: URLs of several hosts are fetched side by side, each host politely, in input order."""
import threading

from httpserver import Reply, http_server  # noqa: F401  (pytest fixture)
from krnews.inputs import InputError, read_inputs

PAGE = ("<html><head><title>{0} 예산</title></head><body><article><p>{0}는 올해 {1}억원을 투입해 해양 데이터 "
        "플랫폼을 구축한다고 밝혔다.</p><p>시는 내년까지 플랫폼을 완성할 계획이다.</p></article></body></html>")


def _routes(server, hosts_and_regions):
    server.route("/robots.txt", Reply(404))
    urls = []
    for index, (host, region) in enumerate(hosts_and_regions):
        url = server.route(f"/news/{index}", Reply(200, PAGE.format(region, 100 + index).encode(),
                                                    {"Content-Type": "text/html; charset=utf-8"}))
        urls.append(url.replace("127.0.0.1", host))
    return urls


def test_two_hosts_are_fetched_side_by_side_and_come_back_in_input_order(http_server):  # noqa: F811
    urls = _routes(http_server, [("127.0.0.1", "부산시")] * 3 + [("localhost", "울산시")] * 3)
    # Each host's first page is answered only once both are asked for: one host after the other, the
    # barrier would break (after a minute: a guard against hanging, not a speed goal) and the pages fail.
    both_asked = threading.Barrier(2, timeout=60)
    for first in ("/news/0", "/news/3"):
        reply = http_server.routes[first][0]
        http_server.routes[first] = [lambda handler, reply=reply: (both_asked.wait(), reply)[1]]
    items = list(read_inputs(urls))
    assert [item.url for item in items] == urls
    assert ["부산시" in item.text for item in items] == [True] * 3 + [False] * 3


def test_a_failing_url_of_one_host_is_reported_in_its_place(http_server):  # noqa: F811
    urls = _routes(http_server, [("127.0.0.1", "부산시"), ("localhost", "울산시")])
    gone = http_server.route("/gone", Reply(404, b"no")).replace("127.0.0.1", "localhost")
    items = list(read_inputs([urls[0], gone, urls[1]]))
    assert [type(item).__name__ for item in items] == ["Article", "InputError", "Article"]
    assert items[1] == InputError(gone, items[1].reason) and "404" in items[1].reason
