#include "cli/junit.hpp"

#include <sstream>

#include "checker/output_file.hpp"
#include "cli/args.hpp"

namespace weft::cli {

namespace {

// Text as XML attribute or element content. Control characters other than tab and newline
// (the scenarios' ANSI colours) are not allowed in XML 1.0: they become '?'.
std::string xml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
          out += '?';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string document(const std::string& suite, const std::vector<JunitCase>& cases) {
  std::size_t failures = 0;
  double total = 0;
  for (const JunitCase& c : cases) {
    failures += c.failed ? 1 : 0;
    total += c.seconds;
  }
  std::ostringstream os;
  os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  os << "<testsuites>\n";
  os << "  <testsuite name=\"" << xml(suite) << "\" tests=\"" << cases.size() << "\" failures=\""
     << failures << "\" errors=\"0\" time=\"" << total << "\">\n";
  for (const JunitCase& c : cases) {
    os << "    <testcase classname=\"" << xml(suite) << "\" name=\"" << xml(c.name)
       << "\" time=\"" << c.seconds << "\"";
    if (!c.failed) {
      os << "/>\n";
      continue;
    }
    os << ">\n      <failure message=\"" << xml(c.message) << "\" type=\"" << xml(c.type)
       << "\">" << xml(c.text) << "</failure>\n    </testcase>\n";
  }
  os << "  </testsuite>\n</testsuites>\n";
  return os.str();
}

}  // namespace

void check_junit_path(const std::string& path) {
  try {
    checker::check_output_file(path);
  } catch (const checker::OutputFileError& e) {
    throw UsageError("cannot write JUnit report '" + path + "': " + e.what());
  }
}

void write_junit(const std::string& path, const std::string& suite,
                 const std::vector<JunitCase>& cases) {
  try {
    checker::write_output_file(path, document(suite, cases));
  } catch (const checker::OutputFileError& e) {
    throw UsageError("cannot write JUnit report '" + path + "': " + e.what());
  }
}

}  // namespace weft::cli
