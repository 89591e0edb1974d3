#include <proj.h>
// geodesic.h (Karney's geodesics) ships with PROJ and its geod_* symbols live in libproj.
#include <geodesic.h>
