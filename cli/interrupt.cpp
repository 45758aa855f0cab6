#include "cli/interrupt.hpp"

#include <signal.h>
#include <unistd.h>

#include <csignal>

#include "checker/progress.hpp"

namespace weft::cli {

namespace {

volatile std::sig_atomic_t g_signals = 0;
void on_interrupt(int) { g_signals = g_signals + 1; }

struct sigaction g_old_int {}, g_old_term {};

void write_stderr(const char* text, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(STDERR_FILENO, text, n);
    if (w <= 0) return;
    text += w;
    n -= static_cast<std::size_t>(w);
  }
}

}  // namespace

InterruptWatch::InterruptWatch() {
  g_signals = 0;
  struct sigaction sa {};
  sa.sa_handler = &on_interrupt;
  ::sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, &g_old_int);
  ::sigaction(SIGTERM, &sa, &g_old_term);
}

InterruptWatch::~InterruptWatch() {
  ::sigaction(SIGINT, &g_old_int, nullptr);
  ::sigaction(SIGTERM, &g_old_term, nullptr);
}

int InterruptWatch::count() const { return g_signals; }

void say_stopping() {
  if (::isatty(STDERR_FILENO) != 1) return;
  constexpr char kText[] =
      "\r\033[Kweft: interrupted: ending the search with what it found so far "
      "(Ctrl-C again ends it at once)\n";
  write_stderr(kText, sizeof kText - 1);
}

void erase_child_status() {
  if (::isatty(STDERR_FILENO) != 1) return;
  write_stderr("\r\033[K", 4);
}

std::string cut_text(const std::string& cut_by) {
  return cut_by == checker::kInterrupted ? cut_by : "cut by " + cut_by;
}

std::string incomplete_why(const std::string& cut_by) {
  return cut_by == checker::kInterrupted ? " (" + cut_by + ")" : ", cut by " + cut_by;
}

}  // namespace weft::cli
