// json/parse.cc: RapidJSON SAX events -> positioned json::Value tree.
//
// RapidJSON calls the handler after a token has been consumed, so the stream
// position at a callback is the token's end. A token's start is found by
// skipping whitespace, ':' and ',' from the end of the previous token; that
// is exact because nothing else may appear between two JSON tokens.
#include "json/parse.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include "common/utf8.h"

namespace gatehouse::json {
namespace {

constexpr unsigned kFlagsNoValidation =
    rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseInsituFlag;
constexpr unsigned kFlags = kFlagsNoValidation | rapidjson::kParseValidateEncodingFlag;

// Walks forward through the text converting byte offsets to line/column.
class Cursor {
 public:
  Cursor(std::string_view text, const ParseOptions& options)
      : text_(text), line_(options.first_line), column_(options.first_column) {}

  Position At(std::size_t offset) {
    if (offset < offset_) Reset();
    while (offset_ < offset && offset_ < text_.size()) {
      const char c = text_[offset_];
      if (c == '\n') {
        ++line_;
        column_ = 1;
        ++offset_;
      } else {
        offset_ += utf8::SequenceLength(static_cast<unsigned char>(c));
        ++column_;
      }
    }
    return Position{line_, column_, offset};
  }

 private:
  void Reset() {
    offset_ = 0;
    line_ = first_line_;
    column_ = first_column_;
  }
  std::string_view text_;
  std::size_t offset_ = 0;
  std::uint32_t line_;
  std::uint32_t column_;
  std::uint32_t first_line_ = line_;
  std::uint32_t first_column_ = column_;
};

// An input stream RapidJSON reads in place. RapidJSON copies streams whose
// traits allow it into locals while parsing a token, so the caller's stream
// would lag behind during callbacks; this type opts out of that copy.
//
// It also reads a string_view in place: past the end it yields '\0', which
// RapidJSON takes as the end of input, so no NUL-terminated copy is needed.
//
// It also serves RapidJSON's in-situ mode: decoded strings are written back
// into the (private, mutable) buffer behind the read position, so the tree's
// strings can point into it.
class TrackedStream {
 public:
  using Ch = char;
  TrackedStream(char* buffer, std::size_t size) : head_(buffer), cur_(buffer), end_(buffer + size) {}
  Ch Peek() const { return cur_ < end_ ? *cur_ : '\0'; }
  Ch Take() { return cur_ < end_ ? *cur_++ : '\0'; }
  std::size_t Tell() const { return static_cast<std::size_t>(cur_ - head_); }
  Ch* PutBegin() { return dst_ = cur_; }
  void Put(Ch c) { *dst_++ = c; }
  void Flush() {}
  std::size_t PutEnd(Ch* begin) { return static_cast<std::size_t>(dst_ - begin); }

 private:
  char* head_;
  char* cur_;
  char* end_;
  char* dst_ = nullptr;
};

struct Frame {
  Value value;
  std::string_view pending_key;
  Position pending_key_pos;
};

class Builder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Builder> {
 public:
  Builder(std::string_view text, const char* buffer, const TrackedStream& stream, const ParseOptions& options)
      : text_(text), buffer_(buffer), stream_(stream), cursor_(text, options),
        allow_duplicates_(options.allow_duplicate_keys) {}

  bool Null() { return Scalar(Type::kNull, {}, false); }
  bool Bool(bool b) { return Scalar(Type::kBool, {}, b); }
  bool RawNumber(const char*, rapidjson::SizeType n, bool) {
    // RapidJSON 1.1.0 passes a wrong pointer for in-situ raw numbers (the
    // position after the number); the number's text is untouched in the
    // buffer at the token's own offset, so take it from there.
    const Position start = TokenStart();
    return Scalar(Type::kNumber, std::string_view(buffer_ + start.offset, n), false);
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    return Scalar(Type::kString, std::string_view(s, n), false);
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    Frame& top = stack_.back();
    top.pending_key = std::string_view(s, n);
    top.pending_key_pos = TokenStart();
    MarkEnd();
    return true;
  }
  bool StartObject() { return Open(Type::kObject); }
  bool StartArray() { return Open(Type::kArray); }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

  Value TakeRoot() { return std::move(root_); }
  bool has_error() const { return !error_.code.empty(); }
  const Error& error() const { return error_; }

 private:
  Position TokenStart() {
    std::size_t i = last_end_;
    while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' ||
                                text_[i] == '\r' || text_[i] == ':' || text_[i] == ',')) {
      ++i;
    }
    return cursor_.At(i);
  }
  void MarkEnd() { last_end_ = stream_.Tell(); }

  bool Scalar(Type type, std::string_view text, bool b) {
    Value v;
    v.type = type;
    v.boolean = b;
    v.text = text;  // a view into the document's buffer (in-situ parsing)
    v.pos = TokenStart();
    MarkEnd();
    v.end_offset = last_end_;
    return Attach(std::move(v));
  }

  bool Open(Type type) {
    Frame f;
    f.value.type = type;
    // Most objects in policies and cases have a handful of members.
    if (type == Type::kObject) f.value.members.reserve(2);
    f.value.pos = TokenStart();
    MarkEnd();
    stack_.push_back(std::move(f));
    return true;
  }

  bool Close() {
    MarkEnd();
    Value v = std::move(stack_.back().value);
    stack_.pop_back();
    v.end_offset = last_end_;
    if (v.is_object() && !CheckDuplicateKeys(v)) return false;
    return Attach(std::move(v));
  }

  bool Attach(Value v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return true;
    }
    Frame& top = stack_.back();
    if (top.value.is_object()) {
      top.value.members.push_back(Member{top.pending_key, top.pending_key_pos, std::move(v)});
    } else {
      top.value.elements.push_back(std::move(v));
    }
    return true;
  }

  bool CheckDuplicateKeys(const Value& obj) {
    if (allow_duplicates_) return true;
    const Member* dup = FindDuplicateKey(obj, false);
    if (dup == nullptr) return true;
    error_ = MakeError(std::string(kDuplicateKey), "duplicate key \"" + std::string(dup->key) + "\"",
                       dup->key_pos.line, dup->key_pos.column);
    return false;
  }

  std::string_view text_;
  const char* buffer_;  // the in-situ copy of text_
  const TrackedStream& stream_;
  Cursor cursor_;
  bool allow_duplicates_;
  std::size_t last_end_ = 0;
  std::vector<Frame> stack_;
  Value root_;
  Error error_;
};

}  // namespace
}  // namespace gatehouse::json

namespace rapidjson {
template <>
struct StreamTraits<gatehouse::json::TrackedStream> {
  enum { copyOptimization = 0 };
};
}  // namespace rapidjson

namespace gatehouse::json {

Position PositionAt(std::string_view text, std::size_t offset, const ParseOptions& options) {
  Cursor c(text, options);
  return c.At(std::min(offset, text.size()));
}

Result<Document> Parse(std::string_view text, const ParseOptions& options) {
  // In-situ parsing decodes strings into a private copy of the text, which
  // the document keeps and its strings point into.
  auto buffer = std::make_unique<char[]>(text.size() + 1);
  std::memcpy(buffer.get(), text.data(), text.size());
  buffer[text.size()] = '\0';
  TrackedStream stream(buffer.get(), text.size());
  Builder builder(text, buffer.get(), stream, options);
  rapidjson::Reader reader;
  rapidjson::ParseResult r = options.validate_utf8 ? reader.Parse<kFlags>(stream, builder)
                                                   : reader.Parse<kFlagsNoValidation>(stream, builder);
  if (builder.has_error()) return builder.error();
  if (r.IsError()) {
    const std::size_t off = r.Offset();
    Position p = PositionAt(text, off, options);
    std::string msg = rapidjson::GetParseError_En(r.Code());
    if (!msg.empty() && msg.back() == '.') msg.pop_back();
    if (off >= text.size()) msg += " (the text ends too early)";
    return MakeError(std::string(kSyntaxError), msg, p.line, p.column);
  }
  // kParseStopWhenDoneFlag stops after one value; anything but whitespace
  // after it is an error.
  std::size_t end = stream.Tell();
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t' || text[end] == '\n' ||
                               text[end] == '\r')) {
    ++end;
  }
  if (end != text.size()) {
    Position p = PositionAt(text, end, options);
    return MakeError(std::string(kSyntaxError), "unexpected text after the JSON value", p.line,
                     p.column);
  }
  Document doc;
  static_cast<Value&>(doc) = builder.TakeRoot();
  doc.buffer = std::move(buffer);
  return doc;
}

bool IsIncomplete(std::string_view text) {
  std::string copy(text);
  TrackedStream stream(copy.data(), copy.size());
  rapidjson::BaseReaderHandler<> ignore;
  rapidjson::Reader reader;
  rapidjson::ParseResult r = reader.Parse<kFlags>(stream, ignore);
  return r.IsError() && r.Offset() >= text.size();
}

}  // namespace gatehouse::json
