// touch-ui/strings.hpp: citizen-facing text looked up by key from one JSON file.
//
// Like ImHex's language files: wording is changed in the file, never in code. The file
// is a flat JSON object of "key": "text" (or a list of texts for paragraphs). A key the
// file lacks is a loud error: it is logged, shown on screen as ⟦key⟧ so nobody mistakes
// it for content, and remembered in Missing() so tests fail on it.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace touchui {

class Strings {
 public:
  // Loads PATH; false with ERROR naming the path and the problem (missing, not JSON,
  // not an object, a value that is neither text nor a list of texts).
  // At most kMaxFileBytes of a regular file are read (issue 10: /dev/zero named as the
  // strings file used 24 GB).
  bool Load(const std::string& path, std::string* error);
  static constexpr long long kMaxFileBytes = 4 << 20;
  // Rewrites every loaded text with FN (e.g. the tone style the keyboard types).
  void Transform(const std::function<std::string(const std::string&)>& fn);
  const char* Get(const std::string& key) const;
  std::vector<std::string> GetList(const std::string& key) const;
  bool Has(const std::string& key) const { return text_.count(key) || lists_.count(key); }
  const std::set<std::string>& Missing() const { return missing_; }
  size_t Size() const { return text_.size() + lists_.size(); }
  const std::string& Path() const { return path_; }

 private:
  const char* MissingKey(const std::string& key) const;
  std::string path_;
  std::map<std::string, std::string> text_;
  std::map<std::string, std::vector<std::string>> lists_;
  mutable std::set<std::string> missing_;
  mutable std::map<std::string, std::string> placeholders_;
};

}  // namespace touchui
