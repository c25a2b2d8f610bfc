"""The base of every test against a real shubbak-desk: a centre with two staff members (salma, karima), the desk
started on it with the test certificate, a HOME whose NSS database trusts the test CA, and browser sessions that
are closed after the test."""
import os
import sys
import unittest

from desk_fixture import Centre, Desk, TempRoot, browser, trusting_home
from desk_pages import Page, Raw


class DeskCase(unittest.TestCase):
    desk_listen = None  # --listen; None: the [desk] section's 127.0.0.1:0

    def setUp(self):
        tmp = TempRoot()
        self.root = tmp.__enter__()
        self.addCleanup(tmp.__exit__, None, None, None)
        self.centre = Centre(self.root, staff=("salma", "karima"))
        self.centre.write_desk_section()
        self.home = trusting_home(self.root / "home", self.centre.certs.ca)
        self.desk = self.start_desk(listen=self.desk_listen)
        self.raw = Raw(self.desk, self.centre.certs.ca)
        self.addCleanup(self._show_logs_on_failure)

    def start_desk(self, **kw):
        desk = Desk(self.centre, **kw)
        self.addCleanup(desk.stop)
        return desk

    def page(self, lang="fr", size=(1366, 768), desk=None):
        driver = browser(self.home, lang=lang, size=size)
        self.addCleanup(driver.quit)
        return Page(driver, desk or self.desk)

    def signed_in_page(self, login="salma", counter=1, lang="fr", size=(1366, 768)):
        p = self.page(lang=lang, size=size)
        p.sign_in(login, counter, lang)
        self.assertTrue(p.signed_in(), f"{login} is not on the console after signing in: {p.text('#message')!r}")
        return p

    def _show_logs_on_failure(self):
        outcome = getattr(self, "_outcome", None)
        errors = getattr(getattr(outcome, "result", None), "errors", []) + \
            getattr(getattr(outcome, "result", None), "failures", [])
        if any(test is self for test, _ in errors) or os.environ.get("SHUBBAK_SHOW_LOGS"):
            sys.stdout.write(f"--- logs of {self.id()} ---\n{self.centre.all_logs()}\n---\n")
