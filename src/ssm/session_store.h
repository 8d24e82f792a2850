// ssm/session_store.h: where sessions live. An interface, so that the
// offline CLI (a JSON state file), tests (memory) and the server (SQLite or
// PostgreSQL) keep sessions each in their own way.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "ssm/session.h"

namespace gatehouse::ssm {

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  virtual Status Put(const Session& s) = 0;  // insert or replace by id
  virtual std::optional<Session> Get(const std::string& id) const = 0;
  virtual std::vector<Session> List() const = 0;  // ordered by start time, then id
};

class MemorySessionStore : public SessionStore {
 public:
  Status Put(const Session& s) override;
  std::optional<Session> Get(const std::string& id) const override;
  std::vector<Session> List() const override;

 private:
  std::map<std::string, Session> sessions_;
};

}  // namespace gatehouse::ssm
