// Store::BulkImport for the RocksDB store (store_bulk.cc): what RocksStore
// hands the importer. Internal to kbq::kb.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kbq/store.h"
#include "record_codec.h"

namespace kbq {

struct BulkTarget {
  rocksdb::DB* db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> cf;  // by entries::Cf
  // The options of each family's SST file (by entries::Cf): those a bulk_load
  // store's closing compaction writes with, so a bulk import is laid out as
  // if compacted.
  std::vector<rocksdb::Options> sst_options;
  std::string path;                              // the store's directory
  records::Counts counts;                        // as of the start
  int32_t max_span = 0;
  // Called once the import is in, with the store's new counts and span.
  std::function<void(const records::Counts&, int32_t max_span)> committed;
};

// Starts an import (creates its temporary directory in the store's).
Result<std::unique_ptr<BulkImporter>> NewBulkImporter(BulkTarget target,
                                                      const BulkImportOptions& options);

}  // namespace kbq
