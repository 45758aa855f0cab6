# weft fuzz --jobs and --shard end to end (docs/scale.md): the report of --jobs 2 is the report
# of --jobs 1; shards make the runs they say; bad values are refused. CTest runs it:
# cmake -DWEFT=path/to/weft -DDIR=scratch -P this.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# The report but its times: a failure (the built-in scenarios fail at their first run; the
# checker's tests [jobs] have later ones), and all runs made without one, PCT's k included.
function(same_on_jobs code)
  expect(${code} "" ${ARGN} --jobs 1 --quiet)
  string(REGEX REPLACE "[0-9.]+ s" "TIME" one "${last_output}")
  expect(${code} "" ${ARGN} --jobs 2 --quiet)
  string(REGEX REPLACE "[0-9.]+ s" "TIME" two "${last_output}")
  if(NOT one STREQUAL two)
    message(FATAL_ERROR "${ARGN}: --jobs 2 reported\n${two}\n--jobs 1 reported\n${one}")
  endif()
endfunction()
same_on_jobs(1 ${WEFT} fuzz deadlock --seed 11 --trace-out d.json)
same_on_jobs(0 ${WEFT} fuzz semaphore --runs 2000 --seed 3)
same_on_jobs(0 ${WEFT} fuzz rlock -p threads=3 --strategy random --runs 3000 --seed 5)
same_on_jobs(0 ${WEFT} fuzz rlock -p threads=3 --runs 3000 --depth 2)

# Shards: 50 runs from seed 7 in 3 shards are seeds 7..22, 23..39, 40..56 (floor(i·50/3)).
expect(0 "50 runs, no failure \\(random schedules\\); seeds 7..56"
       ${WEFT} fuzz rlock -p threads=3 --strategy random --runs 50 --seed 7)
expect(0 "16 runs, no failure \\(random schedules\\); seeds 7..22"
       ${WEFT} fuzz rlock -p threads=3 --strategy random --runs 50 --seed 7 --shard 0/3)
expect(0 "17 runs, no failure \\(random schedules\\); seeds 23..39"
       ${WEFT} fuzz rlock -p threads=3 --strategy random --runs 50 --seed 7 --shard 1/3 --jobs 2)
expect(0 "17 runs, no failure \\(random schedules\\); seeds 40..56"
       ${WEFT} fuzz rlock -p threads=3 --strategy random --runs 50 --seed 7 --shard 2/3)

expect(2 "--shard takes I/N, 0 <= I < N, not '3/3'" ${WEFT} fuzz rlock --strategy random --shard 3/3)
expect(2 "--shard takes I/N, 0 <= I < N, not '1'" ${WEFT} fuzz rlock --strategy random --shard 1)
expect(2 "--shard takes I/N, 0 <= I < N, not '-1/2'" ${WEFT} fuzz rlock --strategy random --shard -1/2)
expect(2 "--shard needs --strategy random" ${WEFT} fuzz rlock --shard 0/2)
expect(2 "--shard splits a number of runs: give --runs"
       ${WEFT} fuzz rlock --strategy random --shard 0/2 --time-budget 1)
expect(2 "--jobs splits the reduced search: drop --no-reduction" ${WEFT} check rlock --jobs 2 --no-reduction)
expect(2 "--jobs" ${WEFT} fuzz rlock --jobs 0)
