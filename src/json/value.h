// json/value.h: a JSON document tree that remembers where every value came
// from (line, column, byte offsets). The policy parser, the simulation case
// reader and the world loader all need positions for their error messages;
// RapidJSON's DOM does not keep them, so json/parse.cc builds this tree from
// RapidJSON's SAX events.
//
// Strings and keys are views into the Document's own decoded buffer (RapidJSON
// decodes escapes in place), so building a tree copies no string: a Value is
// valid only while the Document it came from lives.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::json {

struct Position {
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, counted in code points
  std::size_t offset = 0;    // byte offset into the parsed text
};

enum class Type : std::uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

std::string_view TypeName(Type t);

struct Member;

struct Value {
  Type type = Type::kNull;
  bool boolean = false;
  std::string_view text;        // string contents, or a number's literal text
  std::vector<Value> elements;  // arrays
  std::vector<Member> members;  // objects, in document order
  Position pos;                 // where the value starts
  std::size_t end_offset = 0;   // one past its last byte

  bool is_null() const { return type == Type::kNull; }
  bool is_bool() const { return type == Type::kBool; }
  bool is_number() const { return type == Type::kNumber; }
  bool is_string() const { return type == Type::kString; }
  bool is_array() const { return type == Type::kArray; }
  bool is_object() const { return type == Type::kObject; }

  // Object lookup by exact key; nullptr when absent or not an object.
  const Value* Find(std::string_view key) const;
  const Member* FindMember(std::string_view key) const;
};

struct Member {
  std::string_view key;
  Position key_pos;
  Value value;
};

// A parsed document: the root value and the buffer its strings point into.
// Movable, not copyable; its Values must not outlive it.
struct Document : Value {
  std::unique_ptr<char[]> buffer;
  // Strings of documents built from other formats (YAML); a deque keeps
  // their addresses stable as it grows.
  std::deque<std::string> owned;
};

// The second occurrence of a repeated key in `v` (searching nested values
// too when `recursive`), or nullptr. Members named in `skip` are not
// descended into.
const Member* FindDuplicateKey(const Value& v, bool recursive, std::string_view skip = {});

}  // namespace gatehouse::json
