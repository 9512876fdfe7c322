//go:build go1.24

package main

func checkDir(dir string) (int, error) { return 0, nil }
