"""Screenshots of the desk's pages — sign-in, and the console with the canary being served (her details visible) and
others waiting — in ar, zgh and fr at 1366x768 and 1920x1080, into out/desk/, for a person to look at. Checked here
too: <html lang dir> (Arabic right-to-left), the served Tifinagh font loaded for zgh, nothing wider than the window
and no text running out of its box."""
import unittest

from desk_case import DeskCase
from desk_fixture import CANARY, OUT, checkin_script, registration_script, ticket_script

LANGS = ("ar", "zgh", "fr")
SIZES = ((1366, 768), (1920, 1080))

# Elements wider than the window, or whose text runs out of their own box (buttons, list rows, messages).
OVERFLOW = """
const w = document.documentElement.clientWidth, bad = [];
if (document.documentElement.scrollWidth > w) bad.push('page ' + document.documentElement.scrollWidth + '>' + w);
document.querySelectorAll('body *').forEach(e => {
  const r = e.getBoundingClientRect();
  if (r.width === 0 || getComputedStyle(e).visibility === 'hidden') return;
  if (r.left < -1 || r.right > w + 1) bad.push((e.id || e.tagName) + ' outside the window');
  if (['BUTTON', 'LI', 'LABEL', 'P', 'H1', 'H2', 'OPTION', 'SELECT'].includes(e.tagName) &&
      e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'auto')
    bad.push((e.id || e.tagName) + ' text overflows: ' + e.textContent.trim().slice(0, 40));
});
return bad;
"""
FONTS = "return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"


class Screenshots(DeskCase):
    def test_every_desk_page_in_every_language_and_size(self):
        OUT.mkdir(parents=True, exist_ok=True)
        first = True
        for lang in LANGS:
            for size in SIZES:
                with self.subTest(lang=lang, size=size):
                    self.shoot(lang, size, registration_script("jisr") if first else checkin_script("jisr"))
                first = False

    def shoot(self, lang, size, canary_script):
        # She comes first, then two others wait behind her (one for another of this desk's services).
        numbers = self.centre.kiosk_tickets(canary_script + ticket_script("jisr") + ticket_script("social"))
        name = f"{lang}-{size[0]}x{size[1]}"
        p = self.page(lang, size)
        p.sign_in("salma", 1, lang)
        self.assertTrue(p.signed_in(), p.text("#message"))
        p.press("call-next")
        self.assertEqual(p.current_number(), numbers[0])
        self.assertIn(CANARY["name"], p.text("#details"))
        self.check_page(p, lang, f"console-{name}")
        p.serve("info_given")
        for _ in numbers[1:]:  # the next language starts with an empty queue
            p.press("call-next")
            p.press("no-show")
        p.press("signout")
        # The sign-in page is in the language last chosen on this PC (before that: the centre's).
        self.check_page(p, lang, f"signin-{name}")

    def check_page(self, p, lang, shot):
        p.wait(lambda d: d.execute_script("return document.fonts.status") == "loaded", message="fonts loaded")
        p.driver.save_screenshot(str(OUT / f"{shot}.png"))
        html = p.find("html")
        self.assertEqual(html.get_attribute("lang"), lang, shot)
        self.assertEqual(html.get_attribute("dir"), "rtl" if lang == "ar" else "ltr", shot)
        if lang == "zgh":
            self.assertTrue(any("Tifinagh" in f for f in p.driver.execute_script(FONTS)),
                            f"{shot}: the Tifinagh font served by the desk is not in use")
        self.assertEqual(p.driver.execute_script(OVERFLOW), [], shot)


if __name__ == "__main__":
    unittest.main()
