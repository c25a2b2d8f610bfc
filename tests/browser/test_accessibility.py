"""Accessibility of the desk's pages, measured in the page by Chromium (what the audit of the retired ImGui console's
screens checked, for the browser): the sign-in page and the console while a registered visitor is served (her
details), a priority ticket waits and the kiosk's "call staff" alert is raised, in ar, zgh and fr, at 1366x768
and at 125% zoom on it (a 1093x614 CSS viewport). On each: every control has a name a screen reader says (its
label, or its own text); text contrast at least 4.5:1 (3:1 for large text; WCAG 2.1 AA: staff at their own PC,
not the kiosk's public screen, whose floor is 7:1); every target at least 24x24 CSS px (WCAG 2.2, 2.5.8); no text
out of its box and nothing wider than the window; the element ids and labels point at elements that exist."""
import unittest

from desk_case import DeskCase
from desk_fixture import CANARY, checkin_script, registration_script, ticket_script
from test_screenshots import OVERFLOW

LANGS = ("ar", "zgh", "fr")
SIZES = ((1366, 768), (1093, 614))  # 1366x768 at 100% and at 125% zoom

# Controls a person operates, each with the name assistive technology reads for it ("" if none).
UNNAMED = """
const named = e => {
  if ((e.getAttribute('aria-label') || '').trim()) return true;
  const by = e.getAttribute('aria-labelledby');
  if (by && by.split(/\\s+/).some(id => (document.getElementById(id)?.textContent || '').trim())) return true;
  if (e.labels && [...e.labels].some(l => l.textContent.trim())) return true;
  if (e.tagName === 'BUTTON') return e.textContent.trim() !== '';
  return false;
};
return [...document.querySelectorAll('button, input:not([type=hidden]), select, textarea, a[href]')]
  .filter(e => e.getClientRects().length && !named(e)).map(e => e.outerHTML.slice(0, 80));
"""

# WCAG relative luminance and contrast of every piece of visible text against the first opaque background behind
# it (the page's own background if none).
LOW_CONTRAST = """
const rgba = s => { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
  .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
const behind = e => {
  for (let n = e; n; n = n.parentElement) { const c = rgba(getComputedStyle(n).backgroundColor); if (c[3] >= 0.99) return c; }
  return [255, 255, 255, 1];
};
const bad = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let t = walker.nextNode(); t; t = walker.nextNode()) {
  const e = t.parentElement;
  if (!t.textContent.trim() || !e.getClientRects().length) continue;
  const s = getComputedStyle(e);
  if (s.visibility === 'hidden' || Number(s.opacity) === 0) continue;
  const fg = rgba(s.color), bg = behind(e);
  const a = lum(fg), b = lum(bg), ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const px = parseFloat(s.fontSize), large = px >= 24 || (px >= 18.66 && Number(s.fontWeight) >= 700);
  if (ratio < (large ? 3 : 4.5))
    bad.push(`${e.id || e.className || e.tagName} "${t.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
}
return bad;
"""

SMALL_TARGETS = """
return [...document.querySelectorAll('button, input:not([type=hidden]), select, textarea, a[href]')]
  .filter(e => e.getClientRects().length).map(e => {
    const target = e.type === 'radio' || e.type === 'checkbox' ? (e.closest('label') || e) : e;
    const r = target.getBoundingClientRect();
    return r.width < 24 || r.height < 24 ? `${e.id || e.name || e.tagName} ${r.width.toFixed(0)}x${r.height.toFixed(0)}` : '';
  }).filter(Boolean);
"""

DANGLING_LABELS = """
return [...document.querySelectorAll('label[for]')].filter(l => !document.getElementById(l.htmlFor))
  .map(l => l.htmlFor);
"""


class Accessibility(DeskCase):
    def test_every_desk_page_names_its_controls_reads_well_and_fits(self):
        first = True
        for lang in LANGS:
            for size in SIZES:
                with self.subTest(lang=lang, size=size):
                    self.check_shift(lang, size, registration_script("jisr") if first else checkin_script("jisr"))
                first = False

    def check_shift(self, lang, size, her_script):
        """She takes a ticket at the kiosk; the desk calls her (her details on the page); then a priority ticket
        and a call-staff alert arrive: that page is checked. Then she is served and the other sent away, so that
        the next round starts from an empty queue."""
        (number,) = self.centre.kiosk_tickets(her_script)
        p = self.page(lang, size)
        p.open("/signin")
        self.check(p, f"signin {lang} {size}")
        p.sign_in("salma", 1, lang)
        self.assertTrue(p.signed_in(), p.text("#message"))
        p.press("call-next")
        self.assertEqual(p.current_number(), number)
        self.centre.kiosk_tickets(ticket_script("social", priority=True) + "tap call_staff\n")
        p.open("/console")
        self.assertIn(CANARY["name"], p.text("#details"), "her details are on the page being checked")
        self.assertTrue(p.has("ul#queue li.priority"), "a priority ticket is in the queue being checked")
        self.assertTrue(p.has("#ack-alerts"), "the call-staff alert is on the page being checked")
        self.check(p, f"console {lang} {size}")
        p.serve("info_given")
        p.press("call-next")
        p.press("no-show")
        p.press("signout")

    def check(self, p, where):
        """Every measure on this page, each reported on its own (one failing does not hide the others)."""
        p.wait(lambda d: d.execute_script("return document.fonts.status") == "loaded", message="fonts loaded")
        for what, script in (("controls without a name", UNNAMED), ("labels for nothing", DANGLING_LABELS),
                             ("text below WCAG AA contrast", LOW_CONTRAST),
                             ("targets under 24x24 CSS px", SMALL_TARGETS), ("text out of its box", OVERFLOW)):
            with self.subTest(page=where, check=what):
                self.assertEqual(p.driver.execute_script(script), [], f"{where}: {what}")

if __name__ == "__main__":
    unittest.main()
