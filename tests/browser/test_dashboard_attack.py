"""The ministry's dashboard attacked through nginx (issue 17): scripts/hub up --dashboard, raw bytes over TLS. What
nginx refuses itself (a request line it cannot read, a URI over its bound, two Host lines, Content-Length with
Transfer-Encoding) is a short page in the dashboard's words with its status, never nginx's English page; a request
smuggled behind a refused one is not answered; the dashboard goes on serving. docs/dashboard.md, "What the server
refuses"; the attacks on the dashboard's own port are in tests/national/dashboard_attack_test.cpp."""
import socket
import ssl
import unittest

from test_dashboard import PAGE_DEADLINE, DashboardCase

WORDS_AR = "هاد الطلب ما تقراش"
WORDS_FR = "Cette demande n'a pas pu être lue"


class TestDashboardThroughNginx(DashboardCase):
    def send_raw(self, data):
        """The bytes `data` on a fresh TLS connection to nginx; everything it answers until it closes."""
        host, port = self.url.removeprefix("https://").rsplit(":", 1)
        ctx = ssl.create_default_context(cafile=self.env["ca_file"])
        ctx.check_hostname = False
        with socket.create_connection((host, int(port)), timeout=PAGE_DEADLINE) as plain:
            with ctx.wrap_socket(plain) as s:
                s.sendall(data.encode("latin-1"))
                out = b""
                while chunk := s.recv(65536):
                    out += chunk
        return out.decode("utf-8", "replace")

    def test_what_nginx_refuses_is_the_dashboards_page_with_its_status(self):
        close = "Connection: close\r\n\r\n"
        cases = {
            "a request line it cannot read": ("GET\r\n\r\n", 400),
            "a URI over its bound": ("GET /?region=" + "0" * 20000 + " HTTP/1.1\r\nHost: x\r\n" + close, 414),
            "a path climbing out": ("GET /static/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n" + close, 400),
            "two Host lines": ("GET /signin HTTP/1.1\r\nHost: a\r\nHost: b\r\n" + close, 400),
            "HTTP/1.1 without Host": ("GET /signin HTTP/1.1\r\n" + close, 400),
            "a body over its bound": ("POST /signin HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n" + close, 413),
            "TRACE": ("TRACE / HTTP/1.1\r\nHost: x\r\n" + close, 405),
            "HTTP/2.0 in a request line": ("GET /signin HTTP/2.0\r\nHost: x\r\n" + close, 505),
        }
        for what, (data, status) in cases.items():
            with self.subTest(what):
                answer = self.send_raw(data)
                head, _, body = answer.partition("\r\n\r\n")
                self.assertTrue(head.startswith(f"HTTP/1.1 {status} "), head[:200])
                self.assertIn("text/html; charset=utf-8", head)
                self.assertIn(WORDS_AR, body)
                self.assertIn(WORDS_FR, body)
                self.assertNotIn("<center>nginx</center>", body)
                self.assertIn("frame-ancestors 'none'", head)

    def test_a_request_smuggled_behind_content_length_and_chunked_is_not_answered(self):
        smuggled = ("POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                    "GET /static/dashboard.css HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = self.send_raw(smuggled)
        self.assertTrue(answer.startswith("HTTP/1.1 400 "), answer[:200])
        self.assertEqual(answer.count("HTTP/1.1 "), 1, "one answer: the smuggled GET is not served")
        self.assertIn(WORDS_AR, answer)
        served = self.send_raw("GET /signin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        self.assertTrue(served.startswith("HTTP/1.1 200 "), "the dashboard goes on serving")


if __name__ == "__main__":
    unittest.main()
