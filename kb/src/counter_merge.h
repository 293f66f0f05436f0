// The merge operator of the store's counters (docs/storage_format.md,
// "Counters"): it adds signed 64-bit counts (records::EncodeCounter). A
// RocksDB handle that opens a kbq store directly (tools, tests that damage a
// store on purpose) must set it on the default column family, or RocksDB
// cannot flush the counters' merge operands.
#pragma once

#include <rocksdb/merge_operator.h>

#include <memory>

namespace kbq {

std::shared_ptr<rocksdb::MergeOperator> NewCounterMergeOperator();

}  // namespace kbq
