// sim/reader.h: splits simulation input into cases. A file holds either one
// JSON object (possibly spread over many lines) or JSON Lines. The first
// non-blank line decides: if it is an incomplete JSON value the whole input
// is one case; otherwise every non-blank line is a case, so one malformed
// line is reported and the rest still run. Input is read incrementally.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>

namespace gatehouse::sim {

struct CaseText {
  std::string text;
  std::uint32_t first_line = 1;  // line number of text's first byte in the input
};

class CaseReader {
 public:
  explicit CaseReader(std::istream& in) : in_(in) {}
  // The next case's text, or nullopt at the end of the input.
  std::optional<CaseText> Next();

 private:
  std::istream& in_;
  std::uint32_t line_ = 0;
  bool mode_known_ = false;
  bool done_ = false;
};

}  // namespace gatehouse::sim
