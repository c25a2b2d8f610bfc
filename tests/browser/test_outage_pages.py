"""The pages a staff member reads instead of the console (issue 15's review), in ar, zgh and fr at 1366x768, into
out/desk/ for a person to look at: the records cannot be opened (the store, at the desk's start) — and the same page
coming back to the sign-in page by itself once the store opens again; the centre's catalogue could not be read;
and the sign-in page after the desk's idle rule signed her out (after N minutes without activity). Checked too:
<html lang dir>, the Tifinagh font for zgh, nothing wider than the window or running out of its box."""
import re
import time
import unittest

from desk_case import DeskCase
from desk_fixture import OUT
from desk_pages import po_message, po_pattern
from test_screenshots import FONTS, OVERFLOW

LANGS = ("ar", "zgh", "fr")
SIZE = (1366, 768)
IDLE_DEADLINE = 90  # the shortest idle time allowed (30 s), the desk's 5 s idle tick, the page's live request


class OutagePages(DeskCase):
    def restart_desk_with(self, change):
        """Stops the desk, changes the centre (`change`), starts a new desk on it; returns it."""
        self.desk.stop()
        change()
        self.desk = self.start_desk()
        return self.desk

    def page_in(self, lang, desk, path):
        """A browser whose desk language cookie is `lang` (as a PC where she signed in before), on `path`."""
        p = self.page(lang, SIZE, desk=desk)
        p.open("/static/desk.css")
        p.driver.add_cookie({"name": "shubbak_desk_lang", "value": lang, "path": "/"})
        p.open(path)
        return p

    def check_page(self, p, lang, shot):
        p.wait(lambda d: d.execute_script("return document.fonts.status") == "loaded", message="fonts loaded")
        OUT.mkdir(parents=True, exist_ok=True)
        p.driver.save_screenshot(str(OUT / f"{shot}-{lang}-{SIZE[0]}x{SIZE[1]}.png"))
        html = p.find("html")
        self.assertEqual(html.get_attribute("lang"), lang, shot)
        self.assertEqual(html.get_attribute("dir"), "rtl" if lang == "ar" else "ltr", shot)
        if lang == "zgh":
            self.assertTrue(any("Tifinagh" in f for f in p.driver.execute_script(FONTS)), f"{shot}: no Tifinagh font")
        self.assertEqual(p.driver.execute_script(OVERFLOW), [], shot)

    def test_the_records_cannot_be_opened_then_the_page_comes_back_by_itself(self):
        data, aside = self.centre.data, self.root / "data-aside"

        def take_data_away():
            data.rename(aside)
            data.write_text("not a folder")

        desk = self.restart_desk_with(take_data_away)
        pages = {}
        for lang in LANGS:
            p = pages[lang] = self.page_in(lang, desk, "/signin")
            self.assertEqual(p.text("h1"), po_message(lang, "desk.store_down_title"), lang)
            self.assertEqual(p.text("#message"), po_message(lang, "desk.store_down"), lang)
            self.check_page(p, lang, "outage-store")
        data.unlink()
        aside.rename(data)
        # Nobody touches the page: it loads itself again and the desk has opened the store by then.
        p = pages["fr"]
        p.wait(lambda d: p.has("#signin"), deadline=40, message="the sign-in page back by itself")

    def test_the_centres_catalogue_cannot_be_read(self):
        catalogue = self.centre.cfg / "catalog.conf"

        def break_catalogue():
            catalogue.write_text(catalogue.read_text() + "\nthis line is not a key\n")
            (self.centre.cfg / "catalog.conf.good").unlink()  # the copy the first desk kept: none at all now

        desk = self.restart_desk_with(break_catalogue)
        for lang in LANGS:
            p = self.page_in(lang, desk, "/console")
            self.assertEqual(p.text("h1"), po_message(lang, "desk.no_catalogue_title"), lang)
            self.assertEqual(p.text("#message"), po_message(lang, "desk.no_catalogue"), lang)
            self.check_page(p, lang, "outage-catalogue")

    def test_the_sign_in_page_after_the_idle_rule_says_how_long(self):
        conf = self.centre.cfg / "centre.conf"

        def idle_after_30_seconds():
            conf.write_text(re.sub(r"\[kiosk\]\n", "[kiosk]\nstaff_idle_signout_seconds = 30\n", conf.read_text(),
                                   count=1))

        desk = self.restart_desk_with(idle_after_30_seconds)
        pages = {lang: self.page(lang, SIZE, desk=desk) for lang in LANGS}
        for lang, p in pages.items():
            p.sign_in("salma" if lang != "zgh" else "karima", 1 + LANGS.index(lang), lang)
            self.assertTrue(p.signed_in(), p.text("#message"))
        started = time.monotonic()
        for lang, p in pages.items():
            left = max(IDLE_DEADLINE - (time.monotonic() - started), 1)
            # The page's own script learns it and reloads: nobody touches the browser.
            p.wait(lambda d: p.has("#signin"), deadline=left, message=f"{lang}: signed out when idle")
            words = p.text("#message")
            self.assertRegex(words, po_pattern(lang, "desk.signed_out_idle_minutes"), lang)
            self.assertIn("1", words, f"{lang}: 30 s is said as 1 minute")
            self.assertNotEqual(words, po_message(lang, "desk.session_ended"), lang)
            self.check_page(p, lang, "signin-idle")
        self.assertEqual(self.centre.scalar("SELECT count(*) FROM audit_log WHERE action='idle_sign_out'"), 3)


if __name__ == "__main__":
    unittest.main()
