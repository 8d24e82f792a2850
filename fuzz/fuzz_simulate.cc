// fuzz/fuzz_simulate.cc: arbitrary bytes as a simulation case: case reader,
// policy parser, request building and the full decision. The result line
// must always be JSON with either a decision or an error.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "json/parse.h"
#include "sim/simulate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string out = gatehouse::sim::SimulateOne(gatehouse::sim::CaseText{text, 1});
  auto v = gatehouse::json::Parse(out);
  if (!v.ok() || (v->Find("decision") == nullptr && v->Find("error") == nullptr)) std::abort();
  return 0;
}
