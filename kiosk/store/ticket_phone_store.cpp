#include "kiosk/store/ticket_phone_store.hpp"

#include "kiosk/core/consent.hpp"
#include "kiosk/core/validators.hpp"

namespace shubbak {

TicketPhoneResult keep_ticket_phone(store::Database& db, const std::string& ticket_id, const std::string& phone,
                                    const std::string& lang, TimePoint now) {
  const PhoneCheck p = check_mobile(phone);
  if (!p.ok()) return TicketPhoneResult::NotMobile;
  TicketPhoneResult r = TicketPhoneResult::TicketEnded;
  db.transaction([&] {
    db.prepare("INSERT INTO ticket_phones(ticket_id, phone, lang, text_version, at) SELECT id, ?2, ?3, ?4, ?5 "
               "FROM tickets WHERE id=?1 AND state IN ('waiting','called') ON CONFLICT(ticket_id) DO UPDATE SET "
               "phone=excluded.phone, lang=excluded.lang, text_version=excluded.text_version, at=excluded.at")
        .bind(1, ticket_id).bind(2, p.normalized).bind(3, lang).bind(4, kTicketPhoneTextVersion)
        .bind(5, to_rfc3339_utc(now)).run();
    if (db.changes() == 1) r = TicketPhoneResult::Saved;
  });
  return r;
}

bool has_ticket_phone(store::Database& db, const std::string& ticket_id) {
  auto st = db.prepare("SELECT count(*) FROM ticket_phones WHERE ticket_id=?");
  st.bind(1, ticket_id);
  st.step();
  return st.integer(0) > 0;
}

}  // namespace shubbak
