// json/write.cc: serialisation with RapidJSON's Writer.
#include "json/write.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace gatehouse::json {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Write(Writer& w, const Value& v) {
  switch (v.type) {
    case Type::kNull: w.Null(); break;
    case Type::kBool: w.Bool(v.boolean); break;
    case Type::kNumber: w.RawValue(v.text.data(), v.text.size(), rapidjson::kNumberType); break;
    case Type::kString: w.String(v.text.data(), static_cast<rapidjson::SizeType>(v.text.size())); break;
    case Type::kArray:
      w.StartArray();
      for (const Value& e : v.elements) Write(w, e);
      w.EndArray();
      break;
    case Type::kObject:
      w.StartObject();
      for (const Member& m : v.members) {
        w.Key(m.key.data(), static_cast<rapidjson::SizeType>(m.key.size()));
        Write(w, m.value);
      }
      w.EndObject();
      break;
  }
}

}  // namespace

std::string ToCompactJson(const Value& v) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  Write(w, v);
  return std::string(buf.GetString(), buf.GetSize());
}

std::string Quote(std::string_view s) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace gatehouse::json
