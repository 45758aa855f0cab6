// Output files (checker/output_file.hpp): what is at the path decides how it is written, and
// nothing but a regular file is ever replaced; a failed write leaves nothing behind.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "checker/output_file.hpp"

namespace fs = std::filesystem;
using weft::checker::check_output_file;
using weft::checker::OutputFileError;
using weft::checker::write_output_file;

namespace {

// A fresh directory for one test's files, removed with everything in it at the end.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("weft-output-file-test-" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
  // The names in the directory: a failed write must leave it as it was.
  std::set<std::string> names() const {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(path)) out.insert(e.path().filename().string());
    return out;
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The reason write_output_file gives, or "" when it succeeds.
std::string write_error(const std::string& path, const std::string& text) {
  try {
    write_output_file(path, text);
    return "";
  } catch (const OutputFileError& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("a new file is created whole, an existing one replaced keeping its mode",
          "[output_file]") {
  TempDir dir("regular");
  write_output_file(dir.file("a.json"), "first\n");
  CHECK(slurp(dir.file("a.json")) == "first\n");
  const mode_t umask_was = ::umask(022);
  ::umask(umask_was);
  CHECK((fs::status(dir.file("a.json")).permissions() & fs::perms::all) ==
        static_cast<fs::perms>(0666 & ~umask_was));
  ::chmod(dir.file("a.json").c_str(), 0600);
  write_output_file(dir.file("a.json"), "second\n");
  CHECK(slurp(dir.file("a.json")) == "second\n");
  CHECK((fs::status(dir.file("a.json")).permissions() & fs::perms::all) ==
        static_cast<fs::perms>(0600));
  CHECK(dir.names() == std::set<std::string>{"a.json"});
}

TEST_CASE("a symbolic link stays a link and its target gets the file", "[output_file]") {
  TempDir dir("links");
  fs::create_directory(dir.path / "sub");
  std::ofstream(dir.file("sub/real.json")) << "old";
  fs::create_symlink("sub/real.json", dir.path / "link.json");
  fs::create_symlink("link.json", dir.path / "link2.json");  // a chain, relative at each step
  write_output_file(dir.file("link2.json"), "new");
  CHECK(fs::is_symlink(dir.path / "link.json"));
  CHECK(fs::is_symlink(dir.path / "link2.json"));
  CHECK(slurp(dir.file("sub/real.json")) == "new");

  SECTION("a dangling link: its target is created") {
    fs::create_symlink("sub/none.json", dir.path / "dangling.json");
    write_output_file(dir.file("dangling.json"), "made");
    CHECK(fs::is_symlink(dir.path / "dangling.json"));
    CHECK(slurp(dir.file("sub/none.json")) == "made");
  }
  SECTION("a loop of links is refused") {
    fs::create_symlink("loop2", dir.path / "loop1");
    fs::create_symlink("loop1", dir.path / "loop2");
    CHECK(write_error(dir.file("loop1"), "x") == "too many levels of symbolic links");
    CHECK(fs::is_symlink(dir.path / "loop1"));
  }
}

TEST_CASE("a FIFO gets the bytes when it has a reader, and stays a FIFO", "[output_file]") {
  TempDir dir("fifo");
  const std::string fifo = dir.file("fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(write_error(fifo, "nobody reads") == "no process is reading the FIFO");
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  REQUIRE(reader >= 0);
  write_output_file(fifo, "through the pipe");
  char buf[64] = {};
  CHECK(::read(reader, buf, sizeof buf) == 16);
  CHECK(std::string(buf) == "through the pipe");
  ::close(reader);
  CHECK(fs::is_fifo(fifo));
  CHECK(dir.names() == std::set<std::string>{"fifo"});
}

TEST_CASE("a character device is written into, never replaced", "[output_file]") {
  write_output_file("/dev/null", "discarded");
  CHECK(fs::is_character_file("/dev/null"));
  CHECK(write_error("/dev/full", "no room") == std::strerror(ENOSPC));
  CHECK(fs::is_character_file("/dev/full"));
}

TEST_CASE("/dev/fd/N and /proc/self/fd/N are weft's own descriptors", "[output_file]") {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  write_output_file("/dev/fd/" + std::to_string(pipe_fds[1]), "one ");
  write_output_file("/proc/self/fd/" + std::to_string(pipe_fds[1]), "two");
  ::close(pipe_fds[1]);
  char buf[64] = {};
  CHECK(::read(pipe_fds[0], buf, sizeof buf) == 7);
  CHECK(std::string(buf) == "one two");
  ::close(pipe_fds[0]);
  CHECK(write_error("/dev/fd/" + std::to_string(pipe_fds[1]), "x") ==
        "descriptor " + std::to_string(pipe_fds[1]) + " is not open");
  CHECK(fs::is_symlink("/dev/stdout"));
}

TEST_CASE("a directory or a place no file can be created is refused, nothing left behind",
          "[output_file]") {
  TempDir dir("refused");
  fs::create_directory(dir.path / "adir");
  CHECK(write_error(dir.file("adir"), "x") == "it is a directory");
  CHECK_THROWS_AS(check_output_file(dir.file("adir")), OutputFileError);
  CHECK(fs::is_empty(dir.path / "adir"));
  // /proc takes no new file, even from root.
  CHECK(write_error("/proc/weft-test.json", "x") ==
        std::string("cannot create a file in '/proc': ") + std::strerror(ENOENT));
  CHECK_THROWS_AS(check_output_file("/proc/weft-test.json"), OutputFileError);
  CHECK(write_error(dir.file("missing/a.json"), "x") ==
        "cannot create a file in '" + dir.file("missing") + "': " + std::strerror(ENOENT));
  CHECK(write_error("", "x") == "the file name is empty");
  CHECK(dir.names() == std::set<std::string>{"adir"});
}

TEST_CASE("checking a path before a run creates nothing", "[output_file]") {
  TempDir dir("check");
  check_output_file(dir.file("later.json"));
  check_output_file("/dev/null");
  check_output_file("/dev/stdout");
  CHECK(dir.names().empty());
}
