// cli/output.h: printing in the aws CLI's style: JSON documents indented by
// four spaces, and errors as "An error occurred (Code) when calling the Op
// operation: message" on stderr.
#pragma once

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include <rapidjson/prettywriter.h>

#include "common/status.h"

namespace gatehouse::cli {

// A RapidJSON output stream that writes through to a std::ostream in 64 KiB
// pieces, so that large documents (an access matrix) are never held whole.
class JsonOutput {
 public:
  using Ch = char;
  explicit JsonOutput(std::ostream& out) : out_(out) {}
  JsonOutput(const JsonOutput&) = delete;
  JsonOutput& operator=(const JsonOutput&) = delete;
  ~JsonOutput() { Flush(); }
  void Put(char c) {
    buf_[size_++] = c;
    if (size_ == sizeof(buf_)) Flush();
  }
  void Flush() {
    out_.write(buf_, static_cast<std::streamsize>(size_));
    size_ = 0;
  }

 private:
  std::ostream& out_;
  char buf_[1 << 16];
  std::size_t size_ = 0;
};

using JsonWriter = rapidjson::PrettyWriter<JsonOutput>;

// Runs `body` against a pretty writer streaming to `out`, then prints a
// newline.
void PrintJson(std::ostream& out, const std::function<void(JsonWriter&)>& body);

void WriteString(JsonWriter& w, std::string_view key, std::string_view value);

// "An error occurred (AccessDenied) when calling the AssumeRole operation: ..."
void PrintAwsError(std::ostream& err, std::string_view operation, const Error& e);

// "FILE:LINE:COLUMN: error: MESSAGE [CODE]" (position omitted when unknown).
std::string FileError(std::string_view file, const Error& e);

}  // namespace gatehouse::cli
