// policy/context.h: the request context: condition keys and their values.
// Key names are case-insensitive (docs/semantics.md §3.2): entries are found
// by the hash of the lower-cased name through a small open-addressing index,
// so a lookup from a compiled policy costs one hash probe and one compare.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "policy/template.h"

namespace gatehouse::policy {

struct ContextEntry {
  std::string name;   // as given
  std::string lower;  // lower-cased, the identity of the key
  std::uint64_t hash = 0;
  std::vector<std::string> values;
  bool multi = false;  // given as an array: a multi-valued key

  // Present means at least one value: an empty array is an absent key.
  bool present() const { return !values.empty(); }
};

class RequestContext {
 public:
  // Sets a single-valued key, replacing any entry with the same name (in any
  // case).
  void Set(std::string_view name, std::string value);
  // Sets a multi-valued key.
  void SetMulti(std::string_view name, std::vector<std::string> values);
  void Erase(std::string_view name);

  // The entry for `name`, created (absent: no values) when missing. The
  // reference stays valid until another entry is added; callers that keep
  // it create all their slots first.
  ContextEntry& Slot(std::string_view name);

  const ContextEntry* Find(const KeyRef& key) const;
  const ContextEntry* Find(std::string_view name) const;
  // The single value of a present single-valued key, or nullptr.
  const std::string* Single(const KeyRef& key) const;
  const std::string* Single(std::string_view name) const;

  const std::vector<ContextEntry>& entries() const { return entries_; }

 private:
  ContextEntry& Upsert(std::string_view name);
  void Reindex();

  std::vector<ContextEntry> entries_;
  std::vector<std::uint32_t> index_;  // slot -> entry index + 1 (0 = empty)
};

}  // namespace gatehouse::policy
