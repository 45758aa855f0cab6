# weft stress and weft run end to end: real runs in child processes, their outcomes against the
# models, hung runs matched with the model's deadlock, bad input. CTest runs it:
# cmake -DWEFT=path/to/weft -DDIR=scratch -P this.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# The daemon question on real threads: every outcome seen is one of the untimed model's 45 (the
# exact model's six among them). Real time (the 1 s and 3 s sleeps), so that the runs mostly stay
# inside the exact model on a loaded machine too; the runs mostly sleep, so many at a time cost
# little.
expect(0 "daemon: [1-9][0-9]? distinct outcomes? in 50 runs on real threads \\(25 at a time.*\nthe untimed model \\(45 outcomes, complete\\).*\nagainst the model: every real outcome is a model outcome; reality reached [1-9][0-9]? of 45 model outcomes"
       ${WEFT} stress daemon --runs 50 --jobs 25 --against-model)
expect(0 "\"conforms\": true.*\"perturb\": true,\n  \"runs\": 10,\n  \"scenario\": \"daemon\",\n  \"schema_version\": 1,\n  \"seconds\": [0-9.]+,\n  \"seed\": 7,"
       ${WEFT} stress daemon --runs 10 --jobs 10 --perturb --seed 7 --against-model --json)

# The lock-order deadlock hangs on real threads too: killed at the timeout, with what it printed,
# and found in the model as the deadlock with exactly that output.
expect(1 "^outcome 1 of [1-3]: hung \\([1-3] runs?\\)\n  after 2 s\n  stdout:\n.*Thread-[0-9]+ 拿到A锁.*\noutcome 1 \\(hung\\): the untimed model has this deadlock, with exactly this output:\n  blocked:\n.*wait-for cycle: "
       ${WEFT} stress deadlock --runs 3 --jobs 3 --timeout 2)

# One run in its own process: the output as it is written, the program-end rule.
# Real threads: the three first lines in any order (each once), then the non-daemon thread's last
# line ends the program; the daemon's end123 (due 100 ms before it) may be cut off on a slow run.
set(first "(123|456|main-------)\n")
expect(0 "^${first}${first}${first}(end123\n)?end456\n$" ${WEFT} run daemon --time-scale 0.05)
foreach(line "123" "456" "main-------")
  if(NOT last_output MATCHES "(^|\n)${line}\n")
    message(FATAL_ERROR "weft run daemon: no line ${line} in:\n${last_output}")
  endif()
endforeach()
# A run that never ends is told as the model tells it: the deadlock with exactly its output.
expect(1 "Thread-1 拿到A锁.*\nweft: run ended: hung after 1 s\nthe untimed model has this deadlock, with exactly this output:\n  blocked:\n.*wait-for cycle: .*\n  CPU time its processes had used when it was stopped: [0-9.]+ s\n$"
       ${WEFT} run deadlock -p threads=2 --timeout 1)

# The seed's socket server on real loopback, with real child processes: the fixed server serves
# its client and then both processes wait in accept for ever, the model's deadlock; the seed's
# spins after its client has gone, the model's livelock (its CPU time shows the spin).
set(served "Process-[12] accepts a connection\nconn1 send b'hello' -> recv b'HELLO'\n")
expect(1 "^${served}weft: run ended: hung after 2 s\nthe untimed model has this deadlock, with exactly this output:\n  blocked:\n.*waits in accept on socket 127.0.0.1:8080.*\n  CPU time its processes had used when it was stopped: [0-9.]+ s\n$"
       ${WEFT} run echo_server_fixed -p clients=1 -p messages=1 --timeout 2)
expect(1 "outcome 1 \\(hung\\): the untimed model has this livelock, with exactly this output:\n.*Process-[12]/Thread-1.*\n  CPU time its processes had used when it was stopped: [0-9.]+ s\n"
       ${WEFT} stress echo_server -p clients=1 -p messages=1 --runs 2 --jobs 2 --timeout 2)
expect(1 "against the model: every real outcome is a model outcome"
       ${WEFT} stress echo_server_fixed -p clients=1 -p messages=1 --runs 4 --jobs 4 --timeout 2 --against-model)

# Files are real files in a directory per run, kept on request; the seed's pipeline spins for
# ever once its input ends (a livelock in the model), and its file is read after the kill.
file(WRITE "${DIR}/words.txt" "alpha\nbeta\n")
expect(1 "file db1.txt:\n    ALPHA\n    BETA\n.*the untimed model has this livelock"
       ${WEFT} stress text_pipeline --runs 2 --stdin words.txt --keep-files kept --time-scale 0.01 --timeout 1)
if(NOT EXISTS "${DIR}/kept/run-1" OR NOT EXISTS "${DIR}/kept/run-2")
  message(FATAL_ERROR "--keep-files kept no run directories")
endif()

# Bad usage: one line, exit 2, nothing written.
expect(2 "^weft: --runs: must be from 1 to 18446744073709551615, got '0'\n$" ${WEFT} stress daemon --runs 0)
expect(2 "^weft: --time-scale: must be from 1e-06 to 1e\\+06 seconds, got '0'\n$" ${WEFT} stress daemon --time-scale 0)
expect(2 "^weft: unknown scenario 'deamon'" ${WEFT} stress deamon)
expect(2 "^weft: --keep-files directory 'kept' is not empty\n$" ${WEFT} stress daemon --keep-files kept)
file(REMOVE_RECURSE "${DIR}")
