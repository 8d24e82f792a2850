// world/yaml_reader.h: YAML text -> the positioned json::Document tree the
// rest of gatehouse reads (so world files get the same line/column errors
// as JSON). Built from yaml-cpp's event parser, which reports every node's
// mark and whether a scalar was quoted.
#pragma once

#include <string_view>

#include "common/status.h"
#include "json/value.h"

namespace gatehouse::world {

inline constexpr std::string_view kYamlError = "YamlError";

// Parses one YAML document. Plain scalars become null (`~`, `null`, empty),
// booleans (`true`/`false`), numbers (YAML 1.2 core schema ints and floats)
// or strings; quoted scalars are always strings. Anchors and aliases, tags
// and several documents in one file are refused. Duplicate keys are kept in
// the tree; callers check them with json::FindDuplicateKey.
Result<json::Document> ParseYaml(std::string_view text);

}  // namespace gatehouse::world
