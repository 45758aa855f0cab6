#include "sim/types.hpp"

#include "sim/outcome.hpp"

#include <cmath>

namespace weft::sim {

Time from_seconds(double seconds) {
  if (!(seconds > 0)) return 0;
  if (seconds >= 9.2e9) return kNever;
  return static_cast<Time>(std::llround(seconds * 1e9));
}

double to_seconds(Time t) { return static_cast<double>(t) / 1e9; }

const char* op_name(OpKind kind) {
  switch (kind) {
    case OpKind::Start: return "start";
    case OpKind::Join: return "join";
    case OpKind::Acquire: return "acquire";
    case OpKind::Release: return "release";
    case OpKind::Wait: return "wait";
    case OpKind::Notify: return "notify";
    case OpKind::Set: return "set";
    case OpKind::Clear: return "clear";
    case OpKind::Put: return "put";
    case OpKind::Get: return "get";
    case OpKind::Sleep: return "sleep";
    case OpKind::Yield: return "yield";
    case OpKind::Print: return "print";
    case OpKind::Input: return "input";
    case OpKind::FileWrite: return "file-write";
    case OpKind::FileRead: return "file-read";
    case OpKind::Load: return "load";
    case OpKind::Store: return "store";
    case OpKind::Choose: return "choose";
    case OpKind::Random: return "random";
    case OpKind::Query: return "query";
    case OpKind::Close: return "close";
    case OpKind::End: return "end";
    case OpKind::Bind: return "bind";
    case OpKind::Listen: return "listen";
    case OpKind::Accept: return "accept";
    case OpKind::Connect: return "connect";
    case OpKind::Send: return "send";
    case OpKind::Recv: return "recv";
    case OpKind::Shutdown: return "shutdown";
    case OpKind::Terminate: return "terminate";
    case OpKind::Other: return "op";
  }
  return "op";
}

const char* status_name(Status s) {
  switch (s) {
    case Status::Ok: return "ok";
    case Status::Deadlock: return "deadlock";
    case Status::Livelock: return "livelock";
    case Status::Failure: return "failure";
    case Status::Limit: return "limit";
    case Status::Hung: return "hung";
    case Status::Crashed: return "crashed";
    case Status::Runaway: return "runaway";
  }
  return "?";
}

std::string Object::label() const {
  if (!name_.empty()) return name_;
  return std::string(kind_) + "#" + std::to_string(id_);
}

std::string Object::describe() const {
  return name_.empty() ? label() : std::string(kind_) + " " + name_;
}

}  // namespace weft::sim
