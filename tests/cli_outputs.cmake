# weft outputs in bounded memory and output: the summary first, a capped listing, a count of what
# was not listed, the memory limit. CTest runs it: cmake -DWEFT=path/to/weft -DDIR=scratch -P this.
#
# daemon has 6 outcomes: main-------, 123 and 456 in any of 3! orders, then end123, end456.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# Two listed after the summary, and how to see the other four.
expect(0 "^daemon: 6 distinct outcomes in 6 executions, 6 classes, complete \\(every class of equivalent schedules explored\\), [0-9.]+ s\n[^\n]*further outcomes[^\n]*\ncounted: the 4 outcomes not kept in full by 64-bit fingerprints[^\n]*\nlisted: 2 outcomes \\(the first found, and the first of each status\\); 4 not listed \\(--max-list N or --max-list all lists more; --sample K shows K of them at random\\)\n\noutcome 1 of 6: ok[^\n]*\n  stdout:\n    main-------\n    123\n    456\n    end123\n    end456\n\noutcome 2 of 6: ok[^\n]*\n  stdout:\n(    [^\n]*\n)+\ndescription \\(exact: [^\n]*\\):\n"
       ${WEFT} outputs daemon --max-list 2 --no-state-caching)
expect(0 "\"distinct_outcomes\": 6,.*\"outcomes_not_listed\": 4,.*\"outcomes\": \\[\n    {.*\"number\": 1,.*\"number\": 2,.*\n  \\]\n}\n$"
       ${WEFT} outputs daemon --max-list 2 --json --no-state-caching)
if(last_output MATCHES "\"number\": 3")
  message(FATAL_ERROR "--max-list 2 --json lists a third outcome:\n${last_output}")
endif()
# Every outcome, and no note, with --max-list all (or a cap above the count).
expect(0 "^daemon: 6 distinct outcomes[^\n]*\n[^\n]*further outcomes[^\n]*\n\noutcome 1 of 6.*outcome 6 of 6"
       ${WEFT} outputs daemon --max-list all)
# --list, the option's earlier name, still works.
expect(0 "; 4 not listed" ${WEFT} outputs daemon --list 2)
expect(0 "\"counting\": \"exact\",.*\"outcomes_not_listed\": 0," ${WEFT} outputs daemon --json)
# The first of each status is listed beyond the cap: deadlock threads=2 finds a deadlock first
# and its first ok outcome third.
expect(1 "\noutcome 1 of 8: deadlock.*\noutcome 3 of 8: ok" 
       ${WEFT} outputs deadlock -p threads=2 --max-list 1 --no-state-caching)

# Counted by fingerprint beyond the two listed: rlock's threads each print a func1 block then a
# func2 block of two lines, blocks never interleaved; 3 threads: 6!/2^3 = 90 orders of 6 blocks.
expect(0 "^rlock threads=3: 90 distinct outcomes in [0-9]+ executions, ([0-9]+ classes|state caching: [0-9]+ states), complete[^\n]*\n[^\n]*\ncounted: the 88 outcomes not kept in full[^\n]*\nlisted: 2 outcomes [^\n]*; 88 not listed"
       ${WEFT} outputs rlock -p threads=3 --max-list 2)

# A memory limit below what any process holds ends the search after its first execution.
expect(4 "^rlock threads=10: 1 distinct outcome in 1 execution, ([0-9]+ class(es)?|state caching: [0-9]+ states)[^\n]*, INCOMPLETE \\(cut by max-memory\\)[^\n]*\nmax-memory: weft held more than 1 KiB \\(--max-memory SIZE sets the limit\\)\n\noutcome 1 of 1: ok"
       ${WEFT} outputs rlock --max-memory 1K)
expect(4 "\"cut_by\": \"max-memory\"" ${WEFT} outputs rlock --max-memory 1K --json)
expect(4 "INCOMPLETE, cut by max-memory after 1 execution, (1 class|state caching)" ${WEFT} check rlock --max-memory 1K)

# Bad sizes and counts: one line, exit 2.
expect(2 "^weft: --max-memory takes a size with its unit \\(512M, 2G\\), not '512'\n$"
       ${WEFT} outputs daemon --max-memory 512)
expect(2 "^weft: --max-memory takes a size with its unit \\(512M, 2G\\), not '0G'\n$"
       ${WEFT} check daemon --max-memory 0G)
expect(2 "^weft: --max-memory applies to --strategy dfs only\n$"
       ${WEFT} check daemon --strategy random --max-memory 1G)
expect(2 "^weft: --max-list takes a count or 'all', not 'some'\n$" ${WEFT} outputs daemon --max-list some)

# The description after the listing. daemon: the three first lines in any order (one group of
# pairwise unordered lines), then end123 at t=1 and end456 at t=3 in every outcome: one chain,
# and end123 | end456 a block (always together, nothing between).
expect(0 "\n\ndescription \\(exact: the search was complete and every distinct outcome, compared in full, was described once\\):\n  6 distinct outcomes\n  statuses: ok 6\n  always printed \\(5 lines\\):\n    `main-------`\n    `123`\n    `456`\n    `end123`\n    `end456`\n  sometimes printed \\(0 lines\\)\n  order \\(wherever both are printed, the first comes before the second\\):\n    `main-------`, `123`, `456` before `end123` before `end456`\n  blocks \\(printed together, in this order, nothing between\\):\n    `end123` \\| `end456`\n$"
       ${WEFT} outputs daemon)
# gil_counter threads=3 untimed prints one of 0, 1, 2 (lost updates): each line sometimes, with
# the executions that printed it when every outcome is listed with its count.
expect(0 "  always printed \\(0 lines\\)\n  sometimes printed \\(3 lines\\):\n    `0` in 1 of 3 outcomes \\([0-9]+ executions\\)\n    `1` in 1 of 3 outcomes \\([0-9]+ executions\\)\n    `2` in 1 of 3 outcomes \\([0-9]+ executions\\)\n  order: no two lines always come in the same order\n  blocks: none"
       ${WEFT} outputs gil_counter -p threads=3 --timing untimed)
# Counted by fingerprint: still exact, and says how outcomes were told apart; the default listing
# cap (20) and how many more there are.
expect(0 "listed: 20 outcomes [^\n]*; 70 not listed.*\ndescription \\(exact: [^\n]*64-bit fingerprint[^\n]*\\):\n  90 distinct outcomes\n  statuses: ok 90\n  always printed \\(12 lines\\)"
       ${WEFT} outputs rlock -p threads=3)
# Cut by a budget: observed, with the cause.
expect(4 "\ndescription \\(observed: the search was cut by max-executions\\):\n  5 distinct outcomes\n"
       ${WEFT} outputs rlock -p threads=3 --max-executions 5 --no-state-caching)
# weft check: the statuses reached after its verdict.
expect(0 "^rlock threads=3: no failure; exhaustive: 90 executions, 90 classes, complete, [0-9.]+ s\n\ndescription \\(exact: [^\n]*\\):\n  90 distinct outcomes\n  statuses: ok 90\n"
       ${WEFT} check rlock -p threads=3 --no-state-caching)
# With state caching (the default where the reduction does not answer within its 10,000
# executions: 5 threads) a check reaches every status, not every output: observed.
expect(0 "^rlock threads=5: no failure; exhaustive: [0-9]+ executions, state caching \\+ symmetry: [0-9]+ states, complete, [0-9.]+ s\n\ndescription \\(observed: every status was reached, but states that differ only by their output were explored once"
       ${WEFT} check rlock -p threads=5)
# The search weft outputs chooses answers at the reduction's cost where the reduction, run first,
# completes within its 10,000 executions: event_connect's two connectors take it 147 executions
# (144 classes and 3 that a sleep set stops), whatever state caching would take after it.
expect(0 "^event_connect connectors=2: 48 distinct outcomes in 147 executions, 144 classes, complete"
       ${WEFT} outputs event_connect --no-state-caching)
expect(0 "^event_connect connectors=2: 48 distinct outcomes in 147 executions, 144 classes, complete"
       ${WEFT} outputs event_connect)
# event_overtime with 3 workers: 12,960 classes (tests/reduction_test.cpp derives the count), 17,678
# executions for the reduction. Past the first 10,000 the reduction's own estimate of its size
# says it will finish soon, and it goes on: the default search answers as the reduction alone
# does, where state caching after it would be cut (at a million executions; here at 100,000).
expect(0 "^event_overtime workers=3: 56 distinct outcomes in 17678 executions, 12960 classes, complete"
       ${WEFT} outputs event_overtime -p workers=3 --no-state-caching)
expect(0 "^event_overtime workers=3: 56 distinct outcomes in 17678 executions, 12960 classes, complete"
       ${WEFT} outputs event_overtime -p workers=3 --max-executions 100000)
# JSON: the description as one object, its counts as numbers.
expect(0 "\"description\": {\n    \"basis\": \"exact: [^\"]*\",\n    \"blocks\": \\[\n      \\[\n        3,\n        4\n      \\]\n    \\],\n    \"exact\": true,.*\"max_lines\": 1024,\n    \"order\": {\n      \"chains\": \\[\n        \\[\n          0,\n          1,\n          2\n        \\]\n      \\],.*\"outcomes\": 6,\n    \"statuses\": {\n      \"ok\": 6\n    },\n    \"too_many_lines\": false\n  },"
       ${WEFT} outputs daemon --json)

# --sample K: K of the unlisted outcomes, the same ones for the same --seed.
function(sample_part seed)
  expect(0 "\nsample 1 of 3: outcome [0-9]+ of 90: ok[^\n]*\n  stdout:\n.*\nsample 3 of 3: "
         ${WEFT} outputs rlock -p threads=3 --max-list 2 --sample 3 --seed ${seed})
  string(FIND "${last_output}" "\nsample 1 of 3" first)
  string(FIND "${last_output}" "\ndescription " last)
  math(EXPR length "${last} - ${first}")
  string(SUBSTRING "${last_output}" ${first} ${length} part)
  set(sample "${part}" PARENT_SCOPE)
endfunction()
sample_part(3)
set(first_sample "${sample}")
sample_part(3)
if(NOT sample STREQUAL first_sample)
  message(FATAL_ERROR "--sample 3 --seed 3 drew two different samples:\n${first_sample}\n${sample}")
endif()
sample_part(4)
if(sample STREQUAL first_sample)
  message(FATAL_ERROR "--seed 3 and --seed 4 drew the same sample (they differ, checked once)")
endif()
expect(0 "\"samples\": \\[\n    {.*\"number\": [0-9]+" ${WEFT} outputs rlock -p threads=3 --max-list 2 --sample 1 --json)
expect(2 "^weft: --sample: expects a whole number from 0 to 1000000, got '-1'\n$" ${WEFT} outputs daemon --sample -1)

# A listing cut by a budget is followed by the count over the state graph (docs/state-caching.md,
# "Counting outputs"): rlock with 4 threads has 8!/2^4 = 2520 outputs (2n blocks in any order but
# each thread's func1 block before its func2 block); the listing stops after 100 executions.
expect(4 "^rlock threads=4: [0-9]+ distinct outcomes in 100 executions, [0-9]+ classes, INCOMPLETE[^\n]*\n(.*\n)?exact count: 2520 distinct outcomes \\(counted over the state graph"
       ${WEFT} outputs rlock -p threads=4 --max-executions 100)
expect(4 "\"counted_outcomes\": 2520" ${WEFT} outputs rlock -p threads=4 --max-executions 100 --json)
# A complete listing needs no count.
expect(0 "^daemon: 6 distinct outcomes" ${WEFT} outputs daemon)
if(last_output MATCHES "exact count")
  message(FATAL_ERROR "a complete listing is followed by a count:\n${last_output}")
endif()
# --times: each stdout line with the virtual time its print ran in the outcome's witness. Two
# permits, three threads that each hold one for 3 s: two lines at t=0, the third once a permit
# comes back at t=3 — the waves the seed's car park shows with 5 of 23.
expect(0 "\noutcome 1 of 6: ok[^\n]*\n  stdout:\n    t=0.000  Thread-1 get sm\n    t=0.000  Thread-2 get sm\n    t=3.000  Thread-3 get sm\n\n"
       ${WEFT} outputs semaphore -p threads=3 -p permits=2 --times --max-list 1)
expect(0 "\"stdout_times\": \\[\n +0.0,\n +0.0,\n +3.0\n +\\]"
       ${WEFT} outputs semaphore -p threads=3 -p permits=2 --times --max-list 1 --json)
