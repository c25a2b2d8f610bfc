"""Accompaniment at the desk (issue 16) in a real browser: her file beside her details, booking her next visit (her
code shown large, the card printable), referring her to a partner (refused without her share consent, the desk
asks her, then refers her). Screenshots of the new parts in ar, zgh and fr at 1366x768 and 1920x1080 into
out/desk/ (accompany-*.png: the whole part; accompany-view-*.png: the window scrolled to it), checked for
<html lang dir> and nothing overflowing."""
import re
import unittest

from selenium.webdriver.support.ui import Select

from desk_case import DeskCase
from desk_fixture import OUT, checkin_script, registration_script
from test_screenshots import FONTS, OVERFLOW

LANGS = ("ar", "zgh", "fr")
SIZES = ((1366, 768), (1920, 1080))


class Accompany(DeskCase):
    def serving_her(self, lang, size, script):
        self.centre.kiosk_tickets(script)
        p = self.signed_in_page("salma", 1, lang, size)
        p.press("call-next")
        p.wait(lambda d: p.has("#her-file"), message="her file beside her details")
        return p

    def book_next_visit(self, p):
        p.open("/console?book_service=jisr")
        p.wait(lambda d: p.has("#book-slot option"), message="the slots of jisr")
        free = p.find("#book-slot option:not([data-full])").get_attribute("value")
        Select(p.find("#book-slot")).select_by_value(free)
        p.press("book-submit")
        code = p.text("#appointment-code")
        self.assertRegex(code, r"^\d{6}$")
        self.assertIn((code,), self.centre.query("SELECT code FROM appointments WHERE state='booked'"))
        self.assertTrue(p.find("#print-card").is_displayed())
        return code

    def refer_to_partner(self, p, reason):
        Select(p.find("#refer-to")).select_by_value("partner:afak")
        p.find("#refer-reason").send_keys(reason)
        p.press("refer-submit")
        p.wait(lambda d: p.has("#ask-share"), message="the desk asks for her share consent")
        self.assertEqual(p.find("#refer-reason").get_attribute("value"), reason, "the reason was not kept as typed")

    def test_book_then_refer_after_she_agrees_and_every_language_and_size(self):
        OUT.mkdir(parents=True, exist_ok=True)
        first = True
        for lang in LANGS:
            for size in SIZES:
                with self.subTest(lang=lang, size=size):
                    # She registers without agreeing to share, so that the desk has to ask her.
                    script = registration_script("jisr", share=False) if first else checkin_script("jisr")
                    p = self.serving_her(lang, size, script)
                    first = False
                    self.book_next_visit(p)
                    self.refer_to_partner(p, "Projet de couture")
                    self.assertEqual(self.centre.scalar("SELECT count(*) FROM referrals"), 0)
                    self.check_and_shoot(p, lang, f"{lang}-{size[0]}x{size[1]}")
                    p.serve("info_given")
                    p.press("signout")
        # The last one: she agrees, the desk records it and refers her.
        p = self.serving_her("fr", SIZES[0], checkin_script("jisr"))
        self.refer_to_partner(p, "Projet de couture")
        p.press("share-yes")
        self.assertEqual(self.centre.scalar("SELECT partner_id FROM referrals"), "afak")
        self.assertIn("Association Afak", p.text("#referrals"))
        self.assertEqual(self.centre.scalar(
            "SELECT channel FROM consents WHERE purpose='share' AND granted=1"), "desk")

    def check_and_shoot(self, p, lang, name):
        p.wait(lambda d: d.execute_script("return document.fonts.status") == "loaded", message="fonts loaded")
        html = p.find("html")
        self.assertEqual(html.get_attribute("lang"), lang, name)
        self.assertEqual(html.get_attribute("dir"), "rtl" if lang == "ar" else "ltr", name)
        if lang == "zgh":
            self.assertTrue(any("Tifinagh" in f for f in p.driver.execute_script(FONTS)), name)
        part = p.find("#accompany")
        part.screenshot(str(OUT / f"accompany-{name}.png"))
        p.driver.execute_script("arguments[0].scrollIntoView()", part)
        p.driver.save_screenshot(str(OUT / f"accompany-view-{name}.png"))
        self.assertEqual(p.driver.execute_script(OVERFLOW), [], name)
        # A list of the day never names her.
        self.assertNotRegex(p.text("#appointments-today"), re.compile("Zouhra"))


if __name__ == "__main__":
    unittest.main()
