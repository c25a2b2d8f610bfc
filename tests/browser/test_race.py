"""Two desks pressing "call next" at the same moment, 50 times: never the same woman at both desks (one store
transaction decides). Each round both sessions press together (a barrier), read the number each page shows, then
mark her served."""
import threading
import unittest

from desk_case import DeskCase

ROUNDS = 50


class Race(DeskCase):
    def test_two_desks_racing_on_call_next_never_get_the_same_ticket(self):
        self.centre.issue_tickets("jisr", 2 * ROUNDS)  # counters 1 and 2 both serve jisr
        desks = {1: self.signed_in_page("salma", counter=1), 2: self.signed_in_page("karima", counter=2)}
        shown = {1: [], 2: []}
        errors = []
        barrier = threading.Barrier(2, timeout=60)

        def shift(counter):
            p, round_ = desks[counter], 0
            try:
                for round_ in range(ROUNDS):
                    barrier.wait()
                    p.press("call-next")
                    shown[counter].append(p.current_number())
                    p.serve("info_given")
            except Exception as e:  # reported below with the desk that failed
                errors.append(f"desk {counter}, round {round_ + 1}: {type(e).__name__}: {e}")
                barrier.abort()

        threads = [threading.Thread(target=shift, args=(c,)) for c in desks]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        both = shown[1] + shown[2]
        self.assertNotIn("", both, "a desk showed nobody while tickets were waiting")
        self.assertEqual(len(set(both)), 2 * ROUNDS, f"a ticket shown at both desks: {sorted(both)}")
        for counter, numbers in shown.items():
            for n in numbers:
                self.assertEqual(self.centre.query("SELECT state, counter FROM tickets WHERE number=?", (n,)),
                                 [("served", counter)], n)
        self.assertEqual(self.centre.query("SELECT subject, count(*) FROM audit_log WHERE action='called' "
                                           "GROUP BY subject HAVING count(*) > 1"), [], "a ticket called twice")


if __name__ == "__main__":
    unittest.main()
