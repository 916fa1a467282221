// content-pack/expected.hpp: pack::Expected<T>, the outcome of a fallible call.
//
// Its own small header so that everything returning one (the portal, minisign, rebuild,
// sync) need not pull in the pack reader for an error type.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace pack {

// The outcome of a fallible call: a value or a message a technician can act on.
template <class T>
class Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}
  static Expected Fail(std::string message) { Expected e; e.v_ = Err{std::move(message)}; return e; }
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const std::string& error() const { return std::get<1>(v_).message; }

 private:
  struct Err { std::string message; };
  Expected() = default;
  std::variant<T, Err> v_;
};

}  // namespace pack
