// Command hello is the baseline for exec benchmarks: the cheapest static
// Go binary, which "gobox true" is compared against.
package main

import "os"

func main() { os.Stdout.WriteString("") }
