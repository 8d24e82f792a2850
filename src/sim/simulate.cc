// sim/simulate.cc: the simulate loop.
#include "sim/simulate.h"

#include "json/parse.h"
#include "sim/output.h"

namespace gatehouse::sim {

PrepareResult PrepareText(const CaseText& text) {
  json::ParseOptions options;
  options.first_line = text.first_line;
  options.allow_duplicate_keys = true;  // checked per part: case vs policy documents
  Result<json::Document> doc = json::Parse(text.text, options);
  if (!doc.ok()) {
    PrepareResult r;
    Error e = doc.error();
    e.code = std::string(kInvalidInput);
    e.message = "malformed JSON: " + e.message;
    r.error = CaseError{std::move(e), {}};
    return r;
  }
  return Prepare(*doc, text.text);
}

std::string SimulateOne(const CaseText& text) {
  PrepareResult r = PrepareText(text);
  if (r.error) return RenderError(r.name, *r.error);
  const policy::Decision d = r.prepared->Evaluate();
  return RenderDecision(r.name, d, r.prepared->request());
}

SimulateSummary Simulate(std::istream& in, std::ostream& out, OutputFormat format) {
  SimulateSummary s;
  CaseReader reader(in);
  while (std::optional<CaseText> text = reader.Next()) {
    PrepareResult r = PrepareText(*text);
    ++s.cases;
    if (r.error) {
      ++s.errors;
      out << (format == OutputFormat::kJson ? RenderError(r.name, *r.error) : RenderErrorText(r.name, *r.error))
          << '\n';
    } else {
      const policy::Decision d = r.prepared->Evaluate();
      out << (format == OutputFormat::kJson ? RenderDecision(r.name, d, r.prepared->request())
                                            : RenderDecisionText(r.name, d, r.prepared->request()))
          << '\n';
    }
  }
  out.flush();
  return s;
}

}  // namespace gatehouse::sim
