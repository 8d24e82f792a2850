// fuzz/fuzz_policy_parse.cc: arbitrary bytes as a policy of every type:
// parse (grammar and positions), compile, lint. Must never crash, leak or
// trip a sanitizer; errors must carry a code and a position inside the text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "policy/compiled.h"
#include "policy/lint.h"
#include "policy/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gatehouse::policy;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (PolicyType t : {PolicyType::kIdentity, PolicyType::kResource, PolicyType::kTrust, PolicyType::kScp,
                       PolicyType::kRcp, PolicyType::kSession, PolicyType::kBoundary}) {
    auto p = ParsePolicyText(text, t);
    if (!p.ok()) {
      if (p.error().code.empty() || p.error().message.empty()) std::abort();
      continue;
    }
    auto c = CompiledPolicy::Compile(*p, "fuzz");
    if (c.statements().size() != p->statements.size()) std::abort();
    (void)Lint(*p);
  }
  return 0;
}
