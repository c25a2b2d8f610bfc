"""The desk's pages as a staff member uses them, through the page contract of issue 15 (the element ids in
issue 15's design: #signin, #login, #pin, #counter, input[name=lang], #signin-submit, #message,
#current, #current-number, #details, #call-next, #recall, #no-show, #served, #outcome, #note, #transfer,
#transfer-service, #ack-alerts, ul#queue li[data-ticket], #alerts, #today, #sync, #signout, #connection).
Every wait is a WebDriverWait on a condition with a deadline."""
import http.client
import re
import ssl
import urllib.parse
from pathlib import Path

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from desk_fixture import PAGE_DEADLINE, SOURCE, STAFF

COOKIE = "shubbak_desk"


def po_message(lang, key):
    """The translation of `key` in assets/i18n/LANG.po (what the staff member reads)."""
    text = (SOURCE / "assets" / "i18n" / f"{lang}.po").read_text()
    m = re.search(r'msgid "' + re.escape(key) + r'"\nmsgstr "((?:[^"\\]|\\.)*)"', text)
    if not m:
        raise KeyError(f"{key} not in {lang}.po")
    return m.group(1).replace('\\"', '"')


def po_pattern(lang, key):
    """A regex matching the message `key` with each {placeholder} filled by anything."""
    parts = re.split(r"\{[a-z_]+\}", po_message(lang, key))
    return ".+?".join(re.escape(p) for p in parts)


class Page:
    """One browser session on one desk."""

    def __init__(self, driver, desk):
        self.driver, self.desk = driver, desk
        driver.set_page_load_timeout(PAGE_DEADLINE)

    def wait(self, condition, deadline=PAGE_DEADLINE, message=""):
        return WebDriverWait(self.driver, deadline, poll_frequency=0.02,
                             ignored_exceptions=(StaleElementReferenceException,)).until(condition, message)

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def has(self, css):
        return bool(self.driver.find_elements(By.CSS_SELECTOR, css))

    def text(self, css):
        found = self.driver.find_elements(By.CSS_SELECTOR, css)
        return found[0].text.strip() if found else ""

    def open(self, path):
        self.driver.get(self.desk.url + path)

    # --- sign-in -------------------------------------------------------------------------------------------------
    def sign_in(self, login="salma", counter=1, lang="fr", pin=None):
        """Fills and sends the sign-in form; returns once the next page (console or sign-in again) is loaded."""
        if not self.has("#signin"):
            self.open("/signin")
        self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "#signin")))
        Select(self.find("select#login")).select_by_value(login)
        self.find("input#pin").send_keys(pin if pin is not None else STAFF[login][1])
        box = self.find("input#counter")
        box.clear()
        box.send_keys(str(counter))
        self.find(f"input[name=lang][value={lang}]").click()
        self._submit(self.find("#signin-submit"))

    def signed_in(self):
        return self.has("#current") and urllib.parse.urlparse(self.driver.current_url).path == "/console"

    # --- console -------------------------------------------------------------------------------------------------
    def press(self, element_id):
        """Presses the button `element_id` (or the button of the form with that id) and waits for the answer page."""
        el = self.find("#" + element_id)
        if el.tag_name == "form":
            el = el.find_element(By.CSS_SELECTOR, "button, input[type=submit]")
        self._submit(el)

    def _submit(self, el):
        """Clicks and waits for the next page: a marker set in this page is gone and the new one is loaded. (Element
        staleness is not used: while the page is replaced, chromedriver may answer "Node with given id does not
        belong to the document" instead of "stale element".)"""
        self.driver.execute_script("window.__shubbak_before_submit = true")
        el.click()
        WebDriverWait(self.driver, PAGE_DEADLINE, poll_frequency=0.02, ignored_exceptions=(WebDriverException,)).until(
            lambda d: d.execute_script("return window.__shubbak_before_submit === undefined && "
                                       "document.readyState === 'complete'"), "the page after pressing a button")

    def current_number(self):
        return self.text("#current-number")

    def queue(self):
        """The ticket ids shown in #queue, in order."""
        try:
            return [li.get_attribute("data-ticket") for li in
                    self.driver.find_elements(By.CSS_SELECTOR, "ul#queue li[data-ticket]")]
        except StaleElementReferenceException:  # swapped by the live update while read: read again
            return self.queue()

    def queue_texts(self):
        return [li.text for li in self.driver.find_elements(By.CSS_SELECTOR, "ul#queue li[data-ticket]")]

    def serve(self, outcome="info_given", note=""):
        Select(self.find("select#outcome")).select_by_value(outcome)
        if note:
            self.find("textarea#note").send_keys(note)
        self.press("served")

    def transfer(self, service):
        Select(self.find("select#transfer-service")).select_by_value(service)
        self.press("transfer")

    def connection_banner_shown(self):
        try:
            return self.find("#connection").is_displayed()
        except (NoSuchElementException, StaleElementReferenceException):
            return False

    # --- what the browser holds ------------------------------------------------------------------------------------
    def cookie(self):
        c = self.driver.get_cookie(COOKIE)
        return c["value"] if c else None

    def csrf(self):
        return self.find("input[name=csrf]").get_attribute("value")


class Raw:
    """Plain HTTPS requests to a desk (Python's http.client, verifying the test CA): what a script on the LAN
    could send without a browser."""

    def __init__(self, desk, ca: Path):
        self.desk = desk
        self.ctx = ssl.create_default_context(cafile=str(ca))

    def request(self, method, path, cookie=None, form=None, headers=None):
        conn = http.client.HTTPSConnection("127.0.0.1", self.desk.port, context=self.ctx, timeout=PAGE_DEADLINE)
        h = dict(headers or {})
        body = None
        if cookie:
            h["Cookie"] = f"{COOKIE}={cookie}"
        if form is not None:
            body = urllib.parse.urlencode(form)
            h["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            return r.status, dict((k.lower(), v) for k, v in r.getheaders()), r.read().decode(errors="replace")
        finally:
            conn.close()
