#include "cli/pictures.hpp"

#include "checker/output_file.hpp"
#include "cli/html_view.hpp"
#include "cli/perfetto.hpp"
#include "cli/timeline.hpp"

namespace weft::cli {

namespace {

void write(const std::string& path, const std::string& text) {
  try {
    checker::write_output_file(path, text);
  } catch (const checker::OutputFileError& e) {
    throw UsageError("cannot write '" + path + "': " + e.what());
  }
}

}  // namespace

std::string program_title(const std::string& scenario,
                          const std::map<std::string, std::string>& params) {
  std::string s = scenario;
  for (const auto& [k, v] : params) s += " " + k + "=" + v;
  return s;
}

void write_pictures(const PictureFiles& f, const std::string& title,
                    const std::vector<Witness>& listed, std::size_t chosen) {
  const Witness& w = listed.at(chosen);
  if (!f.perfetto.empty()) {
    const Timeline t = read_timeline(w.trace.events, w.trace.outcome);
    write(f.perfetto, perfetto_json(t, title + ": outcome " + std::to_string(w.number) + ", " +
                                           sim::status_name(w.trace.outcome.status)));
  }
  if (!f.html.empty()) write(f.html, html_page(title, listed, chosen));
}

}  // namespace weft::cli
