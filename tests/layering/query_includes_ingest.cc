// Must NOT compile: query depends on kb only (kb ← query).
#include "kbq/ingest/document.h"
