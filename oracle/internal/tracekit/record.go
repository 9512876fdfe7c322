package tracekit

import (
	"bufio"
	"fmt"
	"os"
)

// Failure is a workload assertion that did not hold: the session panics with it and Catch
// turns it into the workload's error.
type Failure struct{ Msg string }

// Catch runs f and returns the Failure it panicked with as an error; any other panic goes on.
func Catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if fl, ok := r.(Failure); ok {
				err = fmt.Errorf("%s", fl.Msg)
				return
			}
			panic(r)
		}
	}()
	f()
	return nil
}

// WriteAtomically writes a trace to path through write: to path.tmp first, renamed at the
// end, so that a failed workload leaves no truncated trace behind, nor one of an earlier run
// under the same name.
func WriteAtomically(path string, write func(w *bufio.Writer) error) (err error) {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer func() {
		f.Close()
		if err != nil {
			os.Remove(tmp)
			os.Remove(path)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
