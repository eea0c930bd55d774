// Bindings that include a private header: check_includes.cmake must reject them.
#include "reglab/leaky.h"
#include "train/gallery.h"
