// world/ids.cc: SHA-256 based id derivation (OpenSSL).
#include "world/ids.h"

#include <openssl/sha.h>

#include <array>

namespace gatehouse::world {
namespace {

// SHA-256 of seed||counter, stretched for as many bytes as asked.
std::string Bytes(std::string_view seed, std::size_t n) {
  std::string out;
  for (std::uint32_t counter = 0; out.size() < n; ++counter) {
    std::string input(seed);
    input.push_back('\0');
    input.append(std::to_string(counter));
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest.data());
    out.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  }
  out.resize(n);
  return out;
}

}  // namespace

std::string DeriveId(std::string_view prefix, std::string_view seed, std::size_t length) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const std::string bytes = Bytes(seed, length);
  std::string id(prefix);
  for (char c : bytes) id.push_back(kAlphabet[static_cast<unsigned char>(c) % 32]);
  return id;
}

std::string DeriveHex(std::string_view seed, std::size_t length) {
  static constexpr char kHex[] = "0123456789abcdef";
  const std::string bytes = Bytes(seed, (length + 1) / 2);
  std::string out;
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  out.resize(length);
  return out;
}

std::string DeriveSecret(std::string_view seed) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string bytes = Bytes(seed, 40);
  std::string out;
  for (char c : bytes) out.push_back(kAlphabet[static_cast<unsigned char>(c) % 64]);
  return out;
}

}  // namespace gatehouse::world
