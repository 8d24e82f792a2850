// store/session_file.h: sessions kept in a JSON file, for the offline CLI
// (`gatehouse ssm ... --sessions FILE`): loaded when opened, rewritten
// atomically (write to a temporary file, then rename) on every change, so a
// crash never leaves a half-written file.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "ssm/session_store.h"

namespace gatehouse::store {

class SessionFile : public ssm::SessionStore {
 public:
  // Opens `path`; a missing file is an empty store.
  static Result<std::unique_ptr<SessionFile>> Open(std::string path);

  Status Put(const ssm::Session& s) override;
  std::optional<ssm::Session> Get(const std::string& id) const override { return memory_.Get(id); }
  std::vector<ssm::Session> List() const override { return memory_.List(); }

 private:
  explicit SessionFile(std::string path) : path_(std::move(path)) {}
  Status Save() const;

  std::string path_;
  ssm::MemorySessionStore memory_;
};

}  // namespace gatehouse::store
