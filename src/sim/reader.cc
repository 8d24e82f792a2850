// sim/reader.cc: JSON Lines / single-object detection and line numbering.
#include "sim/reader.h"

#include <iterator>

#include "common/ascii.h"
#include "json/parse.h"

namespace gatehouse::sim {
namespace {

bool Blank(const std::string& s) {
  for (char c : s)
    if (!ascii::IsSpace(c)) return false;
  return true;
}

}  // namespace

std::optional<CaseText> CaseReader::Next() {
  if (done_) return std::nullopt;
  std::string line;
  while (std::getline(in_, line)) {
    ++line_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Blank(line)) continue;
    CaseText c{std::move(line), line_};
    if (!mode_known_) {
      mode_known_ = true;
      if (json::IsIncomplete(c.text)) {
        // One multi-line object: the rest of the input belongs to it.
        std::string rest((std::istreambuf_iterator<char>(in_)), std::istreambuf_iterator<char>());
        c.text += '\n';
        c.text += rest;
        done_ = true;
      }
    }
    return c;
  }
  done_ = true;
  return std::nullopt;
}

}  // namespace gatehouse::sim
