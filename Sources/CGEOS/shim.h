// Only the re-entrant (_r) GEOS API: the non-reentrant calls need initGEOS and
// silently return NULL without it, so hiding them turns that bug into a compile error.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
