#include "random_program.hpp"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <memory>
#include <random>
#include <sstream>

#include "primitives/weft.hpp"

namespace weft::test {

namespace {

// Visible operations a step makes at most: what the budget counts.
int cost(RandomProgram::Op op) {
  using Op = RandomProgram::Op;
  switch (op) {
    case Op::Check: return 0;
    case Op::Wait: case Op::TryLock: return 2;
    case Op::Notify: return 3;
    case Op::CondWait: return 5;
    default: return 1;
  }
}

}  // namespace

RandomProgram RandomProgram::generate(std::uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  RandomProgram p;
  p.main = static_cast<Main>(pick(4) == 0 ? 2 : pick(2));
  p.permits = pick(2);
  if (pick(6) == 0) {  // a rendezvous
    const bool cond = pick(2) == 0;
    const int timeout = pick(3);
    p.workers.push_back(Worker{pick(4) == 0, {{cond ? Op::CondWait : Op::Wait, timeout}}});
    p.workers.push_back(Worker{pick(4) == 0, {{cond ? Op::Notify : Op::Set, 0}}});
    if (!cond && pick(2) == 0) {
      static constexpr Op kThird[] = {Op::Print, Op::Load, Op::Store, Op::Clear, Op::Steal,
                                      Op::Count, Op::Sleep, Op::Put};
      p.workers.push_back(Worker{pick(4) == 0, {{kThird[pick(8)], pick(2)}}});
    }
    if (pick(2) == 0) {
      const int w = pick(static_cast<int>(p.workers.size()));
      p.workers[static_cast<std::size_t>(w)].steps.push_back({pick(2) == 0 ? Op::Print : Op::Check, 0});
    }
    return p;
  }
  const int workers = 2 + pick(2);
  // Visible operations over all workers: keeps the search without reduction (every schedule)
  // small enough to finish.
  int budget = workers == 2 ? 5 : 4;
  for (int w = 0; w < workers; ++w) {
    Worker worker;
    worker.daemon = pick(4) == 0;
    std::vector<int> held;
    const int steps = 1 + pick(3);
    for (int s = 0; s < steps && budget > workers - 1 - w; ++s) {
      Step step{Op::Yield, 0};
      switch (pick(13)) {
        case 0: case 1: step = {Op::Load, pick(p.variables)}; break;
        case 2: step = {Op::Store, pick(p.variables)}; break;
        case 3: step = {Op::Print, 0}; break;
        case 4: {
          const int l = pick(p.locks);
          if (std::find(held.begin(), held.end(), l) == held.end()) step = {Op::Lock, l};
          break;
        }
        case 5: step = held.empty() ? Step{Op::Sleep, pick(3)} : Step{Op::Unlock, held.back()}; break;
        case 6: step = {pick(2) == 0 ? Op::Sleep : Op::Choose, pick(2) == 0 ? 2 : pick(3)}; break;
        case 7: step = {pick(2) == 0 ? Op::Set : Op::Clear, 0}; break;
        case 8: step = {Op::Wait, pick(3)}; break;
        case 9: step = {pick(2) == 0 ? Op::Acquire : Op::Release, pick(3)}; break;
        case 10: step = {pick(2) == 0 ? Op::Put : Op::Get, 0}; break;
        case 11: step = {pick(2) == 0 ? Op::CondWait : Op::Notify, pick(3)}; break;
        default: {
          const int r = pick(3);
          step = r == 0 ? Step{pick(4) == 0 ? Op::Steal : Op::TryLock, pick(p.locks)}
                 : r == 1 ? Step{Op::Check, 0}
                          : Step{Op::Count, 0};
          if ((step.op == Op::TryLock || step.op == Op::Steal) &&
              std::find(held.begin(), held.end(), step.target) != held.end())
            step = {Op::Check, 0};
          break;
        }
      }
      if (step.op == Op::Choose && step.target < 2) step.target = 2;
      if (step.op == Op::Sleep && step.target > 2) step.target = 2;
      // Keep what is left for the unlocks and for the workers still to come.
      const int left = budget - static_cast<int>(held.size()) - (workers - 1 - w);
      if (cost(step.op) > left) continue;
      budget -= cost(step.op);
      if (step.op == Op::Lock) held.push_back(step.target);
      if (step.op == Op::Unlock) held.pop_back();
      worker.steps.push_back(step);
    }
    while (!held.empty()) {
      worker.steps.push_back({Op::Unlock, held.back()});
      held.pop_back();
      --budget;
    }
    if (worker.steps.empty()) {
      worker.steps.push_back({Op::Yield, 0});
      --budget;
    }
    p.workers.push_back(std::move(worker));
  }
  return p;
}

namespace {

// The objects a program's workers share.
struct Objects {
  std::vector<weft::Shared<int>> vars;
  std::vector<weft::Lock> locks;
  weft::Event event{"E"};
  weft::Semaphore semaphore;
  weft::Queue<int> queue{1, "Q"};
  weft::Condition cond{weft::Lock("C"), "C"};
  explicit Objects(int permits) : semaphore(permits, "S") {}
};

// A copy of a worker: interchangeable with the other copies of the same worker.
class Copy : public weft::Thread {
 public:
  Copy(std::function<void()> body, std::uint64_t key) : Thread(std::move(body)) {
    interchangeable(key);
  }
};

void step(const Objects& o, const RandomProgram::Step& s, std::size_t w, bool named, int& reg) {
  using Op = RandomProgram::Op;
  const auto at = static_cast<std::size_t>(s.target);
  const double timeout = RandomProgram::timeout_of(s.target);
  switch (s.op) {
    case Op::Load: reg = o.vars[at].load(); break;
    case Op::Store: o.vars[at].store(reg + 1); break;
    case Op::Print:
      weft::print(named ? weft::current_thread().name() : "w" + std::to_string(w), reg);
      break;
    case Op::Lock: o.locks[at].acquire(); break;
    case Op::Unlock: o.locks[at].release(); break;
    case Op::Sleep: weft::sleep(s.target); break;
    case Op::Yield: weft::sleep(0); break;
    case Op::Choose: reg += static_cast<int>(weft::choose(at)); break;
    case Op::Set: o.event.set(); break;
    case Op::Clear: o.event.clear(); break;
    case Op::Wait: reg += o.event.wait(timeout) ? 1 : 0; break;
    case Op::Acquire: reg += o.semaphore.acquire(true, timeout) ? 1 : 0; break;
    case Op::Release: o.semaphore.release(); break;
    case Op::Put:
      try {
        o.queue.put_nowait(reg);
      } catch (const weft::Full&) {
        reg += 10;
      }
      break;
    case Op::Get:
      try {
        reg += o.queue.get_nowait();
      } catch (const weft::Empty&) {
        reg += 20;
      }
      break;
    case Op::CondWait:
      o.cond.acquire();
      reg += o.cond.wait(timeout) ? 1 : 0;
      o.cond.release();
      break;
    case Op::Notify:
      o.cond.acquire();
      o.cond.notify();
      o.cond.release();
      break;
    case Op::TryLock:
      if (o.locks[at].acquire(true, 1)) {
        reg += 1;
        o.locks[at].release();
      }
      break;
    case Op::Check: weft::check(reg != 2, "w" + std::to_string(w) + " reg is 2"); break;
    case Op::Count: reg += static_cast<int>(weft::active_count()); break;
    case Op::Steal:
      try {
        o.locks[at].release();
      } catch (const weft::RuntimeError&) {
        reg += 5;
      }
      break;
  }
}

}  // namespace

void RandomProgram::run() const {
  auto o = std::make_shared<Objects>(permits);
  for (int i = 0; i < variables; ++i) o->vars.emplace_back(0, "v" + std::to_string(i));
  for (int i = 0; i < locks; ++i) o->locks.emplace_back("L" + std::to_string(i));
  std::vector<std::shared_ptr<weft::Thread>> threads;
  const bool named = copies > 1;
  const bool prints_name = named && copies_print_names;
  for (std::size_t w = 0; w < workers.size(); ++w) {
    const Worker& worker = workers[w];
    const auto body = [worker, o, w, prints_name] {
      int reg = 0;
      for (const Step& s : worker.steps) step(*o, s, w, prints_name, reg);
    };
    for (int c = 0; c < copies; ++c) {
      auto t = named ? std::make_shared<Copy>(body, w + 1) : std::make_shared<weft::Thread>(body);
      t->set_daemon(worker.daemon);
      t->start();
      threads.push_back(t);
    }
  }
  if (main == Main::Exit || (named && !(copies_joined && main == Main::Join))) return;
  for (std::size_t i = 0; i < threads.size(); ++i) {
    const std::size_t w = i / static_cast<std::size_t>(copies);
    if (main == Main::TimedJoin) {
      threads[i]->join(1);
    } else if (!workers[w].daemon) {
      threads[i]->join();
    }
  }
  weft::print("main", o->vars[0].load());
}

std::string RandomProgram::describe() const {
  static const char* names[] = {"load", "store", "print", "lock", "unlock", "sleep", "yield",
                                "choose", "set", "clear", "wait", "acquire", "release", "put",
                                "get", "condwait", "notify", "trylock", "check", "count", "steal"};
  static const char* mains[] = {"exits", "joins", "joins(1)"};
  std::ostringstream os;
  const bool joins = copies == 1 || (copies_joined && main == Main::Join);
  os << "main " << mains[static_cast<int>(joins ? main : Main::Exit)] << ", permits "
     << permits << "; ";
  if (copies > 1) os << copies << " interchangeable copies of each worker; ";
  for (std::size_t w = 0; w < workers.size(); ++w) {
    os << "w" << w << (workers[w].daemon ? "(daemon)" : "") << ":";
    for (const Step& s : workers[w].steps) os << " " << names[static_cast<int>(s.op)] << s.target;
    os << "; ";
  }
  return os.str();
}

int programs_to_compare(int full) {
  const char* asked = std::getenv("WEFT_RANDOM_PROGRAMS");
  if (asked == nullptr) return full;
  const int n = std::atoi(asked);
  return n > 0 && n < full ? n : full;
}

}  // namespace weft::test
