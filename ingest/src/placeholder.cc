namespace kbq::ingest {}
