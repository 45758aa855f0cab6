// weft list, weft describe
#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/scenario_json.hpp"

namespace weft::cli {

int cmd_list(bool json) {
  if (json) {
    print_list_json(std::cout, Registry::instance().all());
    return 0;
  }
  std::size_t width = 0;
  for (const Scenario* s : Registry::instance().all()) width = std::max(width, s->name.size());
  for (const Scenario* s : Registry::instance().all())
    std::cout << s->name << std::string(width + 2 - s->name.size(), ' ') << s->summary << "\n";
  return 0;
}

int cmd_describe(const std::string& name, bool json) {
  const Scenario& s = find_scenario(name);
  if (json) {
    print_describe_json(std::cout, s);
    return 0;
  }
  std::cout << s.name << " — " << s.summary << "\n\n" << s.description << "\n";
  if (!s.params.empty()) {
    std::cout << "\nparameters:\n";
    for (const ParamSpec& p : s.params)
      std::cout << "  " << p.name << " (" << type_name(p.type) << ", default " << p.default_value
                << (bounds_text(p).empty() ? "" : ", " + bounds_text(p)) << ")  " << p.help
                << "\n";
  }
  if (!s.stdin_lines.empty()) {
    std::cout << "\nscripted stdin:\n";
    for (const std::string& l : s.stdin_lines) std::cout << "  " << l << "\n";
  }
  return 0;
}

}  // namespace weft::cli
