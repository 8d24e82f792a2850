// world/ids.h: deterministic AWS-style identifiers, so that a world file
// always yields the same ids (and examples, docs and tests are
// reproducible). An id is a prefix (AIDA, AROA, AKIA, ASIA, ...) followed by
// characters of AWS's alphabet (A-Z, 2-7) taken from SHA-256 of a seed that
// names the entity.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gatehouse::world {

// prefix + `length` base32 characters derived from `seed`.
std::string DeriveId(std::string_view prefix, std::string_view seed, std::size_t length = 17);
// `length` lower-case hex characters derived from `seed`.
std::string DeriveHex(std::string_view seed, std::size_t length);
// A 40-character secret (base64 alphabet) derived from `seed`.
std::string DeriveSecret(std::string_view seed);

}  // namespace gatehouse::world
