// The centre's service catalogue: what it offers, what each service needs, and the "help me choose" tree.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "common/config_file.hpp"

namespace shubbak {

using Texts = std::map<std::string, std::string>;  // language code -> text

enum class Field { Name, Phone, Cin, BirthYear, Commune, Contact };
const char* field_key(Field f);  // "name", "phone", ...

struct FieldRequirement {
  Field field;
  bool required = true;
};

// When a service takes appointments (issue 16): `slot_minutes`, `slot_capacity`, `slot_hours`, `slot_days` of its
// [service] section (docs/configuration.md). A service without `slot_minutes` takes none.
struct SlotPlan {
  int minutes = 0;   // length of a slot; 0: no appointments
  int capacity = 1;  // women per slot
  std::vector<std::pair<int, int>> hours;  // [start, end) in minutes after local midnight, e.g. {540, 720}
  std::vector<int> weekdays;               // 0 = Sunday ... 6 = Saturday
  bool takes_appointments() const { return minutes > 0; }
};

struct Service {
  std::string id;
  std::string prefix;  // ticket letter(s): "A" -> A-042
  std::string icon;    // pictogram name, e.g. "work"
  bool sensitive = false;
  std::vector<int> counters;  // counters that serve it (empty: any)
  int minutes_per_visitor = 10;
  int sms_ahead = 3;   // "your turn is near" by SMS when this many people are ahead of her (0: never; docs/sms.md)
  std::vector<FieldRequirement> fields;
  Texts title, description, eligibility, hours;
  std::map<std::string, std::vector<std::string>> documents;  // lang -> items
  SlotPlan slots;

  bool needs(Field f) const;
};

// Help-me-choose: a question with pictogram answers; each answer leads to a question or a service.
struct Answer {
  std::string id;
  std::string icon;
  Texts label;
  std::string next_question;  // one of these two is set
  std::string service;
};

struct Question {
  std::string id;
  Texts prompt;
  std::vector<std::string> answers;
};

// Programme (Jisr) milestones an outcome can mark, in the order a woman reaches them.
const std::vector<std::string>& milestone_ids();  // registered, coached, trained, incubated, project_started

struct Outcome {
  std::string id;
  Texts label;
  std::string milestone;  // one of milestone_ids(), or empty
};

// An organisation outside the centre a woman can be referred to ([partner] sections).
struct Partner {
  std::string id;
  std::string name;     // a proper noun, written once
  std::string contact;  // phone or address, as staff tell her
  std::vector<std::string> services;  // the centre's services whose staff may refer to it
  Texts title;          // what it offers, per language (optional)
};

class Catalogue {
 public:
  // Validates everything a screen will rely on; throws ConfigError naming file, line and key.
  static Catalogue from_document(const ConfigDocument& doc);
  static Catalogue load(const std::string& path) { return from_document(ConfigDocument::load(path)); }

  const std::vector<Service>& services() const { return services_; }
  const Service* service(const std::string& id) const;
  // The ids of the services marked sensitive (never broken down below region level on the national side).
  std::vector<std::string> sensitive_service_ids() const;
  const Question* question(const std::string& id) const;
  const Answer* answer(const std::string& id) const;
  const std::vector<Outcome>& outcomes() const { return outcomes_; }
  const Outcome* outcome(const std::string& id) const;
  const std::vector<Partner>& partners() const { return partners_; }
  const Partner* partner(const std::string& id) const;
  const std::string& first_question() const { return first_question_; }
  // Every text of the catalogue in one language (used to build the font atlas).
  std::vector<std::string> all_texts(const std::string& lang) const;

 private:
  std::vector<Service> services_;
  std::vector<Question> questions_;
  std::vector<Answer> answers_;
  std::vector<Outcome> outcomes_;
  std::vector<Partner> partners_;
  std::string first_question_;

  static SlotPlan read_slots(const SectionReader& r);
  static Partner read_partner(const SectionReader& r, const std::string& id);
  void check_partners(const ConfigDocument& doc) const;
};

}  // namespace shubbak
