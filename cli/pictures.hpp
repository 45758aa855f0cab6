// Writing the pictures of --perfetto and --html (cli/perfetto.hpp, cli/html_view.hpp) for
// `weft replay` and `weft outputs`: each file whole or not at all (checker/output_file.hpp).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "checker/trace.hpp"
#include "cli/args.hpp"

namespace weft::cli {

// One execution a picture shows, and how it is named.
struct Witness {
  std::size_t number = 1;  // the listed outcome's number (1 for a replay)
  std::size_t count = 1;   // executions with that outcome
  std::string name;        // how the page names it: "outcome 2 of 8", "the replayed execution"
  checker::Trace trace;    // its events and outcome
};

// Writes the files `f` asks for: the Perfetto trace of `listed[chosen]`, and a page with every
// one of `listed` (the chosen one shown first). `title` names the program ("deadlock
// threads=2"). Throws UsageError, with the path, when a file cannot be written.
void write_pictures(const PictureFiles& f, const std::string& title,
                    const std::vector<Witness>& listed, std::size_t chosen);

// "deadlock threads=2": the scenario and its parameters.
std::string program_title(const std::string& scenario,
                          const std::map<std::string, std::string>& params);

}  // namespace weft::cli
