// bank_weft: the weft command line, for this project's scenarios (bank_weft list, check, ...).
#include <weft/cli.hpp>

int main(int argc, char** argv) { return weft::cli::main(argc, argv); }
