"""Her details (a canary visitor registered through the kiosk with a distinctive name, phone and CIN) are on the
page only while she is served, at the desk that serves her; never in a URL, never on another desk, never in any line
the desk or the kiosk logs; the page that shows them is not cached."""
import unittest

from desk_case import DeskCase
from desk_fixture import CANARY

SECRETS = (CANARY["name"], CANARY["phone"], CANARY["cin"])


class Privacy(DeskCase):
    def test_her_details_only_while_she_is_served_and_never_in_a_log(self):
        number = self.centre.register_canary("jisr")
        self.centre.issue_tickets("jisr", 1)
        serving = self.signed_in_page("salma", 1)
        other = self.signed_in_page("karima", 2)  # also serves jisr
        self.assertNoSecret(serving.driver.page_source, "the queue, before she is called")

        serving.press("call-next")
        self.assertEqual(serving.current_number(), number)
        details = serving.text("#details")
        for value in SECRETS:
            self.assertIn(value, details, "her details are shown while she is served")
        self.assertNoSecret(serving.driver.current_url, "the URL")
        other.open("/console")
        self.assertNoSecret(other.driver.page_source, "another desk's page")
        status, headers, body = self.raw.request("GET", "/console", cookie=serving.cookie())
        self.assertEqual(status, 200)
        self.assertIn(CANARY["name"], body)
        self.assertIn("no-store", headers.get("cache-control", ""), "the page with her details is not cached")

        serving.serve("info_given")
        self.assertEqual(serving.current_number(), "")
        self.assertNoSecret(serving.driver.page_source, "the page after she is served")
        serving.open("/console")
        self.assertNoSecret(serving.driver.page_source, "the console opened again after she is served")
        self.assertEqual(self.centre.scalar("SELECT count(*) FROM audit_log WHERE action='view_details' AND "
                                            "subject=?", (number,)), 1, "each view of her details audited once")
        self.desk.stop()  # everything it would write is written
        logs = self.centre.all_logs()
        self.assertIn("listening on", logs, "the harness captured the desk's output")
        self.assertNoSecret(logs, "the desk's and the kiosk's log lines")

    def assertNoSecret(self, text, where):
        for value in SECRETS:
            self.assertNotIn(value, text, f"{value!r} in {where}")


if __name__ == "__main__":
    unittest.main()
