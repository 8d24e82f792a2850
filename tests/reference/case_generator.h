// case_generator.h — owns the random case generator of the differential test:
// one grammar-valid simulation case (shared/spec/simulate-case.md, grammar of
// docs/semantics.md §1) per seed, drawn from small pools so that statements
// match often and all three decisions occur.
#pragma once

#include <cstdint>
#include <string>

namespace gatehouse::reference {

// Deterministic: the same seed always yields the same JSON text.
std::string GenerateCase(std::uint64_t seed);

}  // namespace gatehouse::reference
