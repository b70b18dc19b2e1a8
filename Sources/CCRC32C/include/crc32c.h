#ifndef FLOWTOP_CRC32C_H
#define FLOWTOP_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has a CRC-32C instruction that `flowtop_crc32c_hardware` uses
/// (SSE 4.2 on x86-64), else 0: then the caller keeps its table-driven code.
int flowtop_crc32c_hardware_available(void);

/// CRC-32C (Castagnoli) of `count` bytes continuing from `crc` (0 to start), with the
/// inversions before and after, as the table-driven version in FlowStore computes it.
/// Call only when `flowtop_crc32c_hardware_available()` said 1.
uint32_t flowtop_crc32c_hardware(uint32_t crc, const void *bytes, size_t count);

#endif
