// `weft list --json` and `weft describe --json`: the registered scenarios as JSON documents, in the
// schemas docs/json.md describes (docs/schema/list.schema.json, describe.schema.json).
#pragma once

#include <ostream>
#include <vector>

#include "scenarios/registry.hpp"

namespace weft::cli {

// Every scenario's name and one-line summary, in the order given.
void print_list_json(std::ostream& os, const std::vector<const Scenario*>& scenarios);
// One scenario: what `weft describe` prints, field by field.
void print_describe_json(std::ostream& os, const Scenario& s);

}  // namespace weft::cli
