"""While she is served, in a real browser: the note's limit is the same at the textarea and at the desk (characters,
a line break counted once), a longer note is refused whole with words and her form kept as typed (never a silent
cut), and the transfer list never offers the service she is already in nor chooses one for staff."""
import unittest

from selenium.webdriver.support.ui import Select

from desk_case import DeskCase
from desk_pages import po_message

LIMIT = 500  # the note's limit staff are told (kiosk/core/counter_flow.hpp kMaxNoteChars)


class Serving(DeskCase):
    def serving(self):
        (number,) = self.centre.issue_tickets("jisr", 1)  # counter 1 serves jisr
        p = self.signed_in_page("salma", counter=1)
        p.press("call-next")
        self.assertEqual(p.current_number(), number)
        return p, number

    def ticket(self, number, columns):
        rows = self.centre.query(f"SELECT {columns} FROM tickets WHERE number=?", (number,))
        self.assertEqual(len(rows), 1, number)
        return rows[0]

    def test_the_transfer_list_never_offers_her_current_service_and_chooses_nothing(self):
        p, number = self.serving()
        choice = Select(p.find("select#transfer-service"))
        values = [o.get_attribute("value") for o in choice.options]
        self.assertNotIn("jisr", values, "the list offers a transfer to where she already is")
        self.assertIn("legal", values)
        self.assertEqual(choice.first_selected_option.get_attribute("value"), "", "a service is chosen for staff")
        self.assertFalse(p.driver.execute_script("return document.querySelector('form.transfer').checkValidity()"),
                         "the transfer button sends her somewhere nobody chose")
        self.assertEqual(self.ticket(number, "service_id, state"), ("jisr", "called"))
        p.transfer("legal")
        self.assertEqual(self.ticket(number, "service_id, state"), ("legal", "waiting"))

    def test_a_note_at_the_limit_typed_in_arabic_is_kept_whole(self):
        p, number = self.serving()
        box = p.find("textarea#note")
        self.assertEqual(box.get_attribute("maxLength"), str(LIMIT))
        box.send_keys("ب" * (LIMIT - 2) + "\n" + "ب" * 3)  # one more than the limit; the line break counts once
        typed = box.get_attribute("value")
        self.assertEqual(len(typed), LIMIT, "the textarea let more than the limit in")
        p.serve("follow_up")
        self.assertEqual(p.current_number(), "", p.text("#message"))
        self.assertEqual(self.ticket(number, "state, note"), ("served", typed),
                         "the desk cut a note the textarea accepted (500 Arabic letters are 1,000 bytes)")

    def test_a_longer_note_is_refused_with_words_and_her_form_kept_as_typed(self):
        p, number = self.serving()
        # A page whose textarea lost its limit (an old page, a script on the LAN): the desk itself must refuse.
        p.driver.execute_script("document.getElementById('note').removeAttribute('maxlength')")
        too_long = "ملاحظة " * 80  # 560 characters
        p.driver.execute_script("document.getElementById('note').value = arguments[0]", too_long)
        p.serve("follow_up")
        message = po_message("fr", "counter.note_too_long").replace("{max}", str(LIMIT))
        self.assertEqual(p.text("#message"), message)
        self.assertEqual(p.find("textarea#note").get_attribute("value"), too_long, "her note is not kept as typed")
        self.assertEqual(Select(p.find("select#outcome")).first_selected_option.get_attribute("value"), "follow_up")
        self.assertEqual(self.ticket(number, "state, coalesce(note, '')"), ("called", ""), "a shortened note was saved")


if __name__ == "__main__":
    unittest.main()
