"""A desk whose connection drops says so (#connection), and catches up when the desk answers again: the desk
process frozen (SIGSTOP, then SIGCONT) and killed (SIGKILL, then started again on the same address) while a console
is open; meanwhile the kiosk issues a ticket, which must be in the queue once the desk is back."""
import signal
import unittest

from desk_case import DeskCase
from desk_fixture import BANNER_DEADLINE, PAGE_DEADLINE, free_port


class Connection(DeskCase):
    def setUp(self):
        self.desk_listen = f"127.0.0.1:{free_port()}"  # the same address after a restart
        super().setUp()

    def test_frozen_desk_shows_the_banner_and_the_queue_catches_up(self):
        p = self.signed_in_page("salma", 1)
        self.assertFalse(p.connection_banner_shown(), "no banner while connected")
        self.desk.send(signal.SIGSTOP)
        p.wait(lambda d: p.connection_banner_shown(), BANNER_DEADLINE, "#connection after the desk froze")
        (number,) = self.centre.issue_tickets("jisr", 1)
        self.desk.send(signal.SIGCONT)
        self.assertCaughtUp(p, number)

    def test_killed_and_restarted_desk_shows_the_banner_and_the_queue_catches_up(self):
        p = self.signed_in_page("salma", 1)
        self.desk.stop(signal.SIGKILL)
        p.wait(lambda d: p.connection_banner_shown(), BANNER_DEADLINE, "#connection after the desk was killed")
        (number,) = self.centre.issue_tickets("jisr", 1)
        self.desk.start()
        # Sessions live in the desk's memory: a restarted desk may ask her to sign in again (with words saying so);
        # either way, what she sees next has the ticket issued while the desk was down.
        p.wait(lambda d: not p.connection_banner_shown() or p.has("#signin"), BANNER_DEADLINE, "the desk back")
        if p.has("#signin"):
            self.assertNotEqual(p.text("#message"), "", "the sign-in page says why she must sign in again")
            print(f"after the restart: back to sign-in, saying {p.text('#message')!r}")
            p.sign_in("salma", 1, "fr")
            self.assertTrue(p.signed_in(), p.text("#message"))
        self.assertCaughtUp(p, number)

    def assertCaughtUp(self, p, number):
        p.wait(lambda d: not p.connection_banner_shown(), BANNER_DEADLINE, "#connection hidden once back")
        p.wait(lambda d: any(number in t for t in p.queue_texts()), PAGE_DEADLINE,
               f"{number}, issued while the desk was away, in the queue")


if __name__ == "__main__":
    unittest.main()
