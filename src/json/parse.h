// json/parse.h: strict JSON parsing into a positioned json::Value.
// Strict means: UTF-8 validated, no comments, no trailing commas, no NaN, and
// duplicate object keys rejected (a duplicate has no single meaning).
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"
#include "json/value.h"

namespace gatehouse::json {

struct ParseOptions {
  // Position of the first byte of `text`, so that a JSON Lines reader or a
  // document embedded in a larger file reports file coordinates.
  std::uint32_t first_line = 1;
  std::uint32_t first_column = 1;
  // By default a duplicate object key is an error. Readers that validate
  // sub-documents separately (a policy inside a simulation case) keep them
  // and call FindDuplicateKey themselves.
  bool allow_duplicate_keys = false;
  // Reject invalid UTF-8 (callers that check the raw text themselves, like
  // the policy parser, may skip it).
  bool validate_utf8 = true;
};

// Error codes produced here.
inline constexpr std::string_view kSyntaxError = "SyntaxError";
inline constexpr std::string_view kDuplicateKey = "DuplicateKey";

// Parses exactly one JSON value (surrounding whitespace allowed).
Result<Document> Parse(std::string_view text, const ParseOptions& options = {});

// True when `text` fails only because it ends before the value is complete
// (used to tell a multi-line document from a broken JSON Lines record).
bool IsIncomplete(std::string_view text);

// Computes the line/column of `offset` in `text`.
Position PositionAt(std::string_view text, std::size_t offset, const ParseOptions& options = {});

}  // namespace gatehouse::json
