// world/loader.h: a world file (YAML or JSON, docs/world-format.md) ->
// validated world::World, or the first error with its line and column.
#pragma once

#include <string_view>

#include "common/status.h"
#include "world/model.h"

namespace gatehouse::world {

inline constexpr std::string_view kInvalidWorld = "InvalidWorld";

// Parses and validates a world. Errors carry AWS's code where AWS has one
// (MalformedPolicyDocument, LimitExceeded) and InvalidWorld otherwise.
Result<World> LoadWorld(std::string_view text);

}  // namespace gatehouse::world
