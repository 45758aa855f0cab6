#include "checker/output_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>

namespace weft::checker {

namespace {

// Symbolic links followed before giving up, as the kernel does (MAXSYMLINKS).
constexpr int kMaxLinks = 40;

[[noreturn]] void fail(const std::string& why) { throw OutputFileError(why); }
[[noreturn]] void fail_errno() { fail(std::strerror(errno)); }

// Where the bytes go once links are followed.
struct Target {
  enum class Kind { File, Stream, Descriptor } kind;
  std::string path;  // File (existing or to be created), Stream
  int fd = -1;       // Descriptor
};

// /dev/stdout and its kin name a descriptor weft already holds. Following them would reach what
// the descriptor was opened on, e.g. the file a shell redirected weft's output to, and replacing
// that would lose everything weft printed.
std::optional<int> own_descriptor(const std::string& p) {
  if (p == "/dev/stdout") return 1;
  if (p == "/dev/stderr") return 2;
  for (const std::string prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (p.size() <= prefix.size() || p.size() > prefix.size() + 6 || p.rfind(prefix, 0) != 0)
      continue;
    const std::string digits = p.substr(prefix.size());
    if (digits.find_first_not_of("0123456789") == std::string::npos) return std::stoi(digits);
  }
  return std::nullopt;
}

std::string parent_of(const std::string& p) {
  const std::filesystem::path parent = std::filesystem::path(p).parent_path();
  return parent.empty() ? "." : parent.string();
}

std::string read_link(const std::string& p) {
  std::error_code ec;
  const std::filesystem::path to = std::filesystem::read_symlink(p, ec);
  if (ec) fail(ec.message());
  return to.is_absolute() ? to.string() : (std::filesystem::path(parent_of(p)) / to).string();
}

Target resolve(const std::string& path) {
  if (path.empty()) fail("the file name is empty");
  std::string p = path;
  for (int links = 0;; ++links) {
    if (const auto fd = own_descriptor(p)) return {Target::Kind::Descriptor, p, *fd};
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) {
      if (errno == ENOENT) return {Target::Kind::File, p};  // created; its directory checked then
      fail_errno();
    }
    if (S_ISLNK(st.st_mode)) {
      if (links == kMaxLinks) fail("too many levels of symbolic links");
      p = read_link(p);
      continue;
    }
    if (S_ISREG(st.st_mode)) return {Target::Kind::File, p};
    if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) return {Target::Kind::Stream, p};
    if (S_ISDIR(st.st_mode)) fail("it is a directory");
    fail("it is neither a regular file, a FIFO nor a character device");
  }
}

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail_errno();
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

// A FIFO or terminal whose reader went away answers EPIPE, not SIGPIPE, which would kill weft.
void write_without_sigpipe(int fd, std::string_view text) {
  sigset_t pipe, old;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe, &old);
  const auto restore = [&] {
    if (!sigismember(&old, SIGPIPE)) {
      const timespec none{0, 0};
      while (sigtimedwait(&pipe, nullptr, &none) == SIGPIPE) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
  };
  try {
    write_all(fd, text);
  } catch (...) {
    restore();
    throw;
  }
  restore();
}

// A new file beside `target`, created with the mode a new file gets (0666 less the umask).
int create_temporary(const std::string& target, std::string& tmp) {
  static unsigned counter = 0;
  const std::filesystem::path t(target);
  for (int attempt = 0;; ++attempt) {
    // Appended piece by piece: g++ 12 warns (-Wrestrict, a false positive) on the inlined
    // `"." + std::string&&`, and the warnings are errors in CI.
    std::string name = ".";
    name += t.filename().string();
    name += ".weft-";
    name += std::to_string(::getpid());
    name += '-';
    name += std::to_string(counter++);
    name += ".tmp";
    tmp = (std::filesystem::path(parent_of(target)) / name).string();
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return fd;
    if (errno != EEXIST || attempt == 100)
      fail("cannot create a file in '" + parent_of(target) + "': " + std::strerror(errno));
  }
}

void write_file(const std::string& path, std::string_view text) {
  std::string tmp;
  const int fd = create_temporary(path, tmp);
  try {
    struct stat old {};
    if (::stat(path.c_str(), &old) == 0 && S_ISREG(old.st_mode))
      (void)::fchmod(fd, old.st_mode & 07777);
    write_all(fd, text);
    if (::close(fd) != 0) {
      const int e = errno;
      ::unlink(tmp.c_str());
      fail(std::strerror(e));
    }
  } catch (const OutputFileError&) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int e = errno;
    ::unlink(tmp.c_str());
    fail(std::strerror(e));
  }
}

// Without O_NONBLOCK, opening a FIFO nobody reads would wait for a reader for ever.
void write_stream(const std::string& path, std::string_view text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ENXIO) fail("no process is reading the FIFO");
    fail_errno();
  }
  try {
    (void)::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    write_without_sigpipe(fd, text);
  } catch (const OutputFileError&) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) fail_errno();
}

void check_descriptor(int fd) {
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0) fail("descriptor " + std::to_string(fd) + " is not open");
  if ((flags & O_ACCMODE) == O_RDONLY)
    fail("descriptor " + std::to_string(fd) + " is not open for writing");
}

void write_descriptor(int fd, std::string_view text) {
  check_descriptor(fd);
  std::cout.flush();  // what weft printed comes first
  std::cerr.flush();
  std::fflush(nullptr);
  write_without_sigpipe(fd, text);
}

}  // namespace

void write_output_file(const std::string& path, std::string_view text) {
  const Target t = resolve(path);
  switch (t.kind) {
    case Target::Kind::File: return write_file(t.path, text);
    case Target::Kind::Stream: return write_stream(t.path, text);
    case Target::Kind::Descriptor: return write_descriptor(t.fd, text);
  }
}

void check_output_file(const std::string& path) {
  const Target t = resolve(path);
  switch (t.kind) {
    case Target::Kind::File: {
      std::string tmp;
      ::close(create_temporary(t.path, tmp));
      ::unlink(tmp.c_str());
      return;
    }
    case Target::Kind::Stream:
      if (::access(t.path.c_str(), W_OK) != 0) fail_errno();
      return;
    case Target::Kind::Descriptor: return check_descriptor(t.fd);
  }
}

}  // namespace weft::checker
