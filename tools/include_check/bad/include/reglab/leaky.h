// A public header that leaks a private one: check_includes.cmake must reject it.
#pragma once
#include "penalties/apply_penalties.h"
