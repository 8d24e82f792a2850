// bench/matrix_bench.cc: the access matrix at scale (issue 4: 2,000
// principals and 20,000 hosts in under 10 seconds). Generates a world
// (tests/analyze/world_generator.h), then times loading it, computing the
// matrix and the findings, and prints the figures.
//   usage: matrix_bench [sso_users iam_users hosts [world.yaml]]   (default 1800 200 20000)
// With a file name, the generated world is also written there (to time
// `gatehouse access matrix` on it).
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "analyze/findings.h"
#include "analyze/matrix.h"
#include "world/loader.h"
#include "world_generator.h"

int main(int argc, char** argv) {
  using Clock = std::chrono::steady_clock;
  gatehouse::testing::WorldSize size;
  size.sso_users = argc > 1 ? std::atoi(argv[1]) : 1800;
  size.iam_users = argc > 2 ? std::atoi(argv[2]) : 200;
  size.hosts = argc > 3 ? std::atoi(argv[3]) : 20000;
  const std::string text = gatehouse::testing::GenerateWorld(size);
  if (argc > 4) {
    std::FILE* f = std::fopen(argv[4], "wb");
    if (f == nullptr || std::fwrite(text.data(), 1, text.size(), f) != text.size() || std::fclose(f) != 0) {
      std::fprintf(stderr, "cannot write %s\n", argv[4]);
      return 1;
    }
  }
  const auto t0 = Clock::now();
  auto w = gatehouse::world::LoadWorld(text);
  if (!w.ok()) {
    std::fprintf(stderr, "world: %s\n", w.error().message.c_str());
    return 1;
  }
  const auto t1 = Clock::now();
  gatehouse::services::SsmContext ctx;
  ctx.env.now = *w->time;
  ctx.env.region = w->region;
  const auto m = gatehouse::analyze::Matrix::Compute(*w, ctx);
  const auto t2 = Clock::now();
  std::size_t allowed = 0;
  for (std::size_t p = 0; p < m.principals().size(); ++p)
    for (std::size_t h = 0; h < m.hosts().size(); ++h)
      if (m.At(p, h).allowed) ++allowed;
  const auto t3 = Clock::now();
  const auto findings = gatehouse::analyze::Findings(*w, m, ctx);
  const auto t4 = Clock::now();
  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
  std::printf("principals %zu hosts %zu pairs %zu decisions %zu allowed_pairs %zu findings %zu\n", m.principals().size(),
              m.hosts().size(), m.principals().size() * m.hosts().size(), m.evaluations(), allowed, findings.size());
  std::printf("load_ms %.0f matrix_ms %.0f walk_pairs_ms %.0f findings_ms %.0f total_ms %.0f\n", ms(t0, t1), ms(t1, t2),
              ms(t2, t3), ms(t3, t4), ms(t0, t4));
  return 0;
}
