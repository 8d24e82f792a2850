// cli/output.h: printing in the aws CLI's style: JSON documents indented by
// four spaces, and errors as "An error occurred (Code) when calling the Op
// operation: message" on stderr.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "common/status.h"

namespace gatehouse::cli {

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// Runs `body` against a pretty writer and prints the document and a newline.
void PrintJson(std::ostream& out, const std::function<void(JsonWriter&)>& body);

void WriteString(JsonWriter& w, std::string_view key, std::string_view value);

// "An error occurred (AccessDenied) when calling the AssumeRole operation: ..."
void PrintAwsError(std::ostream& err, std::string_view operation, const Error& e);

// "FILE:LINE:COLUMN: error: MESSAGE [CODE]" (position omitted when unknown).
std::string FileError(std::string_view file, const Error& e);

}  // namespace gatehouse::cli
