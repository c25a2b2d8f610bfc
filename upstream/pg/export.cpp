#include "upstream/pg/export.hpp"

#include <nlohmann/json.hpp>

#include "store/identity.hpp"
#include "upstream/pg/connection.hpp"
#include "upstream/pg/identity_open.hpp"
#include "upstream/pg/migrations.hpp"

namespace shubbak::upstream::pg {

namespace {

using nlohmann::json;

constexpr int kFetchRows = 1000;

// Facts: the fact row as JSON without the columns already on the line (and no NULLs).
const char* kCursorSql = R"SQL(
DECLARE export_cursor NO SCROLL CURSOR FOR
SELECT r.id::text, r.kiosk_id, r.centre_id, r.kind, r.created_at::text, r.received_at::text, r.format,
       jsonb_strip_nulls(coalesce(to_jsonb(g), to_jsonb(t), to_jsonb(c), to_jsonb(a), to_jsonb(f), to_jsonb(m),
                                  '{}'::jsonb)
                         - 'record_id' - 'centre_id' - 'kiosk_id' - 'created_at')::text,
       %IDENTITY%
FROM records r
LEFT JOIN registrations g ON g.record_id = r.id
LEFT JOIN ticket_events t ON t.record_id = r.id
LEFT JOIN consent_changes c ON c.record_id = r.id
LEFT JOIN appointment_events a ON a.record_id = r.id
LEFT JOIN referral_events f ON f.record_id = r.id
LEFT JOIN milestones m ON m.record_id = r.id
%JOIN%
ORDER BY r.received_at, r.id
)SQL";

std::string cursor_sql(bool identities) {
  std::string s = kCursorSql;
  auto put = [&](const std::string& what, const std::string& by) { s.replace(s.find(what), what.size(), by); };
  put("%IDENTITY%", identities ? "i.sealed" : "NULL::bytea");
  put("%JOIN%", identities ? "LEFT JOIN identities i ON i.record_id = r.id" : "");
  return s;
}

json record_line(const Result& r, int row) {
  json line = {{"id", r.text(row, 0)},
               {"kiosk_id", r.text(row, 1)},
               {"centre_id", r.text(row, 2)},
               {"kind", r.text(row, 3)},
               {"created_at", rfc3339_from_pg(r.text(row, 4))},
               {"received_at", rfc3339_from_pg(r.text(row, 5))},
               {"format", r.integer(row, 6)},
               {"facts", json::parse(r.text(row, 7))}};
  return line;
}

void add_identity(json& line, const Result& r, int row, const ExportOptions& o, ExportSummary& sum) {
  if (r.null(row, 8)) return;  // this record carries no identity
  auto opened = store::open_identity(r.bytes(row, 8), o.registry);
  json parsed = opened ? json::parse(*opened, nullptr, false) : json();
  if (!opened || parsed.is_discarded()) {
    ++sum.failed;
    line["identity"] = nullptr;
    line["identity_error"] = "cannot be opened with this registry key";
    return;
  }
  ++sum.opened;
  line["identity"] = std::move(parsed);
}

// Committed on its own connection before anything is printed: the audit stays even if the export is cut short.
long long audit_start(const std::string& conninfo, const ExportOptions& o, long long records) {
  Connection c(conninfo);
  Result r = c.exec("INSERT INTO identity_exports(os_user, records, reason) VALUES($1, $2, $3) RETURNING id",
                    {o.os_user, std::to_string(records), o.reason.empty() ? "(no reason given)" : o.reason});
  return r.integer(0, 0);
}

void audit_end(const std::string& conninfo, long long id, const ExportSummary& s) {
  Connection c(conninfo);
  c.exec("UPDATE identity_exports SET opened = $1, failed = $2 WHERE id = $3",
         {std::to_string(s.opened), std::to_string(s.failed), std::to_string(id)});
}

}  // namespace

std::string rfc3339_from_pg(std::string s) {
  if (s.size() > 10 && s[10] == ' ') s[10] = 'T';
  if (s.size() > 3 && s.compare(s.size() - 3, 3, "+00") == 0) s.replace(s.size() - 3, 3, "Z");
  return s;
}

ExportSummary export_records(const std::string& conninfo, const ExportOptions& o,
                             const std::function<void(const std::string&)>& line) {
  Connection c(conninfo);
  require_schema(c);
  Transaction tx(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  ExportSummary sum;
  long long audit = 0;
  if (o.identities) {
    long long total = c.exec("SELECT count(*) FROM records").integer(0, 0);  // the snapshot being exported
    audit = audit_start(conninfo, o, total);
  }
  c.exec(cursor_sql(o.identities));
  for (;;) {
    Result r = c.exec("FETCH " + std::to_string(kFetchRows) + " FROM export_cursor");
    for (int i = 0; i < r.rows(); ++i) {
      json j = record_line(r, i);
      if (o.identities) add_identity(j, r, i, o, sum);
      line(j.dump());
      ++sum.records;
    }
    if (r.rows() < kFetchRows) break;
  }
  tx.commit();
  if (o.identities) audit_end(conninfo, audit, sum);
  return sum;
}

}  // namespace shubbak::upstream::pg
