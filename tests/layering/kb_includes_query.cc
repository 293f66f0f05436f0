// Must NOT compile: kb cannot see query's headers.
#include "kbq/query/engine.h"
