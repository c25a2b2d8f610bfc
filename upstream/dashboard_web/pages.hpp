// The dashboard's HTML (web/templates.hpp; assets/dashboard/templates): every page is frame.tpl (the bar with the
// menu, who is signed in, sign-out and the language links; the title) around one body. Each figures page is made
// from one call of the figures (upstream/dashboard/figures.hpp) and nothing else.
#pragma once
#include <functional>
#include <string>

#include "common/i18n.hpp"
#include "upstream/dashboard/figures.hpp"
#include "upstream/dashboard_web/labels.hpp"
#include "web/templates.hpp"

namespace shubbak::upstream::dashboard_web {

// What every page's frame says.
struct Frame {
  std::string lang, title;
  std::string page;          // "overview", "centres", "centre", "signin", "error"
  std::string path_query;    // this page's own address (the language links come back to it)
  std::string csrf;          // "" before sign-in: no menu, no sign-out
  std::string who;           // words: who is signed in, with her scope
  std::string region_query;  // "?region=07" when a national user looks at a region, else ""
  std::string message;       // words, "" for none
  bool region_links = false; // a national user on the national overview: each region's row links to its page
};

class Pages {
 public:
  Pages(const std::string& templates_dir, const Translations& tr, std::string css_url);
  // csrf: the token of the browser's pre-session cookie (the form carries it back).
  std::string signin(const Frame& f, const std::string& name, const std::string& csrf) const;
  std::string error(const Frame& f, const std::string& back) const;
  std::string overview(const Frame& f, const Labels& l, const dashboard::Overview& o,
                       const std::string& scope_words) const;
  std::string centres(const Frame& f, const Labels& l, const dashboard::CentresPage& p,
                      const std::string& scope_words) const;
  std::string centre(const Frame& f, const Labels& l, const dashboard::CentrePage& p) const;

 private:
  // The frame's dictionary with its body (the template `body`), filled by `fill`.
  std::string page(const Frame& f, const std::string& body,
                   const std::function<void(ctemplate::TemplateDictionary&)>& fill) const;
  web::Templates templates_;
  const Translations& tr_;
  std::string css_url_;
};

// "?format=csv&table=ID" after the page's path and its region query.
std::string csv_href(const std::string& path, const std::string& region_query, const std::string& table);

}  // namespace shubbak::upstream::dashboard_web
