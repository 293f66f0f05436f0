// Must NOT compile: nothing below the kbq tool depends on kbq::serve (the
// viewer's server); a program on kbq::api cannot see its header.
#include "kbq/serve/server.h"
