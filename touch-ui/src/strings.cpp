// touch-ui/strings.cpp: loading the strings file and looking keys up (see strings.hpp).
#include "touch-ui/strings.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace touchui {

bool Strings::Load(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = "strings file missing or unreadable: " + path;
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  nlohmann::json doc = nlohmann::json::parse(buffer.str(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    if (error) *error = "strings file is not a JSON object: " + path;
    return false;
  }
  std::map<std::string, std::string> text;
  std::map<std::string, std::vector<std::string>> lists;
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (it.key().rfind("_", 0) == 0) continue;  // "_comment" and the like
    if (it->is_string()) {
      text[it.key()] = it->get<std::string>();
    } else if (it->is_array()) {
      std::vector<std::string> items;
      for (const auto& v : *it) {
        if (!v.is_string()) {
          if (error) *error = path + ": list \"" + it.key() + "\" holds a non-text value";
          return false;
        }
        items.push_back(v.get<std::string>());
      }
      lists[it.key()] = std::move(items);
    } else {
      if (error) *error = path + ": \"" + it.key() + "\" is neither text nor a list of texts";
      return false;
    }
  }
  path_ = path;
  text_ = std::move(text);
  lists_ = std::move(lists);
  return true;
}

const char* Strings::MissingKey(const std::string& key) const {
  if (missing_.insert(key).second)
    std::fprintf(stderr, "kiosk: MISSING STRING \"%s\" in %s\n", key.c_str(),
                 path_.empty() ? "(no strings file)" : path_.c_str());
  auto [it, inserted] = placeholders_.emplace(key, "\xE2\x9F\xA6" + key + "\xE2\x9F\xA7");
  return it->second.c_str();
}

const char* Strings::Get(const std::string& key) const {
  auto it = text_.find(key);
  if (it != text_.end()) return it->second.c_str();
  return MissingKey(key);
}

std::vector<std::string> Strings::GetList(const std::string& key) const {
  auto it = lists_.find(key);
  if (it != lists_.end()) return it->second;
  return {MissingKey(key)};
}

}  // namespace touchui
