#include "random_program.hpp"

#include <algorithm>
#include <memory>
#include <random>
#include <sstream>

#include "primitives/weft.hpp"

namespace weft::test {

RandomProgram RandomProgram::generate(std::uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  RandomProgram p;
  p.main_joins = pick(2) == 0;
  const int workers = 2 + pick(2);
  // Steps over all workers: keeps the naive search (every schedule) small enough to finish.
  int budget = workers == 2 ? 4 : 3;
  for (int w = 0; w < workers; ++w) {
    Worker worker;
    worker.daemon = pick(4) == 0;
    std::vector<int> held;
    const int steps = std::min(budget - (workers - 1 - w), 1 + pick(3));
    budget -= steps;
    for (int s = 0; s < steps; ++s) {
      switch (pick(9)) {
        case 0: case 1: worker.steps.push_back({Op::Load, pick(p.variables)}); break;
        case 2: case 3: worker.steps.push_back({Op::Store, pick(p.variables)}); break;
        case 4: worker.steps.push_back({Op::Print, pick(p.variables)}); break;
        case 5: {
          const int l = pick(p.locks);
          bool is_held = false;
          for (int h : held) is_held = is_held || h == l;
          if (!is_held) {
            worker.steps.push_back({Op::Lock, l});
            held.push_back(l);
          } else {
            worker.steps.push_back({Op::Yield, 0});
          }
          break;
        }
        case 6:
          if (!held.empty()) {
            worker.steps.push_back({Op::Unlock, held.back()});
            held.pop_back();
          } else {
            worker.steps.push_back({Op::Sleep, pick(3)});
          }
          break;
        case 7: worker.steps.push_back({Op::Sleep, pick(3)}); break;
        default: worker.steps.push_back({pick(4) == 0 ? Op::Choose : Op::Yield, 2}); break;
      }
    }
    while (!held.empty()) {
      worker.steps.push_back({Op::Unlock, held.back()});
      held.pop_back();
    }
    p.workers.push_back(std::move(worker));
  }
  return p;
}

void RandomProgram::run() const {
  std::vector<weft::Shared<int>> vars;
  for (int i = 0; i < variables; ++i) vars.emplace_back(0, "v" + std::to_string(i));
  std::vector<weft::Lock> lks;
  for (int i = 0; i < locks; ++i) lks.emplace_back("L" + std::to_string(i));
  std::vector<std::shared_ptr<weft::Thread>> threads;
  for (std::size_t w = 0; w < workers.size(); ++w) {
    const Worker& worker = workers[w];
    auto t = std::make_shared<weft::Thread>([worker, vars, lks, w] {
      int reg = 0;
      for (const Step& s : worker.steps) {
        switch (s.op) {
          case Op::Load: reg = vars[static_cast<std::size_t>(s.target)].load(); break;
          case Op::Store: vars[static_cast<std::size_t>(s.target)].store(reg + 1); break;
          case Op::Print: weft::print("w" + std::to_string(w), reg); break;
          case Op::Lock: lks[static_cast<std::size_t>(s.target)].acquire(); break;
          case Op::Unlock: lks[static_cast<std::size_t>(s.target)].release(); break;
          case Op::Sleep: weft::sleep(s.target); break;
          case Op::Yield: weft::sleep(0); break;
          case Op::Choose: reg += static_cast<int>(weft::choose(static_cast<std::size_t>(s.target))); break;
        }
      }
    });
    t->set_daemon(worker.daemon);
    t->start();
    threads.push_back(t);
  }
  if (main_joins) {
    for (std::size_t w = 0; w < workers.size(); ++w)
      if (!workers[w].daemon) threads[w]->join();
    weft::print("main", vars[0].load());
  }
}

std::string RandomProgram::describe() const {
  static const char* names[] = {"load", "store", "print", "lock", "unlock", "sleep", "yield", "choose"};
  std::ostringstream os;
  os << (main_joins ? "main joins; " : "");
  for (std::size_t w = 0; w < workers.size(); ++w) {
    os << "w" << w << (workers[w].daemon ? "(daemon)" : "") << ":";
    for (const Step& s : workers[w].steps) os << " " << names[static_cast<int>(s.op)] << s.target;
    os << "; ";
  }
  return os.str();
}

}  // namespace weft::test
