// policy/context.cc: the request context's hash index.
#include "policy/context.h"

#include <algorithm>

#include "common/ascii.h"

namespace gatehouse::policy {

ContextEntry& RequestContext::Upsert(std::string_view name) {
  const KeyRef key = KeyRef::Of(name);
  for (ContextEntry& e : entries_) {
    if (e.hash == key.hash && e.lower == key.lower) {
      e.name = std::string(name);
      return e;
    }
  }
  entries_.push_back(ContextEntry{std::string(name), key.lower, key.hash, {}, false});
  Reindex();
  return entries_.back();
}

ContextEntry& RequestContext::Slot(std::string_view name) {
  const KeyRef key = KeyRef::Of(name);
  for (ContextEntry& e : entries_)
    if (e.hash == key.hash && e.lower == key.lower) return e;
  entries_.push_back(ContextEntry{std::string(name), key.lower, key.hash, {}, false});
  Reindex();
  return entries_.back();
}

void RequestContext::Set(std::string_view name, std::string value) {
  ContextEntry& e = Upsert(name);
  e.values.assign(1, std::move(value));
  e.multi = false;
}

void RequestContext::SetMulti(std::string_view name, std::vector<std::string> values) {
  ContextEntry& e = Upsert(name);
  e.values = std::move(values);
  e.multi = true;
}

void RequestContext::Erase(std::string_view name) {
  const KeyRef key = KeyRef::Of(name);
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const ContextEntry& e) {
    return e.hash == key.hash && e.lower == key.lower;
  });
  if (it == entries_.end()) return;
  entries_.erase(it);
  Reindex();
}

void RequestContext::Reindex() {
  std::size_t cap = 8;
  while (cap < entries_.size() * 2) cap <<= 1;
  index_.assign(cap, 0);
  const std::size_t mask = cap - 1;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    std::size_t slot = entries_[i].hash & mask;
    while (index_[slot] != 0) slot = (slot + 1) & mask;
    index_[slot] = static_cast<std::uint32_t>(i + 1);
  }
}

const ContextEntry* RequestContext::Find(const KeyRef& key) const {
  if (index_.empty()) return nullptr;
  const std::size_t mask = index_.size() - 1;
  for (std::size_t slot = key.hash & mask;; slot = (slot + 1) & mask) {
    const std::uint32_t idx = index_[slot];
    if (idx == 0) return nullptr;
    const ContextEntry& e = entries_[idx - 1];
    if (e.hash == key.hash && ascii::Equal(e.lower, key.lower)) return &e;
  }
}

const ContextEntry* RequestContext::Find(std::string_view name) const { return Find(KeyRef::Of(name)); }

const std::string* RequestContext::Single(const KeyRef& key) const {
  const ContextEntry* e = Find(key);
  if (e == nullptr || e->multi || e->values.size() != 1) return nullptr;
  return &e->values[0];
}

const std::string* RequestContext::Single(std::string_view name) const {
  return Single(KeyRef::Of(name));
}

}  // namespace gatehouse::policy
