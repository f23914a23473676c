// Command gobox is the multicall binary: it hands the applet table and its
// arguments to the runtime, which dispatches on the name it was invoked as.
package main

import (
	"os"

	"gobox/applets/all"
	"gobox/internal/applet"
)

func main() {
	os.Exit(applet.Main(all.List, os.Args))
}
