// sim/simulate.h: `gatehouse policy simulate`: cases in, one result line per
// case out, in input order, streaming.
#pragma once

#include <istream>
#include <ostream>
#include <string_view>

#include "sim/case.h"
#include "sim/reader.h"

namespace gatehouse::sim {

struct SimulateSummary {
  std::size_t cases = 0;
  std::size_t errors = 0;
};

// Parses and prepares one case text (a JSON Lines record or a whole file).
PrepareResult PrepareText(const CaseText& text);

// Evaluates one case text and renders its result line (without newline).
std::string SimulateOne(const CaseText& text);

enum class OutputFormat { kJson, kText };

SimulateSummary Simulate(std::istream& in, std::ostream& out, OutputFormat format = OutputFormat::kJson);

}  // namespace gatehouse::sim
