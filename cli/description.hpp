// The description of a search's outcomes (checker/describe.hpp) as people and programs read it,
// and its samples.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <ostream>

#include "checker/count.hpp"
#include "checker/explore.hpp"

namespace weft::cli {

// Whether the description covers every outcome the program has: the search was complete (with
// no preemption bound) and every distinct outcome was counted.
bool description_exact(const checker::Report& r);
// The description under its heading: exact or observed, and why.
void print_description(std::ostream& os, const checker::Report& r);
// The sampled outcomes not listed, each under its heading.
void print_samples(std::ostream& os, const checker::Report& r);
// The description as one JSON object.
nlohmann::json description_json(const checker::Report& r);
// A count as JSON: a number up to 2^53, which every reader takes exactly, else a decimal string.
nlohmann::json count_json(checker::Count n);

}  // namespace weft::cli
