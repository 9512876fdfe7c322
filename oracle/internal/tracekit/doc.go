// Package tracekit holds what the classic oracle (Go 1.19-1.23) and the Swiss oracle
// (Go 1.24+) share: the workloads' key bookkeeping and string keys, the one-line-behind
// writer of trace lines, the wait for finalizers behind every "gc" operation, and the loop
// that checks a folder of traces. It reads no runtime structure, so it builds with every
// toolchain from Go 1.19 on.
package tracekit
