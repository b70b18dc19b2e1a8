// Debian's libsnappy (libsnappy-dev) through its C API: the block format that the
// Prometheus remote-write protocol requires for request bodies (not the framed format).
#include <snappy-c.h>
