# Bad usage end to end: every numeric option out of its type or range, scenario parameters out of
# their meaningful range or too large to run, an input that is a directory, an unknown command;
# each exits 2 with one line on stderr. And `weft --version`, and the defaults --help shows. CTest runs it:
# cmake -DWEFT=path/to/weft -DVERSION=project-version -DDIR=scratch -P this.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# Fails unless `weft ARGS` exits 2 printing exactly one line, "weft: " and `regex`.
function(refused regex)
  expect(2 "^weft: ${regex}\n$" ${WEFT} ${ARGN})
  string(REGEX MATCHALL "\n" lines "${last_output}")
  list(LENGTH lines n)
  if(NOT n EQUAL 1)
    message(FATAL_ERROR "weft ${ARGN}: ${n} lines, not one:\n${last_output}")
  endif()
endfunction()

set(u64 "18446744073709551615")
set(over "18446744073709551616")

# Whole numbers: negative, too large for 64 bits, not whole, zero where at least one is meant.
refused("--seed: expects a whole number from 0 to ${u64}, got '-1'" check rlock --seed -1)
refused("--seed: must be from 0 to ${u64}, got '${over}'" check rlock --seed ${over})
refused("--seed: expects a whole number from 0 to ${u64}, got '1.5'" outputs rlock --seed 1.5)
refused("--seed: expects a whole number from 0 to ${u64}, got '-1'" fuzz rlock --seed -1)
refused("--seed: expects a whole number from 0 to ${u64}, got '-1'" run sayhi --seed -1)
refused("--seed: expects a whole number from 0 to ${u64}, got '-1'" stress sayhi --seed -1)
refused("--max-preemptions: expects a whole number from 0 to 4294967294, got '-1'"
        check rlock --max-preemptions -1)
refused("--max-preemptions: must be from 0 to 4294967294, got '4294967295'"
        check rlock --max-preemptions 4294967295)
refused("--runs: must be from 1 to ${u64}, got '0'" check rlock --runs 0)
refused("--runs: expects a whole number from 1 to ${u64}, got '-3'" fuzz rlock --runs -3)
refused("--runs: must be from 1 to ${u64}, got '0'" stress sayhi --runs 0)
refused("--depth: must be from 1 to 4294967295, got '0'" fuzz rlock --depth 0)
refused("--depth: must be from 1 to 4294967295, got '4294967296'" fuzz rlock --depth 4294967296)
refused("--max-executions: must be from 1 to ${u64}, got '0'" outputs rlock --max-executions 0)
refused("--max-executions: expects a whole number from 1 to ${u64}, got 'many'"
        possible rlock --stdout /dev/null --max-executions many)
refused("--max-steps: must be from 1 to ${u64}, got '0'" outputs rlock --max-steps 0)
refused("--max-steps: expects a whole number from 1 to ${u64}, got '-1'" check rlock --max-steps -1)
refused("--jobs: must be from 1 to 1024, got '0'" stress sayhi --jobs 0)
refused("--jobs: must be from 1 to 1024, got '1025'" stress sayhi --jobs 1025)

# Seconds: negative, not a number, infinite, beyond what the clock holds.
refused("--max-time: must be from 1e-09 to 9e\\+09 seconds, got '-5'" check rlock --max-time -5)
refused("--max-time: expects a number from 1e-09 to 9e\\+09 seconds, got 'nan'" outputs rlock --max-time nan)
refused("--max-time: must be from 1e-09 to 9e\\+09 seconds, got '1e10'" fuzz rlock --max-time 1e10)
refused("--time-budget: must be from 0 to 1e\\+09 seconds, got '-1'" check rlock --time-budget -1)
refused("--time-budget: expects a number from 0 to 1e\\+09 seconds, got 'inf'" outputs rlock --time-budget inf)
refused("--time-budget: expects a number from 0 to 1e\\+09 seconds, got '1e999'" fuzz rlock --time-budget 1e999)
refused("--time-scale: must be from 1e-06 to 1e\\+06 seconds, got '0'" run sayhi --time-scale 0)
refused("--time-scale: expects a number from 1e-06 to 1e\\+06 seconds, got 'nan'" stress sayhi --time-scale nan)
refused("--timeout: must be from 0 to 1e\\+09 seconds, got '-1'" run sayhi --timeout -1)

# Scenario parameters: out of their meaningful range, not of their type, too large to run.
refused("parameter 'threads' must be at least 1, got '0'" outputs rlock -p threads=0)
refused("parameter 'threads' must be at least 1, got '-3'" check deadlock -p threads=-3)
refused("parameter 'workers' must be at least 1, got '0'" outputs event_overtime -p workers=0)
refused("parameter 'connectors' must be at least 1, got '0'" outputs event_connect -p connectors=0)
refused("parameter 'permits' must be from 0 to 2147483647, got '-1'" outputs semaphore -p permits=-1)
refused("parameter 'permits' must be from 0 to 2147483647, got '2147483648'" outputs semaphore -p permits=2147483648)
refused("parameter 'delay' must be at least 0, got '-1'" outputs timer_captcha -p delay=-1)
refused("parameter 'delay' expects a finite number, got 'nan'" outputs timer_captcha -p delay=nan)
refused("parameter 'threads' does not fit a 64-bit integer, got '${over}'" outputs rlock -p threads=${over})
# A hundred million threads: far more memory than any machine this runs on (8 KiB each: 763 GiB)
# and far more memory mappings than Linux allows by default (two per stack).
refused("rlock threads=100000000 starts 100000001 threads, more than fit here \\(at most [0-9]+\\): [^\n]*each keeps about 8 KiB of memory: 763 GiB in all, of [^\n]*"
        outputs rlock -p threads=100000000)

# describe states the bounds.
expect(0 "\n  threads \\(int, default 23, at least 1\\)  number of threads\n  permits \\(int, default 5, from 0 to 2147483647\\)  the semaphore's initial value\n"
       ${WEFT} describe semaphore)

# A trace whose parameters are out of bounds or too large to run is refused like the command line.
expect(1 "trace: t.json" ${WEFT} check deadlock -p threads=2 --trace-out t.json)
file(READ "${DIR}/t.json" trace)
string(REPLACE "\"threads\": \"2\"" "\"threads\": \"0\"" zero "${trace}")
file(WRITE "${DIR}/zero.json" "${zero}")
refused("zero.json: parameter 'threads' must be at least 1, got '0'" replay zero.json)
string(REPLACE "\"threads\": \"2\"" "\"threads\": \"100000000\"" huge "${trace}")
file(WRITE "${DIR}/huge.json" "${huge}")
refused("huge.json: deadlock threads=100000000 starts 100000001 threads, more than fit here [^\n]*"
        replay huge.json)

# Inputs that are directories.
refused("cannot read stdout file '.': it is a directory" possible rlock --stdout .)
refused("cannot read --file file '.': it is a directory" possible rlock --stdout /dev/null --file db1.txt=.)
refused("cannot read stdin file '.': it is a directory" outputs text_pipeline --stdin .)

# Commands.
refused("'bogus' is not a weft command; the nearest is '[a-z]+' \\(weft --help lists them\\)" bogus)
refused("'chekc' is not a weft command; the nearest is 'check' \\(weft --help lists them\\)" chekc)
refused("'output' is not a weft command; the nearest is 'outputs' \\(weft --help lists them\\)" output)
expect(0 "^weft ${VERSION}\n$" ${WEFT} --version)

# Every budget says in --help what it is when not given: CLI11's "=VALUE" after the option, or
# "default" (or "0: none") in its description.
set(budgets --max-executions --time-budget --max-steps --max-time --runaway-after --max-memory
            --runs --depth --max-preemptions --timeout --time-scale --jobs --max-list)
foreach(command check fuzz outputs possible stress run replay step)
  expect(0 "" ${WEFT} ${command} --help)
  foreach(option ${budgets})
    if(last_output MATCHES "\n  ${option}[ ,][^\n]*")
      set(line "${CMAKE_MATCH_0}")
      if(NOT line MATCHES "${option} [A-Z]+=[^ ]|default|0: none")
        message(FATAL_ERROR "weft ${command} --help does not say ${option}'s default:${line}")
      endif()
    endif()
  endforeach()
endforeach()
# The exhaustive search's budget, the same constant wherever it is shown.
expect(0 "\n  --max-executions UINT=1000000\n" ${WEFT} outputs --help)
expect(0 "\n  --runs UINT +runs \\(random, pct; default 1000\\) or executions \\(dfs; default 1000000\\)"
       ${WEFT} check --help)
expect(0 "for at most 1 s and 200000 executions" ${WEFT} outputs --help)
file(REMOVE_RECURSE "${DIR}")
