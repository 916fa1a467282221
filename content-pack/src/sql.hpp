// sql.hpp (internal): the SQLite statement layer is public now (content-pack/sql.hpp),
// shared with sync's state store; this name stays for the sources that include it.
#pragma once

#include "content-pack/sql.hpp"
