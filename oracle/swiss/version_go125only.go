//go:build go1.25 && !go1.26

package main

const mapTypeName = "abi.SwissMapType"
