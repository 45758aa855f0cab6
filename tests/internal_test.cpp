// The voice of a bug in weft itself (sim/internal.hpp): on in every build, its own words, and
// what the innermost witness says, then an abort. Each case runs in a child process.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <functional>
#include <string>

#include "checker/explore.hpp"
#include "primitives/weft.hpp"
#include "sim/internal.hpp"

namespace {

struct Ended {
  int signal = 0;  // the signal that ended the child, 0 if it exited
  std::string err;  // what it wrote on stderr
};

// Runs f in a child process whose stderr is captured; an abort ends it at once.
Ended in_child(const std::function<void()>& f) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    dup2(fds[1], 2);
    std::signal(SIGABRT, SIG_DFL);  // the test framework's handler would report in the child
    f();
    _exit(0);
  }
  close(fds[1]);
  Ended e;
  char buf[512];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) e.err.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) e.signal = WTERMSIG(status);
  return e;
}

void says(const void* owner, std::FILE* out) {
  std::fprintf(out, "witness %s\n", static_cast<const char*>(owner));
}

}  // namespace

TEST_CASE("a broken invariant of weft's says so in its own words and aborts", "[internal]") {
  const Ended e = in_child([] { WEFT_INTERNAL(2 + 2 == 5, "two and two to make five"); });
  CHECK(e.signal == SIGABRT);
  CHECK(e.err.rfind("internal error in weft: expected two and two to make five (", 0) == 0);
  CHECK(e.err.find("This is a bug in weft, not in the program under test.") != std::string::npos);
  CHECK(e.err.find("witness") == std::string::npos);  // none registered
}

TEST_CASE("an invariant that holds costs nothing else", "[internal]") {
  const Ended e = in_child([] { WEFT_INTERNAL(2 + 2 == 4, "two and two to make four"); });
  CHECK(e.signal == 0);
  CHECK(e.err.empty());
}

TEST_CASE("the innermost witness alive says how to reproduce it", "[internal]") {
  const Ended e = in_child([] {
    weft::sim::InternalWitness outer("outer", says);
    {
      weft::sim::InternalWitness inner("inner", says);
    }
    WEFT_INTERNAL(false, "nothing");
  });
  CHECK(e.signal == SIGABRT);
  CHECK(e.err.find("witness outer\n") != std::string::npos);
  CHECK(e.err.find("witness inner") == std::string::npos);
}

TEST_CASE("inside a reduced search, the search's decisions so far are the witness", "[internal]") {
  const Ended e = in_child([] {
    weft::checker::Options opt;
    weft::checker::explore(
        [] {
          // The second execution takes choose()'s other value, then breaks.
          if (weft::choose(2) == 1) WEFT_INTERNAL(false, "the first value only");
        },
        opt);
  });
  CHECK(e.signal == SIGABRT);
  CHECK(e.err.find("internal error in weft: expected the first value only (") == 0);
  CHECK(e.err.find("reduced search, decisions of this execution (kind chosen/options): value "
                   "1/2\n") != std::string::npos);
}
