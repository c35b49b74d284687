// The module is header-only (static inline functions); SwiftPM needs one source file for a C target.
#include "CDunPrefetch.h"
