// Package tracekit holds what the classic oracle (Go 1.19-1.23) and the Swiss oracle
// (Go 1.24+) share in writing and reading traces: the workloads' key bookkeeping, string
// keys and [200]byte elems, the one-line-behind writer of operation lines, the atomic write
// of a trace file and the catch of a workload's failed assertion, the wait for finalizers
// behind every "gc" operation, and the reading of a trace with the header fields every
// trace carries and the loop that checks a folder of traces. It reads no runtime
// structure, so it builds with every toolchain from Go 1.19 on.
package tracekit
