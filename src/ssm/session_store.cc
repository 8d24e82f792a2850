// ssm/session_store.cc: the in-memory store.
#include "ssm/session_store.h"

#include <algorithm>

namespace gatehouse::ssm {

Status MemorySessionStore::Put(const Session& s) {
  sessions_[s.id] = s;
  return Status::Ok();
}

std::optional<Session> MemorySessionStore::Get(const std::string& id) const {
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  return it->second;
}

std::vector<Session> MemorySessionStore::List() const {
  std::vector<Session> out;
  for (const auto& [id, s] : sessions_) out.push_back(s);
  std::stable_sort(out.begin(), out.end(), [](const Session& a, const Session& b) { return a.start < b.start; });
  return out;
}

}  // namespace gatehouse::ssm
