// kabar/status.h — one error type for the whole engine.
//
// Functions that can fail return Status (or StatusOr<T>); the library throws no
// exceptions on its paths. A Status message names the input and the position
// ("examples/a.txt:3: invalid UTF-8 at byte 17") so a user can act on it.
// Status is a small value type: copy it freely.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace kabar {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,  // a caller passed something unusable (bad flag value, bad date)
  kNotFound,         // a file or directory does not exist
  kIo,               // a read or write failed
  kParse,            // input text could not be parsed (malformed JSON, bad line)
  kInvalidUtf8,      // input bytes are not valid UTF-8
  kData,             // a dictionary or data file is inconsistent (file:line in message)
  kInternal,         // a broken invariant inside kabar: a bug
};

const char* error_code_name(ErrorCode code);

class Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "parse: file.jsonl:3: expected object" — for logs and stderr.
  std::string to_string() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}           // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {}   // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

#define KABAR_RETURN_IF_ERROR(expr)            \
  do {                                         \
    ::kabar::Status kabar_status_ = (expr);    \
    if (!kabar_status_.ok()) return kabar_status_; \
  } while (0)

}  // namespace kabar
