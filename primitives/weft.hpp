// Everything a scenario uses: #include "primitives/weft.hpp".
#pragma once

#include "primitives/barrier.hpp"
#include "primitives/condition.hpp"
#include "primitives/errors.hpp"
#include "primitives/event.hpp"
#include "primitives/io.hpp"
#include "primitives/lock.hpp"
#include "primitives/process.hpp"
#include "primitives/queue.hpp"
#include "primitives/semaphore.hpp"
#include "primitives/shared.hpp"
#include "primitives/socket.hpp"
#include "primitives/thread.hpp"
#include "primitives/timer.hpp"
