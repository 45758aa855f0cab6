// The reduction stays sound with Process::terminate(), whose dependency is across objects (a
// terminate against every operation of every thread of its process, docs/reduction.md): on small
// random programs whose parent terminates a child at a random place, the reduced search finds
// exactly the outcomes of the naive one, and one execution per class of equivalent schedules,
// the classes counted by brute force (class_count.hpp).
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "checker/explore.hpp"
#include "class_count.hpp"
#include "primitives/weft.hpp"
#include "random_program.hpp"
#include "support.hpp"

namespace {

// "c0", "m1": appended piece by piece (a "c" + std::to_string chain draws g++ 12's -Wrestrict
// false positive).
std::string label(char who, std::size_t i) {
  std::string s(1, who);
  s += std::to_string(i);
  return s;
}

struct TerminateProgram {
  enum class ChildOp {
    Print,   // print "c<i>"
    Store,   // store i to its copy of x
    Load,    // print its copy of x
    Locked,  // acquire a lock of the process, print, release
    Thread,  // start a thread that prints and stores to x (joined at the process's end)
    Block,   // wait for an event nobody sets (last only)
  };
  enum class ParentOp {
    Print,      // print "m<i>"
    Store,      // store to the parent's x
    Terminate,  // p.terminate()
    Alive,      // print p.is_alive()
  };
  std::vector<ChildOp> child;
  std::vector<ParentOp> parent;  // with one Terminate at least
  // The parent's operations run in a thread of the main process; MainThread prints meanwhile.
  bool helper = false;

  static TerminateProgram generate(std::uint32_t seed) {
    std::mt19937 rng(seed);
    auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    TerminateProgram p;
    const int children = 1 + pick(3);
    for (int i = 0; i < children; ++i) {
      auto op = static_cast<ChildOp>(pick(5));
      // A lock's three steps, or a thread's, fill the child's budget.
      if ((op == ChildOp::Locked || op == ChildOp::Thread) && i > 0) op = ChildOp::Print;
      p.child.push_back(op);
      if (op == ChildOp::Locked || op == ChildOp::Thread) break;
    }
    if (pick(3) == 0) p.child.push_back(ChildOp::Block);
    const int parents = 1 + pick(3);
    const int terminate_at = pick(parents);
    for (int i = 0; i < parents; ++i)
      p.parent.push_back(i == terminate_at ? ParentOp::Terminate
                                           : static_cast<ParentOp>(pick(4)));
    p.helper = pick(4) == 0;
    return p;
  }

  void run_child(const weft::Shared<int>& x) const {
    weft::Lock lock;
    weft::Event never;
    for (std::size_t i = 0; i < child.size(); ++i) {
      const int n = static_cast<int>(i);
      switch (child[i]) {
        case ChildOp::Print: weft::print(label('c', i)); break;
        case ChildOp::Store: x.store(n + 1); break;
        case ChildOp::Load: weft::print(label('c', i), "x", x.load()); break;
        case ChildOp::Locked:
          lock.acquire();
          weft::print(label('c', i), "locked");
          lock.release();
          break;
        case ChildOp::Thread: {
          weft::Thread t([x] {
            weft::print("t");
            x.store(7);
          });
          t.start();
          break;
        }
        case ChildOp::Block: never.wait(); break;
      }
    }
  }

  void run_parent(const weft::Process& p, const weft::Shared<int>& x) const {
    for (std::size_t i = 0; i < parent.size(); ++i) {
      switch (parent[i]) {
        case ParentOp::Print: weft::print(label('m', i)); break;
        case ParentOp::Store: x.store(10 + static_cast<int>(i)); break;
        case ParentOp::Terminate: p.terminate(); break;
        case ParentOp::Alive: weft::print("alive", p.is_alive()); break;
      }
    }
  }

  void run() const {
    weft::Shared<int> x(0);
    weft::Process p([this, x] { run_child(x); });
    p.start();
    if (helper) {
      weft::Thread h([this, &p, x] { run_parent(p, x); });
      h.start();
      weft::print("main");
      h.join();
    } else {
      run_parent(p, x);
    }
    p.join();
    weft::print("exitcode", *p.exitcode(), "x", x.load());
  }

  std::string describe() const {
    static const char* const kChild[] = {"print", "store", "load", "locked", "thread", "block"};
    static const char* const kParent[] = {"print", "store", "terminate", "alive"};
    std::ostringstream os;
    os << "child:";
    for (ChildOp op : child) os << ' ' << kChild[static_cast<int>(op)];
    os << "; parent" << (helper ? " (a thread)" : "") << ':';
    for (ParentOp op : parent) os << ' ' << kParent[static_cast<int>(op)];
    return os.str();
  }
};

weft::checker::Report search(const std::function<void()>& body, bool reduction) {
  weft::checker::Options o;
  o.reduction = reduction;
  o.max_executions = 100000;  // far above what any program here needs
  return weft::checker::explore(body, o);
}

}  // namespace

TEST_CASE("random terminate programs: identical outcomes with and without reduction",
          "[reduction][process][terminate][random]") {
  const int full = 150;
  const int programs = weft::test::programs_to_compare(full);
  int cut_off = 0, ended_first = 0, reduced_fewer = 0, never_end = 0;
  for (int seed = 1; seed <= programs; ++seed) {
    const auto program = TerminateProgram::generate(static_cast<std::uint32_t>(seed));
    auto body = [&program] { program.run(); };
    INFO("seed " << seed << ": " << program.describe());
    const auto naive = search(body, false);
    INFO("naive: " << naive.executions << " executions");
    REQUIRE(naive.complete);
    const auto reduced = search(body, true);
    REQUIRE(reduced.complete);
    CHECK(weft::test::outcome_keys(reduced) == weft::test::outcome_keys(naive));
    CHECK(reduced.executions <= naive.executions);
    const auto classes = weft::test::count_classes(body, weft::sim::ExecutionSetup{}, 100000);
    REQUIRE(classes.complete);
    CHECK(classes.classes == reduced.executions - reduced.redundant);
    bool cut = false, ended = false;
    for (const auto& g : naive.outcomes) {
      cut = cut || g.outcome.out.find("exitcode -15") != std::string::npos;
      ended = ended || g.outcome.out.find("exitcode 0") != std::string::npos;
    }
    never_end += program.child.back() == TerminateProgram::ChildOp::Block ? 1 : 0;
    cut_off += cut ? 1 : 0;
    ended_first += ended ? 1 : 0;
    reduced_fewer += reduced.executions < naive.executions ? 1 : 0;
  }
  // Every program can cut its child off (the terminate may come before the child's first
  // step), and every child that does not wait for ever can end before the terminate (exitcode
  // 0): the searches find both.
  CHECK(cut_off == programs);
  CHECK(ended_first == programs - never_end);
  // Not vacuous: the reduction prunes. The figure is the full run's, pinned so that a generator
  // that stops drawing racing programs is noticed.
  if (programs == full) CHECK(reduced_fewer == 84);
}
