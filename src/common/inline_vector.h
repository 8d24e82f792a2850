// common/inline_vector.h: a vector that keeps its first N elements inline,
// so the common case (a handful of matched statements) allocates nothing.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <vector>

namespace gatehouse {

template <class T, std::size_t N>
class InlineVector {
 public:
  InlineVector() {}  // NOLINT: user-provided so the inline buffer is not zeroed
  void push_back(const T& v) {
    if (spill_.empty() && size_ < N) {
      inline_[size_++] = v;
      return;
    }
    if (spill_.empty()) spill_.assign(inline_.begin(), inline_.begin() + static_cast<std::ptrdiff_t>(size_));
    spill_.push_back(v);
  }
  void clear() {
    size_ = 0;
    spill_.clear();
  }
  std::size_t size() const { return spill_.empty() ? size_ : spill_.size(); }
  bool empty() const { return size() == 0; }
  std::span<const T> span() const {
    return spill_.empty() ? std::span<const T>(inline_.data(), size_) : std::span<const T>(spill_);
  }
  const T& operator[](std::size_t i) const { return span()[i]; }
  auto begin() const { return span().begin(); }
  auto end() const { return span().end(); }

 private:
  std::array<T, N> inline_;  // only [0, size_) is initialised when T is trivial
  std::size_t size_ = 0;
  std::vector<T> spill_;
};

}  // namespace gatehouse
