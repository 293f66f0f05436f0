// Must NOT compile: a program on kbq::api (the kbq tool, examples, bindings)
// sees kbq/knowledge_base.h and the query printers, not the pipeline's
// headers (kbq::api links kbq::ingest privately).
#include "kbq/ingest/document.h"
