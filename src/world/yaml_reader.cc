// world/yaml_reader.cc: yaml-cpp events -> json::Document.
#include "world/yaml_reader.h"

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "common/ascii.h"

namespace gatehouse::world {
namespace {

json::Position PositionOf(const YAML::Mark& m) {
  json::Position p;
  p.line = static_cast<std::uint32_t>(m.line + 1);
  p.column = static_cast<std::uint32_t>(m.column + 1);
  p.offset = m.pos < 0 ? 0 : static_cast<std::size_t>(m.pos);
  return p;
}

// YAML 1.2 core schema: which plain scalars are numbers.
bool IsCoreNumber(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  if (s[i] == '-' || s[i] == '+') ++i;
  const std::size_t digits_start = i;
  while (i < s.size() && ascii::IsDigit(s[i])) ++i;
  const bool int_digits = i > digits_start;
  if (i == s.size()) return int_digits;
  bool frac_digits = false;
  if (s[i] == '.') {
    ++i;
    const std::size_t frac_start = i;
    while (i < s.size() && ascii::IsDigit(s[i])) ++i;
    frac_digits = i > frac_start;
  }
  if (!int_digits && !frac_digits) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const std::size_t exp_start = i;
    while (i < s.size() && ascii::IsDigit(s[i])) ++i;
    if (i == exp_start) return false;
  }
  return i == s.size();
}

struct Frame {
  json::Value value;
  bool have_key = false;  // maps: a key is pending
  std::string_view key;
  json::Position key_pos;
};

class Builder : public YAML::EventHandler {
 public:
  Builder(json::Document& doc, std::string_view text) : doc_(doc), text_(text) {}

  void OnDocumentStart(const YAML::Mark&) override { ++documents_; }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    CheckAnchor(mark, anchor);
    json::Value v;
    v.type = json::Type::kNull;
    v.pos = PositionOf(mark);
    // yaml-cpp does not pass the scalar's text; keep its spelling from the
    // source, so that a map key written `Null:` (the IAM operator) keeps
    // its name.
    if (v.pos.offset < text_.size())
      for (std::string_view spelling : {"null", "Null", "NULL", "~"})
        if (text_.substr(v.pos.offset, spelling.size()) == spelling) v.text = spelling;
    Add(std::move(v));
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    Fail(mark, "YAML aliases are not supported in gatehouse files; write the value out");
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    CheckAnchor(mark, anchor);
    if (tag != "?" && tag != "!") Fail(mark, "YAML tags (" + tag + ") are not supported in gatehouse files");
    json::Value v;
    v.pos = PositionOf(mark);
    const bool plain = tag == "?";
    if (plain && (value == "~" || value == "null" || value == "Null" || value == "NULL")) {
      v.type = json::Type::kNull;
    } else if (plain && (value == "true" || value == "True" || value == "TRUE")) {
      v.type = json::Type::kBool;
      v.boolean = true;
      v.text = Own(value);
    } else if (plain && (value == "false" || value == "False" || value == "FALSE")) {
      v.type = json::Type::kBool;
      v.text = Own(value);
    } else if (plain && IsCoreNumber(value)) {
      v.type = json::Type::kNumber;
      v.text = Own(value);
    } else {
      v.type = json::Type::kString;
      v.text = Own(value);
    }
    Add(std::move(v));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(mark, tag, anchor, json::Type::kArray);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(mark, tag, anchor, json::Type::kObject);
  }
  void OnMapEnd() override { Close(); }

  bool failed() const { return !error_.code.empty(); }
  const Error& error() const { return error_; }
  int documents() const { return documents_; }
  bool has_root() const { return has_root_; }

 private:
  std::string_view Own(const std::string& s) { return doc_.owned.emplace_back(s); }

  void Fail(const YAML::Mark& mark, std::string message) {
    if (failed()) return;
    const json::Position p = PositionOf(mark);
    error_ = MakeError(std::string(kYamlError), std::move(message), p.line, p.column);
  }
  void CheckAnchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) Fail(mark, "YAML anchors are not supported in gatehouse files");
  }
  void Open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, json::Type type) {
    CheckAnchor(mark, anchor);
    if (tag != "?" && tag != "!" && !tag.empty()) Fail(mark, "YAML tags (" + tag + ") are not supported in gatehouse files");
    Frame f;
    f.value.type = type;
    f.value.pos = PositionOf(mark);
    stack_.push_back(std::move(f));
  }
  void Close() {
    json::Value v = std::move(stack_.back().value);
    stack_.pop_back();
    Add(std::move(v));
  }
  void Add(json::Value v) {
    if (stack_.empty()) {
      static_cast<json::Value&>(doc_) = std::move(v);
      has_root_ = true;
      return;
    }
    Frame& top = stack_.back();
    if (top.value.is_array()) {
      top.value.elements.push_back(std::move(v));
    } else if (!top.have_key) {
      // A map key: YAML allows any node; gatehouse files use scalar keys.
      if (v.is_array() || v.is_object()) {
        error_ = MakeError(std::string(kYamlError), "map keys must be plain values", v.pos.line, v.pos.column);
        return;
      }
      top.key = v.text;
      top.key_pos = v.pos;
      top.have_key = true;
    } else {
      top.value.members.push_back(json::Member{top.key, top.key_pos, std::move(v)});
      top.have_key = false;
    }
  }

  json::Document& doc_;
  std::string_view text_;
  std::vector<Frame> stack_;
  Error error_;
  int documents_ = 0;
  bool has_root_ = false;
};

}  // namespace

Result<json::Document> ParseYaml(std::string_view text) {
  json::Document doc;
  std::istringstream in{std::string(text)};
  Builder builder(doc, text);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
      if (builder.failed()) return builder.error();
      if (builder.documents() > 1)
        return MakeError(std::string(kYamlError), "a gatehouse file holds one YAML document");
    }
  } catch (const YAML::Exception& e) {
    return MakeError(std::string(kYamlError), e.msg, static_cast<std::uint32_t>(e.mark.line + 1),
                     static_cast<std::uint32_t>(e.mark.column + 1));
  }
  if (builder.failed()) return builder.error();
  if (!builder.has_root()) return MakeError(std::string(kYamlError), "the file is empty");
  return doc;
}

}  // namespace gatehouse::world
