// json/write.h: a json::Value back to compact JSON text (keys in document
// order, numbers as written). Used to store a policy written as YAML in the
// form AWS would receive it.
#pragma once

#include <string>

#include "json/value.h"

namespace gatehouse::json {

std::string ToCompactJson(const Value& v);
// A JSON string literal (with quotes) for `s`.
std::string Quote(std::string_view s);

}  // namespace gatehouse::json
