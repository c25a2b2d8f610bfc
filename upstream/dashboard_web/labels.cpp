#include "upstream/dashboard_web/labels.hpp"

#include <utility>

namespace shubbak::upstream::dashboard_web {

namespace {

// Marks a key used from a table (the i18n test finds it).
constexpr const char* N_(const char* key) { return key; }

using Pair = std::pair<const char*, const char*>;

const char* find_key(const std::vector<Pair>& table, const std::string& code) {
  for (const auto& [c, key] : table)
    if (code == c) return key;
  return nullptr;
}

const std::vector<Pair>& words() {
  static const std::vector<Pair> t = {
      {"visits", N_("dashboard.col.visits")},         {"women", N_("dashboard.col.women")},
      {"referrals", N_("dashboard.col.referrals")},   {"appointments", N_("dashboard.col.appointments")},
      {"served", N_("dashboard.col.served")},         {"waits", N_("dashboard.col.waits")}};
  return t;
}

const std::vector<Pair>& periods() {
  static const std::vector<Pair> t = {{"today", N_("dashboard.period.today")},
                                      {"7_days", N_("dashboard.period.7_days")},
                                      {"30_days", N_("dashboard.period.30_days")}};
  return t;
}

const std::vector<Pair>& milestones() {
  static const std::vector<Pair> t = {
      {"registered", N_("dashboard.milestone.registered")}, {"coached", N_("dashboard.milestone.coached")},
      {"trained", N_("dashboard.milestone.trained")},       {"incubated", N_("dashboard.milestone.incubated")},
      {"project_started", N_("dashboard.milestone.project_started")}};
  return t;
}

const std::vector<Pair>& states() {
  static const std::vector<Pair> t = {
      {"proposed", N_("dashboard.state.proposed")},   {"accepted", N_("dashboard.state.accepted")},
      {"declined", N_("dashboard.state.declined")},   {"completed", N_("dashboard.state.completed")},
      {"not_completed", N_("dashboard.state.not_completed")}};
  return t;
}

const std::vector<Pair>& events() {
  static const std::vector<Pair> t = {
      {"served", N_("dashboard.event.served")}, {"no_show", N_("dashboard.event.no_show")},
      {"transferred", N_("dashboard.event.transferred")}, {"booked", N_("dashboard.event.booked")},
      {"kept", N_("dashboard.event.kept")},     {"late", N_("dashboard.event.late")},
      {"missed", N_("dashboard.event.missed")}, {"moved", N_("dashboard.event.moved")},
      {"cancelled", N_("dashboard.event.cancelled")}};
  return t;
}

const std::vector<Pair>* table_for(LabelKind k) {
  switch (k) {
    case LabelKind::Word: return &words();
    case LabelKind::Period: return &periods();
    case LabelKind::Milestone: return &milestones();
    case LabelKind::State: return &states();
    case LabelKind::Event: return &events();
    default: return nullptr;
  }
}

std::string in_lang(const std::map<std::string, std::string>& texts, const std::string& lang) {
  auto it = texts.find(lang);
  if (it != texts.end()) return it->second;
  return texts.empty() ? std::string() : texts.begin()->second;
}

}  // namespace

std::string Labels::tr(const std::string& key, const std::map<std::string, std::string>& values) const {
  return format(tr_.get(lang_, key), values);
}

std::string Labels::region(const std::string& code) const {
  if (code.empty()) return tr("dashboard.region_not_set");
  for (const auto& r : regions_)
    if (r.code == code) return lang_ == "ar" ? r.name_ar : r.name_fr;
  return code;
}

std::string Labels::of(LabelKind kind, const std::string& code) const {
  if (const auto* table = table_for(kind))
    if (const char* key = find_key(*table, code)) return tr(key);
  switch (kind) {
    case LabelKind::Service:
      if (const Service* s = cat_ ? cat_->service(code) : nullptr) return in_lang(s->title, lang_);
      return code.empty() ? tr("dashboard.unknown") : code;
    case LabelKind::Outcome:
      if (code.empty()) return tr("dashboard.outcome_none");
      if (const Outcome* o = cat_ ? cat_->outcome(code) : nullptr) return in_lang(o->label, lang_);
      return code;
    case LabelKind::Region: return region(code);
    case LabelKind::Hour: return (code.size() == 1 ? "0" + code : code) + ":00";
    default: return code;
  }
}

TableKinds kinds_of(const std::string& page, const std::string& id) {
  using K = LabelKind;
  const ChartKind bars = ChartKind::Bars;
  static const std::vector<std::pair<std::string, TableKinds>> overview = {
      {"visits", {K::Period, K::Word, N_("dashboard.table.visits"), bars}},
      {"visits_by_service", {K::Service, K::Word, N_("dashboard.table.visits_by_service"), bars}},
      {"visits_by_region", {K::Region, K::Word, N_("dashboard.table.visits_by_region"), bars}},
      {"milestone_women", {K::Milestone, K::Word, N_("dashboard.table.milestone_women"), bars}},
      {"milestone_women_by_month", {K::Month, K::Milestone, N_("dashboard.table.milestone_women_by_month"),
                                    ChartKind::Cumulative}},
      {"referrals_by_state", {K::State, K::Word, N_("dashboard.table.referrals_by_state"), bars}},
      {"appointments", {K::Event, K::Word, N_("dashboard.table.appointments"), bars}}};
  static const std::vector<std::pair<std::string, TableKinds>> centre = {
      {"visits_by_service", {K::Service, K::Word, N_("dashboard.table.visits_by_service"), bars}},
      {"visits_by_hour", {K::Hour, K::Word, N_("dashboard.table.visits_by_hour"), ChartKind::Columns}},
      {"outcomes", {K::Service, K::Event, N_("dashboard.table.outcomes"), bars}},
      {"served_outcomes", {K::Outcome, K::Word, N_("dashboard.table.served_outcomes"), bars}},
      {"waits_by_service", {K::Service, K::Word, N_("dashboard.table.waits_by_service"), bars}},
      {"referrals_by_state", {K::State, K::Word, N_("dashboard.table.referrals_by_state"), bars}},
      {"milestone_women", {K::Milestone, K::Word, N_("dashboard.table.milestone_women"), bars}},
      {"appointments", {K::Service, K::Event, N_("dashboard.table.appointments_by_service"), bars}}};
  static const std::vector<std::pair<std::string, TableKinds>> centres = {
      {"visits", {K::Centre, K::Word, N_("dashboard.table.centre_visits")}}};
  const auto& list = page == "overview" ? overview : page == "centre" ? centre : centres;
  for (const auto& [i, k] : list)
    if (i == id) return k;
  return {};
}

}  // namespace shubbak::upstream::dashboard_web
