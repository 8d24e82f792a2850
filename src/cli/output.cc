// cli/output.cc: aws-CLI-style output.
#include "cli/output.h"

namespace gatehouse::cli {

void PrintJson(std::ostream& out, const std::function<void(JsonWriter&)>& body) {
  {
    JsonOutput stream(out);
    JsonWriter w(stream);
    w.SetIndent(' ', 4);
    body(w);
  }
  out << "\n";
}

void WriteString(JsonWriter& w, std::string_view key, std::string_view value) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void PrintAwsError(std::ostream& err, std::string_view operation, const Error& e) {
  err << "\nAn error occurred (" << e.code << ") when calling the " << operation << " operation: " << e.message << "\n";
}

std::string FileError(std::string_view file, const Error& e) {
  std::string out(file);
  if (e.has_position()) out += ":" + std::to_string(e.line) + ":" + std::to_string(e.column);
  return out + ": error: " + e.message + " [" + e.code + "]";
}

}  // namespace gatehouse::cli
