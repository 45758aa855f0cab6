// One real execution in a child process: what the process boundary adds to real::run_real.
#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <filesystem>

#include "primitives/weft.hpp"
#include "real/files.hpp"
#include "real/isolated.hpp"

using weft::real::RealOptions;
using weft::real::run_isolated;
using weft::sim::Status;

namespace {

RealOptions fast(double timeout = 20) {
  RealOptions o;
  o.time_scale = 0.001;
  o.timeout = timeout;
  return o;
}

}  // namespace

TEST_CASE("a crashing program is reported as crashed, with its output so far", "[real][isolated]") {
  auto o = run_isolated(
      [] {
        weft::print("before");
        std::abort();
      },
      fast());
  CHECK(o.status == Status::Failure);
  CHECK(o.message == "crashed: signal 6 (Aborted)");
  CHECK(o.out == "before\n");
}

TEST_CASE("a program that never ends is killed at the timeout, its output kept",
          "[real][isolated][hang]") {
  auto o = run_isolated(
      [] {
        weft::Lock never("never");
        never.acquire();
        weft::print("waiting");
        never.acquire();
      },
      fast(0.5));
  CHECK(o.status == Status::Hung);
  CHECK(o.message == "after 0.5 s");
  CHECK(o.out == "waiting\n");
}

TEST_CASE("a daemon thread spinning in plain code ends with the process", "[real][isolated]") {
  auto o = run_isolated(
      [] {
        // main waits until the daemon is spinning: a sleep would not reliably outlast a loaded
        // machine's delay in starting it.
        weft::Event spinning("spinning");
        weft::Thread spin([spinning] {
          weft::print("spinning");
          spinning.set();
          for (volatile bool forever = true; forever;) {
          }
        });
        spin.set_daemon(true);
        spin.start();
        spinning.wait();
        weft::print("main ends");
      },
      fast());
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "spinning\nmain ends\n");
}

TEST_CASE("files are real files in the run's directory", "[real][isolated][io]") {
  const auto dir = std::filesystem::temp_directory_path() / "weft-isolated-files";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  RealOptions opt = fast();
  opt.files_dir = dir.string();
  auto o = run_isolated(
      [] {
        weft::write_file("a.txt", "one\n");
        weft::append_file("a.txt", "two\n");
        weft::print(weft::read_file("a.txt"));
      },
      opt);
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "one\ntwo\n\n");
  CHECK(o.files == std::map<std::string, std::string>{{"a.txt", "one\ntwo\n"}});
  CHECK(weft::real::read_files(dir.string()) == o.files);
  std::filesystem::remove_all(dir);
}
