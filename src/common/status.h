// common/status.h: the error value every layer returns instead of throwing.
// An Error carries AWS's error code (e.g. "MalformedPolicyDocument"), a
// human-readable message and, when it comes from a document, the 1-based line
// and column it points at. Result<T> is a value-or-Error (std::expected is
// C++23; this is the small subset gatehouse needs).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace gatehouse {

struct Error {
  std::string code;
  std::string message;
  std::uint32_t line = 0;    // 0: no position
  std::uint32_t column = 0;  // 1-based, in code points

  bool has_position() const { return line != 0; }
};

inline Error MakeError(std::string code, std::string message, std::uint32_t line = 0,
                       std::uint32_t column = 0) {
  return Error{std::move(code), std::move(message), line, column};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}      // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<1>(v_); }
  Error&& take_error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  static Status Ok() { return Status(); }
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace gatehouse
