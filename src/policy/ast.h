// policy/ast.h: a policy document as parsed and validated, before
// compilation. Every element keeps its source position so that the validator
// can point at it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "json/value.h"
#include "policy/operators.h"
#include "policy/policy_type.h"

namespace gatehouse::policy {

enum class Effect : std::uint8_t { kAllow, kDeny };
enum class Version : std::uint8_t { kNone, k2008, k2012 };

struct Item {
  std::string value;
  json::Position pos;
};

struct PrincipalBlock {
  bool present = false;
  bool negated = false;   // NotPrincipal
  bool wildcard = false;  // "Principal": "*"
  std::vector<Item> aws, service, federated, canonical_user;
  json::Position pos;
};

struct ConditionClause {
  std::string operator_text;  // as written
  OperatorSpec op;
  std::string key;  // as written
  json::Position key_pos;
  std::vector<Item> values;
  bool values_array = false;  // written as an array
};

struct Statement {
  std::string sid;
  bool has_sid = false;
  Effect effect = Effect::kAllow;
  PrincipalBlock principal;
  bool not_action = false;
  std::vector<Item> actions;
  bool has_resource = false;  // Resource or NotResource present
  bool not_resource = false;
  std::vector<Item> resources;
  std::vector<ConditionClause> conditions;
  json::Position pos;
};

struct Policy {
  PolicyType type = PolicyType::kIdentity;
  Version version = Version::kNone;
  bool has_id = false;
  bool statement_is_object = false;
  std::vector<Statement> statements;
  std::size_t size = 0;  // as counted against the type's limit
  json::Position pos;

  bool variables_enabled() const { return version == Version::k2012; }
};

}  // namespace gatehouse::policy
