// json/value.cc: lookups on json::Value.
#include "json/value.h"

#include <algorithm>
#include <cstddef>

namespace gatehouse::json {

std::string_view TypeName(Type t) {
  switch (t) {
    case Type::kNull: return "null";
    case Type::kBool: return "boolean";
    case Type::kNumber: return "number";
    case Type::kString: return "string";
    case Type::kArray: return "array";
    case Type::kObject: return "object";
  }
  return "value";
}

const Member* Value::FindMember(std::string_view key) const {
  if (type != Type::kObject) return nullptr;
  for (const Member& m : members)
    if (m.key == key) return &m;
  return nullptr;
}

const Value* Value::Find(std::string_view key) const {
  const Member* m = FindMember(key);
  return m ? &m->value : nullptr;
}

const Member* FindDuplicateKey(const Value& v, bool recursive, std::string_view skip) {
  if (v.is_object() && v.members.size() > 1 && v.members.size() <= 8) {
    // Small objects (nearly all of them): pairwise, without allocating.
    const auto& m = v.members;
    for (std::size_t i = 1; i < m.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (m[i].key == m[j].key) return &m[i];
  } else if (v.is_object() && v.members.size() > 8) {
    const auto& m = v.members;
    std::vector<std::size_t> order(m.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return m[a].key != m[b].key ? m[a].key < m[b].key : a < b;
    });
    const Member* first = nullptr;
    for (std::size_t i = 1; i < order.size(); ++i) {
      if (m[order[i]].key == m[order[i - 1]].key &&
          (first == nullptr || m[order[i]].key_pos.offset < first->key_pos.offset)) {
        first = &m[order[i]];
      }
    }
    if (first != nullptr) return first;
  }
  if (!recursive) return nullptr;
  for (const Value& e : v.elements)
    if (const Member* d = FindDuplicateKey(e, true, skip)) return d;
  for (const Member& m : v.members) {
    if (!skip.empty() && m.key == skip) continue;
    if (const Member* d = FindDuplicateKey(m.value, true, skip)) return d;
  }
  return nullptr;
}

}  // namespace gatehouse::json
