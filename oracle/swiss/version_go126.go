//go:build go1.26

package main

// Go 1.26 renamed abi.SwissMapType to abi.MapType (same layout) and removed the classic map.
const mapTypeName = "abi.MapType"
