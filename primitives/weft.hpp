// Everything a scenario uses: #include "primitives/weft.hpp".
#pragma once

#include "primitives/errors.hpp"
#include "primitives/io.hpp"
#include "primitives/lock.hpp"
#include "primitives/shared.hpp"
#include "primitives/thread.hpp"
