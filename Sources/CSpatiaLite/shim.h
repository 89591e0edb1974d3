// spatialite.h uses sqlite3 types without including sqlite3.h itself.
#include <sqlite3.h>
#include <spatialite.h>

// SQLITE_TRANSIENT is a cast macro ((sqlite3_destructor_type)-1) that Swift cannot import.
static inline sqlite3_destructor_type CSpatiaLite_transient(void) { return SQLITE_TRANSIENT; }
