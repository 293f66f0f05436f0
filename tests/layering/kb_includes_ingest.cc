// Must NOT compile: kb sits below ingest (ingest → kb), so kb cannot see
// ingest's headers. tests/CMakeLists.txt checks the compiler's complaint.
#include "kbq/ingest/document.h"
