// policy/lint.h: warnings a reviewer wants about a valid policy: things AWS
// accepts but that rarely mean what the author intended.
#pragma once

#include <string>
#include <vector>

#include "json/value.h"
#include "policy/ast.h"

namespace gatehouse::policy {

struct Warning {
  std::string message;
  json::Position pos;
};

std::vector<Warning> Lint(const Policy& policy);

}  // namespace gatehouse::policy
