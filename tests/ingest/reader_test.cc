#include "kbq/ingest/reader.h"

#include <catch2/catch.hpp>
