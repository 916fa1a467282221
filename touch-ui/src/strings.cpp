// touch-ui/strings.cpp: loading the strings file and looking keys up (see strings.hpp).
#include "touch-ui/strings.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

namespace touchui {

void Strings::Transform(const std::function<std::string(const std::string&)>& fn) {
  for (auto& [key, text] : text_) text = fn(text);
  for (auto& [key, list] : lists_)
    for (std::string& text : list) text = fn(text);
}

bool Strings::Load(const std::string& path, std::string* error) {
  // A regular file of bounded size: a device (/dev/zero) or FIFO named here is refused,
  // never read, and a runaway file does not eat the kiosk's memory.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (error) *error = "strings file missing or unreadable: " + path;
    return false;
  }
  struct stat st{};
  std::string bytes;
  const char* why = nullptr;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) why = "is not a regular file";
  else if (st.st_size > kMaxFileBytes) why = "is larger than 4 MiB";
  else {
    bytes.resize(static_cast<size_t>(kMaxFileBytes) + 1);
    size_t got = 0;
    for (ssize_t n; got < bytes.size() && (n = ::read(fd, bytes.data() + got, bytes.size() - got)) != 0;) {
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) { why = "cannot be read"; break; }
      got += static_cast<size_t>(n);
    }
    bytes.resize(got);
    if (!why && got > static_cast<size_t>(kMaxFileBytes)) why = "is larger than 4 MiB";
  }
  ::close(fd);
  if (why) {
    if (error) *error = "strings file " + path + " " + why;
    return false;
  }
  nlohmann::json doc = nlohmann::json::parse(bytes, nullptr, false);
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
