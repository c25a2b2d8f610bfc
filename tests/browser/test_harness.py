"""The harness itself: a centre set up with shubbak-admin, tickets and a registration taken by a real headless kiosk
and read back from the store, and Chromium trusting the test CA through a throwaway NSS database (no certificate
errors ignored: a browser without the CA refuses the same page)."""
import http.server
import ssl
import threading
import unittest

from desk_fixture import CANARY, PAGE_DEADLINE, Centre, TempRoot, browser, trusting_home


class Harness(unittest.TestCase):
    def setUp(self):
        self.tmp = TempRoot()
        self.root = self.tmp.__enter__()
        self.addCleanup(self.tmp.__exit__, None, None, None)
        self.centre = Centre(self.root)

    def test_kiosk_tickets_land_in_the_store(self):
        numbers = self.centre.issue_tickets("jisr", 2)
        self.assertEqual(numbers, ["A-001", "A-002"])
        self.assertEqual(self.centre.query("SELECT number, state, service_id FROM tickets ORDER BY seq"),
                         [("A-001", "waiting", "jisr"), ("A-002", "waiting", "jisr")])

    def test_canary_registers_at_the_kiosk_and_no_kiosk_log_line_names_her(self):
        number = self.centre.register_canary()
        row = self.centre.query("SELECT v.full_name, v.phone, v.cin, v.commune FROM tickets t "
                                "JOIN visitors v ON v.id = t.visitor_id WHERE t.number = ?", (number,))
        self.assertEqual(row, [(CANARY["name"], CANARY["phone"], CANARY["cin"], CANARY["commune"])])
        logs = self.centre.all_logs()
        for value in CANARY.values():
            self.assertNotIn(value, logs)

    def test_chromium_trusts_the_test_ca_and_only_with_it(self):
        port = self._serve_https("shubbak-harness-ok")
        trusting = trusting_home(self.root / "home-trusting", self.centre.certs.ca)
        untrusting = trusting_home(self.root / "home-untrusting", None)
        for home, trusted in ((trusting, True), (untrusting, False)):
            driver = browser(home)
            try:
                driver.set_page_load_timeout(PAGE_DEADLINE)
                driver.get(f"https://127.0.0.1:{port}/")
                self.assertEqual("shubbak-harness-ok" in driver.page_source, trusted, home)
            finally:
                driver.quit()

    def _serve_https(self, marker):
        body = f"<!doctype html><title>{marker}</title><p>{marker}</p>".encode()

        class Page(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(self.centre.certs.cert, self.centre.certs.key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.shutdown)
        return server.server_address[1]


if __name__ == "__main__":
    unittest.main()
