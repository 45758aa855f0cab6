# Writes OUT, a C++ file defining weft::cli::kViewPage and kViewScript (cli/html_view.hpp) as
# the text of PAGE and SCRIPT, so that the weft binary carries the page it writes. The build runs
# it whenever either file changes:
#   cmake -DPAGE=cli/view/page.html -DSCRIPT=cli/view/page.js -DOUT=view_text.cpp -P this
file(READ "${PAGE}" page)
file(READ "${SCRIPT}" script)
foreach(text page script)
  if("${${text}}" MATCHES "\\)weft_view\"")
    message(FATAL_ERROR "${text} holds the raw string's end marker )weft_view\"")
  endif()
endforeach()
file(WRITE "${OUT}.tmp"
  "// Generated from cli/view/page.html and cli/view/page.js by cli/view/embed.cmake.\n"
  "#include \"cli/html_view.hpp\"\n\n"
  "namespace weft::cli {\n\n"
  "const char* const kViewPage = R\"weft_view(${page})weft_view\";\n\n"
  "const char* const kViewScript = R\"weft_view(${script})weft_view\";\n\n"
  "}  // namespace weft::cli\n")
file(RENAME "${OUT}.tmp" "${OUT}")
