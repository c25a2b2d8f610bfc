"""A shift at the desk in a real browser: sign in, call next, recall, served with an outcome and a note, call next,
transfer, sign out — what she sees on the page after each press, and what the store holds afterwards."""
import unittest

from desk_case import DeskCase


class Console(DeskCase):
    def test_a_shift_sign_in_call_recall_serve_transfer_sign_out(self):
        first, second = self.centre.issue_tickets("jisr", 2)  # counter 1 serves jisr
        p = self.signed_in_page("salma", counter=1)
        self.assertEqual(self.centre.scalar("SELECT count(*) FROM audit_log WHERE actor='staff:salma' AND "
                                            "action='sign_in'"), 1)
        self.assertEqual(len(p.queue()), 2, p.queue_texts())
        self.assertIn(first, p.queue_texts()[0])

        p.press("call-next")
        self.assertEqual(p.current_number(), first)
        self.assertNotIn(first, " ".join(p.queue_texts()), "a called ticket leaves the queue")
        self.assertEqual(self.ticket(first, "state, counter, staff_login"), ("called", 1, "salma"))

        p.press("recall")
        self.assertEqual(p.current_number(), first)
        self.assertEqual(self.audits(first), ["called", "recalled"])

        p.serve("info_given", note="a rappeler lundi")
        self.assertEqual(p.current_number(), "", "nobody is being served after 'served'")
        self.assertEqual(self.ticket(first, "state, outcome, note"), ("served", "info_given", "a rappeler lundi"))

        p.press("call-next")
        self.assertEqual(p.current_number(), second)
        p.transfer("legal")  # counter 4's service
        self.assertEqual(p.current_number(), "")
        self.assertEqual(p.queue(), [], "the transferred ticket is not this desk's any more")
        self.assertEqual(self.ticket(second, "service_id, state, number, counter"), ("legal", "waiting", second, None))

        p.press("signout")
        self.assertTrue(p.has("#signin"), "signing out leads back to the sign-in page")
        self.assertEqual([a for (a,) in self.centre.query(
            "SELECT action FROM audit_log WHERE actor='staff:salma' ORDER BY id")],
            ["sign_in", "called", "recalled", "served", "called", "transferred", "sign_out"])

    def test_priority_first_and_no_show(self):
        self.centre.issue_tickets("social", 1)  # G-001; counter 1 serves social
        self.centre.issue_tickets("social", 1, priority=True)  # G-002, asked for priority at the kiosk
        self.assertEqual(self.ticket("G-002", "priority"), (1,))
        p = self.signed_in_page("salma", counter=1)
        texts = p.queue_texts()
        self.assertEqual(len(texts), 2, texts)
        self.assertIn("G-002", texts[0], "the priority ticket is listed first")
        p.press("call-next")
        self.assertEqual(p.current_number(), "G-002")
        p.press("no-show")
        self.assertEqual(self.ticket("G-002", "state"), ("no_show",))
        self.assertEqual(p.current_number(), "")
        p.press("call-next")
        self.assertEqual(p.current_number(), "G-001")

    def ticket(self, number, columns):
        rows = self.centre.query(f"SELECT {columns} FROM tickets WHERE number=?", (number,))
        self.assertEqual(len(rows), 1, number)
        return rows[0]

    def audits(self, number):
        return [a for (a,) in self.centre.query("SELECT action FROM audit_log WHERE subject=? ORDER BY id", (number,))]


if __name__ == "__main__":
    unittest.main()
