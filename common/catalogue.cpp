#include "common/catalogue.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "common/icons.hpp"
#include "common/languages.hpp"

namespace shubbak {

const char* field_key(Field f) {
  switch (f) {
    case Field::Name: return "name";
    case Field::Phone: return "phone";
    case Field::Cin: return "cin";
    case Field::BirthYear: return "birth_year";
    case Field::Commune: return "commune";
    case Field::Contact: return "contact";
  }
  return "?";
}

static bool parse_field(const std::string& s, Field& out) {
  for (Field f : {Field::Name, Field::Phone, Field::Cin, Field::BirthYear, Field::Commune, Field::Contact})
    if (s == field_key(f)) {
      out = f;
      return true;
    }
  return false;
}

bool Service::needs(Field f) const {
  return std::any_of(fields.begin(), fields.end(), [f](const FieldRequirement& r) { return r.field == f; });
}

const Service* Catalogue::service(const std::string& id) const {
  for (const auto& s : services_)
    if (s.id == id) return &s;
  return nullptr;
}
std::vector<std::string> Catalogue::sensitive_service_ids() const {
  std::vector<std::string> ids;
  for (const auto& s : services_)
    if (s.sensitive) ids.push_back(s.id);
  return ids;
}
const Outcome* Catalogue::outcome(const std::string& id) const {
  for (const auto& o : outcomes_)
    if (o.id == id) return &o;
  return nullptr;
}
const Partner* Catalogue::partner(const std::string& id) const {
  for (const auto& p : partners_)
    if (p.id == id) return &p;
  return nullptr;
}
const Question* Catalogue::question(const std::string& id) const {
  for (const auto& q : questions_)
    if (q.id == id) return &q;
  return nullptr;
}
const Answer* Catalogue::answer(const std::string& id) const {
  for (const auto& a : answers_)
    if (a.id == id) return &a;
  return nullptr;
}

Catalogue Catalogue::from_document(const ConfigDocument& doc) {
  Catalogue c;
  const auto& langs = language_codes();
  std::map<std::string, int> prefix_line;
  for (const auto& sec : doc.sections()) {
    SectionReader r(doc, sec);
    if (sec.name.empty() && (sec.type == "service" || sec.type == "question" || sec.type == "answer" ||
                             sec.type == "outcome" || sec.type == "partner"))
      doc.fail(sec.line, "", "[" + sec.type + "] needs a name, e.g. [" + sec.type + " my-id]");
    if (sec.type == "service") {
      r.only_keys({"prefix", "icon", "sensitive", "counters", "minutes_per_visitor", "fields", "title", "description",
                   "eligibility", "documents", "hours", "slot_minutes", "slot_capacity", "slot_hours", "slot_days",
                   "sms_ahead"});
      Service s;
      s.id = sec.name;
      s.prefix = r.text("prefix");
      if (s.prefix.size() > 2 || !std::all_of(s.prefix.begin(), s.prefix.end(), [](unsigned char ch) {
            return std::isupper(ch);
          }))
        r.fail("prefix", "'" + s.prefix + "' must be one or two capital letters A-Z");
      if (auto it = prefix_line.find(s.prefix); it != prefix_line.end())
        r.fail("prefix", "'" + s.prefix + "' is already used by another service on line " + std::to_string(it->second) +
                             "; each service needs its own ticket letter");
      prefix_line[s.prefix] = r.line_of("prefix");
      s.icon = r.text("icon");
      if (!find_icon(s.icon)) r.fail("icon", "unknown pictogram '" + s.icon + "'; see docs/configuration.md");
      s.sensitive = r.boolean("sensitive", false);
      s.minutes_per_visitor = static_cast<int>(r.integer("minutes_per_visitor", 1, 240, 10));
      s.sms_ahead = static_cast<int>(r.integer("sms_ahead", 0, 50, s.sms_ahead));
      for (const auto& n : r.list("counters", ',')) {
        char* end = nullptr;
        long v = std::strtol(n.c_str(), &end, 10);
        if (*end != 0 || v < 1 || v > 99) r.fail("counters", "'" + n + "' is not a counter number (1 to 99)");
        s.counters.push_back(static_cast<int>(v));
      }
      for (auto f : r.list("fields", ',')) {
        FieldRequirement req{Field::Name, true};
        if (!f.empty() && f.back() == '?') {
          req.required = false;
          f.pop_back();
        }
        if (!parse_field(f, req.field))
          r.fail("fields", "unknown field '" + f + "'; known: name, phone, cin, birth_year, commune, contact");
        s.fields.push_back(req);
      }
      s.title = r.translated("title", langs);
      s.description = r.translated("description", langs);
      s.eligibility = r.translated("eligibility", langs);
      s.hours = r.translated("hours", langs);
      for (const auto& [lang, text] : r.translated("documents", langs)) s.documents[lang] = split_list(text, '|');
      s.slots = read_slots(r);
      c.services_.push_back(std::move(s));
    } else if (sec.type == "question") {
      r.only_keys({"prompt", "answers", "first"});
      Question q;
      q.id = sec.name;
      q.prompt = r.translated("prompt", langs);
      q.answers = r.list("answers", ',');
      if (q.answers.empty()) r.fail("answers", "a question needs at least one answer");
      if (r.boolean("first", false)) {
        if (!c.first_question_.empty()) r.fail("first", "only one question can be the first");
        c.first_question_ = q.id;
      }
      c.questions_.push_back(std::move(q));
    } else if (sec.type == "answer") {
      r.only_keys({"icon", "label", "next", "service"});
      Answer a;
      a.id = sec.name;
      a.icon = r.text("icon");
      if (!find_icon(a.icon)) r.fail("icon", "unknown pictogram '" + a.icon + "'");
      a.label = r.translated("label", langs);
      a.next_question = r.text_or("next", "");
      a.service = r.text_or("service", "");
      if (a.next_question.empty() == a.service.empty())
        r.fail("service", "an answer leads either to a question ('next') or to a 'service', exactly one of them");
      c.answers_.push_back(std::move(a));
    } else if (sec.type == "outcome") {
      r.only_keys({"label", "milestone"});
      Outcome o{sec.name, r.translated("label", langs), r.text_or("milestone", "")};
      const auto& m = milestone_ids();
      if (!o.milestone.empty() && std::find(m.begin(), m.end(), o.milestone) == m.end())
        r.fail("milestone", "unknown milestone '" + o.milestone +
                                "'; known: registered, coached, trained, incubated, project_started");
      c.outcomes_.push_back(std::move(o));
    } else if (sec.type == "partner") {
      c.partners_.push_back(read_partner(r, sec.name));
    } else {
      doc.fail(sec.line, "",
               "unknown section [" + sec.type + "]; a catalogue has [service], [question], [answer], [outcome], [partner]");
    }
  }
  if (c.services_.empty()) doc.fail(0, "", "the catalogue has no [service]");
  // Cross-references, checked once everything is read.
  for (const auto& sec : doc.sections()) {
    SectionReader r(doc, sec);
    if (sec.type == "question")
      for (const auto& a : c.question(sec.name)->answers)
        if (!c.answer(a)) r.fail("answers", "no [answer " + a + "] in this file");
    if (sec.type == "answer") {
      const Answer* a = c.answer(sec.name);
      if (!a->next_question.empty() && !c.question(a->next_question))
        r.fail("next", "no [question " + a->next_question + "] in this file");
      if (!a->service.empty() && !c.service(a->service)) r.fail("service", "no [service " + a->service + "] in this file");
    }
  }
  c.check_partners(doc);
  if (!c.questions_.empty() && c.first_question_.empty())
    doc.fail(0, "first", "one [question] must say 'first = yes' (where help-me-choose starts)");
  return c;
}

std::vector<std::string> Catalogue::all_texts(const std::string& lang) const {
  std::vector<std::string> out;
  auto add = [&](const Texts& t) {
    if (auto it = t.find(lang); it != t.end()) out.push_back(it->second);
  };
  for (const auto& s : services_) {
    add(s.title), add(s.description), add(s.eligibility), add(s.hours);
    if (auto it = s.documents.find(lang); it != s.documents.end())
      out.insert(out.end(), it->second.begin(), it->second.end());
    out.push_back(s.prefix);
  }
  for (const auto& q : questions_) add(q.prompt);
  for (const auto& a : answers_) add(a.label);
  for (const auto& o : outcomes_) add(o.label);
  for (const auto& p : partners_) {
    add(p.title);
    out.push_back(p.name);
    out.push_back(p.contact);
  }
  return out;
}

}  // namespace shubbak
