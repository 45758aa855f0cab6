// print, input, files and the seeded random generator behave the same on the simulator and on
// real threads: each test body runs on both backends.
#include <catch2/catch.hpp>

#include "backends.hpp"
#include "primitives/weft.hpp"

using weft::sim::Status;
using weft::test::Backend;
using weft::test::run_on;

TEST_CASE("print joins its arguments with spaces as Python's str() shows them",
          "[backends][io]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::print(1, "a", 2.0, 0.5, true, 'c', std::string("s"));
    weft::write("no newline;");
    weft::write(" then one\n");
    weft::eprint("to", "stderr");
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "1 a 2.0 0.5 True c s\nno newline; then one\n");
  CHECK(o.err == "to stderr\n");
}

TEST_CASE("input writes its prompt, reads stdin lines, then raises EOFError", "[backends][io]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(
      b,
      [] {
        weft::print("got", weft::input("name? "));
        weft::Thread t([] { weft::print("thread got", weft::input()); });
        t.start();
        t.join();
        try {
          weft::input("more? ");
        } catch (const weft::EOFError& e) {
          weft::print("EOFError:", e.what());
        }
      },
      {"alice", "bob"});
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "name? got alice\nthread got bob\nmore? EOFError: EOF when reading a line\n");
}

TEST_CASE("input waits for what a Keyboard types until it is closed", "[backends][io]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    auto keyboard = std::make_shared<weft::Keyboard>();
    weft::Thread typist([keyboard] {
      weft::sleep(1);
      keyboard->type("typed later");
      keyboard->close();
    });
    typist.start();
    weft::print(weft::input());
    try {
      weft::input();
    } catch (const weft::EOFError&) {
      weft::print("EOF once closed");
    }
    typist.join();
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "typed later\nEOF once closed\n");
}

TEST_CASE("files written by threads are part of the outcome", "[backends][io]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::write_file("log.txt", "one\n");
    weft::Thread t([] { weft::append_file("log.txt", "two\n"); });
    t.start();
    t.join();
    weft::write_file("other.txt", "x");
    weft::write(weft::read_file("log.txt"));
    try {
      weft::read_file("missing.txt");
    } catch (const weft::FileNotFoundError& e) {
      weft::print("FileNotFoundError:", e.what());
    }
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "one\ntwo\nFileNotFoundError: No such file or directory: 'missing.txt'\n");
  CHECK(o.files == std::map<std::string, std::string>{{"log.txt", "one\ntwo\n"},
                                                      {"other.txt", "x"}});
}

TEST_CASE("randint draws the same values from the same seed on both backends", "[backends][io]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    for (int i = 0; i < 5; ++i) weft::write(std::to_string(weft::randint(1, 100)) + " ");
  });
  CHECK(o.status == Status::Ok);
  weft::sim::Random r;
  r.seed(0);
  std::string expected;
  for (int i = 0; i < 5; ++i) expected += std::to_string(r.randint(1, 100)) + " ";
  CHECK(o.out == expected);
}

TEST_CASE("local_state changes nothing a program does, on either backend", "[backends][io]") {
  // Only a state caching search reads the declaration (tests/local_state_test.cpp); a run of the
  // program goes on as written.
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::local_state("anywhere", {1, 2, 3});
    weft::print("after");
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "after\n");
}
