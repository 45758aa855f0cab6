#include "scenarios/registry.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace weft {

const char* type_name(ParamSpec::Type t) {
  switch (t) {
    case ParamSpec::Type::Int: return "int";
    case ParamSpec::Type::Bool: return "bool";
    case ParamSpec::Type::Double: return "number";
    case ParamSpec::Type::String: return "string";
  }
  return "?";
}

const char* finding_name(Finding f) {
  switch (f) {
    case Finding::Deadlock: return "deadlock";
    case Finding::Livelock: return "livelock";
    case Finding::FailedCheck: return "failed check";
    case Finding::UncaughtException: return "uncaught exception";
  }
  return "?";
}

std::string check_value(ParamSpec::Type type, const std::string& value) {
  switch (type) {
    case ParamSpec::Type::Int: {
      std::size_t used = 0;
      try {
        (void)std::stoll(value, &used);
      } catch (const std::out_of_range&) {
        return "does not fit a 64-bit integer";
      } catch (...) {
        used = 0;
      }
      if (used == 0 || used != value.size() || std::isspace(static_cast<unsigned char>(value[0])))
        return "expects an integer";
      return "";
    }
    case ParamSpec::Type::Bool:
      if (value == "true" || value == "false") return "";
      return "expects true or false";
    case ParamSpec::Type::Double: {
      std::size_t used = 0;
      try {
        (void)std::stod(value, &used);
      } catch (...) {
        used = 0;
      }
      if (used == 0 || used != value.size() || std::isspace(static_cast<unsigned char>(value[0])))
        return "expects a number";
      if (!std::isfinite(std::stod(value))) return "expects a finite number";
      return "";
    }
    case ParamSpec::Type::String:
      return "";
  }
  return "";
}

const std::string& Params::raw(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) throw std::invalid_argument("no parameter '" + name + "'");
  return it->second;
}
std::int64_t Params::get_int(const std::string& name) const { return std::stoll(raw(name)); }
bool Params::get_bool(const std::string& name) const { return raw(name) == "true"; }
double Params::get_double(const std::string& name) const { return std::stod(raw(name)); }
const std::string& Params::get_string(const std::string& name) const { return raw(name); }

std::string bounds_text(const ParamSpec& spec) {
  const auto bound = [](double b) {
    std::ostringstream os;
    os << std::setprecision(15) << b;
    return os.str();
  };
  const bool low = !std::isinf(spec.min), high = !std::isinf(spec.max);
  if (low && high) return "from " + bound(spec.min) + " to " + bound(spec.max);
  if (low) return "at least " + bound(spec.min);
  if (high) return "at most " + bound(spec.max);
  return "";
}

// "" when a number is within the spec's bounds, else the reason.
static std::string check_bounds(const ParamSpec& spec, const std::string& value) {
  if (spec.type != ParamSpec::Type::Int && spec.type != ParamSpec::Type::Double) return "";
  const double v = spec.type == ParamSpec::Type::Int ? static_cast<double>(std::stoll(value))
                                                     : std::stod(value);
  if (v >= spec.min && v <= spec.max) return "";
  return "must be " + bounds_text(spec);
}

Params Scenario::resolve(const std::map<std::string, std::string>& given) const {
  std::map<std::string, std::string> values;
  for (const ParamSpec& p : params) values[p.name] = p.default_value;
  for (const auto& [key, value] : given) {
    auto spec = std::find_if(params.begin(), params.end(),
                             [&k = key](const ParamSpec& p) { return p.name == k; });
    if (spec == params.end()) {
      std::string known;
      for (const ParamSpec& p : params) known += (known.empty() ? "" : ", ") + p.name;
      throw std::invalid_argument("scenario '" + name + "' has no parameter '" + key + "'" +
                                  (known.empty() ? " (it takes none)" : " (it takes " + known + ")"));
    }
    std::string why = check_value(spec->type, value);
    if (why.empty()) why = check_bounds(*spec, value);
    if (!why.empty())
      throw std::invalid_argument("parameter '" + key + "' " + why + ", got '" + value + "'");
    values[key] = value;
  }
  return Params(std::move(values));
}

Registry& Registry::instance() {
  static Registry r;
  return r;
}

bool Registry::add(Scenario s) {
  if (scenarios_.count(s.name) != 0) {
    std::fprintf(stderr, "weft: internal error: scenario '%s' registered twice\n", s.name.c_str());
    std::abort();
  }
  std::string key = s.name;
  scenarios_.emplace(std::move(key), std::move(s));
  return true;
}

const Scenario* Registry::find(const std::string& name) const {
  auto it = scenarios_.find(name);
  return it == scenarios_.end() ? nullptr : &it->second;
}

std::vector<const Scenario*> Registry::all() const {
  std::vector<const Scenario*> out;
  for (const auto& [name, s] : scenarios_) out.push_back(&s);
  return out;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::vector<std::string> Registry::closest(const std::string& name) const {
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& [n, s] : scenarios_) {
    std::size_t d = edit_distance(name, n);
    if (n.find(name) != std::string::npos || name.find(n) != std::string::npos) d = std::min<std::size_t>(d, 1);
    if (d <= std::max<std::size_t>(2, name.size() / 3)) scored.emplace_back(d, n);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < 3; ++i) out.push_back(scored[i].second);
  return out;
}

}  // namespace weft
