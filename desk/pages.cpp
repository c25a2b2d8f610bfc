#include "desk/pages.hpp"

#include <ctemplate/template.h>

#include "common/languages.hpp"
#include "desk/accompany_pages.hpp"
#include "desk/words.hpp"

namespace shubbak::desk {

using ctemplate::TemplateDictionary;

namespace {

const std::vector<std::string> kTemplates = {"head.tpl",  "signin.tpl", "console.tpl",   "live.tpl",
                                             "error.tpl", "day.tpl",    "accompany.tpl", "referral_steps.tpl"};

}  // namespace

std::set<std::string> Pages::keys_in(const std::string& text) { return web::keys_in(text); }

Pages::Pages(std::string dir, const Translations& tr, const CentreConfig& config, AssetUrls assets)
    : dir_(std::move(dir)), tr_(tr), config_(config), assets_(std::move(assets)), templates_(dir_, kTemplates) {}

std::string Pages::expand(const std::string& name, const void* dict) const {
  return templates_.expand(name, *static_cast<const TemplateDictionary*>(dict));
}

namespace {

// Language, direction, every translated marker and the <head> (title) of a page.
void fill_page(TemplateDictionary& d, const Words& w, const web::Templates& t, const Translations& tr,
               const std::string& title, const AssetUrls& assets) {
  d.SetTemplateGlobalValue("CSS_URL", assets.css);
  d.SetTemplateGlobalValue("JS_URL", assets.js);
  d.SetTemplateGlobalValue("LANG", w.lang());
  d.SetTemplateGlobalValue("DIR", dir_of(w.lang()));
  d.SetTemplateGlobalValue("TITLE", title);
  t.translate(d, tr, w.lang());
  d.AddIncludeDictionary("HEAD")->SetFilename(t.dir() + "/head.tpl");
}

void fill_details(TemplateDictionary& cur, const Words& w, const VisitorDetails& v) {
  TemplateDictionary* d = cur.AddSectionDictionary("DETAILS");
  const std::pair<const char*, const std::string*> fields[] = {
      {N_("desk.details_name"), &v.name},       {N_("desk.details_phone"), &v.phone},
      {N_("desk.details_cin"), &v.cin},         {N_("desk.details_birth_year"), &v.birth_year},
      {N_("desk.details_commune"), &v.commune}};
  for (const auto& [label, value] : fields) {
    if (value->empty()) continue;
    TemplateDictionary* f = d->AddSectionDictionary("FIELD");
    f->SetValue("LABEL", w.tr(label));
    f->SetValue("VALUE", *value);
  }
}

void fill_current(TemplateDictionary& d, const Words& w, const ConsoleView& v, const Catalogue& cat) {
  const CounterState& s = v.state;
  d.SetValue("CURRENT_ID", s.current_id);
  if (s.current_id.empty()) {
    d.ShowSection("IDLE");
    return;
  }
  TemplateDictionary* cur = d.AddSectionDictionary("SERVING");
  cur->SetValue("NUMBER", s.current_number);
  if (v.snap.details) fill_details(*cur, w, *v.snap.details);
  // The note's limit as the browser counts it (maxlength: characters; the flow counts the same, see CounterFlow).
  cur->SetIntValue("NOTE_MAX", static_cast<long>(CounterFlow::kMaxNoteChars));
  cur->SetValue("NOTE_LIMIT", w.tr("desk.note_limit", {{"max", std::to_string(CounterFlow::kMaxNoteChars)}}));
  cur->SetValue("NOTE", v.draft.note);
  for (const auto& o : cat.outcomes()) {
    TemplateDictionary* r = cur->AddSectionDictionary("OUTCOME");
    r->SetValue("ID", o.id);
    r->SetValue("LABEL", in_lang(o.label, w.lang()));
    if (o.id == v.draft.outcome) r->ShowSection("SELECTED");
  }
  // Never her current service (a transfer to where she is); nothing chosen until staff choose.
  for (const auto& id : CounterFlow(cat, 0).transfer_choices(s)) {
    TemplateDictionary* r = cur->AddSectionDictionary("SERVICE_CHOICE");
    r->SetValue("ID", id);
    r->SetValue("LABEL", in_lang(cat.service(id)->title, w.lang()));
  }
}

// The queue's mark of a woman who came for an appointment: her time, or "late — walk-in".
void fill_appointment_mark(TemplateDictionary& r, const Words& w, const QueueEntry& q, const TimeZone& zone) {
  if (q.appointment_id.empty()) return;
  TemplateDictionary* a = r.AddSectionDictionary("APPOINTMENT");
  if (q.appointment_at) {
    a->SetValue("WORDS", w.tr("desk.queue_appointment", {{"time", local_hhmm(*q.appointment_at, zone)}}));
  } else {
    a->SetValue("WORDS", w.tr("desk.late_walk_in"));
    a->ShowSection("LATE");
  }
}

void fill_accompaniment(TemplateDictionary& d, const Words& w, const ConsoleView& v, const CentreConfig& config,
                        const std::string& dir) {
  TemplateDictionary* a = d.AddIncludeDictionary("ACCOMPANY");
  a->SetFilename(dir + "/accompany.tpl");
  TemplateDictionary* day = d.AddIncludeDictionary("DAY");
  day->SetFilename(dir + "/day.tpl");
  if (!v.acc) return;
  const PageContext c{config, dir, v.snap.staff};
  a->SetValue("CURRENT_ID", v.state.current_id);
  fill_accompany(*a, *v.acc, w, c);
  fill_day(*day, *v.acc, w, c);
}

void fill_live(TemplateDictionary& d, const Words& w, const ConsoleView& v, const CentreConfig& config,
               const std::string& dir) {
  const Catalogue& cat = config.catalogue;
  d.SetTemplateGlobalValue("CSRF", v.csrf);
  d.SetValue("VERSION", std::to_string(v.version));
  fill_current(d, w, v, cat);
  d.SetValue("QUEUE_TITLE", w.tr("counter.queue_title", {{"count", std::to_string(v.snap.queue.size())}}));
  if (v.snap.queue.empty()) d.ShowSection("QUEUE_EMPTY");
  for (const auto& q : v.snap.queue) {
    TemplateDictionary* r = d.AddSectionDictionary("QUEUE");
    const Service* svc = cat.service(q.service_id);
    r->SetValue("ID", q.id);
    r->SetValue("NUMBER", q.number);
    r->SetValue("SERVICE", svc ? in_lang(svc->title, w.lang()) : q.service_id);
    r->SetValue("WAITING", w.tr("counter.waiting", {{"minutes", std::to_string(q.waiting_minutes)}}));
    if (q.priority) r->ShowSection("PRIORITY");
    fill_appointment_mark(*r, w, q, config.settings.zone);
  }
  fill_accompaniment(d, w, v, config, dir);
  d.SetValue("ALERTS", w.alerts(v.snap.call_staff_alerts));
  if (v.snap.call_staff_alerts > 0) d.ShowSection("HAS_ALERTS");
  d.SetValue("TODAY", w.today(v.snap));
  d.SetValue("SYNC", w.sync(v.snap.sync));
  if (!v.snap.sync.problem.empty() || v.snap.sync.quarantined > 0) d.ShowSection("SYNC_PROBLEM");
}

std::string console_title(const Words& w, const CounterState& s) {
  // Her name isolated (FSI ... PDI): a Latin name keeps its full stop at its end inside an Arabic title.
  return w.tr("counter.console_title", {{"n", std::to_string(s.counter)}, {"name", "\u2068" + s.staff_name + "\u2069"}});
}

}  // namespace

std::string Pages::signin(const SignInView& v) const {
  Words w(tr_, v.lang);
  TemplateDictionary d("signin");
  fill_page(d, w, templates_, tr_, w.tr("counter.signin_title"), assets_);
  d.SetValue("CSRF", v.csrf);
  d.SetValue("MESSAGE", v.message);
  d.SetIntValue("COUNTER", v.counter);
  if (v.staff.empty()) d.ShowSection("NO_STAFF");
  for (const auto& s : v.staff) {
    TemplateDictionary* r = d.AddSectionDictionary("STAFF");
    r->SetValue("LOGIN", s.login);
    r->SetValue("NAME", s.name);
    if (s.login == v.login) r->ShowSection("SELECTED");
  }
  for (const auto& l : languages()) {
    TemplateDictionary* r = d.AddSectionDictionary("LANGUAGE");
    r->SetValue("CODE", l.code);
    r->SetValue("OWN_NAME", l.own_name);
    if (l.code == v.lang) r->ShowSection("CHECKED");
  }
  return expand("signin.tpl", &d);
}

std::string Pages::console(const ConsoleView& v) const {
  Words w(tr_, v.lang);
  TemplateDictionary d("console");
  fill_page(d, w, templates_, tr_, console_title(w, v.state), assets_);
  d.SetTemplateGlobalValue("CSRF", v.csrf);
  d.SetValue("VERSION", std::to_string(v.version));
  d.SetValue("MESSAGE", v.message);
  TemplateDictionary* live = d.AddIncludeDictionary("LIVE");
  live->SetFilename(dir_ + "/live.tpl");
  fill_live(*live, w, v, config_, dir_);
  return expand("console.tpl", &d);
}

std::string Pages::live(const ConsoleView& v) const {
  Words w(tr_, v.lang);
  TemplateDictionary d("live");
  templates_.translate(d, tr_, w.lang());
  fill_live(d, w, v, config_, dir_);
  return expand("live.tpl", &d);
}

std::string Pages::error(const ErrorView& v) const {
  Words w(tr_, v.lang);
  TemplateDictionary d("error");
  fill_page(d, w, templates_, tr_, v.title, assets_);
  d.SetValue("MESSAGE", v.message);
  d.SetValue("BACK", v.back);
  d.SetValue("BACK_LABEL", v.back_label.empty() ? w.tr("desk.back") : v.back_label);
  if (v.refresh_seconds > 0)
    d.AddSectionDictionary("REFRESH")->SetIntValue("SECONDS", v.refresh_seconds);
  return expand("error.tpl", &d);
}

}  // namespace shubbak::desk
